// A collector on a free loopback port with a fresh SQLite file in a temp folder, per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { CollectorOptions } from '../../collector/handler.js';
import { startCollectorServer, type RunningServer } from '../../collector/server.js';
import { SqliteStore } from '../../collector/sqlite-storage.js';
import { sampleResponses } from '../../collector/sample-data.js';
import type { Response } from '../../src/schema/response.js';

export interface Collector {
  readonly url: string;
  readonly store: SqliteStore;
  post(body: unknown, init?: { headers?: Record<string, string>; query?: string }): Promise<globalThis.Response>;
}

type Start = (options?: Partial<Omit<CollectorOptions, 'store'>>) => Promise<Collector>;

export const test = base.extend<{ startCollector: Start }>({
  startCollector: async ({}, use) => {
    const folder = mkdtempSync(join(tmpdir(), 'cxkit-collector-'));
    const running: Array<{ server: RunningServer; store: SqliteStore }> = [];
    await use(async (options = {}) => {
      const store = new SqliteStore(join(folder, `responses-${running.length}.db`));
      const server = await startCollectorServer({ port: 0, store, ...options });
      running.push({ server, store });
      return {
        url: server.url,
        store,
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
      store.close();
    }
    rmSync(folder, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';

export const batch = (responses: readonly Response[]) => ({ v: 1, sentAt: new Date().toISOString(), responses });

/** Valid responses, as the SDK would send them. */
export const responses = (count: number, seed = 1): Response[] => sampleResponses(count, 30, new Date(), seed);
