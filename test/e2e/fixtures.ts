// Playwright fixtures: a test server per worker, and a collector session per test.
import { test as base, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { startTestServer } from './server.js';
import type { Received, Reply } from '../support/collector.js';

interface Collector {
  readonly endpoint: string;
  /** The same collector on the pages' own origin, for pages whose CSP allows only 'self'. */
  readonly sameOriginEndpoint: string;
  plan(...replies: Reply[]): void;
  received(): Received[];
  receivedIds(): string[];
  /** Waits until the collector has accepted (2xx) every id in `ids`. */
  waitForDelivered(ids: readonly string[], timeoutMs?: number): Promise<void>;
}

type Server = Awaited<ReturnType<typeof startTestServer>>;

export const test = base.extend<{ collector: Collector; db: string; openShop: (page: Page, options?: { flushDelayMs?: number }) => Promise<void> }, { server: Server }>({
  server: [
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  collector: async ({ server }, use) => {
    const session = randomUUID();
    const received = () => server.stub.received(session) as Received[];
    await use({
      endpoint: `${server.collectorOrigin}/stub/${session}/collect`,
      sameOriginEndpoint: `${server.pageOrigin}/stub/${session}/collect`,
      plan: (...replies) => server.stub.plan(session, ...replies),
      received,
      receivedIds: () => received().flatMap((r) => r.body.responses.map((response) => response.id)),
      waitForDelivered: (ids, timeoutMs = 10_000) =>
        expect
          .poll(() => {
            const delivered = new Set(received().filter((r) => r.status < 300).flatMap((r) => r.body.responses.map((x) => x.id)));
            return ids.filter((id) => !delivered.has(id)).length;
          }, { timeout: timeoutMs })
          .toBe(0),
    });
  },
  db: async ({}, use) => use(`cxkit-e2e-${randomUUID()}`),
  openShop: async ({ server, collector, db }, use) => {
    await use(async (page, options = {}) => {
      const query = new URLSearchParams({ endpoint: collector.endpoint, db, flushDelayMs: String(options.flushDelayMs ?? 200) });
      await page.goto(`${server.pageOrigin}/pages/shop.html?${query}`);
      await page.waitForFunction(() => window.cxkit && !Array.isArray(window.cxkit) && window.cxkit.client !== null);
    });
  },
});

export { expect };

/** Records an NPS answer in the page through window.cxkit and returns its id. */
export function answer(page: Page, score: number, comment?: string): Promise<string> {
  return page.evaluate(
    async ([score, comment]) => {
      const api = window.cxkit as unknown as { record(input: object): Promise<{ id: string }> };
      return (await api.record({ kind: 'nps', score, touchpoint: 'checkout-complete', ...(comment ? { comment } : {}) })).id;
    },
    [score, comment] as const,
  );
}
