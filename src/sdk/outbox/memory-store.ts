// The store used when IndexedDB is missing, blocked or broken, or consent is pending: answers live as long as the page.
import type { OutboxEntry, RejectedEntry, Store } from './store.js';

export class MemoryStore implements Store {
  readonly kind = 'memory';
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #rejectedEntries: RejectedEntry[] = [];
  readonly #meta = new Map<string, unknown>();

  async add(entry: OutboxEntry, maxEntries: number): Promise<OutboxEntry[]> {
    this.#entries.set(entry.id, entry);
    const overflow = this.#entries.size - maxEntries;
    if (overflow <= 0) return [];
    const evicted = (await this.list()).slice(0, overflow);
    for (const old of evicted) this.#entries.delete(old.id);
    return evicted;
  }

  async list(): Promise<OutboxEntry[]> {
    return [...this.#entries.values()].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  }

  async count(): Promise<number> {
    return this.#entries.size;
  }

  async update(entries: readonly OutboxEntry[]): Promise<void> {
    for (const entry of entries) if (this.#entries.has(entry.id)) this.#entries.set(entry.id, entry);
  }

  async remove(ids: readonly string[], record?: readonly [key: string, value: unknown]): Promise<void> {
    for (const id of ids) this.#entries.delete(id);
    if (record) this.#meta.set(...record);
  }

  async reject(entries: readonly RejectedEntry[], maxRejected: number): Promise<void> {
    for (const entry of entries) this.#entries.delete(entry.id);
    this.#rejectedEntries.push(...entries);
    this.#rejectedEntries.splice(0, Math.max(0, this.#rejectedEntries.length - maxRejected));
  }

  async rejected(): Promise<RejectedEntry[]> {
    return [...this.#rejectedEntries];
  }

  /** Everything kept under meta keys, for moving it into IndexedDB when consent is granted. */
  metaEntries(): Array<[string, unknown]> {
    return [...this.#meta.entries()];
  }

  async updateMeta<T>(key: string, update: (current: T | undefined) => T): Promise<T> {
    const next = update(this.#meta.get(key) as T | undefined);
    this.#meta.set(key, next);
    return next;
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return this.#meta.get(key) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    this.#meta.set(key, value);
  }

  close(): void {}
}
