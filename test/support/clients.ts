// Clients for tests: a private database each, fast retries, and a direct look into what IndexedDB holds.
import { openDB } from 'idb';
import type { CxClient } from '../../src/sdk/client/client.js';
import { createClient } from '../../src/sdk/client/create-client.js';
import type { ClientConfig } from '../../src/schema/config.js';
import type { ClientEventMap } from '../../src/sdk/client/client-events.js';
import type { OutboxEntry, RejectedEntry } from '../../src/sdk/outbox/store.js';
import type { Collector } from './collector.js';

const created: CxClient[] = [];

export function testClient(collector: Collector, config: Partial<ClientConfig> = {}): CxClient {
  const client = createClient({
    endpoint: collector.endpoint,
    flushDelayMs: 0,
    ...config,
    retry: { baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 2000, ...config.retry },
    storage: { name: `cxkit-test-${crypto.randomUUID()}`, ...config.storage },
  });
  created.push(client);
  return client;
}

/** A client whose start-up flush is over, so that only the test's own calls deliver. */
export async function idleClient(collector: Collector, config: Partial<ClientConfig> = {}): Promise<CxClient> {
  const client = testClient(collector, { flushDelayMs: 60_000, ...config });
  // let the start-up timer fire first; flush() then waits for that flush and one more
  await new Promise((resolve) => setTimeout(resolve, 0));
  await client.flush();
  return client;
}

/** Destroys every client made by the test, so none keeps delivering into the next one. */
export function destroyTestClients(): void {
  for (const client of created.splice(0)) client.destroy();
}

/** What the database named `name` holds, read without going through the SDK. */
export async function storedIn(name: string): Promise<{ outbox: OutboxEntry[]; rejected: RejectedEntry[] }> {
  const db = await openDB(name);
  try {
    return { outbox: await db.getAll('outbox'), rejected: await db.getAll('rejected') };
  } finally {
    db.close();
  }
}

export const nps = (score: number, touchpoint = 'checkout-complete') => ({ kind: 'nps' as const, score, touchpoint });

/** Resolves with the first payload of `event`, or rejects after `timeoutMs`. */
export function nextEvent<K extends keyof ClientEventMap>(client: CxClient, event: K, timeoutMs = 5000): Promise<ClientEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" event within ${timeoutMs} ms`)), timeoutMs);
    const off = client.on(event, (payload) => {
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
