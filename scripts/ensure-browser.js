// pretest: makes sure a browser exists, installing Debian's Chromium when we are root on Debian/Ubuntu.
import { aptInstallOrExit } from './apt-install.js';
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
aptInstallOrExit({ pkg: 'chromium', missing: 'no browser found', howTo: howToGetABrowser });
const installed = findBrowser();
if (!installed) {
  console.error(`cxkit: chromium installed but not found. ${howToGetABrowser}`);
  process.exit(1);
}
console.log(`cxkit: testing with ${installed}`);
