// What the outbox needs from storage; implemented by IndexedDB and, as a fallback, by memory.
import type { Display } from '../../schema/display.js';
import type { Response } from '../../schema/response.js';

/** An answer — or a display of a prompt, which travels the same way — waiting for delivery. */
export type OutboxEntry = EntryState &
  ({ readonly response: Response; readonly display?: never } | { readonly display: Display; readonly response?: never });

/** An entry that carries an answer. */
export type AnswerEntry = Extract<OutboxEntry, { response: Response }>;

export const isAnswer = (entry: OutboxEntry): entry is AnswerEntry => entry.response !== undefined;

interface EntryState {
  readonly id: string;
  /** When it was stored (epoch ms); the age limit and eviction order go by it. */
  readonly enqueuedAt: number;
  /** Delivery attempts started so far. */
  readonly attempts: number;
  /** Not sent before this time (epoch ms). */
  readonly nextAttemptAt: number;
  /**
   * Set while the page that stored it still waits: for an answer, the follow-up (the response is complete but for the
   * comment and marked partial); for a display, its outcome. It is held back until settled, or until its page is gone.
   */
  readonly draft?: { readonly owner: string };
}

/** An answer the collector refused for good, or a stored record that no longer validates. */
export interface RejectedEntry {
  readonly id: string;
  readonly response: unknown;
  /** HTTP status, or 0 when refused before sending. */
  readonly status: number;
  readonly reason: string;
  readonly rejectedAt: number;
}

export interface Store {
  readonly kind: 'indexeddb' | 'memory';
  /** Adds (or replaces, by id) an entry, durably before it resolves; evicts and returns the oldest entries past `maxEntries`. */
  add(entry: OutboxEntry, maxEntries: number): Promise<OutboxEntry[]>;
  /** Every waiting entry, oldest first. */
  list(): Promise<OutboxEntry[]>;
  count(): Promise<number>;
  /** Replaces entries that still exist; entries removed meanwhile (delivered by another tab) stay removed. */
  update(entries: readonly OutboxEntry[]): Promise<void>;
  /** Removes entries and, in the same atomic write, sets one small record when given one (`[key, value]`). */
  remove(ids: readonly string[], record?: readonly [key: string, value: unknown]): Promise<void>;
  /** Moves entries to the rejected store, keeping only the newest `maxRejected`. */
  reject(entries: readonly RejectedEntry[], maxRejected: number): Promise<void>;
  rejected(): Promise<RejectedEntry[]>;
  /** Reads and rewrites one small record atomically across tabs (visitor state of the touchpoints). */
  updateMeta<T>(key: string, update: (current: T | undefined) => T): Promise<T>;
  /** Reads one small record. */
  getMeta<T>(key: string): Promise<T | undefined>;
  /** Writes one small record, whatever was there (no read first). */
  setMeta(key: string, value: unknown): Promise<void>;
  close(): void;
}
