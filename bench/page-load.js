// What a host page pays for cxkit, with the CPU throttled 4× to stand in for a mid-range phone: main-thread task time
// up to the load event and through the idle time after it, long-task time, total blocking time and script bytes —
// without cxkit, with cxkit and no prompt due (the loader, then the core at idle), and with a prompt shown (the prompt
// UI too).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { posthogDist, posthogHead, servePosthog } from './posthog.js';
import { median } from './median.js';

/** @param {string} head @param {string} [body] */
const page = (head, body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">${head}</head>` +
  `<body><main><h1>Product</h1>${'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>'.repeat(200)}</main>${body}</body></html>`;

/** @param {object[]} touchpoints */
const config = (touchpoints) =>
  `<script type="application/json" data-cxkit-config>${JSON.stringify({ endpoint: '/collect', touchpoints })}</script>`;

/** @type {Record<string, string>} */
const variants = {
  'no cxkit': page(''),
  'cxkit, no prompt due': page(
    config([{ id: 'checkout', prompt: 'nps', on: { milestone: 'checkout-complete' } }]) + '<script src="/dist/cxkit.js" async></script>',
  ),
  'cxkit, prompt shown': page(
    config([{ id: 'visit', prompt: 'nps', on: { url: '/**' } }]) + '<script src="/dist/cxkit.js" async></script>',
  ),
};

/**
 * @typedef {{ name: string, ph: string, pid: number, tid: number, ts: number, dur?: number, args?: any }} TraceEvent
 */

/**
 * The page's main-thread task time from the trace: up to its load event, and through the idle time after it; tasks over
 * 50 ms (the ones a visitor can feel) and their time past 50 ms (total blocking time).
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
  return {
    toLoadMs: ms(within(load?.ts ?? Infinity)),
    throughIdleMs: ms(within(Infinity)),
    longMs: ms(long.reduce((sum, t) => sum + (t.dur ?? 0), 0)),
    blockingMs: ms(long.reduce((sum, t) => sum + (t.dur ?? 0) - 50_000, 0)),
  };
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} root
 * @param {number} rounds
 */
export async function measurePageLoad(browser, root, rounds) {
  // the peer, when its package can be fetched
  const posthog = posthogDist(root);
  if (posthog) variants['PostHog, surveys, idle'] = page(posthogHead);
  else console.log('bench: PostHog peer skipped: posthog-js could not be fetched from the npm registry');
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/collect') return void res.writeHead(202).end('{}');
    if (posthog && url.pathname.startsWith('/ph/')) return void (await servePosthog(posthog, url, res));
    if (url.pathname.startsWith('/dist/')) {
      return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(join(root, url.pathname)));
    }
    const html = variants[url.searchParams.get('variant') ?? 'no cxkit'];
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  /** @type {Record<string, Record<'loadMs' | 'taskMs' | 'scriptBytes' | 'longMs' | 'blockingMs', number[]>>} */
  const samples = Object.fromEntries(
    Object.keys(variants).map((v) => [v, { loadMs: [], taskMs: [], scriptBytes: [], longMs: [], blockingMs: [] }]),
  );
  try {
    for (let round = 0; round < rounds; round++) {
      // interleaved, so that machine noise hits every variant alike
      for (const variant of Object.keys(variants)) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        let scriptBytes = 0;
        tab.on('response', async (response) => {
          if (response.request().resourceType() === 'script')
            scriptBytes += Number((await response.allHeaders())['content-length'] ?? (await response.body()).length);
        });
        await browser.startTracing(tab, {
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
        });
        await tab.goto(`${origin}/?variant=${encodeURIComponent(variant)}`, { waitUntil: 'load' });
        await tab.waitForTimeout(2500); // the core at idle, its config and (when due) the prompt UI settle
        const figures = mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()).traceEvents);
        const sample = samples[variant];
        sample?.loadMs.push(figures.toLoadMs);
        sample?.taskMs.push(figures.throughIdleMs);
        sample?.longMs.push(figures.longMs);
        sample?.blockingMs.push(figures.blockingMs);
        sample?.scriptBytes.push(scriptBytes);
        await context.close();
      }
    }
  } finally {
    server.close();
  }
  return Object.entries(samples).map(([variant, s]) => ({
    variant,
    loadMs: median(s.loadMs),
    taskMs: median(s.taskMs),
    scriptBytes: median(s.scriptBytes),
    longMs: median(s.longMs),
    blockingMs: median(s.blockingMs),
  }));
}
