// Packs waiting answers into request bodies within the response-count and byte limits.
import type { Batch } from '../../schema/batch.js';
import type { Display } from '../../schema/display.js';
import type { OutboxEntry } from '../outbox/store.js';
import { plainJson } from './plain-json.js';

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

/** A display sent while still open is one whose page left with the prompt on screen: the customer ignored it. */
const asSent = (display: Display): Display => (display.outcome === 'open' ? { ...display, outcome: 'ignored' } : display);

/** What an entry puts in the body: its answer, or its display as sent. */
const payload = (entry: OutboxEntry) => entry.response ?? asSent(entry.display);

export function batchBody(entries: readonly OutboxEntry[], sentAt: string): string {
  const responses = entries.flatMap((e) => (e.response ? [e.response] : []));
  const displays = entries.flatMap((e) => (e.display ? [asSent(e.display)] : []));
  // answers alone keep the body every collector knows; displays are an optional addition (contract section 8)
  const batch: Batch = displays.length ? { v: 1, sentAt, responses, displays } : { v: 1, sentAt, responses };
  return plainJson(batch);
}

const displaysKey = byteLength(',"displays":[]');

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
  // exact for answers; a display counts the `displays` key every time, a few bytes more than it takes
  let estimate = envelope;
  const close = () => {
    if (!current.length) return;
    const body = batchBody(current, sentAt);
    batches.push({ entries: current, body, bytes: byteLength(body) });
    current = [];
    estimate = envelope;
  };
  for (const entry of entries) {
    const size = byteLength(plainJson(payload(entry))) + (entry.display ? displaysKey : 0);
    if (envelope + size > limits.maxBytes) {
      oversized.push(entry);
      continue;
    }
    if (current.length >= limits.maxResponses || estimate + 1 + size > limits.maxBytes) close();
    estimate += (current.length ? 1 : 0) + size;
    current.push(entry);
  }
  close();
  return { batches, oversized };
}
