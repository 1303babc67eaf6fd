// The outbox: answers waiting for delivery, kept in IndexedDB, or in memory when IndexedDB fails or consent is pending.
import { deleteDB } from 'idb';
import { blockedTimeoutMs } from './database.js';
import { IdbStore } from './idb-store.js';
import { MemoryStore } from './memory-store.js';
import { isAnswer, type OutboxEntry, type RejectedEntry, type Store } from './store.js';

export type ExpiryReason = 'age' | 'attempts' | 'overflow';

/**
 * The batch whose request is under way, in one small record instead of an attempt written into each of its entries:
 * should the page die mid-request, the next delivery counts that attempt for the entries still there, so that a
 * request which crashes a page or a server still backs off.
 */
interface Claim {
  readonly ids: readonly string[];
  readonly nextAttemptAt: number;
}
const claimKey = 'claim';

export interface OutboxOptions {
  readonly name: string;
  readonly maxResponses: number;
  readonly maxRejected: number;
}

export interface OutboxHooks {
  /** Storage failed and answers now live in memory; called once. */
  onDegraded(reason: string): void;
  /** Entries dropped without delivery. */
  onExpired(entries: readonly OutboxEntry[], reason: ExpiryReason): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class Outbox {
  /** The store in use; replaced when consent moves answers into IndexedDB or erases them. */
  #ready: Promise<Store>;
  /** Set once IndexedDB has failed: answers stay in memory for the rest of the page's life. */
  #memory: MemoryStore | null = null;
  /**
   * IndexedDB as it was when a write failed (a full disk): what was stored there is delivered from memory, and removed
   * there too once delivered (removing needs no room), so that a later page does not send it again.
   */
  #stranded: Store | null = null;
  /** What this page knows is waiting, so that `pagehide` can send without touching storage. */
  readonly #known = new Map<string, OutboxEntry>();

  readonly #options: OutboxOptions;
  readonly #hooks: OutboxHooks;

  /** `durable: false` keeps everything in memory and never touches IndexedDB (consent pending) until persist(). */
  constructor(options: OutboxOptions, hooks: OutboxHooks, durable = true) {
    this.#options = options;
    this.#hooks = hooks;
    // IndexedDB opens in a task of its own: opening it is the costliest part of creating a client, which stays short
    this.#ready = durable
      ? new Promise((resolve) => setTimeout(resolve, 0)).then(() => this.#openDurable())
      : Promise.resolve(new MemoryStore());
  }

  /** Consent granted: opens IndexedDB and moves what waited in memory into it. */
  persist(): Promise<void> {
    this.#ready = this.#ready.then(async (current) => {
      if (!(current instanceof MemoryStore) || this.#memory) return current;
      const durable = await this.#openDurable();
      for (const entry of await current.list()) await durable.add(entry, this.#options.maxResponses);
      for (const [key, value] of current.metaEntries()) await durable.updateMeta(key, () => value);
      return durable;
    });
    return this.#ready.then(() => undefined);
  }

  /** Consent denied: forgets every answer, in memory and on disk, and deletes the database. */
  erase(): Promise<void> {
    this.#ready = this.#ready.then(async (current) => {
      current.close();
      this.#known.clear();
      this.#memory = null;
      this.#stranded = null;
      // other tabs' connections step aside (their `blocking` handler), so the deletion is not held up for long
      await Promise.race([deleteDB(this.#options.name), new Promise((resolve) => setTimeout(resolve, blockedTimeoutMs))]).catch(
        () => undefined,
      );
      return new MemoryStore();
    });
    return this.#ready.then(() => undefined);
  }

  async #openDurable(): Promise<Store> {
    try {
      const store = new IdbStore(this.#options.name);
      await store.open();
      return store;
    } catch (error) {
      return this.#degrade(error);
    }
  }

  #degrade(error: unknown, failed: Store | null = null): Store {
    if (!this.#memory) {
      this.#stranded = failed;
      this.#memory = new MemoryStore();
      for (const entry of this.#known.values()) void this.#memory.add(entry, this.#options.maxResponses);
      this.#hooks.onDegraded(`IndexedDB unavailable (${describe(error)}); answers are kept in memory for this page only`);
    }
    return this.#memory;
  }

  /** The store to use now: memory once IndexedDB has failed, for the rest of the page's life. */
  async #store(): Promise<Store> {
    return this.#memory ?? (await this.#ready);
  }

  /** Runs an operation, falling back to memory if IndexedDB throws. */
  async #use<T>(operation: (store: Store) => Promise<T>): Promise<T> {
    const store = await this.#store();
    try {
      return await operation(store);
    } catch (error) {
      if (store.kind === 'memory') throw error;
      return operation(this.#degrade(error, store));
    }
  }

  /** Whether answers are durable (IndexedDB) or kept only for this page (memory). */
  async durability(): Promise<'indexeddb' | 'memory'> {
    return (await this.#store()).kind;
  }

  /** Stores an answer durably; past the size cap the oldest are expired to make room. */
  async add(entry: OutboxEntry): Promise<void> {
    // a write refused, a full disk too, drops nothing waiting to make room (it stays stored for a later page): this
    // answer waits in memory, sent with the next delivery or as the page goes away
    const evicted = await this.#use((store) => {
      // known before it is written: a delivery settling meanwhile must not take the copy it sent for this one
      this.#known.set(entry.id, entry);
      return store.add(entry, this.#options.maxResponses);
    });
    this.#forget(evicted.map((e) => e.id));
    if (evicted.length) this.#hooks.onExpired(evicted, 'overflow');
  }

  /** Every waiting answer, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    const entries = await this.#use((store) => store.list());
    this.#known.clear();
    for (const entry of entries) this.#known.set(entry.id, entry);
    return entries;
  }

  /** The answers this page knows to be waiting, without a storage round trip. */
  knownEntries(): OutboxEntry[] {
    return [...this.#known.values()].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  }

  /** How many entries wait, answers and displays: one cheap request. */
  count(): Promise<number> {
    return this.#use((store) => store.count());
  }

  /** How many answers wait (displays travel in the outbox too, but are not answers). */
  async countAnswers(): Promise<number> {
    const all = await this.count();
    // a count is one cheap request; the list is read only when the outbox holds anything at all
    return all ? (await this.list()).filter(isAnswer).length : 0;
  }

  async update(entries: readonly OutboxEntry[]): Promise<void> {
    await this.#use((store) => store.update(entries));
    for (const entry of entries) if (this.#known.has(entry.id)) this.#known.set(entry.id, entry);
  }

  /**
   * Marks a batch as being sent, and removes the batch delivered before it (what is still as sent), in one write
   * whatever their sizes; resolves with the batch's entries as they will be if it fails.
   */
  async claim(entries: readonly OutboxEntry[], nextAttemptAt: number, delivered: readonly OutboxEntry[] = []): Promise<OutboxEntry[]> {
    const claim: Claim = { ids: entries.map((e) => e.id), nextAttemptAt };
    const gone = this.stillAsSent(delivered).map((e) => e.id);
    await this.#use((store) => store.remove(gone, [claimKey, claim]));
    await this.#gone(gone);
    return entries.map((e) => ({ ...e, attempts: e.attempts + 1, nextAttemptAt }));
  }

  /** The claimed batch's request failed: its entries take their counted attempt and next try, and the claim is done. */
  async release(entries: readonly OutboxEntry[]): Promise<void> {
    await this.update(this.stillAsSent(entries));
    await this.#use((store) => store.setMeta(claimKey, null));
  }

  /**
   * Counts the attempt of a claim left by a page that died mid-request (a finished request leaves its entries gone, or
   * released); resolves with the entries as they now are.
   */
  async recover(entries: readonly OutboxEntry[]): Promise<OutboxEntry[]> {
    // read first: most deliveries find no claim, or one whose request finished, and need not write at all
    const left = await this.#use((store) => store.getMeta<Claim | null>(claimKey));
    if (!left) return [...entries];
    const claimed = new Set(left.ids);
    const recovered = entries.map((e) =>
      claimed.has(e.id) ? { ...e, attempts: e.attempts + 1, nextAttemptAt: Math.max(e.nextAttemptAt, left.nextAttemptAt) } : e,
    );
    const counted = recovered.filter((e) => claimed.has(e.id));
    if (counted.length) await this.update(counted);
    await this.#use((store) => store.setMeta(claimKey, null));
    return recovered;
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.#use((store) => store.remove(ids));
    await this.#gone(ids);
  }

  /**
   * Entries that have left the store in use: forgotten, and removed from the IndexedDB a write failed on, if any (what
   * cannot be removed there is sent again by a later page).
   */
  async #gone(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.#stranded?.remove(ids).catch(() => undefined);
    this.#forget(ids);
  }

  /** Removes delivered entries, but those this page has written anew since they were sent. */
  removeSent(sent: readonly OutboxEntry[]): Promise<void> {
    return this.remove(this.stillAsSent(sent).map((e) => e.id));
  }

  /**
   * The entries sent that this page has not written anew since, for what a request's outcome does to them: a draft
   * finished while its partial was on its way stays as it now is, to go out so. Only a draft, or a partial answer whose
   * follow-up may yet be finished, is ever written anew, and only by the page that stored it, whose mirror has the new
   * copy before the write starts (see add): a delivery that still sees the copy it sent acts before the new one lands.
   */
  stillAsSent(sent: readonly OutboxEntry[]): OutboxEntry[] {
    // what a draft's new copy changes: an answer's score, comment or partial mark; a display's outcome
    const revision = (e: OutboxEntry) =>
      e.response ? `${e.response.score} ${e.response.partial} ${e.response.comment}` : e.display.outcome;
    return sent.filter((entry) => {
      const known = this.#known.get(entry.id);
      return !known || !(entry.draft || entry.response?.partial) || revision(known) === revision(entry);
    });
  }

  async expire(entries: readonly OutboxEntry[], reason: ExpiryReason): Promise<void> {
    if (!entries.length) return;
    await this.remove(entries.map((e) => e.id));
    this.#hooks.onExpired(entries, reason);
  }

  async reject(entries: readonly RejectedEntry[]): Promise<void> {
    await this.#use((store) => store.reject(entries, this.#options.maxRejected));
    await this.#gone(entries.map((e) => e.id));
  }

  rejected(): Promise<RejectedEntry[]> {
    return this.#use((store) => store.rejected());
  }

  updateMeta<T>(key: string, update: (current: T | undefined) => T): Promise<T> {
    return this.#use((store) => store.updateMeta(key, update));
  }

  #forget(ids: readonly string[]): void {
    for (const id of ids) this.#known.delete(id);
  }

  close(): void {
    void this.#ready.then((store) => store.close());
  }
}
