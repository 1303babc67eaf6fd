// Finds a Chromium-family browser for the test runners: CHROME_PATH first, then the usual system installs.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** @returns {string | null} the browser executable to launch, or null when none is installed */
export function findBrowser() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  for (const path of candidates) if (existsSync(path)) return path;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found) return found;
    } catch {
      // not on PATH: try the next name
    }
  }
  return null;
}

export const howToGetABrowser =
  'cxkit tests need Chromium or Chrome. Install one (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`; ' +
  'macOS: install Google Chrome) or point CHROME_PATH at an existing Chrome/Chromium executable.';

/** Launch options that work headless, as root, and on a machine with no outside network. */
export function launchOptions() {
  const executablePath = findBrowser();
  if (!executablePath) throw new Error(howToGetABrowser);
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
