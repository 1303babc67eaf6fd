// Packs waiting answers into request bodies within the response-count and byte limits.
import type { Display } from '../../schema/display.js';
import type { Response } from '../../schema/response.js';
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
/** Reused by every count: a flush of a thousand answers measures each once, and allocates nothing for it. */
let scratch = new Uint8Array(4096);
function byteLength(text: string): number {
  // UTF-8 takes at most three bytes for each UTF-16 code unit
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}

/** A display sent while still open is one whose page left with the prompt on screen: the customer ignored it. */
const asSent = (display: Display): Display => (display.outcome === 'open' ? { ...display, outcome: 'ignored' } : display);

/** An entry as it stands in a body: its answer or its display as sent, written once whatever the packing does with it. */
interface Payload {
  readonly entry: OutboxEntry;
  readonly json: string;
}

/**
 * The `Batch` of contract section 8 as JSON, from payloads already written: the same text as `plainJson` of the batch
 * (`{"v":1,"sentAt":…,"responses":[…]}`). Answers alone keep the body every collector knows; displays are an optional
 * addition.
 */
function batchBody(payloads: readonly Payload[], sentAt: string): string {
  const listed = (displays: boolean) =>
    payloads
      .filter((p) => (p.entry.display !== undefined) === displays)
      .map((p) => p.json)
      .join(',');
  const displays = listed(true);
  return `{"v":1,"sentAt":${plainJson(sentAt)},"responses":[${listed(false)}]${displays ? `,"displays":[${displays}]` : ''}}`;
}

/**
 * The body with `sentAt` made now, just before its request: a round's batches go one after another, and a collector
 * reads the client's clock from it (the new one is as long as the old).
 */
export const stampedNow = (body: string) => body.replace(/"sentAt":"[^"]*"/, `"sentAt":"${new Date().toISOString()}"`);

const displaysKey = byteLength(',"displays":[]');
/** What a request holds besides its entries: `{"v":1,"sentAt":"…","responses":[]}` (every `sentAt` is as long). */
const envelope = byteLength(batchBody([], new Date(0).toISOString()));

/**
 * The bytes of a request that carries this answer alone: over `batch.maxBytes`, no request can carry it, and
 * `record()` refuses it rather than store an answer delivery would have to drop.
 */
export const bytesAlone = (response: Response) => envelope + byteLength(plainJson(response));

/**
 * Splits entries, in order, into batches of at most `maxResponses` and `maxBytes`.
 * An entry too big to fit even alone comes back in `oversized` instead.
 */
export function packBatches(
  entries: readonly OutboxEntry[],
  limits: BatchLimits,
  sentAt: string,
): { batches: PackedBatch[]; oversized: OutboxEntry[] } {
  const batches: PackedBatch[] = [];
  const oversized: OutboxEntry[] = [];
  let current: Payload[] = [];
  // exact for answers; a display counts the `displays` key every time, a few bytes more than it takes
  let estimate = envelope;
  const close = () => {
    if (!current.length) return;
    const body = batchBody(current, sentAt);
    batches.push({ entries: current.map((p) => p.entry), body, bytes: byteLength(body) });
    current = [];
    estimate = envelope;
  };
  for (const entry of entries) {
    const json = plainJson(entry.response ?? asSent(entry.display));
    const size = byteLength(json) + (entry.display ? displaysKey : 0);
    if (envelope + size > limits.maxBytes) {
      oversized.push(entry);
      continue;
    }
    if (current.length >= limits.maxResponses || estimate + 1 + size > limits.maxBytes) close();
    estimate += (current.length ? 1 : 0) + size;
    current.push({ entry, json });
  }
  close();
  return { batches, oversized };
}
