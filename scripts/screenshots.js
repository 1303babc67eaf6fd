// `npm run screenshots`: pictures of every element and mode from the demo gallery, and of the dashboard with the sample
// month, for the README (docs/screenshots/).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../demo/serve.js';

import { launchOptions } from './browser.js';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
// the built collector (a variable path keeps the type checker off dist/, which a fresh checkout does not have)
const built = '../dist/collector/index.js';
/** @type {typeof import('../collector/index.js')} */
const { sampleResponses } = await import(built);
mkdirSync(out, { recursive: true });
const data = mkdtempSync(join(tmpdir(), 'cxkit-screenshots-'));
const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: true, quiet: true });
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
  // the states the scale-geometry test measures: popover and modal on a 390 px phone and on the narrowest, 320 px
  let pictures = figures.length;
  for (const [kind, mode, width, name] of /** @type {const} */ ([
    ['nps', 'popover', 390, 'nps-popover-phone'],
    ['ces', 'modal', 390, 'ces-modal-phone'],
    ['nps', 'popover', 320, 'nps-popover-320'],
    ['nps', 'modal', 320, 'nps-modal-320'],
  ])) {
    await page.setViewportSize({ width, height: 700 });
    await page.click(`[data-show="${kind}"][data-mode="${mode}"]`);
    await page.locator(`cx-${kind}[open] [part="panel"]`).waitFor();
    await page.screenshot({ path: `${out}${name}.png` });
    pictures++;
    await page.locator(`body > cx-${kind}`).getByRole('button', { name: 'Close' }).click();
    await page.locator(`body > cx-${kind}`).waitFor({ state: 'detached' });
  }
  await page.setViewportSize({ width: 320, height: 700 });
  await page.locator('#shot-nps').screenshot({ path: `${out}nps-inline-320.png` });
  await page.locator('#shot-ar').screenshot({ path: `${out}ar-320.png` });
  pictures += 2;
  // the dashboard with the sample month, on a desktop and on a phone
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await page.goto(`${server.url}dashboard`);
  await page.locator('#dist-ces canvas').first().waitFor();
  await page.screenshot({ path: `${out}dashboard.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}dashboard-phone.png` });
  // each view of the dashboard, at desktop and phone width, as the README shows them; the drill-down opened from a
  // segment, as a CX manager would, and cut to its first answers so that the picture stays readable
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('region', { name: 'Segments' }).getByLabel('Compare').selectOption('mobile');
  await page.getByRole('region', { name: 'Segments' }).getByLabel('with').selectOption('desktop');
  await page.locator('#segment-comparison li').first().waitFor();
  await page.getByRole('region', { name: 'Segments' }).getByRole('button', { name: 'mobile' }).click();
  await page
    .locator('#answer-status')
    .filter({ hasText: /^Answers 1–20 of/ })
    .waitFor();
  await page.evaluate(() => document.querySelectorAll('#answer-table tbody tr:nth-child(n+7)').forEach((row) => row.remove()));
  // a view's picture is the view alone: the section links' bar, which stays over the page as it scrolls, is left in its
  // place at the top (set through the CSSOM: the dashboard's CSP refuses an injected style sheet)
  await page.locator('#sections').evaluate((bar) => bar.style.setProperty('position', 'static'));
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    for (const view of ['journey', 'segments', 'trends', 'themes', 'answers']) {
      await page.locator(`#${view}`).screenshot({ path: `${out}dashboard-${view}${width < 500 ? '-phone' : ''}.png` });
      pictures++;
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
  await page.waitForTimeout(500);
  await page.locator('#trends').screenshot({ path: `${out}dashboard-trends-dark.png` });
  pictures++;
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  // a customer's history, opened from the first signed-in customer in the inbox, on a desktop and on a phone
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width < 500 ? 844 : 900 });
    await page
      .locator('#inbox-items')
      .getByRole('button', { name: /: their history$/ })
      .first()
      .click();
    await page.locator('#customer-timeline li').first().waitFor();
    await page.screenshot({ path: `${out}dashboard-customer${width < 500 ? '-phone' : ''}.png` });
    pictures++;
    await page.keyboard.press('Escape');
  }
  // the dashboard at small numbers: no answer yet, then one, then two (of a fresh collector)
  const small = await startDemoServer({ port: 0, dataFile: join(data, 'small.db'), quiet: true });
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    const [first, second] = sampleResponses(2, 1, new Date(), 5).map((r) => ({
      ...r,
      answeredAt: new Date(Date.now() - 60_000).toISOString(),
    }));
    for (const [name, add] of /** @type {const} */ ([
      ['dashboard-empty', []],
      ['dashboard-one', [first]],
      ['dashboard-two', [second]],
    ])) {
      if (add.length) {
        await fetch(`${small.url}v1/responses`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: add }),
        });
      }
      await page.goto(`${small.url}dashboard`);
      await page
        .locator('#status')
        .filter({ hasText: /answers?$/ })
        .waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}${name}.png`, fullPage: true });
    }
  } finally {
    await small.close();
  }
  console.log(`screenshots: ${pictures + 5} pictures in docs/screenshots/`);
} finally {
  await browser.close();
  await server.close();
  rmSync(data, { recursive: true, force: true });
}
