// Delivery faults a real browser produces: offline, reloads, closed tabs, several tabs, unload.
import type { EmbedApi } from '../../../src/embed.js';
import type { Page, Request } from '@playwright/test';
import { answer, expect, pending, test } from '../support/fixtures.js';

/** What the page's outbox holds in IndexedDB right now, oldest first: each entry's id, attempts so far, and ms until its next try. */
function outboxEntries(page: Page): Promise<Array<{ id: string; attempts: number; waitsMs: number }>> {
  return page.evaluate(async () => {
    const api = window.cxkit as EmbedApi;
    // a call makes the loader fetch the core at once; the client exists once it answers
    await api.pending();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(api.client!.config.storage.name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const entries = await new Promise<Array<{ id: string; attempts: number; nextAttemptAt: number; enqueuedAt: number }>>((resolve) => {
      const request = db.transaction('outbox').objectStore('outbox').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return entries
      .sort((a, b) => a.enqueuedAt - b.enqueuedAt)
      .map((entry) => ({ id: entry.id, attempts: entry.attempts, waitsMs: entry.nextAttemptAt - Date.now() }));
  });
}

test('an answer given offline is delivered exactly once after the tab is closed and the network returns', async ({
  context,
  openShop,
  collector,
}) => {
  const page = await context.newPage();
  await openShop(page);
  await context.setOffline(true);
  const id = await answer(page, 9, 'answered on a train');
  await page.waitForTimeout(500);
  expect(collector.received()).toHaveLength(0);
  await page.close();
  await context.setOffline(false);
  const next = await context.newPage();
  await openShop(next);
  await collector.waitForDelivered([id]);
  await expect.poll(() => pending(next)).toBe(0);
  expect(collector.receivedIds()).toEqual([id]);
});

test('an answer that met network errors is delivered after a reload, under its one id', async ({ page, openShop, collector }) => {
  await page.route('**/collect', (route) => route.abort('internetdisconnected'));
  await openShop(page);
  const id = await answer(page, 3);
  await page.waitForTimeout(300);
  await page.reload();
  await page.unroute('**/collect');
  await openShop(page);
  await collector.waitForDelivered([id]);
  await expect.poll(() => pending(page)).toBe(0);
  // the unload may have sent it too, with keepalive, and the old page cannot learn that it arrived:
  // at-least-once on the wire, one id, counted once by the collector
  expect(new Set(collector.receivedIds())).toEqual(new Set([id]));
});

test('goes out as soon as the browser is back online', async ({ context, page, openShop, collector }) => {
  await openShop(page);
  await context.setOffline(true);
  const id = await answer(page, 10);
  await page.waitForTimeout(300);
  expect(collector.received()).toHaveLength(0);
  await context.setOffline(false);
  await collector.waitForDelivered([id]);
  expect(collector.receivedIds()).toEqual([id]);
});

for (const { browser, withoutLocks } of [
  { browser: 'with Web Locks', withoutLocks: false },
  // their lease in storage stands in
  { browser: 'without Web Locks (Safari before 15.4, a page served over plain http)', withoutLocks: true },
]) {
  test(`two tabs answering at once deliver every answer exactly once, ${browser}`, async ({ context, openShop, collector }) => {
    if (withoutLocks) await context.addInitScript(() => delete (Navigator.prototype as { locks?: unknown }).locks);
    const tabs = [await context.newPage(), await context.newPage()];
    await Promise.all(tabs.map((tab) => openShop(tab, { flushDelayMs: 0 })));
    expect(await tabs[0]!.evaluate(() => 'locks' in navigator)).toBe(!withoutLocks);
    const ids = (await Promise.all(tabs.map((tab) => Promise.all(Array.from({ length: 15 }, (_, i) => answer(tab, i % 11)))))).flat();
    await collector.waitForDelivered(ids);
    await Promise.all(tabs.map((tab) => expect.poll(() => pending(tab)).toBe(0)));
    const received = collector.receivedIds();
    expect([...received].sort()).toEqual([...ids].sort());
  });
}

test('leaving while the request hangs: the next load delivers the same id', async ({ page, openShop, collector }) => {
  collector.plan({ status: 200, hang: true });
  await openShop(page);
  const id = await answer(page, 8);
  await expect.poll(() => collector.received().length).toBe(1);
  await page.goto('about:blank');
  await openShop(page);
  await collector.waitForDelivered([id]);
  await expect.poll(() => pending(page)).toBe(0);
  // at-least-once: the same id may arrive more than once (the collector dedupes), never another id
  expect(new Set(collector.receivedIds())).toEqual(new Set([id]));
});

test('at unload, waiting answers go out with keepalive in chunks under 60 KiB, the rest on the next load', async ({
  page,
  openShop,
  collector,
}) => {
  await openShop(page, { flushDelayMs: 60_000 });
  const ids: string[] = [];
  for (let i = 0; i < 200; i++) ids.push(await answer(page, i % 11, `reason ${i}: ${'x'.repeat(600)}`));
  expect(collector.received()).toHaveLength(0);
  await page.goto('about:blank');
  await expect.poll(() => collector.received().length).toBeGreaterThan(0);
  const atUnload = collector.received();
  expect(atUnload.reduce((bytes, r) => bytes + r.bytes, 0)).toBeLessThanOrEqual(60 * 1024);
  const sentAtUnload = collector.receivedIds();
  expect(sentAtUnload.length).toBeGreaterThan(0);
  expect(sentAtUnload.length).toBeLessThan(200);
  await openShop(page);
  await collector.waitForDelivered(ids);
  expect(new Set(collector.receivedIds())).toEqual(new Set(ids));
});

test('after the clock jumps forward, an answer due for retry goes out once', async ({ page, openShop, collector }) => {
  await page.clock.install();
  // the server asks for an hour's pause (capped at retry.maxDelayMs, 5 minutes): nothing goes until the clock jumps
  collector.plan({ status: 503, headers: { 'Retry-After': '3600' } });
  await openShop(page);
  const id = await answer(page, 6);
  await page.clock.runFor(1000);
  await expect.poll(() => collector.received().length).toBe(1);
  await page.waitForTimeout(300);
  expect(collector.received()).toHaveLength(1);
  await page.clock.fastForward('02:00:00');
  await page.clock.runFor(1000);
  await collector.waitForDelivered([id]);
  // the page has settled the 200 (its outbox is empty) before time moves on, so that what follows is what the jump
  // itself sends (once on CI, a second 200 came while the page was still reading the first: not reproduced here)
  await expect.poll(() => pending(page)).toBe(0);
  await page.clock.runFor(60_000);
  await page.waitForTimeout(300);
  expect(collector.received().map((r) => r.status)).toEqual([503, 200]);
  expect(collector.receivedIds()).toEqual([id, id]);
});

test('a browser that says it is offline while it is not (a VPN, a webview): the answer waits, then goes once a probe finds the network', async ({
  page,
  openShop,
  collector,
}) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false, configurable: true }));
  await page.clock.install();
  await openShop(page);
  const id = await answer(page, 8);
  // delivery's file comes in real time (the page's clock would run out its load timeout); then, offline as far as the
  // browser says, nothing is tried at once, and no attempt is spent
  await page.clock.runFor(1000);
  await page.waitForTimeout(500);
  await page.clock.runFor(60_000);
  await page.waitForTimeout(300);
  expect(collector.received()).toHaveLength(0);
  // within retry.maxDelayMs (5 minutes), one request tries anyway, and it is delivered
  for (let step = 0; step < 10 && !collector.received().length; step++) {
    await page.clock.runFor(60_000);
    await page.waitForTimeout(100);
  }
  await collector.waitForDelivered([id]);
  await expect.poll(() => pending(page)).toBe(0);
  expect(collector.receivedIds()).toEqual([id]);
});

test('a browser that says it is offline while it is not: an answer given just before the tab closes still goes at unload', async ({
  page,
  openShop,
  collector,
}) => {
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false, configurable: true }));
  await openShop(page, { flushDelayMs: 60_000 });
  // the unload send needs delivery's file, which the stored answer asks for
  const deliveryLoaded = page.waitForResponse(/\/dist\/cxkit-delivery\.js$/);
  const id = await answer(page, 10, 'quick checkout');
  await deliveryLoaded;
  await page.waitForTimeout(200);
  expect(collector.received()).toHaveLength(0);
  await page.goto('about:blank');
  await collector.waitForDelivered([id]);
  expect(collector.receivedIds()).toEqual([id]);
});

test('a collector down for hours while the tab stays open: with the default retries the answer waits, and goes once it is back', async ({
  page,
  openShop,
  collector,
}) => {
  await page.clock.install();
  // 503 to the first 40 requests: with waits of up to 5 minutes (full jitter), an hour or more of outage
  collector.plan(...Array.from({ length: 40 }, () => ({ status: 503 })));
  let requestsOnTheirWay = 0;
  const toCollector = (request: Request) => request.url().startsWith(collector.endpoint);
  page.on('request', (request) => void (toCollector(request) && requestsOnTheirWay++));
  const settled = (request: Request) => void (toCollector(request) && requestsOnTheirWay--);
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  await openShop(page);
  const expired: string[] = [];
  await page.exposeFunction('expiredAnswers', (ids: string[]) => void expired.push(...ids));
  await page.evaluate(() =>
    (window.cxkit as EmbedApi).client!.on('expired', (event) =>
      (window as unknown as { expiredAnswers(ids: string[]): void }).expiredAnswers(event.responses.map((r) => r.id)),
    ),
  );
  const id = await answer(page, 2, 'the parcel never came');
  await page.clock.runFor(1000);
  // the first attempt has gone out; the page's clock flows meanwhile (install() does not pause it), and on a slow
  // machine its first retries (waits of up to 1, 2, 4 s) may have gone by the time this looks
  await expect.poll(() => collector.received().length).toBeGreaterThan(0);
  // two minutes at a time, for up to ten hours of the page's clock (40 waits of up to 5 minutes each need about five),
  // never while a request is on its way (counted above): its timeout runs on the page's clock too, and two minutes
  // would abort it
  for (let step = 0; step < 300 && !collector.received().some((r) => r.status < 300); step++) {
    await expect.poll(() => requestsOnTheirWay).toBe(0);
    await page.clock.runFor(120_000);
    await page.waitForTimeout(60);
  }
  expect(expired).toEqual([]);
  await collector.waitForDelivered([id]);
  const statuses = collector.received().map((r) => r.status);
  expect(statuses.filter((status) => status === 503)).toHaveLength(40);
  expect(statuses.filter((status) => status < 300)).toHaveLength(1);
  await expect.poll(() => pending(page)).toBe(0);
});

test('a page closed mid-request: the next page counts that attempt and backs off instead of sending at once', async ({
  context,
  page,
  openSite,
  collector,
}) => {
  // the request hangs, and so does the copy the page sends with keepalive as it goes: a page that lived long enough to
  // hear the copy's 200 would rightly remove the answer (once on CI, the next page found nothing waiting)
  collector.plan({ status: 200, hang: true }, { status: 200, hang: true });
  // backoff is drawn at random up to its ceiling: the top of it here, so that the wait is the ceiling's 20 s
  await context.addInitScript(() => (Math.random = () => 1));
  const config = { retry: { baseDelayMs: 20_000, maxDelayMs: 20_000 } };
  await openSite(page, { inlineConfig: config });
  const id = await answer(page, 4);
  await expect.poll(() => collector.received().length).toBe(1);
  // the page goes while its request hangs: what it learns of that request (or of its keepalive copy) dies with it
  await page.close();
  const reopened = Date.now();
  const next = await context.newPage();
  await openSite(next, { inlineConfig: config });
  await expect.poll(() => pending(next)).toBe(1);
  // the next page's start-up delivery counts the claim's attempt a moment after it opens
  await expect.poll(async () => (await outboxEntries(next)).map((entry) => entry.attempts)).toEqual([1]);
  const [stored] = await outboxEntries(next);
  expect(stored?.id).toBe(id);
  expect(stored?.waitsMs).toBeGreaterThan(5_000);
  await next.waitForTimeout(500);
  expect(collector.received().filter((r) => Date.parse(r.body.sentAt) >= reopened)).toEqual([]);
});

test('a page closed while its second batch is in flight: the first batch stays delivered, the second waits out its counted attempt', async ({
  context,
  page,
  openSite,
  collector,
}) => {
  // the first batch's removal and the second's claim are one write: the page dies after it, during the second request
  // (and during the keepalive copy of it that the page sends as it goes, which must not be heard either)
  collector.plan({ status: 200 }, { status: 200, hang: true }, { status: 200, hang: true });
  await context.addInitScript(() => (Math.random = () => 1));
  const config = { flushDelayMs: 300, batch: { maxResponses: 1 }, retry: { baseDelayMs: 20_000, maxDelayMs: 20_000 } };
  await openSite(page, { inlineConfig: config });
  const [first, second] = await page.evaluate(async () => {
    const api = window.cxkit as EmbedApi;
    const ids = [];
    for (const score of [4, 9]) ids.push((await api.record({ kind: 'nps', score, touchpoint: 'checkout-complete' }))!.id);
    return ids;
  });
  await expect.poll(() => collector.received().map((r) => r.body.responses.map((x) => x.id))).toEqual([[first], [second]]);
  await page.close();
  const reopened = Date.now();
  const next = await context.newPage();
  await openSite(next, { inlineConfig: config });
  // the start-up delivery has run once the second answer's claimed attempt is counted; the first is not there to resend
  await expect.poll(async () => (await outboxEntries(next)).map((entry) => [entry.id, entry.attempts])).toEqual([[second, 1]]);
  expect((await outboxEntries(next))[0]?.waitsMs).toBeGreaterThan(5_000);
  await next.waitForTimeout(500);
  expect(collector.received().filter((r) => Date.parse(r.body.sentAt) >= reopened)).toEqual([]);
});

/**
 * Counts the page's Content-Security-Policy violations for connections (enforced or only reported), watched from before
 * its scripts run; returns what reads the count.
 */
async function watchConnectViolations(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const counted = window as unknown as { connectViolations: number };
    counted.connectViolations = 0;
    document.addEventListener(
      'securitypolicyviolation',
      (event) => void (event.effectiveDirective === 'connect-src' && counted.connectViolations++),
    );
  });
  return () => page.evaluate(() => (window as unknown as { connectViolations: number }).connectViolations);
}

/** Records an NPS score through window.cxkit; resolves with the answer's id. */
const recordScore = (page: Page, score: number) =>
  page.evaluate(async (score) => (await (window.cxkit as EmbedApi).record({ kind: 'nps', score, touchpoint: 'csp' }))!.id, score);

test('a page whose Content-Security-Policy refuses the collector: said once, tried no more from that page, sent by a page that allows it', async ({
  page,
  context,
  openSite,
  collector,
  server,
}) => {
  // the browser refuses each request before it leaves, and reports each refusal to the site
  const refusals = await watchConnectViolations(page);
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && message.text().startsWith('cxkit:') && errors.push(message.text())));
  await page.clock.install();
  await openSite(page, { inlineConfig: {}, head: `<meta http-equiv="Content-Security-Policy" content="connect-src 'self'">` });
  const id = await recordScore(page, 3);
  await expect
    .poll(() => errors)
    .toEqual([
      `cxkit: the page's Content-Security-Policy refuses ${server.collectorOrigin} (connect-src); answers wait for a page that allows it`,
    ]);
  // an hour of the page's clock, in which retries with backoff would have gone a dozen times
  for (let minutes = 0; minutes < 60; minutes += 2) {
    await page.clock.runFor(120_000);
    await page.waitForTimeout(20);
  }
  expect(await refusals()).toBe(1);
  expect(errors).toHaveLength(1);
  expect(collector.received()).toEqual([]);
  // the site allows its collector: its next page sends the answer
  const next = await context.newPage();
  await openSite(next, { inlineConfig: {} });
  await collector.waitForDelivered([id]);
  expect(collector.receivedIds()).toEqual([id]);
});

test('a Content-Security-Policy that only reports the collector (Report-Only) does not stop delivery', async ({
  page,
  openSite,
  collector,
}) => {
  const reported = await watchConnectViolations(page);
  await openSite(page, { inlineConfig: {}, path: `/site/?${new URLSearchParams({ 'csp-report-only': "connect-src 'self'" })}` });
  const first = await recordScore(page, 9);
  await collector.waitForDelivered([first]);
  expect(await reported()).toBeGreaterThan(0);
  // the report came after the first request went: the next answer still goes
  const second = await recordScore(page, 10);
  await collector.waitForDelivered([second]);
});
