// `npm run bench`: the outbox (record latency, flush throughput, each beside bare idb), what a page load costs with
// and without cxkit, the collector's throughput, and the script tag's sizes.
// Shared machines are noisy: each figure is a median over rounds, and the ratio to bare idb in the same run is what to compare.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { launchOptions } from '../scripts/browser.js';
import { deliveryFile, loaderBudget, npsPromptBudget, outboxFile, touchpointsFile } from './budgets.js';
import { measureCollector } from './collector.js';
import { baselineOf, measurePageLoad } from './page-load.js';
import { measureShow } from './show.js';
import { median } from './median.js';

const root = new URL('..', import.meta.url).pathname;
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
/** `BENCH_PARTS=outbox,show` runs only those parts (outbox, page-load, show, collector, size); all by default. */
const parts = new Set((process.env.BENCH_PARTS ?? 'outbox,page-load,show,collector,size').split(','));
/** `BENCH_BUILDS=new=dist,old=/tmp/old/dist` measures page loads and show for several builds side by side, interleaved. */
const builds = Object.fromEntries(
  (process.env.BENCH_BUILDS ?? `cxkit=${join(root, 'dist')}`).split(',').map((pair) => {
    const [name = '', folder = ''] = pair.split('=');
    return [name, folder.startsWith('/') ? folder : join(root, folder)];
  }),
);

/**
 * Bundles a browser bench module to one ESM string.
 * @param {string} entry
 */
async function bundle(entry) {
  const output = /** @type {import('rolldown').RolldownOutput} */ (
    await build({
      root,
      logLevel: 'silent',
      configFile: false,
      build: { write: false, minify: true, lib: { entry, formats: ['es'], fileName: 'bench' } },
    })
  );
  const chunk = (Array.isArray(output) ? output[0] : output).output[0];
  return chunk.code;
}

const outboxBench = await bundle(join(root, 'bench/outbox.bench.ts'));
const server = createServer(async (req, res) => {
  if (req.url === '/collect') {
    let body = '';
    for await (const chunk of req) body += chunk;
    const accepted = JSON.parse(body).responses.length;
    return void res.writeHead(202, { 'Content-Type': 'application/json' }).end(JSON.stringify({ accepted, duplicates: 0 }));
  }
  if (req.url === '/outbox.bench.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(outboxBench);
  res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>bench</title><link rel="icon" href="data:,">');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch(launchOptions());
try {
  if (parts.has('outbox')) {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    /** @type {import('./outbox.bench.ts').OutboxFigures} */
    const figures = await page.evaluate(async (n) => {
      const url = '/outbox.bench.js';
      return (await import(url)).runOutboxBench(n);
    }, rounds);
    const { record, flush } = figures;
    /** @type {Array<{ cx: number; bare: number }>} */
    const firsts = [];
    for (let r = 0; r < rounds; r++) {
      await page.goto(`${origin}/`);
      firsts.push(
        await page.evaluate(async () => {
          const url = '/outbox.bench.js';
          return (await import(url)).firstRecordMs();
        }),
      );
    }
    const firstRecord = { cx: median(firsts.map((f) => f.cx)), bare: median(firsts.map((f) => f.bare)) };
    for (const [waiting, { cx, bare }] of Object.entries(record)) {
      console.log(
        `bench: outbox record(), ${String(waiting).padStart(4)} waiting   ${cx.toFixed(2)} ms    bare idb put ${bare.toFixed(2)} ms    ratio ${(cx / bare).toFixed(2)}x (target ≤ 1.3x)  (${rounds} rounds × 50)`,
      );
    }
    console.log(
      `bench: outbox: a page's first record() ${firstRecord.cx.toFixed(1)} ms (first use: code compiled, the visitor id read, the outbox counted)    first bare put ${firstRecord.bare.toFixed(1)} ms  (median of ${rounds} pages)`,
    );
    for (const [waiting, { cx, bare }] of Object.entries(flush)) {
      console.log(
        `bench: outbox flush of ${waiting}   ${cx.toFixed(0)} answers/s    bare idb + fetch ${bare.toFixed(0)} answers/s    ratio ${(cx / bare).toFixed(2)}x (target ≥ 0.8x)  (${rounds} rounds)`,
      );
    }
  }
  const loadRounds = rounds * 4;
  if (parts.has('page-load')) {
    const loads = await measurePageLoad(browser, root, loadRounds, builds);
    const plus = (/** @type {number} */ value, /** @type {number} */ base) => `${value - base >= 0 ? '+' : ''}${(value - base).toFixed(1)}`;
    console.log(
      `bench: page load at 4× CPU throttling, medians of ${loadRounds}, interleaved; "+" is against the blank page at the same view`,
    );
    for (const {
      variant,
      loadMs,
      taskMs,
      scriptBytes,
      longMs,
      blockingMs,
      cxkitLongMs,
      cxkitLongLoads,
      cxkitToLoadMs,
      cxkitToLoadMiddleHalf: [toLoadLow, toLoadHigh],
      cxkitThroughIdleMs,
      cxkitThreadMs,
      cxkitLongestMs,
      cxkitLongestThreadMs,
      loads: n,
    } of loads) {
      const blank = loads.find((load) => load.variant === baselineOf(variant));
      const added =
        variant === blank?.variant
          ? ''
          : `  (${plus(loadMs, blank?.loadMs ?? NaN)} ms to load, ${plus(taskMs, blank?.taskMs ?? NaN)} ms through idle${variant.startsWith('cxkit') ? `; cxkit's own script time to load ${cxkitToLoadMs.toFixed(1)} ms (middle half ${toLoadLow.toFixed(1)}–${toLoadHigh.toFixed(1)}), through idle ${cxkitThroughIdleMs.toFixed(1)} ms (thread time ${cxkitThreadMs.toFixed(1)} ms); its longest task ${cxkitLongestMs.toFixed(1)} ms (thread time ${cxkitLongestThreadMs.toFixed(1)} ms)` : ''})`;
      console.log(
        `bench: page load, ${variant.padEnd(22)} tasks to load ${loadMs.toFixed(1)} ms   through idle ${taskMs.toFixed(1)} ms   long tasks ${longMs.toFixed(0)} ms (cxkit's ${cxkitLongMs.toFixed(0)}, in ${cxkitLongLoads}/${n} loads)   TBT ${blockingMs.toFixed(0)} ms   scripts ${(scriptBytes / 1024).toFixed(1)} KiB${added}`,
      );
    }
    console.log(
      "bench: targets: nothing due adds ≤ 15 ms of tasks to load at 4× (cxkit's own script time to load, and the + against the blank page), and no long task that cxkit's code makes long (cxkit's 0 ms)",
    );
  }
  if (parts.has('show')) {
    const shows = await measureShow(browser, builds, loadRounds);
    for (const { name, cold, warm, coldCsat, coldAtLoad, slowEnglish, slowFrench } of shows.builds) {
      console.log(
        `bench: cxkit.show() → painted at 4×${Object.keys(builds).length > 1 ? ` [${name}]` : ''}, on a settled page (${shows.settleMs} ms after the client exists): cold ${cold.toFixed(0)} ms (target ≤ 150)   warm ${warm.toFixed(0)} ms (target ≤ 50)   cold CSAT ${coldCsat.toFixed(0)} ms;   called at load: cold ${coldAtLoad.toFixed(0)} ms, the core's load included;   over ${shows.roundTripMs} ms round trips: cold ${slowEnglish.toFixed(0)} ms in English, ${slowFrench.toFixed(0)} ms in French  (median of ${loadRounds})`,
      );
    }
    const { atLoad, settled } = shows.yardstick;
    console.log(
      `bench: the yardstick, one fixed piece of script at 4×: ${atLoad.toFixed(0)} ms at load, ${settled.toFixed(0)} ms on the settled page (${(atLoad / settled).toFixed(2)}×): any script runs that much slower while the browser still works on the load`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
if (parts.has('collector')) await measureCollector(root);
const targets = {
  [loaderBudget.file]: `critical path, target ≤ ${loaderBudget.bytes.toLocaleString('en')} B gzip`,
  'cxkit-core.js': 'at idle, a second after load',
  [touchpointsFile]: 'at idle, for a config that has touchpoints',
  [outboxFile]:
    'the outbox: as the client starts, once the touchpoints have looked at the page (after a prompt they show then has painted), or for an answer',
  [deliveryFile]: 'once the outbox holds something to send (a prompt painted, an answer, one an earlier page left)',
  'cxkit-prompts.js': 'when a prompt shows (English, with <cx-nps>)',
  'cxkit-csat.js': 'beside it, when a CSAT prompt shows',
  'cxkit-ces.js': 'beside it, when a CES prompt shows',
  'cxkit-locale-fr.js': 'beside the prompt UI, for a French visitor (one of 20 such files)',
};
/** @type {Record<string, number>} */
const gzipped = {};
for (const [file, role] of parts.has('size') ? Object.entries(targets) : []) {
  const script = readFileSync(join(root, 'dist', file));
  gzipped[file] = gzipSync(script, { level: 9 }).length;
  console.log(
    `bench: dist/${file.padEnd(20)} ${gzipped[file]} B gzip, ${brotliCompressSync(script).length} B brotli (${script.length} B raw) — ${role}`,
  );
}
if (parts.has('size')) {
  const total = (/** @type {string[]} */ files) => files.reduce((sum, file) => sum + (gzipped[file] ?? 0), 0);
  const shown = total(npsPromptBudget.files);
  const fired = shown + total([touchpointsFile]);
  console.log(
    `bench: one NPS prompt in English, gzip (target ≤ ${npsPromptBudget.bytes.toLocaleString('en')} B): by cxkit.show() or an inline element ${shown} B; by a touchpoint ${fired} B`,
  );
  console.log(
    `bench: and after it has painted, the outbox and delivery for its display and answer: ${shown + total([outboxFile, deliveryFile])} B in all by cxkit.show()`,
  );
  console.log(`bench: one CSAT prompt in English, gzip: by cxkit.show() or an inline element ${shown + total(['cxkit-csat.js'])} B`);
  // English is in the prompt UI; any other language is one more file
  console.log(`bench: one NPS prompt in French, gzip: by cxkit.show() or an inline element ${shown + total(['cxkit-locale-fr.js'])} B`);
}
