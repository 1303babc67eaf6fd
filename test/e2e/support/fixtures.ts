// Playwright fixtures: a test server per worker, and a collector session per test.
import { test as base, expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import type { EmbedApi } from '../../../src/embed.js';
import { startTestServer } from './server.js';
import type { Received, Reply } from '../../support/collector.js';

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

export interface SiteOptions {
  /** Path of the page on the site's origin; any path under /site/ works. Default `/site/`. */
  readonly path?: string;
  /** Config served at /site/cxkit.config.json and named by data-config. */
  readonly config?: SiteConfig;
  /** Config put inline in `<script type="application/json" data-cxkit-config>`: an object, or raw text. */
  readonly inlineConfig?: SiteConfig | string;
  /** Path of the script tag's file on the other origin. Default `/dist/cxkit.js`. */
  readonly scriptPath?: string;
  /** Extra attributes of the cxkit script tag. */
  readonly scriptAttributes?: string;
  /** Markup before the cxkit script in <head>, e.g. the queue snippet. */
  readonly head?: string;
  readonly body?: string;
}

/** Fills in the collector endpoint and a private database, so that tests need not repeat them. */
type SiteConfig = Record<string, unknown>;

export const test = base.extend<
  {
    collector: Collector;
    db: string;
    openShop: (page: Page, options?: { flushDelayMs?: number }) => Promise<void>;
    /** Serves a host site page on the pages' origin that loads dist/cxkit.js from the other origin, and opens it. */
    openSite: (page: Page, options?: SiteOptions) => Promise<void>;
    siteConfig: (config?: SiteConfig) => SiteConfig;
  },
  { server: Server }
>({
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
          .poll(
            () => {
              const delivered = new Set(
                received()
                  .filter((r) => r.status < 300)
                  .flatMap((r) => r.body.responses.map((x) => x.id)),
              );
              return ids.filter((id) => !delivered.has(id)).length;
            },
            { timeout: timeoutMs },
          )
          .toBe(0),
    });
  },
  db: async ({}, use) => use(`cxkit-e2e-${randomUUID()}`),
  siteConfig: async ({ collector, db }, use) => {
    await use((config = {}) => ({ endpoint: collector.endpoint, flushDelayMs: 0, storage: { name: db }, ...config }));
  },
  openSite: async ({ server, siteConfig }, use) => {
    await use(async (page, options = {}) => {
      const inline = options.inlineConfig;
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host site</title>
        ${options.head ?? ''}
        ${inline === undefined ? '' : `<script type="application/json" data-cxkit-config>${typeof inline === 'string' ? inline : JSON.stringify(siteConfig(inline))}</script>`}
        <script src="${server.collectorOrigin}${options.scriptPath ?? '/dist/cxkit.js'}" ${options.config ? 'data-config="/site/cxkit.config.json"' : ''} ${options.scriptAttributes ?? ''} async></script>
        </head><body>${options.body ?? '<main><h1>Host site</h1></main>'}</body></html>`;
      // served by the real local server: a page fulfilled by page.route() would count as public and be refused loopback requests
      server.setSite({ html, config: JSON.stringify(siteConfig(options.config)) });
      await page.goto(`${server.pageOrigin}${options.path ?? '/site/'}`);
      await page.waitForFunction(() => window.cxkit !== undefined && !Array.isArray(window.cxkit));
    });
  },
  openShop: async ({ server, collector, db }, use) => {
    await use(async (page, options = {}) => {
      const query = new URLSearchParams({ endpoint: collector.endpoint, db, flushDelayMs: String(options.flushDelayMs ?? 200) });
      await page.goto(`${server.pageOrigin}/pages/shop.html?${query}`);
      await page.waitForFunction(() => window.cxkit && !Array.isArray(window.cxkit) && window.cxkit.client !== null);
    });
  },
});

export { expect };

/** How many answers the page's outbox still holds (window.cxkit.pending()); undefined without a client. */
export function pending(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (window.cxkit as EmbedApi).pending());
}

/** Records an NPS answer in the page through window.cxkit and returns its id. */
export function answer(page: Page, score: number, comment?: string): Promise<string> {
  return page.evaluate(
    async ([score, comment]) => {
      const api = window.cxkit as EmbedApi;
      return (await api.record({ kind: 'nps', score, touchpoint: 'checkout-complete', ...(comment ? { comment } : {}) }))!.id;
    },
    [score, comment] as const,
  );
}

/** The script files the page fetches from dist/ from now on (`cxkit-core.js`), in the order it asks for them. */
export function requestedScripts(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const file = /\/dist\/(cxkit[^/]*\.js)$/.exec(request.url())?.[1];
    if (file) files.push(file);
  });
  return files;
}
