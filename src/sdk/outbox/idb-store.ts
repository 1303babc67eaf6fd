// The durable store: IndexedDB through idb, reopened when the browser closes the connection under us. Cursors are
// walked with continue(): the script tag's build leaves out idb's async iterators (`for await`; see vite.config.ts).
import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import { blockedTimeoutMs, createOutboxStores, outboxSchemaVersion } from './database.js';
import type { OutboxEntry, RejectedEntry, Store } from './store.js';

interface CxDB extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { enqueuedAt: number } };
  rejected: { key: string; value: RejectedEntry; indexes: { rejectedAt: number } };
  meta: { key: string; value: unknown };
}

/**
 * Where cxkit up to 0.1 kept the outbox's entry count. The count is no longer kept (a read before every write cost a
 * round trip); it is deleted whenever we count, so that an older cxkit in another tab counts for real too.
 */
const legacyCountKey = 'outbox-count';

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new DOMException(`${what} timed out`, 'TimeoutError')), ms));
}

export class IdbStore implements Store {
  readonly kind = 'indexeddb';
  #db: Promise<IDBPDatabase<CxDB>> | null = null;
  /**
   * The outbox's size as this page knows it: exact when it last counted or listed, plus its own adds since. Other tabs'
   * adds it cannot see, so it may be low: an add trusts it only to skip counting, and delivery, which lists every
   * entry, expires what is over the cap.
   */
  #size: number | undefined;

  constructor(private readonly name: string) {}

  /** Opens the database now, so that a missing or blocked IndexedDB is found before the first answer. */
  async open(): Promise<void> {
    await this.#connection();
  }

  #connection(): Promise<IDBPDatabase<CxDB>> {
    this.#db ??= Promise.race([this.#connect(), timeout(blockedTimeoutMs, 'opening IndexedDB')]).catch((error: unknown) => {
      this.#db = null;
      throw error;
    });
    return this.#db;
  }

  async #connect(): Promise<IDBPDatabase<CxDB>> {
    const forget = () => {
      this.#db = null;
    };
    const callbacks = {
      upgrade: (db: IDBPDatabase<CxDB>) => createOutboxStores(unwrap(db)),
      // A newer tab wants to upgrade: step aside so that it is not blocked; we reopen on next use.
      blocking(_current: number, _blocked: number | null, event: IDBVersionChangeEvent) {
        (event.target as IDBDatabase).close();
        forget();
      },
      // WebKit closes connections of backgrounded pages; the next operation reopens.
      terminated: forget,
    };
    try {
      return await openDB<CxDB>(this.name, outboxSchemaVersion, callbacks);
    } catch (error) {
      // A newer cxkit in another tab upgraded the database: open it at its version; stores only ever get added.
      if (error instanceof DOMException && error.name === 'VersionError') return openDB<CxDB>(this.name, undefined, callbacks);
      throw error;
    }
  }

  /** Runs an operation, reopening once if the connection was closed under it. */
  async #run<T>(operation: (db: IDBPDatabase<CxDB>) => Promise<T>): Promise<T> {
    const db = await this.#connection();
    try {
      return await operation(db);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
      this.#db = null;
      return operation(await this.#connection());
    }
  }

  add(entry: OutboxEntry, maxEntries: number): Promise<OutboxEntry[]> {
    return this.#run(async (db) => {
      // room by this page's count: nothing to evict, no count to take (a replaced draft counts twice, which only brings
      // the next real count sooner)
      const room = this.#size !== undefined && this.#size < maxEntries;
      // strict durability: the answer must be on disk before the customer is thanked (Chrome defaults to relaxed);
      // a display is bookkeeping, and its forced flush would hold up the writes that follow an answer
      const tx = db.transaction('outbox', 'readwrite', { durability: entry.display ? 'relaxed' : 'strict' });
      const put = tx.store.put(entry);
      // a write of its own, committed now rather than once this page next runs a task: one made as the page goes away
      // (pagehide) still lands, whatever the count and the eviction after it come to
      tx.commit();
      await Promise.all([put, tx.done]);
      if (!room) return this.#evictOver(db, maxEntries, entry.id);
      // a delivery may have dropped the count while this write was under way: then the next add counts
      if (this.#size !== undefined) this.#size += 1;
      return [];
    });
  }

  /**
   * Counts the outbox and deletes its oldest entries (but `kept`, just written) past `maxEntries`. The write it follows
   * has landed: a failure here leaves the outbox over its cap, which the next add or delivery's listing mends, and is
   * not the answer's failure.
   */
  async #evictOver(db: IDBPDatabase<CxDB>, maxEntries: number, kept: string): Promise<OutboxEntry[]> {
    try {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite');
      // awaited at the end; an abort must not surface as an unhandled rejection before then
      tx.done.catch(() => undefined);
      const outbox = tx.objectStore('outbox');
      const [size] = await Promise.all([outbox.count(), tx.objectStore('meta').delete(legacyCountKey)]);
      const evicted: OutboxEntry[] = [];
      let cursor = size > maxEntries ? await outbox.index('enqueuedAt').openCursor() : null;
      while (cursor && evicted.length < size - maxEntries) {
        if (cursor.value.id !== kept) {
          evicted.push(cursor.value);
          await cursor.delete();
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      this.#size = size - evicted.length;
      return evicted;
    } catch {
      return [];
    }
  }

  async list(): Promise<OutboxEntry[]> {
    const entries = await this.#run((db) => db.getAllFromIndex('outbox', 'enqueuedAt'));
    this.#size = entries.length;
    return entries;
  }

  async count(): Promise<number> {
    // known from here on, so that the next add is one write, committed at once (see add): on a page whose first write
    // is a display stored as it goes away, a slower one would not land
    return (this.#size = await this.#run((db) => db.count('outbox')));
  }

  update(entries: readonly OutboxEntry[]): Promise<void> {
    return this.#run(async (db) => {
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all(
        entries.map(async (entry) => {
          if ((await tx.store.getKey(entry.id)) !== undefined) await tx.store.put(entry);
        }),
      );
      await tx.done;
    });
  }

  remove(ids: readonly string[], record?: readonly [key: string, value: unknown]): Promise<void> {
    if (ids.length) this.#size = undefined;
    return this.#run(async (db) => {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      const writes = [
        ...ids.map((id) => tx.objectStore('outbox').delete(id)),
        meta.delete(legacyCountKey),
        ...(record ? [meta.put(record[1], record[0])] : []),
      ];
      tx.commit();
      await Promise.all([...writes, tx.done]);
    });
  }

  reject(entries: readonly RejectedEntry[], maxRejected: number): Promise<void> {
    this.#size = undefined;
    return this.#run(async (db) => {
      const tx = db.transaction(['outbox', 'rejected', 'meta'], 'readwrite');
      const rejected = tx.objectStore('rejected');
      await tx.objectStore('meta').delete(legacyCountKey);
      for (const entry of entries) {
        await tx.objectStore('outbox').delete(entry.id);
        if (maxRejected > 0) await rejected.put(entry);
      }
      let overflow = (await rejected.count()) - maxRejected;
      let cursor = overflow > 0 ? await rejected.index('rejectedAt').openCursor() : null;
      while (cursor && overflow-- > 0) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
      await tx.done;
    });
  }

  rejected(): Promise<RejectedEntry[]> {
    return this.#run((db) => db.getAllFromIndex('rejected', 'rejectedAt'));
  }

  updateMeta<T>(key: string, update: (current: T | undefined) => T): Promise<T> {
    return this.#run(async (db) => {
      const tx = db.transaction('meta', 'readwrite');
      const next = update((await tx.store.get(key)) as T | undefined);
      await tx.store.put(next, key);
      await tx.done;
      return next;
    });
  }

  getMeta<T>(key: string): Promise<T | undefined> {
    return this.#run(async (db) => (await db.get('meta', key)) as T | undefined);
  }

  setMeta(key: string, value: unknown): Promise<void> {
    return this.#run(async (db) => {
      const tx = db.transaction('meta', 'readwrite');
      await Promise.all([tx.store.put(value, key), tx.done]);
    });
  }

  close(): void {
    void this.#db?.then((db) => db.close()).catch(() => {});
    this.#db = null;
  }
}
