// Packs waiting answers into request bodies within the response-count and byte limits.
import type { Batch } from '../schema/batch.js';
import type { OutboxEntry } from './store.js';

export interface BatchLimits {
  readonly maxResponses: number;
  readonly maxBytes: number;
}

export interface PackedBatch {
  readonly entries: readonly OutboxEntry[];
  readonly body: string;
  readonly bytes: number;
}

const encoder = new TextEncoder();
const byteLength = (text: string) => encoder.encode(text).byteLength;

export function batchBody(entries: readonly OutboxEntry[], sentAt: string): string {
  const batch: Batch = { v: 1, sentAt, responses: entries.map((e) => e.response) };
  return JSON.stringify(batch);
}

/**
 * Splits entries, in order, into batches of at most `maxResponses` and `maxBytes`.
 * An entry too big to fit even alone comes back in `oversized` instead.
 */
export function packBatches(
  entries: readonly OutboxEntry[],
  limits: BatchLimits,
  sentAt: string,
): { batches: PackedBatch[]; oversized: OutboxEntry[] } {
  const envelope = byteLength(batchBody([], sentAt));
  const batches: PackedBatch[] = [];
  const oversized: OutboxEntry[] = [];
  let current: OutboxEntry[] = [];
  let bytes = envelope;
  const close = () => {
    if (current.length) batches.push({ entries: current, body: batchBody(current, sentAt), bytes });
    current = [];
    bytes = envelope;
  };
  for (const entry of entries) {
    const size = byteLength(JSON.stringify(entry.response));
    if (envelope + size > limits.maxBytes) {
      oversized.push(entry);
      continue;
    }
    if (current.length >= limits.maxResponses || bytes + 1 + size > limits.maxBytes) close();
    bytes += (current.length ? 1 : 0) + size;
    current.push(entry);
  }
  close();
  return { batches, oversized };
}
