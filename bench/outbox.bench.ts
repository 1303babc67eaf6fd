// Runs in the browser: times cxkit's outbox against the same work done with bare idb, in one run.
import { deleteDB, openDB } from 'idb';
import { createClient } from '../src/sdk/client.js';
import type { RecordInput, Response } from '../src/schema/response.js';

export interface OutboxFigures {
  readonly record: { cx: number; bare: number };
  readonly flush: { cx: number; bare: number };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
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

/** Median milliseconds of one record(), and of one durable bare put. */
async function recordLatency(count: number) {
  const name = `bench-${crypto.randomUUID()}`;
  const client = await quietClient(name);
  const cx: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await client.record(answer(i));
    cx.push(performance.now() - t);
  }
  client.destroy();
  const db = await bareDb(`${name}-bare`);
  const bare: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
    await tx.store.put(bareResponse(i));
    await tx.done;
    bare.push(performance.now() - t);
  }
  db.close();
  return { cx: median(cx), bare: median(bare) };
}

/** Answers per second delivered by a flush of `count` queued answers, and by bare idb + fetch doing the same. */
async function flushThroughput(count: number) {
  const name = `bench-${crypto.randomUUID()}`;
  const client = await quietClient(name);
  for (let i = 0; i < count; i++) await client.record(answer(i));
  let t = performance.now();
  const { sent } = await client.flush();
  const cx = (sent / (performance.now() - t)) * 1000;
  client.destroy();
  if (sent !== count) throw new Error(`flush sent ${sent} of ${count}`);
  const db = await bareDb(`${name}-bare`);
  for (let i = 0; i < count; i++) await db.put('outbox', bareResponse(i));
  t = performance.now();
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
  const bare = (all.length / (performance.now() - t)) * 1000;
  db.close();
  return { cx, bare };
}

export async function runOutboxBench(rounds: number): Promise<OutboxFigures> {
  const record: Array<{ cx: number; bare: number }> = [];
  const flush: Array<{ cx: number; bare: number }> = [];
  for (let r = 0; r < rounds; r++) {
    record.push(await recordLatency(100));
    flush.push(await flushThroughput(1000));
  }
  return {
    record: { cx: median(record.map((x) => x.cx)), bare: median(record.map((x) => x.bare)) },
    flush: { cx: median(flush.map((x) => x.cx)), bare: median(flush.map((x) => x.bare)) },
  };
}
