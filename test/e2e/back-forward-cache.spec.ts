// The back/forward cache: a page that carries cxkit is kept whole when the visitor leaves it, so that going back is
// instant (Lighthouse audits it), and what cxkit was doing carries on in the page the browser brings back.
import type { CDPSession, Page } from '@playwright/test';
import { launchOptions } from '../../scripts/browser.js';
import type { EmbedApi } from '../../src/embed.js';
import { expect, test } from './support/fixtures.js';
import { watchErrors } from './support/page-errors.js';

// Playwright turns the cache off by default, so that tests see every navigation load; this file wants it on
test.use({ launchOptions: { ...launchOptions(), ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

/**
 * Watches the page's navigations from now on: why the browser did not restore it from the cache (as Chrome's DevTools
 * says it), and, on every page shown, whether it came from the cache.
 */
async function watchCache(page: Page): Promise<string[]> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  const reasons: string[] = [];
  cdp.on('Page.backForwardCacheNotUsed', (event) => reasons.push(...event.notRestoredExplanations.map((e) => e.reason)));
  await page.addInitScript(() =>
    addEventListener('pageshow', (event) => ((window as unknown as { restored?: boolean }).restored = event.persisted)),
  );
  return reasons;
}

/** Leaves the page for a file on another origin and comes back; resolves with whether the page came back from the cache. */
async function leaveAndComeBack(page: Page, elsewhere: string): Promise<boolean> {
  await page.evaluate(() => delete (window as unknown as { restored?: boolean }).restored);
  await page.goto(elsewhere);
  // a page the cache brings back fires no load event
  await page.goBack({ waitUntil: 'commit' });
  return page
    .waitForFunction(() => (window as unknown as { restored?: boolean }).restored !== undefined)
    .then(() => page.evaluate(() => (window as unknown as { restored: boolean }).restored));
}

const checkout = { id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } };

test('a page with nothing due, its core loaded, is kept in the back/forward cache', async ({ page, openSite, server }) => {
  const refusals = await watchCache(page);
  await openSite(page, { inlineConfig: { touchpoints: [checkout] } });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client);
  expect(await leaveAndComeBack(page, `${server.collectorOrigin}/dist/cxkit.js`)).toBe(true);
  expect(refusals).toEqual([]);
});

test('a page left with a prompt half answered is kept; back in it, the visitor finishes, and the complete answer replaces the partial one', async ({
  page,
  openSite,
  server,
  collector,
}) => {
  const seen = watchErrors(page);
  const refusals = await watchCache(page);
  await openSite(page, { inlineConfig: { touchpoints: [checkout] } });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client);
  void page.evaluate(() => (window.cxkit as EmbedApi).milestone('checkout-complete'));
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '9' }).click();
  // leaving the page sends the score as it is
  expect(await leaveAndComeBack(page, `${server.collectorOrigin}/dist/cxkit.js`)).toBe(true);
  expect(refusals).toEqual([]);
  await expect.poll(() => collector.received().flatMap((r) => r.body.responses)).toMatchObject([{ score: 9, partial: true }]);
  await expect(nps.getByRole('radio', { name: '9' })).toBeChecked();
  await nps.getByRole('textbox').fill('Quick checkout');
  await nps.getByRole('button', { name: 'Send' }).click();
  await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
  await expect
    .poll(() => collector.received().flatMap((r) => r.body.responses))
    .toMatchObject([
      { score: 9, partial: true },
      { score: 9, comment: 'Quick checkout' },
    ]);
  const [partial, complete] = collector.received().flatMap((r) => r.body.responses);
  expect(complete?.id).toBe(partial?.id);
  expect(complete?.partial).toBeUndefined();
  expect(seen).toEqual({ console: [], uncaught: [] });
});

test('a page the back/forward cache brings back is a page view: a touchpoint waiting for the second view shows there', async ({
  page,
  openSite,
  server,
}) => {
  const seen = watchErrors(page);
  await watchCache(page);
  const secondView = { id: 'pricing-second-look', prompt: 'csat', on: { url: '/site/pricing', pageViews: 2 } };
  await openSite(page, { path: '/site/pricing', inlineConfig: { touchpoints: [secondView] } });
  await expect
    .poll(() => page.evaluate(() => (window.cxkit as EmbedApi).explain('pricing-second-look')))
    .toMatchObject({ waitingFor: ['page view 2 (this is 1)'] });
  await expect(page.locator('cx-csat')).toHaveCount(0);
  // the visitor looks elsewhere (a page without cxkit), and comes back with the browser's back button
  expect(await leaveAndComeBack(page, `${server.collectorOrigin}/dist/cxkit.js`)).toBe(true);
  await expect(page.locator('cx-csat').getByRole('radio')).toHaveCount(5);
  expect(seen).toEqual({ console: [], uncaught: [] });
});
