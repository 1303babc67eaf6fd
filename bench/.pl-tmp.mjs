import { chromium } from 'playwright-core';
import { launchOptions } from '../scripts/browser.js';
import { measurePageLoad } from './page-load.js';
const browser = await chromium.launch(launchOptions());
const loads = await measurePageLoad(browser, '/work/main/', Number(process.argv[2] ?? 12));
console.log(JSON.stringify(loads, null, 1));
await browser.close();
