// Collectors on free loopback ports, each with a fresh store: a SQLite file in a temp folder, or a new database on the
// real PostgreSQL server the tests start (once per run, on first use).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { CollectorOptions } from '../../collector/http/handler.js';
import { startCollectorServer, type RunningServer, type ServerOptions } from '../../collector/http/server.js';
import { openStore } from '../../collector/store/open.js';
import { readAll, type ResponseStore } from '../../collector/store/store.js';
import { WebhookDispatcher, type DispatcherOptions } from '../../collector/webhooks/dispatcher.js';
import type { Response } from '../../src/schema/response.js';
import { startPostgres, type PostgresServer } from '../../scripts/postgres-server.js';

export const storeKinds = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

export interface Collector {
  readonly url: string;
  readonly store: ResponseStore;
  /** Every stored response, oldest first. */
  stored(): Promise<Response[]>;
  post(body: unknown, init?: { headers?: Record<string, string>; query?: string }): Promise<globalThis.Response>;
}

type Start = (
  options?: Partial<Omit<ServerOptions, 'store' | 'port' | 'webhooks'>> & {
    readonly database?: StoreKind | string;
    /** Runs a webhook dispatcher on the collector's store. */
    readonly dispatch?: Omit<DispatcherOptions, 'store'>;
    /** The traits the store segments by. */
    readonly segmentTraits?: readonly string[];
    /** The time zone the store counts days in. */
    readonly timeZone?: string;
  },
) => Promise<Collector>;

export interface Fixtures {
  /** A new empty database of that kind, as `--database` takes it. */
  database: (kind: StoreKind) => Promise<string>;
  /** A store on a new empty database of that kind, closed after the test. */
  openTestStore: (kind: StoreKind) => Promise<ResponseStore>;
  startCollector: Start;
}

export const test = base.extend<Fixtures, { postgres: PostgresServer }>({
  postgres: [
    async ({}, use) => {
      // started on the first test that asks for a PostgreSQL database, stopped when the worker ends
      let server: Promise<PostgresServer> | undefined;
      await use({ createDatabase: async () => (await (server ??= startPostgres())).createDatabase(), stop: async () => undefined });
      if (server) await (await server).stop();
    },
    { scope: 'worker' },
  ],
  database: async ({ postgres }, use) => {
    const folder = mkdtempSync(join(tmpdir(), 'cxkit-collector-'));
    let files = 0;
    await use(async (kind) => (kind === 'postgres' ? postgres.createDatabase() : join(folder, `responses-${++files}.db`)));
    rmSync(folder, { recursive: true, force: true });
  },
  openTestStore: async ({ database }, use) => {
    const stores: ResponseStore[] = [];
    await use(async (kind) => {
      const store = await openStore(await database(kind));
      stores.push(store);
      return store;
    });
    for (const store of stores) await store.close();
  },
  startCollector: async ({ database }, use) => {
    const running: Array<{ server: RunningServer; store: ResponseStore }> = [];
    await use(async ({ database: which = 'sqlite', dispatch, segmentTraits, timeZone, ...options } = {}) => {
      const store = await openStore(which === 'sqlite' || which === 'postgres' ? await database(which) : which, {
        segmentTraits,
        timeZone,
      });
      const dispatcher = dispatch && new WebhookDispatcher({ ...dispatch, store });
      const server = await startCollectorServer({ port: 0, store, rateLimit: { perIp: 0, perKey: 0 }, webhooks: dispatcher, ...options });
      running.push({ server, store });
      return {
        url: server.url,
        store,
        stored: () => readAll(store),
        post: (body, init = {}) =>
          fetch(`${server.url}v1/responses${init.query ?? ''}`, {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...init.headers },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          }),
      };
    });
    for (const { server, store } of running) {
      await server.close();
      await store.close();
    }
  },
});

export { expect } from '@playwright/test';
export type { CollectorOptions };

export { answersOf, batch, display, responses } from './answers.js';
