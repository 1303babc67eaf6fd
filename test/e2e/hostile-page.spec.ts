// Whatever a page did to the platform before the tag, cxkit throws nothing into it, and every answer is either
// delivered or refused at record() by name — never accepted and lost later.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import type { EmbedApi } from '../../src/embed.js';
import type { CxClient } from '../../src/sdk/client/client.js';
import { maxTouchpoints } from '../../src/schema/config.js';
import type { RecordInput } from '../../src/schema/response.js';
import { expect, requestedScripts, test } from './support/fixtures.js';
import { watchErrors } from './support/page-errors.js';

/** Records through window.cxkit; resolves with the id, or with the error message record() was refused with. */
function record(page: Page, input: RecordInput): Promise<{ id?: string; refused?: string }> {
  return page.evaluate(async (input) => {
    const client = (window.cxkit as EmbedApi).client;
    try {
      return { id: (await client!.record(input)).id };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  }, input);
}

const ready = (page: Page) => page.waitForFunction(() => (window.cxkit as EmbedApi | undefined)?.client);

/**
 * Collects the page's unhandled promise rejections, watched from before the page's own script and cxkit's run; returns
 * what reads them.
 */
async function watchRejections(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as unknown as { rejections: string[] }).rejections = [];
    addEventListener('unhandledrejection', (event) =>
      (window as unknown as { rejections: string[] }).rejections.push(String(event.reason)),
    );
  });
  return () => page.evaluate(() => (window as unknown as { rejections: string[] }).rejections);
}

const hostile = [
  {
    name: 'an enumerable Object.prototype key',
    setup: `Object.prototype.polluted = 'x';`,
  },
  {
    name: 'an Array.prototype.toJSON that throws',
    setup: `Object.defineProperty(Array.prototype, 'toJSON', { value() { throw new Error('page says no'); }, configurable: true });`,
  },
  {
    name: 'an Object.prototype.toJSON that returns nonsense',
    setup: `Object.defineProperty(Object.prototype, 'toJSON', { value() { return 'nonsense'; }, configurable: true });`,
  },
  {
    name: 'frozen intrinsics',
    setup: `for (const C of [Object, Array, Function, Promise, Error, String, Number, Map, Set, EventTarget, Node, Element, HTMLElement]) { Object.freeze(C.prototype); Object.freeze(C); }`,
  },
];

for (const { name, setup } of hostile) {
  test(`a page with ${name}: the answer is delivered as sent, nothing thrown into the page`, async ({ page, openSite, collector }) => {
    const seen = watchErrors(page);
    const rejections = await watchRejections(page);
    await openSite(page, { head: `<script>${setup}</script>`, inlineConfig: {} });
    await ready(page);
    const { id, refused } = await record(page, { kind: 'nps', score: 9, touchpoint: 'hostile', comment: 'fine' });
    expect(refused).toBeUndefined();
    await expect.poll(() => collector.receivedIds()).toEqual([id]);
    expect(collector.received()[0]?.body.responses[0]).toMatchObject({ id, kind: 'nps', score: 9, comment: 'fine' });
    expect(collector.received()[0]?.body).not.toHaveProperty('polluted');
    // and a visitor answers a prompt the page shows, which carries the page's metadata
    void page.evaluate(() => (window.cxkit as EmbedApi).show('csat', { touchpoint: 'hostile-prompt', metadata: { ticket: 'T-1' } }));
    const csat = page.locator('cx-csat');
    await csat.getByRole('radio', { name: '4 stars' }).click();
    await csat.getByRole('textbox').fill('kind');
    await csat.getByRole('button', { name: 'Send' }).click();
    await expect(csat.getByRole('status')).toHaveText('Thank you for your feedback!');
    await expect
      .poll(() => collector.received().flatMap((r) => r.body.responses.filter((a) => a.touchpoint === 'hostile-prompt')))
      .toMatchObject([{ kind: 'csat', score: 4, comment: 'kind' }]);
    const prompted = collector.received().flatMap((r) => r.body.responses.filter((a) => a.touchpoint === 'hostile-prompt'));
    expect(prompted[0]?.metadata).toEqual({ ticket: 'T-1' });
    expect(seen).toEqual({ console: [], uncaught: [] });
    expect(await rejections()).toEqual([]);
  });
}

/** Markup that makes `window.cxkit` name something of the page's before the tag runs (the window's named properties). */
const namesTaken = [
  { name: 'an element with id "cxkit" (a container for its prompts)', body: '<div id="cxkit"><p>Tell us</p></div>' },
  { name: 'two images named "cxkit"', body: '<img name="cxkit" alt=""><img name="cxkit" alt="">' },
];

for (const { name, body } of namesTaken) {
  test(`a page with ${name}: cxkit starts all the same, and the page keeps its markup`, async ({ page, openSite, collector }) => {
    const seen = watchErrors(page);
    await openSite(page, { body: `<main><h1>Host site</h1>${body}</main>`, inlineConfig: {} });
    await ready(page);
    const { id, refused } = await record(page, { kind: 'nps', score: 10, touchpoint: 'named' });
    expect(refused).toBeUndefined();
    await expect.poll(() => collector.receivedIds()).toEqual([id]);
    expect(await page.locator('[id="cxkit"], [name="cxkit"]').count()).toBe(body.split('cxkit').length - 1);
    expect(seen).toEqual({ console: [], uncaught: [] });
  });
}

test('a page with a frame from another site named "cxkit", loaded before the tag runs: cxkit starts all the same', async ({
  page,
  openSite,
  collector,
  server,
}) => {
  const seen = watchErrors(page);
  // the window's `cxkit` names the frame, whose properties another site's page may not read: the tag runs once the
  // frame has left about:blank for that site (a tag the page inserts later, as a tag manager does)
  await openSite(page, {
    inlineConfig: {},
    // the page's first tag finds no file, and the test inserts the real one below
    scriptPath: '/dist/not-yet.js',
    body: `<main><h1>Host site</h1><iframe name="cxkit" src="${server.collectorOrigin}/elsewhere"></iframe></main>`,
  });
  await expect.poll(() => page.frame({ name: 'cxkit' })?.url()).toBe(`${server.collectorOrigin}/elsewhere`);
  await page.evaluate(
    (src) => document.head.append(Object.assign(document.createElement('script'), { src })),
    `${server.collectorOrigin}/dist/cxkit.js`,
  );
  // until the tag has run, reading the frame's properties throws
  await page.waitForFunction(() => {
    try {
      return (window.cxkit as EmbedApi).client;
    } catch {
      return false;
    }
  });
  const { id, refused } = await record(page, { kind: 'nps', score: 10, touchpoint: 'framed' });
  expect(refused).toBeUndefined();
  await expect.poll(() => collector.receivedIds()).toEqual([id]);
  expect(seen).toEqual({ console: [], uncaught: [] });
});

test('a stored anonymous id too long to send is replaced, and the answer goes out', async ({ page, openSite, collector, db }) => {
  await page.addInitScript((key) => localStorage.setItem(key, 'x'.repeat(150)), `${db}:anonymous-id`);
  await openSite(page, { inlineConfig: {} });
  await ready(page);
  const { id, refused } = await record(page, { kind: 'csat', score: 5, touchpoint: 'hostile' });
  expect(refused).toBeUndefined();
  await expect.poll(() => collector.receivedIds()).toEqual([id]);
  expect(collector.received()[0]?.body.responses[0]?.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
});

test("a page whose Promise is its own (as zone.js makes Angular apps'): a refused call resolves to undefined, said in the console", async ({
  page,
  openSite,
}) => {
  const seen = watchErrors(page);
  const rejections = await watchRejections(page);
  // async functions still return the browser's own promises, which are not instances of the page's
  await openSite(page, { head: '<script>window.Promise = class ZoneAwarePromise extends Promise {};</script>', inlineConfig: {} });
  await ready(page);
  const outcome = await page.evaluate(async () => {
    try {
      return { resolved: await (window.cxkit as EmbedApi).record({ kind: 'nps', score: 11, touchpoint: 'zone' }) };
    } catch (error) {
      return { rejected: String(error) };
    }
  });
  expect(outcome).toEqual({ resolved: undefined });
  await expect.poll(() => seen.console).toEqual([expect.stringMatching(/^cxkit: record\.score: /)]);
  expect(seen.uncaught).toEqual([]);
  expect(await rejections()).toEqual([]);
});

test('a locale over 35 characters is refused with the config, by name, not accepted and lost later', async ({ page, openSite }) => {
  const seen = watchErrors(page);
  const locale = 'en-'.padEnd(40, 'x');
  await openSite(page, { inlineConfig: { locale } });
  await expect.poll(() => seen.console).toEqual([`cxkit: config.locale: expected at most 35 characters, got "${locale}"`]);
  expect(seen.uncaught).toEqual([]);
});

test('an answer whose locale the collector would refuse is refused at record(), by name', async ({ page, openSite, collector }) => {
  await openSite(page, { inlineConfig: {} });
  await ready(page);
  const { refused } = await record(page, { kind: 'nps', score: 3, touchpoint: 'hostile', locale: 'x'.repeat(36) });
  expect(refused).toMatch(/^cxkit: record\.locale: expected at most 35 characters/);
  await page.waitForTimeout(300);
  expect(collector.received()).toEqual([]);
});

test(`more than ${maxTouchpoints} touchpoints is a named config error, and cxkit stays inert`, async ({ page, openSite }) => {
  const seen = watchErrors(page);
  const touchpoints = Array.from({ length: 10_000 }, (_, i) => ({ id: `t${i}`, prompt: 'nps', on: { url: `/page-${i}` } }));
  await openSite(page, { inlineConfig: { touchpoints } });
  await expect.poll(() => seen.console).toEqual([`cxkit: config.touchpoints: expected at most ${maxTouchpoints} items, got 10,000 items`]);
  expect(seen.uncaught).toEqual([]);
});

/** Each app's bundle, built once per worker: a build takes a second. */
const libraryBundles = new Map<string, Promise<string>>();

/** An app of test/e2e/pages/ (library-app.ts by default), bundled with the library as a site's bundler would. */
function bundleOfLibrary(app = 'library-app.ts'): Promise<string> {
  let bundle = libraryBundles.get(app);
  if (!bundle) libraryBundles.set(app, (bundle = buildLibraryApp(app)));
  return bundle;
}

async function buildLibraryApp(app: string): Promise<string> {
  const output = await build({
    logLevel: 'silent',
    configFile: false,
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL(`./pages/${app}`, import.meta.url)), formats: ['es'], fileName: 'app' },
    },
  });
  return ((Array.isArray(output) ? output[0] : output) as { output: Array<{ code?: string }> }).output[0]?.code ?? '';
}

/** Serves a page whose script is an app of test/e2e/pages/ bundled with the library, after `head`, and opens it with `query`. */
async function openLibraryApp(
  page: Page,
  server: { setSite(site: { html: string; config: string }): void; pageOrigin: string },
  query: Record<string, string>,
  { app, head = '', body = '' }: { app?: string; head?: string; body?: string } = {},
): Promise<void> {
  server.setSite({
    html: `<!doctype html><meta charset="utf-8"><title>App</title>${head}<script type="module">${await bundleOfLibrary(app)}</script>${body}`,
    config: '{}',
  });
  await page.goto(`${server.pageOrigin}/site/?${new URLSearchParams(query)}`);
}

/** zone.js as an Angular app loads it, before anything else. */
const zoneJs = '<script src="/vendor/zone/zone.umd.js"></script>';

/** What pages did to the platform before the tag that a prompt a touchpoint shows must live with. */
const platformsChanged: Array<{ name: string; setup?: string; head?: string }> = [
  {
    name: 'an AMD loader (RequireJS, as Magento pages have)',
    setup: `window.define = function () {}; define.amd = {}; window.require = function () {};`,
  },
  {
    name: "MooTools' Array.from (which wraps what has no length, and takes no map function)",
    setup: `Array.from = function (item) { if (item == null) return []; return typeof item.length == 'number' && typeof item != 'string' ? (Array.isArray(item) ? item : Array.prototype.slice.call(item)) : [item]; };`,
  },
  {
    name: "Prototype.js's Array and String extensions (enumerable, as its Object.extend leaves them) and its Array.from",
    setup:
      `Object.assign(Array.prototype, { first() { return this[0]; }, last() { return this[this.length - 1]; }, compact() { return this.filter((v) => v != null); } });` +
      `Object.assign(String.prototype, { strip() { return this.trim(); } });` +
      `Array.from = function (iterable) { if (!iterable) return []; if ('toArray' in Object(iterable)) return iterable.toArray(); var length = iterable.length || 0, results = new Array(length); while (length--) results[length] = iterable[length]; return results; };`,
  },
  { name: 'a frozen history', setup: `Object.freeze(history);` },
  {
    name: 'no crypto.randomUUID and no Web Locks (a plain-http page)',
    setup: `delete Crypto.prototype.randomUUID; delete Navigator.prototype.locks;`,
  },
  { name: 'no requestIdleCallback (as in Safari)', setup: `delete window.requestIdleCallback; delete window.cancelIdleCallback;` },
  { name: "Angular's zone.js (every timer, listener, promise and fetch patched)", head: zoneJs },
  {
    name: "a global Zone of its own that is not zone.js (a game engine's)",
    setup: `window.Zone = class Zone { static root = { run() { return 'not what cxkit asked for'; } }; };`,
  },
  {
    name: 'a global Zone that looks like zone.js and throws when its zones are read',
    setup: `window.Zone = { __symbol__() {}, get root() { throw new Error('page says no'); }, get current() { throw new Error('page says no'); } };`,
  },
];

for (const { name, setup, head } of platformsChanged) {
  test(`a page with ${name}: a touchpoint's prompt shows, is answered and delivered, nothing thrown into the page`, async ({
    page,
    openSite,
    collector,
  }) => {
    const seen = watchErrors(page);
    const rejections = await watchRejections(page);
    await openSite(page, {
      head: head ?? `<script>${setup}</script>`,
      inlineConfig: { touchpoints: [{ id: 'landing', prompt: 'nps', on: { url: '/**' } }] },
    });
    const nps = page.locator('cx-nps');
    await expect(nps.getByRole('radio')).toHaveCount(11);
    await nps.getByRole('radio', { name: '9' }).click();
    await nps.getByRole('textbox').fill('fine');
    await nps.getByRole('button', { name: 'Send' }).click();
    await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
    await expect
      .poll(() => collector.received().flatMap((r) => r.body.responses))
      .toMatchObject([{ kind: 'nps', score: 9, comment: 'fine', touchpoint: 'landing' }]);
    expect(seen).toEqual({ console: [], uncaught: [] });
    expect(await rejections()).toEqual([]);
  });
}

/** Every page above, with an app that bundles the library (its own build, zod's schemas in it) in place of the tag. */
const pagesForTheLibrary: Array<{ name: string; setup?: string; head?: string }> = [...hostile, ...platformsChanged];

for (const { name, setup, head } of pagesForTheLibrary) {
  test(`an app bundling the library on a page with ${name}: the answer it records is delivered, nothing thrown into the page`, async ({
    page,
    server,
    collector,
    db,
  }) => {
    const seen = watchErrors(page);
    const rejections = await watchRejections(page);
    await openLibraryApp(page, server, { endpoint: collector.endpoint, db }, { head: head ?? `<script>${setup}</script>` });
    const id = await page.waitForFunction(() => (window as unknown as { recorded?: Promise<string> }).recorded).then((h) => h.jsonValue());
    await expect.poll(() => collector.receivedIds()).toEqual([id]);
    expect(seen).toEqual({ console: [], uncaught: [] });
    expect(await rejections()).toEqual([]);
  });
}

/**
 * An Angular app's zone as NgZone forks it: each event or timer run in it is a change detection of the whole app (the
 * continuations of a call the app made are its own), and the app is stable (what its service worker's registration
 * and its end-to-end tests wait for) only while no timer is pending in it.
 */
const angularZone = `${zoneJs}<script>
  window.app = { tasksRun: 0, timerPending: false };
  window.app.zone = Zone.current.fork({
    name: 'angular',
    onHasTask(delegate, current, target, state) {
      delegate.hasTask(target, state);
      if (current === target) window.app.timerPending = state.macroTask;
    },
    onInvokeTask(delegate, current, target, task, applyThis, applyArgs) {
      if (task.type !== 'microTask') window.app.tasksRun++;
      return delegate.invokeTask(target, task, applyThis, applyArgs);
    },
  });
</script>`;

interface AngularApp {
  /** Events and timers run in the app's zone. */
  tasksRun: number;
  timerPending: boolean;
  zone: { run<T>(fn: () => T): T };
  /** The library's client, in test/e2e/pages/angular-app.ts. */
  client?: CxClient;
}

/**
 * Opens an Angular app's page, taller than the window, whose service creates the library's client in the app's zone,
 * and waits for the client; `above` is what the page shows first (a search field).
 */
async function openAngularApp(page: Page, server: Parameters<typeof openLibraryApp>[1], query: Record<string, string>, above = '') {
  await openLibraryApp(page, server, query, {
    app: 'angular-app.ts',
    head: angularZone,
    body: `${above}<div style="height: 5000px"></div>`,
  });
  await page.waitForFunction(() => (window as unknown as { app: AngularApp }).app.client);
}

/** What the app's zone has run and holds. */
const appZone = (page: Page) =>
  page.evaluate(() => {
    const { tasksRun, timerPending } = (window as unknown as { app: AngularApp }).app;
    return { tasksRun, timerPending };
  });

/**
 * Records an answer from the app's zone, through window.cxkit or the library's client, that the collector fails and
 * asks to be sent again in an hour: delivery then waits on a timer, which must not be the app's.
 */
async function recordFromAppZone(
  page: Page,
  collector: { plan(reply: { status: number; headers: Record<string, string> }): void; received(): Array<{ status: number }> },
  through: 'tag' | 'library',
) {
  collector.plan({ status: 503, headers: { 'Retry-After': '3600' } });
  await page.evaluate((through) => {
    const app = (window as unknown as { app: AngularApp }).app;
    return app.zone.run(() =>
      (through === 'tag' ? (window.cxkit as EmbedApi) : app.client!).record({ kind: 'csat', score: 4, touchpoint: 'support' }),
    );
  }, through);
  await expect.poll(() => collector.received().map((r) => r.status)).toEqual([503]);
  await page.waitForTimeout(500);
}

test("an Angular app (zone.js) that calls cxkit from its own zone: no timer of cxkit's keeps the app from being stable, and scrolling or typing runs nothing in it", async ({
  page,
  openSite,
  collector,
}) => {
  const seen = watchErrors(page);
  await openSite(page, { head: angularZone, body: '<input aria-label="Search"><div style="height: 5000px"></div>' });
  // as an app's bootstrap would: the config from the app, a touchpoint that listens to scrolling and one to a milestone
  await page.evaluate(
    (endpoint) =>
      (window as unknown as { app: AngularApp }).app.zone.run(() =>
        (window.cxkit as EmbedApi).init({
          endpoint,
          touchpoints: [
            { id: 'deep', prompt: 'nps', on: { scrollPercent: 95 } },
            { id: 'checkout', prompt: 'nps', on: { milestone: 'checkout-complete' } },
          ],
        }),
      ),
    collector.endpoint,
  );
  await ready(page);
  await recordFromAppZone(page, collector, 'tag');
  expect((await appZone(page)).timerPending).toBe(false);

  const before = (await appZone(page)).tasksRun;
  await page.mouse.move(200, 200);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 100);
  // a milestone while the visitor types: the prompt waits for a pause in the typing, then shows
  const search = page.getByRole('textbox', { name: 'Search' });
  await search.click();
  await page.evaluate(() =>
    (window as unknown as { app: AngularApp }).app.zone.run(() => (window.cxkit as EmbedApi).milestone('checkout-complete')),
  );
  await search.pressSequentially('running shoes', { delay: 40 });
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(11);
  await expect(search).toHaveValue('running shoes');
  await page.waitForTimeout(300);
  expect((await appZone(page)).tasksRun - before).toBe(0);
  expect((await appZone(page)).timerPending).toBe(false);
  // the app shows a prompt of another kind itself: its files load and it opens with nothing left in the app's zone
  await page.locator('cx-nps').getByRole('button', { name: 'Close' }).click();
  await page.evaluate(() =>
    (window as unknown as { app: AngularApp }).app.zone.run(() => void (window.cxkit as EmbedApi).show('csat', { touchpoint: 'support' })),
  );
  await expect(page.locator('cx-csat').getByRole('radio')).toHaveCount(5);
  expect((await appZone(page)).timerPending).toBe(false);
  await page.waitForTimeout(1500);
  expect((await appZone(page)).tasksRun - before).toBe(0);

  // the app's own listener and timer are seen: what the assertions above read is true to the zone
  await page.evaluate(() =>
    (window as unknown as { app: AngularApp }).app.zone.run(() => {
      addEventListener('wheel', () => {}, { passive: true });
      setTimeout(() => {}, 60_000);
    }),
  );
  await page.mouse.wheel(0, 100);
  await expect.poll(async () => (await appZone(page)).tasksRun - before).toBeGreaterThan(0);
  expect((await appZone(page)).timerPending).toBe(true);
  expect(seen).toEqual({ console: [], uncaught: [] });
});

test("an Angular app (zone.js) that creates the library's client in its own zone: no timer of cxkit's keeps it from being stable, and scrolling or typing runs nothing in it", async ({
  page,
  server,
  collector,
  db,
}) => {
  const seen = watchErrors(page);
  await openAngularApp(page, server, { endpoint: collector.endpoint, db }, '<input aria-label="Search">');
  // the client's start (its touchpoint engine's included) left nothing in the app's zone (it left a timer there before)
  await page.waitForTimeout(1000);
  expect(await appZone(page)).toMatchObject({ tasksRun: 0, timerPending: false });

  await page.mouse.move(200, 200);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 100);
  await page.getByRole('textbox', { name: 'Search' }).pressSequentially('running shoes');
  await recordFromAppZone(page, collector, 'library');
  expect(await appZone(page)).toMatchObject({ tasksRun: 0, timerPending: false });
  expect(seen).toEqual({ console: [], uncaught: [] });
});

/** Where each of the page's listeners on cxkit's events was called: "<who> in <zone's name>", in the order called. */
const heardIn = (page: Page) => page.evaluate(() => (window as unknown as { heard?: string[] }).heard ?? []);

test("an Angular app's listeners on cxkit's events run in the app's zone, where what they change is seen: added before the core had loaded, or after", async ({
  page,
  openSite,
  collector,
}) => {
  const seen = watchErrors(page);
  const scripts = requestedScripts(page);
  await openSite(page, { head: angularZone, inlineConfig: {} });
  const listen = (page: Page, who: string, inAppZone: boolean) =>
    page.evaluate(
      ({ who, inAppZone }) => {
        const w = window as unknown as { app: AngularApp; heard: string[]; Zone: { current: { name: string } } };
        w.heard ??= [];
        const add = () => (window.cxkit as EmbedApi).on('sent', () => w.heard.push(`${who} in ${w.Zone.current.name}`));
        void (inAppZone ? w.app.zone.run(add) : add());
      },
      { who, inAppZone },
    );
  // as a component's start would, before the core was even asked for: the call waits in the loader's queue
  expect(scripts).toEqual(['cxkit.js']);
  await listen(page, 'queued', true);
  await ready(page);
  await listen(page, 'direct', true);
  await listen(page, 'page', false);
  await page.evaluate(() => (window.cxkit as EmbedApi).record({ kind: 'csat', score: 4, touchpoint: 'support' }));
  await expect.poll(() => collector.received().length).toBe(1);
  await expect.poll(() => heardIn(page)).toEqual(['queued in angular', 'direct in angular', 'page in <root>']);
  expect(seen).toEqual({ console: [], uncaught: [] });
});

test("an Angular app's listeners on the library's client run in the app's zone, and the client's own work stays outside it", async ({
  page,
  server,
  collector,
  db,
}) => {
  const seen = watchErrors(page);
  await openAngularApp(page, server, { endpoint: collector.endpoint, db });
  await page.evaluate(() => {
    const w = window as unknown as { app: AngularApp; heard: string[]; Zone: { current: { name: string } } };
    w.heard = [];
    for (const [who, inAppZone] of [
      ['app', true],
      ['page', false],
    ] as const) {
      const add = () => w.app.client!.on('queued', () => w.heard.push(`${who} in ${w.Zone.current.name}`));
      void (inAppZone ? w.app.zone.run(add) : add());
    }
  });
  await page.evaluate(() =>
    (window as unknown as { app: AngularApp }).app.client!.record({ kind: 'csat', score: 4, touchpoint: 'support' }),
  );
  await expect.poll(() => heardIn(page)).toEqual(['app in angular', 'page in <root>']);
  // hearing in the app's zone left nothing of cxkit's there
  await page.waitForTimeout(500);
  expect(await appZone(page)).toMatchObject({ tasksRun: 0, timerPending: false });
  expect(seen).toEqual({ console: [], uncaught: [] });
});

test("a page whose Intl is a polyfill with no locale data loaded: an Arabic visitor's CSAT prompt shows in ASCII digits, is answered and delivered", async ({
  page,
  openSite,
  collector,
}) => {
  const seen = watchErrors(page);
  const rejections = await watchRejections(page);
  // as @formatjs's polyfills installed over the browser's Intl answer before their data has been added
  const setup = `for (const name of ['NumberFormat', 'PluralRules']) Intl[name] = function (locale) { throw new RangeError('Missing locale data for "' + locale + '"'); };`;
  await openSite(page, { head: `<script>${setup}</script>`, inlineConfig: { locale: 'ar' } });
  await ready(page);
  void page.evaluate(() => (window.cxkit as EmbedApi).show('csat', { touchpoint: 'polyfilled' }));
  const csat = page.locator('cx-csat');
  await expect(csat.getByRole('radio')).toHaveCount(5);
  // past the idle moment in which the digits' format is made
  await page.waitForTimeout(1500);
  await expect(csat.getByRole('radio').last()).toHaveAccessibleName('5 نجمة');
  await csat.getByRole('radio').nth(3).click();
  await csat.locator('[part="submit"]').click();
  await expect
    .poll(() => collector.received().flatMap((r) => r.body.responses))
    .toMatchObject([{ kind: 'csat', score: 4, touchpoint: 'polyfilled', locale: 'ar' }]);
  expect(seen).toEqual({ console: [], uncaught: [] });
  expect(await rejections()).toEqual([]);
});
