// What a host page pays for cxkit, with the CPU throttled 4× to stand in for a mid-range phone: main-thread task time
// up to the load event and through the idle time after it, long-task time, total blocking time and script bytes —
// without cxkit, with cxkit and no prompt due (the loader, then the core at idle), and with a prompt shown (the prompt
// UI too); a returning visitor's third view with nothing due, against the blank page's third view; and the page with
// nothing due and a line of script of its own before the tag, against the blank page with that line. Several builds
// can be measured side by side, interleaved (`BENCH_BUILDS=new=dist,old=/tmp/old/dist`).
import { createServer } from 'node:http';
import { join } from 'node:path';
import { serveBuildFile, withBuild } from './builds.js';
import { posthogDist, posthogHead, servePosthog } from './posthog.js';
import { median, middleHalf } from './median.js';

/** @param {string} head @param {string} [body] */
const page = (head, body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">${head}</head>` +
  `<body><main><h1>Product</h1>${'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>'.repeat(200)}</main>${body}</body></html>`;

/** @param {object[]} touchpoints */
const config = (touchpoints) =>
  `<script type="application/json" data-cxkit-config>${JSON.stringify({ endpoint: '/collect', touchpoints })}</script>`;

/** The script tag as a site writes it. */
const cxkitTag = '<script src="/dist/cxkit.js" async></script>';
const nothingDueTag = config([{ id: 'checkout', prompt: 'nps', on: { milestone: 'checkout-complete' } }]) + cxkitTag;
const nothingDue = page(nothingDueTag);
/**
 * A line of the page's own script before the tag, as every real shop page has: the page's first script pays for its
 * script context and first DOM wrappers, which on the blank page is cxkit's loader.
 */
const ownScript = '<script>document.documentElement.dataset.shop = "open";</script>';

/** @type {Record<string, string>} */
const variants = {
  'no cxkit': page(''),
  'no cxkit, 3rd view': page(''),
  'cxkit, no prompt due': nothingDue,
  // the same page on a returning visitor's third view: scripts from the HTTP cache, V8's compiled code cached with them
  // (which Chromium keeps from a script's second load on), the outbox and the visitor id already stored
  'cxkit, nothing due, 3rd view': nothingDue,
  'no cxkit, own script': page(ownScript),
  'cxkit, nothing due, own script': page(ownScript + nothingDueTag),
  'cxkit, prompt shown': page(config([{ id: 'visit', prompt: 'nps', on: { url: '/**' } }]) + cxkitTag),
};

/** Page views each variant's visitor had before the measured one, in the same browser profile. */
const viewsBefore = (/** @type {string} */ variant) => (variant.includes('3rd view') ? 2 : 0);

/** The page without cxkit that a variant is compared with: the blank page at the same view. */
export const baselineOf = (/** @type {string} */ variant) =>
  viewsBefore(variant) ? 'no cxkit, 3rd view' : variant.includes('own script') ? 'no cxkit, own script' : 'no cxkit';

/**
 * @typedef {{ name: string, ph: string, pid: number, tid: number, ts: number, dur?: number, tdur?: number, args?: any }} TraceEvent
 */

/** Trace events that mean cxkit's own script ran in the task holding them. */
const cxkitCode = (/** @type {TraceEvent} */ e) =>
  (e.name === 'EvaluateScript' || e.name === 'FunctionCall') && /\/cxkit[\w-]*\.js/.test(e.args?.data?.url ?? '');

/**
 * The page's main-thread task time from the trace: up to its load event, and through the idle time after it; tasks over
 * 50 ms (the ones a visitor can feel) and their time past 50 ms (total blocking time); and the long tasks cxkit made
 * long (the page's own, parsing and laying out its HTML, are not cxkit's).
 * @param {TraceEvent[]} events
 */
function mainThreadTasks(events) {
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith('http'));
  if (!start) throw new Error('bench: no navigationStart in the trace');
  const load = events.find((e) => e.name === 'loadEventEnd' && e.pid === start.pid && e.ts > start.ts);
  const tasks = events.filter(
    (e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.ts >= start.ts,
  );
  const ms = (/** @type {number} */ us) => us / 1000;
  const within = (/** @type {number} */ end) => tasks.reduce((sum, t) => sum + Math.max(0, Math.min(t.ts + (t.dur ?? 0), end) - t.ts), 0);
  const long = tasks.filter((t) => (t.dur ?? 0) > 50_000);
  const ran = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && cxkitCode(e));
  const end = (/** @type {TraceEvent} */ e) => e.ts + (e.dur ?? 0);
  const microtasks = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.name === 'RunMicrotasks');
  /**
   * cxkit's own time in a task: its outermost script events (a nested call is already inside its caller's time), and
   * the task's microtasks when cxkit's code ran in it (promise callbacks carry no script URL in the trace; in such a
   * task they are cxkit's continuations). Wall time by default; `length` may take the events' thread time instead.
   */
  const cxkitTime = (/** @type {TraceEvent} */ task, length = (/** @type {TraceEvent} */ e) => e.dur ?? 0) => {
    const inTask = (/** @type {TraceEvent} */ e) => e.ts >= task.ts && end(e) <= end(task);
    const mine = ran.filter(inTask);
    if (!mine.length) return 0;
    const candidates = [...mine, ...microtasks.filter(inTask)];
    return candidates
      .filter((e) => !candidates.some((outer) => outer !== e && outer.ts <= e.ts && end(outer) >= end(e)))
      .reduce((sum, e) => sum + length(e), 0);
  };
  // a long task is cxkit's when it would not have been long without cxkit's part in it (a page's own layout that
  // happens to follow cxkit's DOMContentLoaded listener in one task is not)
  const cxkitWall = new Map(tasks.map((t) => [t, cxkitTime(t)]));
  const cxkitLong = long.filter((t) => (t.dur ?? 0) - (cxkitWall.get(t) ?? 0) <= 50_000);
  // cxkit's longest task of its own (most of it cxkit's code), in wall time and in the thread's CPU time: on a busy
  // machine a task's wall time also holds the time its thread waited for a core
  const longest = tasks
    .filter((t) => (cxkitWall.get(t) ?? 0) * 2 > (t.dur ?? 0))
    .reduce((/** @type {TraceEvent | null} */ max, t) => ((t.dur ?? 0) > (max?.dur ?? 0) ? t : max), null);
  return {
    cxkitLongMs: ms(cxkitLong.reduce((sum, t) => sum + (t.dur ?? 0), 0)),
    cxkitLongestMs: ms(longest?.dur ?? 0),
    cxkitLongestThreadMs: ms(longest?.tdur ?? 0),
    // the blank page's luck in a run moves "+N ms to load" by tens of ms; cxkit's own script time does not depend on it
    cxkitToLoadMs: ms(tasks.filter((t) => end(t) <= (load?.ts ?? Infinity)).reduce((sum, t) => sum + (cxkitWall.get(t) ?? 0), 0)),
    cxkitThroughIdleMs: ms([...cxkitWall.values()].reduce((sum, wall) => sum + wall, 0)),
    // the CPU time the renderer's thread spent in cxkit's code: on a busy machine the wall time also holds the time the
    // thread waited for a core, which differs from load to load (1.2–3× the thread time on a shared 2-core machine)
    cxkitThreadMs: ms(tasks.reduce((sum, t) => sum + cxkitTime(t, (e) => e.tdur ?? e.dur ?? 0), 0)),
    loadMs: ms(within(load?.ts ?? Infinity)),
    taskMs: ms(within(Infinity)),
    longMs: ms(long.reduce((sum, t) => sum + (t.dur ?? 0), 0)),
    blockingMs: ms(long.reduce((sum, t) => sum + (t.dur ?? 0) - 50_000, 0)),
  };
}

/**
 * What one page load cost, from its trace, and the bytes of script it fetched.
 * @typedef {ReturnType<typeof mainThreadTasks> & { scriptBytes: number }} LoadFigures
 */

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} root
 * @param {number} rounds
 * @param {Record<string, string>} [builds] name → folder holding cxkit.js and its files; one row per build and page
 */
export async function measurePageLoad(browser, root, rounds, builds = { '': join(root, 'dist') }) {
  // the peer, when its package can be fetched
  const posthog = posthogDist(root);
  /** @type {Record<string, string>} */
  const pages = { ...variants, ...(posthog ? { 'PostHog, surveys, idle': page(posthogHead) } : {}) };
  if (!posthog) console.log('bench: PostHog peer skipped: posthog-js could not be fetched from the npm registry');
  const named = Object.keys(builds).length > 1;
  /** Every page to load, once per build where it carries cxkit. @type {Array<{ row: string, variant: string, build: string }>} */
  const loads = Object.keys(pages).flatMap((variant) =>
    pages[variant]?.includes('/dist/cxkit.js')
      ? Object.keys(builds).map((build) => ({ row: named ? `${variant} [${build}]` : variant, variant, build }))
      : [{ row: variant, variant, build: '' }],
  );
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/collect') return void res.writeHead(202).end('{}');
    if (posthog && url.pathname.startsWith('/ph/')) return void (await servePosthog(posthog, url, res));
    // cacheable, so that a returning visitor's view takes them (and their compiled code) from the cache
    if (url.pathname.startsWith('/dist/')) return void (await serveBuildFile(builds, url, res, { 'Cache-Control': 'max-age=3600' }));
    const html = pages[url.searchParams.get('variant') ?? 'no cxkit'] ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(withBuild(html, url.searchParams.get('build')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  /** Each row's loads, one set of figures per load. @type {Record<string, LoadFigures[]>} */
  const samples = Object.fromEntries(loads.map(({ row }) => [row, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      // interleaved, so that machine noise hits every variant alike, and in the other order every other round, so that
      // no build always goes first (session 19 took the second place's 5 ms for that; session 20 found two copies of one
      // build up to 7.5 ms apart with turns too: the middle half printed beside the median says what a gap means)
      for (const { row, variant, build } of round % 2 ? [...loads].reverse() : loads) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        const pageUrl = `${origin}/?variant=${encodeURIComponent(variant)}&build=${encodeURIComponent(build)}`;
        for (let view = 0; view < viewsBefore(variant); view++) {
          await tab.goto(pageUrl, { waitUntil: 'load' });
          await tab.waitForTimeout(2500); // the core loaded at idle, and its compiled code cached
        }
        let scriptBytes = 0;
        tab.on('response', async (response) => {
          if (response.request().resourceType() === 'script')
            scriptBytes += Number((await response.allHeaders())['content-length'] ?? (await response.body()).length);
        });
        await browser.startTracing(tab, {
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
        });
        await tab.goto(pageUrl, { waitUntil: 'load' });
        await tab.waitForTimeout(2500); // the core at idle, its config and (when due) the prompt UI settle
        const figures = mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
        samples[row]?.push({ ...figures, scriptBytes });
        await context.close();
      }
    }
  } finally {
    server.close();
  }
  return Object.entries(samples).map(([variant, list]) => {
    const names = /** @type {Array<keyof LoadFigures>} */ (Object.keys(list[0] ?? {}));
    const medians = /** @type {LoadFigures} */ (Object.fromEntries(names.map((name) => [name, median(list.map((s) => s[name]))])));
    return {
      variant,
      ...medians,
      cxkitToLoadMiddleHalf: middleHalf(list.map((s) => s.cxkitToLoadMs)),
      cxkitLongLoads: list.filter((s) => s.cxkitLongMs > 0).length,
      loads: list.length,
    };
  });
}
