// `npm run screenshots`: pictures of every element and mode from the demo gallery, for the README (docs/screenshots/).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../demo/serve.js';
import { launchOptions } from './browser.js';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const server = await startDemoServer(0, { quiet: true });
const browser = await chromium.launch(launchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.url}elements.html`);
  await page.waitForFunction(
    () => customElements.get('cx-nps') && document.querySelector('#shot-follow-up cx-nps')?.shadowRoot?.querySelector('textarea'),
  );
  const figures = await page.locator('figure[id^="shot-"]').evaluateAll((els) => els.map((el) => el.id));
  for (const id of figures) await page.locator(`#${id}`).screenshot({ path: `${out}${id.slice(5)}.png` });
  for (const [kind, mode] of [
    ['nps', 'popover'],
    ['ces', 'modal'],
  ]) {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.click(`[data-show="${kind}"][data-mode="${mode}"]`);
    await page.locator(`cx-${kind}[open] [part="panel"]`).waitFor();
    await page.screenshot({ path: `${out}${kind}-${mode}-phone.png` });
    await page.keyboard.press('Escape');
    await page.locator(`body > cx-${kind}`).waitFor({ state: 'detached' });
  }
  console.log(`screenshots: ${figures.length + 2} pictures in docs/screenshots/`);
} finally {
  await browser.close();
  await server.close();
}
