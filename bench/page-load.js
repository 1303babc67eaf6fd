// What a host page pays for cxkit: main-thread task time and script bytes of a page load, without cxkit, with
// cxkit and no prompt due (only the core loads), and with a prompt shown (the prompt UI loads too).
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
  /** @type {Record<string, { taskMs: number[], scriptBytes: number[], longTasks: number[] }>} */
  const samples = Object.fromEntries(Object.keys(variants).map((v) => [v, { taskMs: [], scriptBytes: [], longTasks: [] }]));
  try {
    for (let round = 0; round < rounds; round++) {
      // interleaved, so that machine noise hits every variant alike
      for (const variant of Object.keys(variants)) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        // tasks over 50 ms are the ones a visitor can feel
        await tab.addInitScript(() => {
          const w = /** @type {any} */ (window);
          w.longTasks = 0;
          new PerformanceObserver((list) => (w.longTasks += list.getEntries().length)).observe({ type: 'longtask', buffered: true });
        });
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Performance.enable');
        let scriptBytes = 0;
        tab.on('response', async (response) => {
          if (response.request().resourceType() === 'script')
            scriptBytes += Number((await response.allHeaders())['content-length'] ?? (await response.body()).length);
        });
        await tab.goto(`${origin}/?variant=${encodeURIComponent(variant)}`, { waitUntil: 'load' });
        await tab.waitForTimeout(800); // async scripts, config and (when due) the prompt UI settle
        const { metrics } = await cdp.send('Performance.getMetrics');
        const taskSeconds = metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
        samples[variant]?.taskMs.push(taskSeconds * 1000);
        samples[variant]?.scriptBytes.push(scriptBytes);
        samples[variant]?.longTasks.push(await tab.evaluate(() => /** @type {any} */ (window).longTasks));
        await context.close();
      }
    }
  } finally {
    server.close();
  }
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
  return Object.entries(samples).map(([variant, s]) => ({
    variant,
    taskMs: median(s.taskMs),
    scriptBytes: median(s.scriptBytes),
    longTasks: s.longTasks.reduce((a, b) => a + b, 0) / s.longTasks.length,
  }));
}
