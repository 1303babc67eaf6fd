// The score is never lost to an abandoned follow-up, and a finished one never leaves a partial twin.
import { expect, pending, test } from '../support/fixtures.js';

const body = '<main><cx-nps touchpoint="checkout-complete"></cx-nps></main>';

test('a score chosen, then the tab closed during the follow-up: the score arrives, marked partial, by the next load', async ({
  context,
  openSite,
  siteConfig,
  collector,
}) => {
  const page = await context.newPage();
  await openSite(page, { inlineConfig: siteConfig(), body });
  await page.locator('cx-nps').getByRole('radio', { name: '4', exact: true }).click();
  await expect(page.locator('cx-nps').getByRole('textbox')).toBeVisible();
  await page.locator('cx-nps').getByRole('textbox').fill('The delivery');
  await page.close({ runBeforeUnload: true });
  const next = await context.newPage();
  await openSite(next, { inlineConfig: siteConfig(), body: '<main></main>' });
  await expect.poll(() => collector.receivedIds().length).toBeGreaterThan(0);
  await next.waitForTimeout(500);
  const sent = collector.received().flatMap((r) => r.body.responses);
  // at-least-once: the unload send and the next load may both carry it; one id, always partial, never a comment
  expect(new Set(sent.map((r) => r.id)).size).toBe(1);
  for (const response of sent) expect(response).toMatchObject({ score: 4, partial: true, touchpoint: 'checkout-complete' });
  expect(sent[0]!.comment).toBeUndefined();
});

test('a finished follow-up sends one complete response and no partial twin', async ({ page, openSite, siteConfig, collector }) => {
  await openSite(page, { inlineConfig: siteConfig(), body });
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '9', exact: true }).click();
  await nps.getByRole('textbox').fill('Great tea');
  await nps.getByRole('button', { name: 'Send' }).click();
  await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
  await expect.poll(() => collector.received().length).toBe(1);
  // reloading before the page has read the collector's reply sends the answer again (at least once; the collector
  // keeps one per id): this test is about what a page sends after it knows the answer arrived
  await expect.poll(() => pending(page)).toBe(0);
  await page.reload();
  await page.waitForTimeout(800);
  const sent = collector.received().flatMap((r) => r.body.responses);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ score: 9, comment: 'Great tea' });
  expect(sent[0]!.partial).toBeUndefined();
});

test('dismissing after a score sends it as partial', async ({ page, openSite, siteConfig, collector }) => {
  await openSite(page, { inlineConfig: siteConfig(), body });
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '7', exact: true }).click();
  await nps.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => collector.received().length).toBe(1);
  expect(collector.received()[0]!.body.responses[0]).toMatchObject({ score: 7, partial: true });
});
