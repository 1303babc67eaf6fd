// What a host page pays for cxkit, with the CPU throttled 4× to stand in for a mid-range phone: main-thread task time
// up to the load event and through the idle time after it, long-task time, total blocking time and script bytes —
// without cxkit, with cxkit and no prompt due (the loader, then the core at idle), and with a prompt shown (the prompt
// UI too).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** @param {string} head @param {string} [body] */
const page = (head, body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">${head}</head>` +
  `<body><main><h1>Product</h1>${'<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>'.repeat(200)}</main>${body}</body></html>`;

/** @param {object[]} touchpoints */
const config = (touchpoints) =>
  `<script type="application/json" data-cxkit-config>${JSON.stringify({ endpoint: '/collect', touchpoints })}</script>`;

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
 * @param {import('playwright-core').Browser} browser
 * @param {string} root
 * @param {number} rounds
 */
export async function measurePageLoad(browser, root, rounds) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/collect') return void res.writeHead(202).end('{}');
    if (url.pathname.startsWith('/dist/')) {
      return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(join(root, url.pathname)));
    }
    const html = variants[/** @type {keyof typeof variants} */ (url.searchParams.get('variant') ?? 'no cxkit')];
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
        // tasks over 50 ms are the ones a visitor can feel
        await tab.addInitScript(() => {
          const w = /** @type {any} */ (window);
          w.longTasks = [];
          new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
            type: 'longtask',
            buffered: true,
          });
        });
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Performance.enable');
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        const taskMs = async () =>
          ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
        let scriptBytes = 0;
        tab.on('response', async (response) => {
          if (response.request().resourceType() === 'script')
            scriptBytes += Number((await response.allHeaders())['content-length'] ?? (await response.body()).length);
        });
        await tab.goto(`${origin}/?variant=${encodeURIComponent(variant)}`, { waitUntil: 'load' });
        const atLoad = await taskMs();
        await tab.waitForTimeout(2500); // the core at idle, its config and (when due) the prompt UI settle
        const sample = samples[variant];
        const longTasks = /** @type {number[]} */ (await tab.evaluate(() => /** @type {any} */ (window).longTasks));
        sample?.loadMs.push(atLoad);
        sample?.taskMs.push(await taskMs());
        sample?.scriptBytes.push(scriptBytes);
        sample?.longMs.push(longTasks.reduce((a, b) => a + b, 0));
        sample?.blockingMs.push(longTasks.reduce((a, b) => a + Math.max(0, b - 50), 0));
        await context.close();
      }
    }
  } finally {
    server.close();
  }
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
  return Object.entries(samples).map(([variant, s]) => ({
    variant,
    loadMs: median(s.loadMs),
    taskMs: median(s.taskMs),
    scriptBytes: median(s.scriptBytes),
    longMs: median(s.longMs),
    blockingMs: median(s.blockingMs),
  }));
}
