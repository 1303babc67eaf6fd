// Displays from the shipped script tag: every prompt shown reaches the collector once with how it ended — dismissed,
// answered (linked to its answer), or ignored because the page closed with it open — through an offline period and a
// reload; and nothing of the kind is stored or sent while consent is pending.
import type { Page } from '@playwright/test';
import type { EmbedApi } from '../../../src/embed.js';
import type { Received } from '../../support/collector.js';
import { expect, test, type SiteOptions } from '../support/fixtures.js';

/** Each moment in its journey stage, which its displays and answers carry. */
const stages: Record<string, string> = { checkout: 'buy', help: 'get-help', pricing: 'choose' };
const touchpoints = Object.entries(stages).map(([id, stage]) => ({ id, prompt: 'nps', on: { milestone: id }, mode: 'popover', stage }));
const recontact = { afterAnswerDays: 0, afterDismissDays: 0, maxPromptsPerSession: 10 };

const milestone = (page: Page, name: string) => page.evaluate((name) => (window.cxkit as EmbedApi).milestone(name), name);

/** The displays the collector accepted, in the order they came. */
const acceptedDisplays = (collector: { received(): Received[] }) =>
  collector.received().flatMap((r) => (r.status < 300 ? (r.body.displays ?? []) : []));

/** What the visitor's IndexedDB holds in the outbox: display outcomes, and answer ids. */
const stored = (page: Page, db: string) =>
  page.evaluate(
    (name) =>
      new Promise<Array<{ display?: { touchpoint: string; outcome: string }; response?: { id: string } }>>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAll();
          request.onsuccess = () => (open.result.close(), resolve(request.result));
        };
      }),
    db,
  );

test('shown then dismissed, answered, and left open by a closing page: three displays, each once, after offline and a reload', async ({
  page,
  context,
  openSite,
  collector,
}) => {
  await openSite(page, { inlineConfig: { touchpoints, recontact } });
  await page.evaluate(() => (window.cxkit as EmbedApi).identify('u-7', { plan: 'pro' }));
  const nps = page.locator('cx-nps');

  // the first prompt loads the prompt UI; from then on the network goes away
  expect(await milestone(page, 'checkout')).toBe(true);
  await expect(nps.getByRole('radiogroup')).toBeVisible();
  await context.setOffline(true);
  await nps.getByRole('button', { name: 'Close' }).click();
  await expect(nps).toHaveCount(0);

  expect(await milestone(page, 'help')).toBe(true);
  await nps.getByRole('radio', { name: '9', exact: true }).click();
  await nps.getByRole('button', { name: 'Skip' }).click();
  await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
  await expect(nps).toHaveCount(0);

  expect(await milestone(page, 'pricing')).toBe(true);
  await expect(nps.getByRole('radiogroup')).toBeVisible();
  await page.waitForTimeout(300);
  expect(collector.received()).toHaveLength(0);

  // back online, the page closes with the last prompt still open; the next page load finds the rest waiting
  await context.setOffline(false);
  await page.reload();
  await page.waitForFunction(() => window.cxkit !== undefined && !Array.isArray(window.cxkit));

  const displays = () => acceptedDisplays(collector);
  await expect.poll(() => new Set(displays().map((d) => d.id)).size, { timeout: 10_000 }).toBe(3);
  await page.waitForTimeout(500);
  // the same display may arrive twice (an unload send and the next page both try), but never with another outcome,
  // never as `open`, and never under another id
  const seen: Record<string, string[]> = {};
  for (const d of displays()) {
    const pair = `${d.id} ${d.outcome}`;
    if (!(seen[d.touchpoint] ??= []).includes(pair)) seen[d.touchpoint]!.push(pair);
  }
  const outcomes = Object.fromEntries(Object.entries(seen).map(([touchpoint, pairs]) => [touchpoint, pairs.map((p) => p.split(' ')[1])]));
  expect(outcomes).toEqual({ checkout: ['dismissed'], help: ['answered'], pricing: ['ignored'] });
  const byTouchpoint = new Map(displays().map((d) => [d.touchpoint, d] as const));
  expect(byTouchpoint.size).toBe(3);
  const answered = byTouchpoint.get('help')!;
  expect(collector.receivedIds()).toContain(answered.responseId);
  const help = collector
    .received()
    .flatMap((r) => r.body.responses)
    .find((r) => r.id === answered.responseId)!;
  expect(help).toMatchObject({ touchpoint: 'help', score: 9, stage: 'get-help', device: 'desktop' });
  // each in the language the prompt showed, as the answer records it (the browser's en-US, in the prompts' English)
  expect(help.locale).toBe('en');
  for (const d of byTouchpoint.values()) {
    expect(d).toMatchObject({ kind: 'nps', mode: 'popover', trigger: 'milestone', device: 'desktop', stage: stages[d.touchpoint] });
    expect(d.locale).toBe(help.locale);
    // and whether it came in the visitor's first session, as the answer says: a fresh browser's is
    expect(d.visitor).toBe('new');
    expect(help.visitor).toBe('new');
    // who the site says the customer is, and their traits: each plan's response rate
    expect([d.userId, d.traits]).toEqual(['u-7', { plan: 'pro' }]);
    expect(d.anonymousId).toBe(help.anonymousId);
    expect(Date.parse(d.shownAt)).toBeLessThanOrEqual(Date.now());
  }
});

test('a prompt shown in German says so on its display: the language it showed in, not the tag the site asked for', async ({
  page,
  openSite,
  collector,
}) => {
  // Austrian German asked for; the prompts speak German
  await openSite(page, { inlineConfig: { touchpoints, recontact, locale: 'de-AT' } });
  expect(await milestone(page, 'pricing')).toBe(true);
  await expect(
    page.getByRole('radiogroup', { name: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?' }),
  ).toBeVisible();
  // the page goes with the prompt open: the next load sends it as ignored
  await page.reload();
  await expect
    .poll(() => acceptedDisplays(collector).map((d) => [d.touchpoint, d.outcome, d.locale]), { timeout: 10_000 })
    .toContainEqual(['pricing', 'ignored', 'de']);
});

/** A display as touchpoint and outcome: `pricing ignored`. */
const label = (display: { touchpoint: string; outcome: string }) => `${display.touchpoint} ${display.outcome}`;

/** The displays the visitor's outbox holds, labelled. */
const storedDisplays = async (page: Page, db: string) =>
  (await stored(page, db)).flatMap((entry) => (entry.display ? [label(entry.display)] : []));

/** A page that from now on never has an idle moment to give (its own work, or what it did to the platform), with a prompt open. */
async function promptOnNeverIdlePage(page: Page, openSite: (page: Page, options: SiteOptions) => Promise<void>) {
  await openSite(page, { inlineConfig: { touchpoints, recontact } });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  await page.evaluate(() => {
    window.requestIdleCallback = () => 0;
  });
  expect(await milestone(page, 'pricing')).toBe(true);
  await expect(page.locator('cx-nps').getByRole('radiogroup')).toBeVisible();
}

/** The tab goes to the background (as the page sees it). */
const hideTab = () => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });

test('a page that goes away before it is ever idle still keeps the display of its open prompt: the next page sends it as ignored', async ({
  page,
  openSite,
  collector,
}) => {
  await promptOnNeverIdlePage(page, openSite);
  await page.reload();

  const displays = () => acceptedDisplays(collector);
  await expect.poll(() => displays().map(label), { timeout: 10_000 }).toContain('pricing ignored');
  expect(new Set(displays().map((d) => d.id)).size).toBe(1);
});

test('a prompt shown in a background tab, whose timers wait a minute, keeps its display from the moment it shows', async ({
  page,
  openSite,
  collector,
  db,
}) => {
  await openSite(page, { inlineConfig: { touchpoints, recontact } });
  await page.evaluate(() => (window.cxkit as EmbedApi).identify('u-7', { plan: 'pro' }));
  const nps = page.locator('cx-nps');
  // a first prompt brings in the prompt UI; after it, a prompt shows without waiting for a timer
  expect(await milestone(page, 'checkout')).toBe(true);
  await nps.getByRole('button', { name: 'Close' }).click();
  await expect(nps).toHaveCount(0);
  await expect.poll(() => acceptedDisplays(collector).map(label)).toEqual(['checkout dismissed']);
  await expect.poll(() => storedDisplays(page, db)).toEqual([]);

  // the tab goes to the background, where the browser holds timers back (for up to a minute in Chrome)
  await page.evaluate(hideTab);
  await page.evaluate(() => {
    const wait = window.setTimeout;
    window.setTimeout = ((run: TimerHandler, ms?: number, ...args: unknown[]) =>
      wait(run, Math.max(ms ?? 0, 60_000), ...args)) as typeof window.setTimeout;
    void (window.cxkit as EmbedApi).show('nps', { touchpoint: 'help' });
  });
  await expect(nps.getByRole('radiogroup')).toBeAttached();
  await expect.poll(() => storedDisplays(page, db)).toEqual(['help open']);
});

test('a prompt open when its tab is hidden, before the page was ever idle, keeps its display from that moment', async ({
  page,
  openSite,
  db,
}) => {
  await promptOnNeverIdlePage(page, openSite);
  await page.waitForTimeout(300);
  expect(await storedDisplays(page, db)).toEqual([]);
  // the visitor switches apps (on a phone, maybe for good: a hidden page may be killed without another event)
  await page.evaluate(hideTab);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => storedDisplays(page, db)).toEqual(['pricing open']);
});

test('consent pending: prompts may show, but no display is stored or sent, before or after consent is granted', async ({
  page,
  openSite,
  collector,
  db,
}) => {
  await openSite(page, { inlineConfig: { touchpoints, recontact, consent: 'pending', promptsBeforeConsent: true } });
  const nps = page.locator('cx-nps');
  expect(await milestone(page, 'checkout')).toBe(true);
  await nps.getByRole('radio', { name: '3', exact: true }).click();
  await nps.getByRole('button', { name: 'Skip' }).click();
  await expect(nps).toHaveCount(0);
  expect(await milestone(page, 'help')).toBe(true);
  await nps.getByRole('button', { name: 'Close' }).click();
  await expect(nps).toHaveCount(0);
  await page.evaluate(() => (window.cxkit as EmbedApi).consent('granted'));
  await expect.poll(() => collector.receivedIds().length).toBe(1);
  await page.waitForTimeout(500);
  expect(collector.received().flatMap((r) => r.body.displays ?? [])).toEqual([]);
  expect((await stored(page, db)).filter((entry) => entry.display)).toEqual([]);
});
