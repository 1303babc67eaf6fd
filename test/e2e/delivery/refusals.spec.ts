// A site pointed at the reference collector with a mistake in its setup: the page learns what is wrong after one
// request, the answers are kept in the rejected store, and nothing is counted as delivered that was not.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startCollectorServer, type RunningServer } from '../../../collector/http/server.js';
import { openStore } from '../../../collector/store/open.js';
import { readAll, type ResponseStore } from '../../../collector/store/store.js';
import type { EmbedApi } from '../../../src/embed.js';
import { answer, expect, test } from '../support/fixtures.js';

interface DeliveryEvent {
  readonly type: string;
  readonly status: number | undefined;
  readonly reason: string | undefined;
}

let folder: string;
let store: ResponseStore;
let collector: RunningServer;

/** The reference collector, as its owner configured it: which origins may post, and a write key. */
async function startCollector(origins: readonly string[], writeKey?: string): Promise<void> {
  collector = await startCollectorServer({ port: 0, store, origins, writeKey, rateLimit: { perIp: 0, perKey: 0 } });
}

test.beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cxkit-refusals-'));
  store = await openStore(join(folder, 'responses.db'));
});

test.afterEach(async () => {
  await collector?.close();
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Listens to the page's delivery events and counts the POSTs the browser makes to `url`'s origin. */
async function watchDelivery(page: Page, origin: string): Promise<{ events(): Promise<DeliveryEvent[]>; posts: () => number }> {
  let posts = 0;
  page.on('request', (request) => void (request.method() === 'POST' && request.url().startsWith(origin) && posts++));
  await page.evaluate(() => {
    const api = window.cxkit as EmbedApi;
    const seen: object[] = [];
    (window as unknown as { seen: object[] }).seen = seen;
    for (const type of ['sent', 'retry', 'rejected'] as const) api.on(type, (event) => seen.push({ type, ...event }));
  });
  return {
    events: () =>
      page.evaluate(() =>
        (window as unknown as { seen: DeliveryEvent[] }).seen.map(({ type, status, reason }) => ({ type, status, reason })),
      ),
    posts: () => posts,
  };
}

const quickRetry = { retry: { baseDelayMs: 100, maxDelayMs: 200 } };

const mistakes = [
  {
    mistake: 'an origin missing from --origin',
    origins: ['https://shop.example'],
    endpoint: (url: string) => `${url}v1/responses?key=wk_right`,
    status: 403,
    reason: /^collector answered 403: origin http:\/\/[^ ]+ is not allowed/,
  },
  {
    mistake: 'a mistyped endpoint path',
    origins: ['*'],
    endpoint: (url: string) => `${url}v1/respones?key=wk_right`,
    status: 404,
    reason: /^collector answered 404: no endpoint \/v1\/respones/,
  },
  {
    mistake: 'a wrong write key',
    origins: ['*'],
    endpoint: (url: string) => `${url}v1/responses?key=wk_wrong`,
    status: 401,
    reason: /^collector answered 401: /,
  },
];

for (const { mistake, origins, endpoint, status, reason } of mistakes) {
  test(`${mistake}: rejected with the collector's reason after one request, nothing stored`, async ({ page, openSite }) => {
    await startCollector(origins, 'wk_right');
    await openSite(page, { inlineConfig: { endpoint: endpoint(collector.url), ...quickRetry } });
    const delivery = await watchDelivery(page, collector.url);
    await answer(page, 3);
    await expect.poll(() => delivery.events()).toEqual([{ type: 'rejected', status, reason: expect.stringMatching(reason) }]);
    await page.waitForTimeout(1000);
    expect(delivery.posts()).toBe(1);
    expect((await delivery.events()).map((e) => e.type)).toEqual(['rejected']);
    expect(await readAll(store)).toEqual([]);
  });
}

test.describe('an endpoint behind a redirect', () => {
  let redirector: Server;
  let redirectorUrl: string;

  test.beforeEach(async () => {
    // a cross-origin redirect sends `Origin: null`: only a collector open to any origin takes it
    await startCollector(['*']);
    // readable by the page, like a misconfigured proxy: 302/303 to a page that answers GET with 200, 307 to the collector
    redirector = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      const [path] = (req.url ?? '/').split('?');
      if (path === '/moved-302' || path === '/moved-303') {
        res.writeHead(Number(path.slice(-3)), { Location: '/welcome' }).end();
      } else if (path === '/moved-307') {
        res.writeHead(307, { Location: `${collector.url}v1/responses` }).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Welcome</title>');
      }
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const address = redirector.address();
    redirectorUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  test.afterEach(async () => {
    await new Promise((resolve) => redirector.close(resolve));
  });

  for (const code of [302, 303]) {
    test(`a ${code} that turns the POST into a GET is not counted as sent; the event says what happened`, async ({ page, openSite }) => {
      await openSite(page, { inlineConfig: { endpoint: `${redirectorUrl}/moved-${code}`, ...quickRetry } });
      const delivery = await watchDelivery(page, redirectorUrl);
      await answer(page, 9);
      await expect.poll(() => delivery.events()).toHaveLength(1);
      const [event] = await delivery.events();
      expect(event).toMatchObject({ type: 'rejected', status: 200 });
      expect(event?.reason).toMatch(/^the endpoint redirected to http:\/\/127\.0\.0\.1:\d+\/welcome, which did not acknowledge/);
      expect(await page.evaluate(() => (window.cxkit as EmbedApi).pending())).toBe(0);
    });
  }

  test('a 307 keeps the POST: delivered and stored once', async ({ page, openSite }) => {
    await openSite(page, { inlineConfig: { endpoint: `${redirectorUrl}/moved-307`, ...quickRetry } });
    const delivery = await watchDelivery(page, redirectorUrl);
    const id = await answer(page, 10);
    await expect.poll(() => delivery.events()).toEqual([{ type: 'sent', status: 202, reason: undefined }]);
    expect((await readAll(store)).map((r) => r.id)).toEqual([id]);
  });
});
