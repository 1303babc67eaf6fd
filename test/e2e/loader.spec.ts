// The script tag as a two-step load: the small loader on the critical path, the core after it. Calls keep their order
// across the handover, a missing core is named once, and answers left behind go out without any prompt being due.
import type { EmbedApi } from '../../src/embed.js';
import type { PromptKind } from '../../src/schema/response.js';
import { expect, requestedScripts, test } from './support/fixtures.js';
import { watchErrors } from './support/page-errors.js';

/** Holds back the responses for a file until the returned function is called. */
async function holdBack(page: import('@playwright/test').Page, url: string): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * Runs the page's clock half a second at a time, letting the page's real work (requests, storage) go on between the
 * steps, until `done` says so or 25 s of the page's time have passed.
 */
async function runClockUntil(page: import('@playwright/test').Page, done: () => boolean | Promise<boolean>): Promise<void> {
  for (let step = 0; step < 50 && !(await done()); step++) {
    await page.clock.runFor(500);
    await page.waitForTimeout(100);
  }
}

/**
 * Holds the prompt UI back, as a slow network would, while a file beside it is asked for meanwhile and arrives first
 * (`arrived`), to wait for the UI.
 */
async function holdPromptUiWhile(
  page: import('@playwright/test').Page,
  file: string,
): Promise<{ releasePromptUi: () => void; arrived: Promise<unknown> }> {
  const releasePromptUi = await holdBack(page, '**/dist/cxkit-prompts.js');
  return { releasePromptUi, arrived: page.waitForResponse(`**/dist/${file}`) };
}

test('calls made before the loader, while the core loads and after it run in order', async ({ page, openSite }) => {
  // the core takes its time, so that calls land while it loads
  const releaseCore = await holdBack(page, '**/dist/cxkit-core.js');
  const head = `<script>
    window.order = [];
    window.cxkit = window.cxkit || [];
    cxkit.push(['on', 'queued', function (event) { window.order.push(event.response.score); }]);
    cxkit.push(['record', { kind: 'nps', score: 1, touchpoint: 'queue' }]);
  </script>`;
  // the queued call asks for the core at once; the page's load event waits for it, so the page is not awaited here
  const opened = openSite(page, { head, inlineConfig: {} });
  await page.waitForRequest('**/dist/cxkit-core.js');
  // the loader is in: window.cxkit is its API; the core is still on its way
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).client)).toBeNull();
  const during = page.evaluate(() => (window.cxkit as EmbedApi).record({ kind: 'nps', score: 2, touchpoint: 'queue' }));
  await page.waitForTimeout(200);
  releaseCore();
  await opened;
  await during;
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  await page.evaluate(() => (window.cxkit as EmbedApi).record({ kind: 'nps', score: 3, touchpoint: 'queue' }));
  await expect.poll(() => page.evaluate(() => (window as unknown as { order: number[] }).order)).toEqual([1, 2, 3]);
});

test('with the core file missing, one console error names it; the page keeps working and nothing is thrown', async ({ page, openSite }) => {
  const { console: errors, uncaught } = watchErrors(page);
  await page.route('**/dist/cxkit-core.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openSite(page, {
    head: `<script>window.cxkit = window.cxkit || []; cxkit.push(['milestone', 'checkout-complete']);</script>`,
    inlineConfig: {},
    body: '<main><button id="buy" onclick="this.textContent = \'Bought\'">Buy</button></main>',
  });
  await expect.poll(() => errors).toEqual([expect.stringMatching(/^cxkit: http:\/\/[^ ]+\/dist\/cxkit-core\.js could not be loaded$/)]);
  // later calls are quiet no-ops: the error has been said
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).milestone('checkout-complete'))).toBe(undefined);
  await page.getByRole('button', { name: 'Buy' }).click();
  await expect(page.getByRole('button', { name: 'Bought' })).toBeVisible();
  await page.waitForTimeout(300);
  expect(errors).toHaveLength(1);
  expect(uncaught).toEqual([]);
});

test('with the touchpoints file missing, one console error names it; answers are still taken and the page is unharmed', async ({
  page,
  openSite,
  collector,
}) => {
  const { console: errors, uncaught } = watchErrors(page);
  await page.route('**/dist/cxkit-touchpoints.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  const touchpoint = { id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } };
  await openSite(page, { inlineConfig: { touchpoints: [touchpoint] } });
  await expect
    .poll(() => errors)
    .toEqual([expect.stringMatching(/^cxkit: http:\/\/[^ ]+\/dist\/cxkit-touchpoints\.js could not be loaded$/)]);
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).milestone('checkout-complete'))).toBe(false);
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).explain('checkout-complete'))).toMatchObject({
    eligible: false,
    blockedBy: [expect.stringMatching(/^the touchpoints could not be loaded \(http:\/\/[^ ]+\/dist\/cxkit-touchpoints\.js\)$/)],
  });
  await page.evaluate(() =>
    (window.cxkit as EmbedApi).record({
      kind: 'nps',
      score: 8,
      touchpoint: 'checkout-complete',
    }),
  );
  await expect.poll(() => collector.received().length).toBe(1);
  expect(errors).toHaveLength(1);
  expect(uncaught).toEqual([]);
});

test('an answer recorded while the touchpoint engine is on its way is stored and delivered without waiting for it', async ({
  page,
  openSite,
  collector,
}) => {
  const seen = watchErrors(page);
  const releaseEngine = await holdBack(page, '**/dist/cxkit-touchpoints.js');
  await openSite(page, {
    inlineConfig: { touchpoints: [{ id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } }] },
  });
  // the answer brings the core, whose config asks for the engine; the engine does not come
  const recorded = recordIn(page, 4);
  await page.waitForRequest('**/dist/cxkit-touchpoints.js');
  await expect.poll(() => collector.received().length).toBe(1);
  expect(collector.receivedIds()).toEqual([await recorded]);
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).explain('checkout-complete'))).toMatchObject({
    eligible: false,
    blockedBy: ['the touchpoints are still loading'],
  });
  // a milestone reached meanwhile shows its prompt once the engine is in
  const shown = page.evaluate(() => (window.cxkit as EmbedApi).milestone('checkout-complete'));
  await page.waitForTimeout(300);
  releaseEngine();
  expect(await shown).toBe(true);
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(11);
  expect(seen).toEqual({ console: [], uncaught: [] });
});

test('a touchpoint engine that takes over 15 seconds to arrive (a stalled mobile network) is waited for: a milestone reached meanwhile shows its prompt once it is in', async ({
  page,
  openSite,
}) => {
  const seen = watchErrors(page);
  await page.clock.install();
  const releaseEngine = await holdBack(page, '**/dist/cxkit-touchpoints.js');
  const head = `<script>window.cxkit = window.cxkit || []; cxkit.push(['milestone', 'checkout-complete']);</script>`;
  // the queued call asks for the core at once, and the core for the engine: the page's load event waits for them
  const opened = openSite(page, {
    head,
    inlineConfig: { touchpoints: [{ id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } }] },
  });
  await page.waitForRequest('**/dist/cxkit-touchpoints.js');
  // the client is there and has opened its storage (whose open is timed: the page's clock must not run past it)
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).pending())).toBe(0);
  // the page's clock runs past the loader's patience while the file is still on its way
  await page.clock.runFor(20_000);
  await expect
    .poll(() => seen.console)
    .toEqual([expect.stringMatching(/cxkit-touchpoints\.js did not load within 15 s; still waiting for it/)]);
  releaseEngine();
  await opened;
  const radios = page.locator('cx-nps').getByRole('radio');
  await runClockUntil(page, async () => (await radios.count()) > 0);
  await expect(radios).toHaveCount(11);
  expect(seen.console).toHaveLength(1);
  expect(seen.uncaught).toEqual([]);
});

/** What a server with a single-page app's fallback answers for a file it does not have: the site's own page. */
const sitePage = '<!doctype html><html><head><title>Shop</title></head><body><div id="app"></div></body></html>';

/** Each file, and what brings it: every page has a config with touchpoints, records an answer and shows a prompt. */
const filesAnsweredWithThePage: Array<{ file: string; kind?: PromptKind; locale?: string }> = [
  { file: 'cxkit-core.js' },
  { file: 'cxkit-touchpoints.js' },
  { file: 'cxkit-delivery.js' },
  { file: 'cxkit-prompts.js' },
  { file: 'cxkit-csat.js', kind: 'csat' },
  { file: 'cxkit-locale-fr.js', locale: 'fr' },
];

for (const { file, kind = 'nps', locale } of filesAnsweredWithThePage) {
  test(`a server that answers ${file} with the site's page (a single-page app's fallback for a file not deployed): one console error names the file, nothing is thrown into the page`, async ({
    page,
    openSite,
  }) => {
    const seen = watchErrors(page);
    await page.route(`**/dist/${file}`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: sitePage }));
    const head = `<script>
      window.cxkit = window.cxkit || [];
      cxkit.push(['record', { kind: 'nps', score: 5, touchpoint: 'landing' }]);
      cxkit.push(['show', '${kind}', { touchpoint: 'landing' }]);
    </script>`;
    await openSite(page, {
      head,
      inlineConfig: { locale, touchpoints: [{ id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } }] },
    });
    const named = new RegExp(`^cxkit: http://[^ ]+/dist/${file.replace('.', '\\.')} could not be run \\(.+\\)$`);
    await expect.poll(() => seen.console).toEqual([expect.stringMatching(named)]);
    // without its language's file, the prompt shows in English
    if (locale)
      await expect(page.getByRole('radiogroup', { name: 'How likely are you to recommend us to a friend or colleague?' })).toBeVisible();
    await page.waitForTimeout(500);
    expect(seen.console).toHaveLength(1);
    expect(seen.uncaught).toEqual([]);
  });
}

/** Records an NPS answer through window.cxkit and returns its id. */
const recordIn = (page: import('@playwright/test').Page, score: number) =>
  page.evaluate(
    async (score) =>
      ((await (window.cxkit as EmbedApi).record({ kind: 'nps', score, touchpoint: 'checkout-complete' })) as { id: string }).id,
    score,
  );

test('a page with nothing to send never loads delivery; the first answer brings it, and it goes out', async ({
  page,
  openSite,
  collector,
}) => {
  const scripts = requestedScripts(page);
  await openSite(page, { inlineConfig: {} });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  // the core looked at the outbox at start-up, the page came online, and a flush was asked for: nothing to send
  await page.evaluate(() => dispatchEvent(new Event('online')));
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).flush())).toEqual({ sent: 0, failed: 0, pending: 0 });
  // the outbox comes as the client starts (an answer given later, offline too, is stored at once); delivery does not
  await expect.poll(() => scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js']);
  await page.waitForTimeout(500);
  expect(scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js']);
  const id = await recordIn(page, 9);
  await collector.waitForDelivered([id]);
  expect(scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js', 'cxkit-delivery.js']);
});

test('with the delivery file missing, one console error names it; answers are kept and go out from the next page', async ({
  context,
  openSite,
  collector,
}) => {
  const first = await context.newPage();
  const { console: errors, uncaught } = watchErrors(first);
  await first.route('**/dist/cxkit-delivery.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openSite(first, { inlineConfig: {} });
  const id = await recordIn(first, 6);
  await expect.poll(() => errors).toEqual([expect.stringMatching(/^cxkit: http:\/\/[^ ]+\/dist\/cxkit-delivery\.js could not be loaded$/)]);
  expect(await first.evaluate(() => (window.cxkit as EmbedApi).flush())).toEqual({ sent: 0, failed: 0, pending: 1 });
  // the page goes on: another answer is taken, and the file is not asked for again
  await recordIn(first, 7);
  expect(await first.evaluate(() => (window.cxkit as EmbedApi).pending())).toBe(2);
  await first.close();
  expect(collector.received()).toEqual([]);
  expect(errors).toHaveLength(1);
  expect(uncaught).toEqual([]);

  const second = await context.newPage();
  await openSite(second, { inlineConfig: {} });
  await expect.poll(() => collector.receivedIds().length, { timeout: 10_000 }).toBe(2);
  expect(collector.receivedIds()).toContain(id);
});

test('with the outbox file missing, one console error names it; an answer is refused by name, never taken and lost, and a prompt says it could not be saved', async ({
  page,
  openSite,
}) => {
  const { console: errors, uncaught } = watchErrors(page);
  await page.route('**/dist/cxkit-outbox.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openSite(page, { inlineConfig: {} });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  const refusal = await page.evaluate(() =>
    (window.cxkit as EmbedApi).client!.record({ kind: 'nps', score: 6, touchpoint: 'checkout-complete' }).then(
      () => 'stored',
      (error: Error) => error.message,
    ),
  );
  expect(refusal).toBe("cxkit: record() could not take the answer: cxkit's outbox could not be loaded (see the console)");
  await expect.poll(() => errors).toEqual([expect.stringMatching(/^cxkit: http:\/\/[^ ]+\/dist\/cxkit-outbox\.js could not be loaded$/)]);
  // a customer's score in a prompt: the prompt says so, and offers to try again
  const shown = page.evaluate(() => (window.cxkit as EmbedApi).show('nps', { touchpoint: 'checkout-complete' }));
  await page.locator('cx-nps').getByRole('radio', { name: '8' }).click();
  await expect(page.locator('cx-nps').getByRole('alert')).toContainText('Your answer could not be saved.');
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).pending())).toBe(0);
  await page.locator('cx-nps').getByRole('button', { name: 'Close' }).click();
  expect(await shown).toBeNull();
  expect(uncaught).toEqual([]);
});

test('a delivery file that takes over 15 seconds to arrive (a stalled mobile network) is waited for: the answer goes out from this page once it is in, and flush() meanwhile says it is pending', async ({
  page,
  openSite,
  collector,
}) => {
  const seen = watchErrors(page);
  await page.clock.install();
  const releaseDelivery = await holdBack(page, '**/dist/cxkit-delivery.js');
  await openSite(page, { inlineConfig: {} });
  const requested = page.waitForRequest('**/dist/cxkit-delivery.js');
  const id = await recordIn(page, 3);
  await requested;
  // the visitor's app asks for a flush while the file is on its way: the answer is said to be pending, not waited on
  const flushed = page.evaluate(() => (window.cxkit as EmbedApi).flush());
  // the page's clock runs past the loader's patience while the file is still on its way (the answer stored already)
  await page.clock.runFor(20_000);
  expect(await flushed).toEqual({ sent: 0, failed: 0, pending: 1 });
  await expect
    .poll(() => seen.console)
    .toEqual([expect.stringMatching(/cxkit-delivery\.js did not load within 15 s; still waiting for it/)]);
  releaseDelivery();
  await runClockUntil(page, () => collector.receivedIds().length > 0);
  expect(collector.receivedIds()).toEqual([id]);
  expect(seen.console).toHaveLength(1);
  expect(seen.uncaught).toEqual([]);
});

test("a landing page that records an answer at once (an email's score link), left as soon as the answer is stored on a phone whose storage is slow to open: the answer goes as the page goes away", async ({
  page,
  openSite,
  collector,
}) => {
  // IndexedDB takes half a second to open, as on a phone's first use of it in a page
  await page.addInitScript(() => {
    IDBOpenDBRequest.prototype.addEventListener = function (
      this: IDBOpenDBRequest,
      type: string,
      listener: EventListener,
      options?: boolean,
    ) {
      const delayed: EventListener = type === 'success' ? (event) => setTimeout(() => listener.call(this, event), 500) : listener;
      EventTarget.prototype.addEventListener.call(this, type, delayed, options);
    };
  });
  const head = `<script>
    window.cxkit = window.cxkit || [];
    window.stored = new Promise((resolve) => cxkit.push(['on', 'queued', (event) => resolve(event.response.id)]));
    cxkit.push(['record', { kind: 'nps', score: 9, touchpoint: 'email' }]);
  </script>`;
  // the answer's own flush is a minute away: it goes with the first flush delivery makes, or as the page goes away
  await openSite(page, { head, inlineConfig: { flushDelayMs: 60_000 } });
  const id = await page.evaluate(() => (window as unknown as { stored: Promise<string> }).stored);
  await page.goto('about:blank');
  await collector.waitForDelivered([id]);
  // a request on its way as the page goes away is sent again with keepalive, as it may be cut off: the collector
  // counts the id once
  expect(new Set(collector.receivedIds())).toEqual(new Set([id]));
});

test('an answer stored while delivery downloads, the page closed at once: the next page delivers it, once', async ({
  context,
  openSite,
  collector,
}) => {
  const first = await context.newPage();
  const releaseDelivery = await holdBack(first, '**/dist/cxkit-delivery.js');
  await openSite(first, { inlineConfig: {} });
  const requested = first.waitForRequest('**/dist/cxkit-delivery.js');
  const id = await recordIn(first, 10);
  await requested;
  await first.close();
  releaseDelivery();
  expect(collector.received()).toEqual([]);
  const second = await context.newPage();
  await openSite(second, { inlineConfig: {} });
  await collector.waitForDelivered([id]);
  await second.waitForTimeout(500);
  expect(collector.receivedIds()).toEqual([id]);
});

test('with IndexedDB failing, delivery comes at once, so that an answer kept in memory goes out as the page closes', async ({
  context,
  openSite,
  collector,
}) => {
  const page = await context.newPage();
  await page.addInitScript(() =>
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    }),
  );
  const scripts = requestedScripts(page);
  const head = `<script>window.cxkit = window.cxkit || []; cxkit.push(['on', 'degraded', function () { window.degraded = true; }]);</script>`;
  await openSite(page, { head, inlineConfig: { flushDelayMs: 60_000 } });
  await page.waitForFunction(() => (window as unknown as { degraded?: boolean }).degraded === true);
  await expect.poll(() => scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js', 'cxkit-delivery.js']);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/cxkit-delivery.js')));
  const id = await recordIn(page, 5);
  expect(collector.received()).toEqual([]);
  await page.goto('about:blank');
  await collector.waitForDelivered([id]);
});

test('an answer an earlier page left behind is delivered on the next page, with no prompt due', async ({
  context,
  openSite,
  collector,
}) => {
  // the first page cannot reach any collector (its endpoint refuses connections), so whatever it tries — at record, at
  // unload with keepalive — the answer stays in IndexedDB for the next page of the site
  const first = await context.newPage();
  await openSite(first, { inlineConfig: { endpoint: 'http://127.0.0.1:9/v1/responses' } });
  const id = await first.evaluate(
    async () =>
      (
        (await (window.cxkit as EmbedApi).record({
          kind: 'csat',
          score: 4,
          touchpoint: 'left-behind',
        })) as { id: string }
      ).id,
  );
  await first.close();
  expect(collector.received()).toEqual([]);
  // a page with no touchpoints and no calls: only the idle core load brings the answer out
  const second = await context.newPage();
  await openSite(second, { inlineConfig: {} });
  await expect.poll(() => collector.receivedIds(), { timeout: 10_000 }).toEqual([id]);
});

test('a page with nothing to ask leaves the second after its load to the browser: the core is requested after it', async ({
  page,
  openSite,
}) => {
  await openSite(page, { inlineConfig: {} });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  const { loadStart, coreRequested } = await page.evaluate(() => ({
    loadStart: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
    coreRequested: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/cxkit-core.js'))?.startTime ?? NaN,
  }));
  expect(coreRequested - loadStart).toBeGreaterThanOrEqual(1000);
});

test('a site that renames the files and versions their URL gets every file under its new name, the version kept', async ({
  page,
  openSite,
  server,
}) => {
  const { console: errors, uncaught } = watchErrors(page);
  // the site deploys dist/ as /assets/feedback*.js and versions the tag's URL
  const fetched: string[] = [];
  await page.route(`${server.collectorOrigin}/assets/**`, async (route) => {
    const url = new URL(route.request().url());
    fetched.push(url.pathname + url.search);
    const file = /^\/assets\/feedback([\w-]*)\.js$/.exec(url.pathname)?.[1];
    if (file === undefined) return route.fulfill({ status: 404 });
    const built = await fetch(`${server.collectorOrigin}/dist/cxkit${file}.js`);
    await route.fulfill({ status: built.status, contentType: 'text/javascript', body: Buffer.from(await built.arrayBuffer()) });
  });
  await openSite(page, {
    scriptPath: '/assets/feedback.js?v=3',
    inlineConfig: { touchpoints: [{ id: 'visit', prompt: 'csat', on: { url: '/site/**' } }] },
  });
  await expect(page.getByRole('radiogroup', { name: /satisfied/ })).toBeVisible();
  // delivery comes once the prompt's display is stored
  await expect
    .poll(() => [...fetched].sort())
    .toEqual([
      '/assets/feedback-core.js?v=3',
      '/assets/feedback-csat.js?v=3',
      '/assets/feedback-delivery.js?v=3',
      '/assets/feedback-outbox.js?v=3',
      '/assets/feedback-prompts.js?v=3',
      '/assets/feedback-touchpoints.js?v=3',
      '/assets/feedback.js?v=3',
    ]);
  expect(errors).toEqual([]);
  expect(uncaught).toEqual([]);
});

test('the font probe put in while the prompt UI downloads is never seen or announced, takes no room, and is gone a second later', async ({
  page,
  openSite,
}) => {
  await openSite(page, { inlineConfig: {}, body: '<main style="height: 2000px"><h1>Host site</h1></main>' });
  const pageHeight = () => page.evaluate(() => document.documentElement.scrollHeight);
  const before = await pageHeight();
  const probes = page.locator('body > cx-fonts');
  await showNps(page);
  await expect(probes).toHaveCount(1);
  // not seen, so not in the accessibility tree either; out of the page's flow
  await expect(probes).toBeHidden();
  expect(await pageHeight()).toBe(before);
  await expect(page.getByRole('radiogroup', { name: 'How likely are you to recommend us to a friend or colleague?' })).toBeVisible();
  await expect(probes).toHaveCount(0, { timeout: 1500 });
});

/** Shows an NPS popover through window.cxkit; resolves once the prompt is in the page. */
async function showNps(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    void (window.cxkit as EmbedApi).show('nps', { touchpoint: 'languages' });
  });
}

/** The language files a page fetches. */
function languageFiles(page: import('@playwright/test').Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const file = /\/dist\/(cxkit-locale-[^/]+\.js)$/.exec(request.url())?.[1];
    if (file) files.push(file);
  });
  return files;
}

test('a French visitor sees the prompt in French, and the page fetches the French strings alone', async ({ page, openSite }) => {
  const files = languageFiles(page);
  await openSite(page, { inlineConfig: { locale: 'fr-CA' } });
  await showNps(page);
  await expect(
    page.getByRole('radiogroup', { name: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?' }),
  ).toBeVisible();
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(11);
  expect(files).toEqual(['cxkit-locale-fr.js']);
});

test("a Russian visitor's CSAT prompt names its stars in Russian's plural forms, from the Russian strings alone", async ({
  page,
  openSite,
}) => {
  const files = languageFiles(page);
  await openSite(page, { inlineConfig: { locale: 'ru-RU' } });
  await show(page, 'csat');
  const csat = page.locator('cx-csat');
  await expect(csat.getByRole('radiogroup', { name: 'Насколько вы довольны своим опытом?' })).toBeVisible();
  await expect(csat.getByRole('radio')).toHaveCount(5);
  for (const name of ['1 звезда', '2 звезды', '3 звезды', '4 звезды', '5 звёзд']) {
    await expect(csat.getByRole('radio', { name, exact: true })).toBeVisible();
  }
  expect(files).toEqual(['cxkit-locale-ru.js']);
});

// `no` is Norwegian as a whole and `nn` Nynorsk: both readers read Bokmål, the Norwegian cxkit carries, rather than English
for (const locale of ['no', 'nn-NO']) {
  test(`a Norwegian visitor whose language is "${locale}" sees the prompt in Bokmål, from the Bokmål strings alone`, async ({
    page,
    openSite,
  }) => {
    const files = languageFiles(page);
    await openSite(page, { inlineConfig: { locale } });
    await show(page, 'csat');
    const csat = page.locator('cx-csat');
    await expect(csat.getByRole('radiogroup', { name: 'Hvor fornøyd er du med opplevelsen din?' })).toBeVisible();
    await expect(csat.getByRole('radio', { name: '1 stjerne', exact: true })).toBeVisible();
    expect(files).toEqual(['cxkit-locale-nb.js']);
  });
}

for (const { how, body, locale } of [
  { how: 'shown by cxkit.show()', body: '', locale: 'fr-CA' },
  // its element asks for the prompt UI before the config (and so the language) is read
  { how: "in the page's HTML", body: '<main><cx-nps touchpoint="inline"></cx-nps></main>', locale: 'fr-CA' },
  { how: "in the page's HTML with a language of its own", body: '<main><cx-nps touchpoint="inline" locale="fr-CA"></cx-nps></main>' },
]) {
  test(`a French visitor's language is fetched beside the prompt UI, not after it, and may arrive first: a prompt ${how}`, async ({
    page,
    openSite,
  }) => {
    const files = requestedScripts(page);
    const errors = watchErrors(page);
    const { releasePromptUi, arrived: frenchFetched } = await holdPromptUiWhile(page, 'cxkit-locale-fr.js');
    // a prompt in the page's HTML asks for the UI before the page's load event, which then waits for it too
    const opened = openSite(page, { inlineConfig: locale ? { locale } : {}, body });
    // a page that shows its prompt later has had the outbox since its client started; one in the HTML waits for the
    // prompt UI before the outbox comes
    const settled = async () => {
      await opened;
      await expect.poll(() => files).toContain('cxkit-outbox.js');
    };
    if (!body) await settled().then(() => showNps(page));
    await frenchFetched;
    const outboxFirst = body ? [] : ['cxkit-outbox.js'];
    expect(files).toEqual(['cxkit.js', 'cxkit-core.js', ...outboxFirst, 'cxkit-prompts.js', 'cxkit-locale-fr.js']);
    releasePromptUi();
    await opened;
    await expect(
      page.getByRole('radiogroup', { name: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?' }),
    ).toBeVisible();
    // and nothing else, but the outbox once the prompt in the HTML is in, and delivery's file once a prompt shown by
    // itself has painted (its display waits to be sent)
    await expect
      .poll(() => files)
      .toEqual([
        'cxkit.js',
        'cxkit-core.js',
        ...outboxFirst,
        'cxkit-prompts.js',
        'cxkit-locale-fr.js',
        ...(body ? ['cxkit-outbox.js'] : ['cxkit-delivery.js']),
      ]);
    expect(errors).toEqual({ console: [], uncaught: [] });
  });
}

test('a language that arrives after the prompt UI: the prompt waits for it, and one request fetches it', async ({ page, openSite }) => {
  const files = languageFiles(page);
  const errors = watchErrors(page);
  const releaseGerman = await holdBack(page, '**/dist/cxkit-locale-de.js');
  await openSite(page, { inlineConfig: { locale: 'de' } });
  const promptUiRan = page.waitForResponse('**/dist/cxkit-prompts.js');
  await showNps(page);
  await promptUiRan;
  await expect(page.locator('body > cx-nps')).toHaveCount(1);
  // a prompt shows in its visitor's language or not at all: nothing in English meanwhile
  await page.waitForTimeout(300);
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(0);
  releaseGerman();
  await expect(
    page.getByRole('radiogroup', { name: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?' }),
  ).toBeVisible();
  expect(files).toEqual(['cxkit-locale-de.js']);
  expect(errors).toEqual({ console: [], uncaught: [] });
});

test('an English visitor fetches no language file', async ({ page, openSite }) => {
  const files = languageFiles(page);
  await openSite(page, { inlineConfig: { locale: 'en-GB' } });
  await showNps(page);
  await expect(page.getByRole('radiogroup', { name: 'How likely are you to recommend us to a friend or colleague?' })).toBeVisible();
  await page.waitForTimeout(200);
  expect(files).toEqual([]);
});

test('with the language file missing, one console error names it and the prompt shows in English', async ({ page, openSite }) => {
  const errors = watchErrors(page);
  await page.route('**/dist/cxkit-locale-ja.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openSite(page, { inlineConfig: { locale: 'ja' } });
  await showNps(page);
  await expect(page.getByRole('radiogroup', { name: 'How likely are you to recommend us to a friend or colleague?' })).toBeVisible();
  await page.waitForTimeout(200);
  // said once, though the core and the prompt UI both waited for the file; nothing thrown into the page
  expect(errors).toEqual({
    console: [expect.stringMatching(/^cxkit: http:\/\/[^ ]+\/dist\/cxkit-locale-ja\.js could not be loaded$/)],
    uncaught: [],
  });
});

/** Calls cxkit.show() without waiting for the answer. */
async function show(page: import('@playwright/test').Page, kind: PromptKind): Promise<void> {
  await page.evaluate((kind) => {
    void (window.cxkit as EmbedApi).show(kind, { touchpoint: 'kinds' });
  }, kind);
}

test('a CSAT prompt fetches its own file beside the prompt UI, not after it; an NPS prompt fetches no other', async ({
  page,
  openSite,
}) => {
  const files = requestedScripts(page);
  const errors = watchErrors(page);
  const { releasePromptUi, arrived: csatFetched } = await holdPromptUiWhile(page, 'cxkit-csat.js');
  await openSite(page, { inlineConfig: {} });
  // the outbox comes as the client starts
  await expect.poll(() => files).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js']);
  await show(page, 'csat');
  await csatFetched;
  expect(files).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js', 'cxkit-prompts.js', 'cxkit-csat.js']);
  releasePromptUi();
  await expect(page.locator('cx-csat').getByRole('radio')).toHaveCount(5);
  await page.locator('cx-csat').getByRole('radio', { name: '4 stars' }).click();
  await expect(page.locator('cx-csat').getByRole('radio', { name: '4 stars' })).toBeChecked();
  // a CES prompt later: its file alone; an NPS prompt: nothing more
  await page.locator('cx-csat').getByRole('button', { name: 'Close' }).click();
  await show(page, 'ces');
  await expect(page.locator('cx-ces').getByRole('radio')).toHaveCount(7);
  await page.locator('cx-ces').getByRole('button', { name: 'Close' }).click();
  await show(page, 'nps');
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(11);
  // delivery came once the CSAT prompt's display was stored
  expect(files).toEqual([
    'cxkit.js',
    'cxkit-core.js',
    'cxkit-outbox.js',
    'cxkit-prompts.js',
    'cxkit-csat.js',
    'cxkit-delivery.js',
    'cxkit-ces.js',
  ]);
  expect(errors).toEqual({ console: [], uncaught: [] });
});

test('CSAT and CES prompts bring their English in their own files, also for a language cxkit lacks', async ({ page, openSite }) => {
  const errors = watchErrors(page);
  await openSite(page, { inlineConfig: { locale: 'hu-HU' } });
  await show(page, 'csat');
  const csat = page.locator('cx-csat');
  await expect(csat.locator('.ends')).toHaveText(/^\s*1:\s*Very dissatisfied\s*5:\s*Very satisfied\s*$/);
  await csat.getByRole('radio', { name: '2 stars' }).click();
  await expect(csat.getByLabel('What went wrong?')).toBeVisible();
  await csat.getByRole('button', { name: 'Close' }).click();
  await show(page, 'ces');
  const ces = page.locator('cx-ces');
  await expect(ces.locator('.ends')).toHaveText(/^\s*1:\s*Strongly disagree\s*7:\s*Strongly agree\s*$/);
  await ces.getByRole('radio', { name: '6' }).click();
  await expect(ces.getByLabel('What made it easy?')).toBeVisible();
  expect(errors).toEqual({ console: [], uncaught: [] });
});

test("with a prompt kind's file missing, one console error names it; other prompts still show", async ({ page, openSite }) => {
  const errors = watchErrors(page);
  await page.route('**/dist/cxkit-ces.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openSite(page, { inlineConfig: {} });
  await show(page, 'ces');
  await expect
    .poll(() => errors.console)
    .toEqual([expect.stringMatching(/^cxkit: http:\/\/[^ ]+\/dist\/cxkit-ces\.js could not be loaded$/)]);
  await show(page, 'nps');
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(11);
  expect(errors.console).toHaveLength(1);
  expect(errors.uncaught).toEqual([]);
});

test("a prompt kind's file loaded by itself says to load cxkit.js, and throws nothing into the page", async ({ page, server }) => {
  const errors = watchErrors(page);
  server.setSite({
    html: `<!doctype html><html lang="en"><head><title>No cxkit.js</title><script src="${server.collectorOrigin}/dist/cxkit-csat.js"></script></head><body></body></html>`,
    config: '{}',
  });
  await page.goto(`${server.pageOrigin}/site/`);
  expect(errors).toEqual({ console: ['cxkit: cxkit-csat.js is loaded by cxkit.js; load cxkit.js instead'], uncaught: [] });
});

test("a tag manager's custom HTML tag (as Google Tag Manager puts one in the page after its load): the queue, the inline config and the tag work as written in the page", async ({
  page,
  server,
  collector,
  siteConfig,
}) => {
  const seen = watchErrors(page);
  const snippet = `<script type="application/json" data-cxkit-config>${JSON.stringify(
    siteConfig({ touchpoints: [{ id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } }] }),
  )}</script>
<script>window.cxkit = window.cxkit || []; cxkit.push(['milestone', 'checkout-complete']);</script>
<script src="${server.collectorOrigin}/dist/cxkit.js" async></script>`;
  // what tag managers do with a custom HTML tag: its markup parsed into a detached element, then each script made anew
  // (a parsed one never runs) with its attributes and text, in order, at the end of the body
  const tagManager = `<script>
    addEventListener('load', () => setTimeout(() => {
      const parsed = document.createElement('div');
      parsed.innerHTML = ${JSON.stringify(snippet).replaceAll('<', '\\u003c')};
      for (const node of [...parsed.children]) {
        const script = document.createElement('script');
        for (const attribute of node.attributes) script.setAttribute(attribute.name, attribute.value);
        script.text = node.text;
        document.body.append(script);
      }
    }, 200));
  </script>`;
  server.setSite({
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${tagManager}</head><body><main><h1>Thank you for your order</h1></main></body></html>`,
    config: '{}',
  });
  await page.goto(`${server.pageOrigin}/site/order-placed`);
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '9' }).click();
  await nps.getByRole('textbox').fill('Quick delivery');
  await nps.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(() => collector.received().flatMap((r) => r.body.responses))
    .toMatchObject([{ kind: 'nps', score: 9, comment: 'Quick delivery', touchpoint: 'checkout-complete' }]);
  expect(seen).toEqual({ console: [], uncaught: [] });
});

/** What an answer queued before the tag waits on, held back past the 15 s after which it is named in the console. */
const stalledBeforeTheClient = [
  {
    what: 'a core that takes over 15 seconds to arrive (a stalled mobile network)',
    held: '**/dist/cxkit-core.js',
    site: { inlineConfig: {} },
    named: /^cxkit: \S+\/dist\/cxkit-core\.js did not load within 15 s; still waiting for it$/,
  },
  {
    what: "a config at data-config that takes over 15 seconds to come (the site's server slow)",
    held: '**/site/cxkit.config.json',
    site: { config: {} },
    named: /^cxkit: data-config \/site\/cxkit\.config\.json: no answer within 15 s; still waiting for it$/,
  },
];

for (const { what, held, site, named } of stalledBeforeTheClient) {
  test(`${what} is named once and waited for: an answer recorded meanwhile is kept and delivered`, async ({
    page,
    openSite,
    collector,
  }) => {
    const seen = watchErrors(page);
    await page.clock.install();
    const release = await holdBack(page, held);
    const head = `<script>
      window.cxkit = window.cxkit || [];
      window.recorded = new Promise((resolve) => cxkit.push(['on', 'queued', (event) => resolve(event.response.id)]));
      cxkit.push(['record', { kind: 'csat', score: 2, touchpoint: 'returns' }]);
    </script>`;
    const opened = openSite(page, { head, ...site });
    // asked for: the core by the queued call, the config by the core (whose own load timer is then done)
    await page.waitForRequest(held);
    // the page's clock runs past the 15 s while it is still on its way
    await page.clock.runFor(20_000);
    await expect.poll(() => seen.console).toEqual([expect.stringMatching(named)]);
    release();
    await opened;
    const id = await page.evaluate(() => (window as unknown as { recorded: Promise<string> }).recorded);
    await runClockUntil(page, () => collector.receivedIds().length > 0);
    expect(collector.receivedIds()).toEqual([id]);
    expect(seen.console).toHaveLength(1);
    expect(seen.uncaught).toEqual([]);
  });
}

test('a tag written with type="module" (from a CDN that allows it): one console error says how to load cxkit.js, and a call answers undefined rather than never', async ({
  page,
  openSite,
}) => {
  const seen = watchErrors(page);
  await page.route('**/dist/cxkit.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  await openSite(page, { inlineConfig: {}, scriptAttributes: 'type="module"' });
  const recorded = page.evaluate(() => (window.cxkit as EmbedApi).record({ kind: 'nps', score: 9, touchpoint: 'email-link' }));
  expect(await recorded).toBeUndefined();
  expect(seen.console).toEqual([
    'cxkit: cannot tell where cxkit-core.js is: load cxkit.js with a classic <script src> (not type="module")',
  ]);
  // later calls are quiet
  expect(await page.evaluate(() => (window.cxkit as EmbedApi).pending())).toBeUndefined();
  expect(seen.console).toHaveLength(1);
  expect(seen.uncaught).toEqual([]);
});
