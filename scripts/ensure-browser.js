// pretest: makes sure a browser exists, installing Debian's Chromium when we are root on Debian/Ubuntu.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findBrowser, howToGetABrowser } from './browser.js';

const found = findBrowser();
if (found) {
  console.log(`cxkit: testing with ${found}`);
  process.exit(0);
}
if (process.env.CHROME_PATH) {
  console.error(`cxkit: CHROME_PATH=${process.env.CHROME_PATH} does not exist. ${howToGetABrowser}`);
  process.exit(1);
}
const canApt = existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
if (!canApt) {
  console.error(`cxkit: no browser found. ${howToGetABrowser}`);
  process.exit(1);
}
console.log('cxkit: no browser found; installing Debian chromium (about a minute)…');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
} catch {
  console.error(`cxkit: installing chromium failed. ${howToGetABrowser}`);
  process.exit(1);
}
const installed = findBrowser();
if (!installed) {
  console.error(`cxkit: chromium installed but not found. ${howToGetABrowser}`);
  process.exit(1);
}
console.log(`cxkit: testing with ${installed}`);
