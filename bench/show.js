// How long `cxkit.show()` takes to put a prompt on screen, CPU throttled 4×, from the call to the first frame painted
// with the prompt in it: cold (the prompt UI's first load in the page) and warm (the second prompt) on a settled page,
// as when a visitor reaches a milestone seconds after the page loaded; a cold CSAT prompt there, whose element is a file
// of its own fetched beside the prompt UI; and cold when the page calls show() the moment its load event has fired,
// which also loads the core and runs while the browser still works on the load; and cold over a network with 150 ms
// round trips, for an English and a French visitor, whose language is a file of its own. Beside them a yardstick: one
// fixed piece of script timed at both moments, which says how much slower any script runs right after a load on the
// machine at hand.
import { createServer } from 'node:http';
import { serveBuildFile, withBuild } from './builds.js';
import { median } from './median.js';

const html =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">' +
  '<script type="application/json" data-cxkit-config>{"endpoint":"/collect"}</script>' +
  '<script src="/dist/cxkit.js" async></script></head><body><main><h1>Order placed</h1></main></body></html>';

/**
 * Milliseconds from show() to the painted prompt, in the page.
 * @param {import('playwright-core').Page} tab
 * @param {'nps' | 'csat'} kind
 */
function timeShow(tab, kind) {
  return tab.evaluate(async (kind) => {
    const api = /** @type {any} */ (window.cxkit);
    const started = performance.now();
    void api.show(kind, { touchpoint: 'bench', mode: 'popover' });
    const painted = await new Promise((resolve) => {
      const check = () => {
        const panel = document.querySelector(`body > cx-${kind}`)?.shadowRoot?.querySelector('[role="radio"]');
        // the next frame begins once the frame that laid the prompt out has been painted; work the page queued after
        // that frame (cxkit records the display then) does not hold up what the visitor sees
        if (panel) requestAnimationFrame(() => resolve(performance.now() - started));
        else requestAnimationFrame(check);
      };
      check();
    });
    document.querySelector(`body > cx-${kind}`)?.shadowRoot?.querySelector('[part="close"]')?.dispatchEvent(new MouseEvent('click'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    return painted;
  }, kind);
}

/** A mobile network's round trip, which the local server does not have: what each file fetched in turn costs. */
const roundTripMs = 150;

/** How long after its client exists a page counts as settled. */
const settleMs = 1500;

/**
 * Milliseconds one fixed piece of script takes in the page (arithmetic, then DOM nodes made, laid out and removed): the
 * same work whenever it runs, so its time says how fast the page's thread is at that moment.
 * @param {import('playwright-core').Page} tab
 */
function timeYardstick(tab) {
  return tab.evaluate(() => {
    const started = performance.now();
    let sum = 0;
    for (let i = 0; i < 3e6; i++) sum += Math.sqrt(i);
    const box = document.createElement('div');
    for (let i = 0; i < 300; i++) box.append(document.createElement('span'));
    document.body.append(box);
    box.getBoundingClientRect();
    box.remove();
    return sum > 0 ? performance.now() - started : NaN;
  });
}

/**
 * Median show → painted for each build folder, measured interleaved: cold and warm NPS and cold CSAT on a settled page,
 * cold NPS called at load, and cold NPS on a settled page over a slow network in English and in French; and the
 * yardstick's medians.
 * @param {import('playwright-core').Browser} browser
 * @param {Record<string, string>} builds name → folder holding cxkit.js and its files
 * @param {number} rounds
 */
export async function measureShow(browser, builds, rounds) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/collect') return void res.writeHead(202).end('{"accepted":0}');
    if (url.pathname.startsWith('/dist/')) return void (await serveBuildFile(builds, url, res));
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(withBuild(html, url.searchParams.get('build')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  /** @type {Record<string, { cold: number[], warm: number[], coldCsat: number[], coldAtLoad: number[], slowEnglish: number[], slowFrench: number[] }>} */
  const samples = Object.fromEntries(
    Object.keys(builds).map((name) => [name, { cold: [], warm: [], coldCsat: [], coldAtLoad: [], slowEnglish: [], slowFrench: [] }]),
  );
  /** The yardstick's times the moment the load event has fired and once the page has settled. */
  const yardstick = { atLoad: /** @type {number[]} */ ([]), settled: /** @type {number[]} */ ([]) };
  /** A fresh page of the build, throttled, loaded; in the browser's language `locale`, over `latency` ms round trips. */
  const open = async (/** @type {string} */ name, { locale = 'en-US', latency = 0 } = {}) => {
    const context = await browser.newContext({ locale });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    if (latency) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    }
    await tab.goto(`${origin}/?build=${encodeURIComponent(name)}`, { waitUntil: 'load' });
    const settle = async () => {
      await tab.waitForFunction(() => /** @type {any} */ (window).cxkit?.client);
      await tab.waitForTimeout(settleMs);
    };
    return { tab, settle, close: () => context.close() };
  };
  try {
    for (let round = 0; round < rounds; round++) {
      // every other round the other way round, so that no build always goes first
      for (const name of round % 2 ? Object.keys(builds).reverse() : Object.keys(builds)) {
        const nps = await open(name);
        await nps.settle();
        samples[name]?.cold.push(await timeShow(nps.tab, 'nps'));
        samples[name]?.warm.push(await timeShow(nps.tab, 'nps'));
        await nps.close();
        const csat = await open(name);
        await csat.settle();
        samples[name]?.coldCsat.push(await timeShow(csat.tab, 'csat'));
        await csat.close();
        const atLoad = await open(name);
        samples[name]?.coldAtLoad.push(await timeShow(atLoad.tab, 'nps'));
        await atLoad.close();
        for (const [locale, list] of /** @type {const} */ ([
          ['en-US', 'slowEnglish'],
          ['fr-FR', 'slowFrench'],
        ])) {
          const slow = await open(name, { locale, latency: roundTripMs });
          await slow.settle();
          samples[name]?.[list].push(await timeShow(slow.tab, 'nps'));
          await slow.close();
        }
      }
      const measured = await open(Object.keys(builds)[0] ?? '');
      yardstick.atLoad.push(await timeYardstick(measured.tab));
      await measured.settle();
      yardstick.settled.push(await timeYardstick(measured.tab));
      await measured.close();
    }
  } finally {
    server.close();
  }
  return {
    builds: Object.entries(samples).map(([name, s]) => ({
      name,
      cold: median(s.cold),
      warm: median(s.warm),
      coldCsat: median(s.coldCsat),
      coldAtLoad: median(s.coldAtLoad),
      slowEnglish: median(s.slowEnglish),
      slowFrench: median(s.slowFrench),
    })),
    settleMs,
    roundTripMs,
    yardstick: { atLoad: median(yardstick.atLoad), settled: median(yardstick.settled) },
  };
}
