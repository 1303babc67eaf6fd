// Runs in the browser: times cxkit's outbox against the same work done with bare idb, in one run.
import { deleteDB, openDB } from 'idb';
import { createClient } from '../src/sdk/client/create-client.js';
import type { RecordInput, Response } from '../src/schema/response.js';
import { median } from './median.js';

/** Outbox sizes record() is timed at: empty, and with answers already waiting (offline for a while). */
export const outboxSizes = [0, 1000, 5000] as const;
/** Backlogs a flush is timed on: a day offline on a busy page, and five. */
export const flushSizes = [1000, 5000] as const;

export interface OutboxFigures {
  /** Ms of one record() and one bare durable put (medians of each round's mean), by how many answers already wait. */
  readonly record: Record<(typeof outboxSizes)[number], { cx: number; bare: number }>;
  /** Answers per second delivered, by cxkit's flush and by bare idb + fetch, by how many answers wait. */
  readonly flush: Record<(typeof flushSizes)[number], { cx: number; bare: number }>;
}

const endpoint = `${location.origin}/collect`;
const answer = (i: number): RecordInput => ({ kind: 'nps', score: i % 11, touchpoint: 'bench', comment: `reason ${i}` });

/** A full response, as bare idb would have to store to do the same job. */
const bareResponse = (i: number): Response => ({
  id: crypto.randomUUID(),
  kind: 'nps',
  score: i % 11,
  touchpoint: 'bench',
  comment: `reason ${i}`,
  scale: { min: 0, max: 10 },
  question: 'How likely…?',
  locale: 'en',
  answeredAt: new Date().toISOString(),
  page: { url: location.href },
  anonymousId: 'a',
  sdk: { name: 'bare', version: '0' },
});

async function bareDb(name: string) {
  await deleteDB(name);
  return openDB(name, 1, { upgrade: (db) => void db.createObjectStore('outbox', { keyPath: 'id' }) });
}

async function quietClient(name: string) {
  const client = createClient({ endpoint, flushDelayMs: 60_000, storage: { name, maxResponses: 100_000 } });
  await client.flush();
  return client;
}

/**
 * Milliseconds of one record(), and of one durable bare put, with `waiting` answers already stored: the two alternate
 * call by call, so that the machine's noise hits both alike; each is the mean of `count` (the page's clock is coarsened
 * to 0.1 ms, too coarse for one call).
 */
async function recordLatency(count: number, waiting: number) {
  const name = `bench-${crypto.randomUUID()}`;
  const client = await quietClient(name);
  // a page's first record() also pays for first use (code compiled, the visitor id read, the outbox counted): firstRecordMs() times that, this the steady state
  await client.record(answer(0));
  let t = 0;
  for (let i = 0; i < waiting; i++) await client.record(answer(i));
  const db = await bareDb(`${name}-bare`);
  for (let i = 0; i < waiting; i++) await db.put('outbox', bareResponse(i));
  let cx = 0;
  let bare = 0;
  for (let i = 0; i < count; i++) {
    t = performance.now();
    await client.record(answer(i));
    cx += performance.now() - t;
    t = performance.now();
    const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
    await tx.store.put(bareResponse(i));
    await tx.done;
    bare += performance.now() - t;
  }
  client.destroy();
  db.close();
  return { cx: cx / count, bare: bare / count };
}

/** Answers per second delivered by a flush of `count` queued answers. */
async function cxFlushThroughput(count: number) {
  const name = `bench-${crypto.randomUUID()}`;
  const client = await quietClient(name);
  for (let i = 0; i < count; i++) await client.record(answer(i));
  const t = performance.now();
  const { sent } = await client.flush();
  const perSecond = (sent / (performance.now() - t)) * 1000;
  client.destroy();
  if (sent !== count) throw new Error(`flush sent ${sent} of ${count}`);
  return perSecond;
}

/** Answers per second delivered by bare idb + fetch doing the same: one read, then each batch posted and deleted. */
async function bareFlushThroughput(count: number) {
  const db = await bareDb(`bench-${crypto.randomUUID()}-bare`);
  for (let i = 0; i < count; i++) await db.put('outbox', bareResponse(i));
  const t = performance.now();
  const all: Response[] = await db.getAll('outbox');
  for (let i = 0; i < all.length; i += 50) {
    const batch = all.slice(i, i + 50);
    const response = await fetch(endpoint, {
      method: 'POST',
      body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: batch }),
    });
    await response.arrayBuffer();
    const tx = db.transaction('outbox', 'readwrite');
    await Promise.all(batch.map((r) => tx.store.delete(r.id)));
    await tx.done;
  }
  const perSecond = (all.length / (performance.now() - t)) * 1000;
  db.close();
  return perSecond;
}

/** Both flushes of one round; which goes first alternates round by round, so that the order favours neither. */
async function flushThroughput(count: number, bareFirst: boolean) {
  if (bareFirst) {
    const bare = await bareFlushThroughput(count);
    return { cx: await cxFlushThroughput(count), bare };
  }
  const cx = await cxFlushThroughput(count);
  return { cx, bare: await bareFlushThroughput(count) };
}

export async function runOutboxBench(rounds: number): Promise<OutboxFigures> {
  const record = new Map<number, Array<{ cx: number; bare: number }>>(outboxSizes.map((size) => [size, []]));
  const flush = new Map<number, Array<{ cx: number; bare: number }>>(flushSizes.map((size) => [size, []]));
  for (let r = 0; r < rounds; r++) {
    for (const size of outboxSizes) record.get(size)?.push(await recordLatency(50, size));
    for (const size of flushSizes) flush.get(size)?.push(await flushThroughput(size, r % 2 === 1));
  }
  const medians = (xs: Array<{ cx: number; bare: number }>) => ({ cx: median(xs.map((x) => x.cx)), bare: median(xs.map((x) => x.bare)) });
  return {
    record: Object.fromEntries(outboxSizes.map((size) => [size, medians(record.get(size) ?? [])])) as OutboxFigures['record'],
    flush: Object.fromEntries(flushSizes.map((size) => [size, medians(flush.get(size) ?? [])])) as OutboxFigures['flush'],
  };
}

/** Ms of the first record() in a fresh page (code run for the first time, the visitor id read, the outbox counted), and of a first bare durable put. */
export async function firstRecordMs(): Promise<{ cx: number; bare: number }> {
  const name = `bench-${crypto.randomUUID()}`;
  const client = await quietClient(name);
  const db = await bareDb(`${name}-bare`);
  let t = performance.now();
  await client.record(answer(0));
  const cx = performance.now() - t;
  t = performance.now();
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  await tx.store.put(bareResponse(0));
  await tx.done;
  const bare = performance.now() - t;
  client.destroy();
  db.close();
  return { cx, bare };
}
