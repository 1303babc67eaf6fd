// The durable store: IndexedDB through idb, reopened when the browser closes the connection under us.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxEntry, RejectedEntry, Store } from './store.js';

interface CxDB extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { enqueuedAt: number } };
  rejected: { key: string; value: RejectedEntry; indexes: { rejectedAt: number } };
  meta: { key: string; value: unknown };
}

const schemaVersion = 1;
/**
 * The outbox's entry count, kept in `meta` so that an add need not count the store (a count walks every record): exact
 * while present; any delete other than an add's own eviction drops it, and the next add counts once.
 */
const countKey = 'outbox-count';
/** An open blocked by a stale tab on an older version must still settle, so we stop waiting after this. */
const openTimeoutMs = 3000;

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new DOMException(`${what} timed out`, 'TimeoutError')), ms));
}

export class IdbStore implements Store {
  readonly kind = 'indexeddb';
  private db: Promise<IDBPDatabase<CxDB>> | null = null;

  constructor(private readonly name: string) {}

  /** Opens the database now, so that a missing or blocked IndexedDB is found before the first answer. */
  async open(): Promise<void> {
    await this.connection();
  }

  private connection(): Promise<IDBPDatabase<CxDB>> {
    this.db ??= Promise.race([this.connect(), timeout(openTimeoutMs, 'opening IndexedDB')]).catch((error: unknown) => {
      this.db = null;
      throw error;
    });
    return this.db;
  }

  private async connect(): Promise<IDBPDatabase<CxDB>> {
    const forget = () => {
      this.db = null;
    };
    const callbacks = {
      upgrade(db: IDBPDatabase<CxDB>) {
        if (!db.objectStoreNames.contains('outbox'))
          db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('enqueuedAt', 'enqueuedAt');
        if (!db.objectStoreNames.contains('rejected'))
          db.createObjectStore('rejected', { keyPath: 'id' }).createIndex('rejectedAt', 'rejectedAt');
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      },
      // A newer tab wants to upgrade: step aside so that it is not blocked; we reopen on next use.
      blocking(_current: number, _blocked: number | null, event: IDBVersionChangeEvent) {
        (event.target as IDBDatabase).close();
        forget();
      },
      // WebKit closes connections of backgrounded pages; the next operation reopens.
      terminated: forget,
    };
    try {
      return await openDB<CxDB>(this.name, schemaVersion, callbacks);
    } catch (error) {
      // A newer cxkit in another tab upgraded the database: open it at its version; stores only ever get added.
      if (error instanceof DOMException && error.name === 'VersionError') return openDB<CxDB>(this.name, undefined, callbacks);
      throw error;
    }
  }

  /** Runs an operation, reopening once if the connection was closed under it. */
  private async run<T>(operation: (db: IDBPDatabase<CxDB>) => Promise<T>): Promise<T> {
    const db = await this.connection();
    try {
      return await operation(db);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
      this.db = null;
      return operation(await this.connection());
    }
  }

  add(entry: OutboxEntry, maxEntries: number): Promise<OutboxEntry[]> {
    return this.run(async (db) => {
      // strict durability: the answer must be on disk before the customer is thanked (Chrome defaults to relaxed);
      // a display is bookkeeping, and its forced flush would hold up the writes that follow an answer
      const tx = db.transaction(['outbox', 'meta'], 'readwrite', { durability: entry.display ? 'relaxed' : 'strict' });
      const outbox = tx.objectStore('outbox');
      const meta = tx.objectStore('meta');
      const evicted: OutboxEntry[] = [];
      // a draft written again replaces itself: only a new id can push the outbox over its cap
      const added = (await outbox.getKey(entry.id)) === undefined ? 1 : 0;
      const kept = await meta.get(countKey);
      let count = typeof kept === 'number' ? kept : await outbox.count();
      // nothing is evicted on the kept count's word alone (an older cxkit in another tab does not keep it): count for real
      if (count + added > maxEntries && typeof kept === 'number') count = await outbox.count();
      const overflow = count + added - maxEntries;
      if (overflow > 0) {
        let cursor = await outbox.index('enqueuedAt').openCursor();
        while (cursor && evicted.length < overflow) {
          evicted.push(cursor.value);
          await cursor.delete();
          cursor = await cursor.continue();
        }
      }
      await outbox.put(entry);
      await meta.put(count + added - evicted.length, countKey);
      await tx.done;
      return evicted;
    });
  }

  list(): Promise<OutboxEntry[]> {
    return this.run((db) => db.getAllFromIndex('outbox', 'enqueuedAt'));
  }

  count(): Promise<number> {
    return this.run((db) => db.count('outbox'));
  }

  update(entries: readonly OutboxEntry[]): Promise<void> {
    return this.run(async (db) => {
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all(
        entries.map(async (entry) => {
          if ((await tx.store.getKey(entry.id)) !== undefined) await tx.store.put(entry);
        }),
      );
      await tx.done;
    });
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.run(async (db) => {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite');
      await Promise.all([...ids.map((id) => tx.objectStore('outbox').delete(id)), tx.objectStore('meta').delete(countKey)]);
      await tx.done;
    });
  }

  reject(entries: readonly RejectedEntry[], maxRejected: number): Promise<void> {
    return this.run(async (db) => {
      const tx = db.transaction(['outbox', 'rejected', 'meta'], 'readwrite');
      const rejected = tx.objectStore('rejected');
      await tx.objectStore('meta').delete(countKey);
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
    return this.run((db) => db.getAllFromIndex('rejected', 'rejectedAt'));
  }

  updateMeta<T>(key: string, update: (current: T | undefined) => T): Promise<T> {
    return this.run(async (db) => {
      const tx = db.transaction('meta', 'readwrite');
      const next = update((await tx.store.get(key)) as T | undefined);
      await tx.store.put(next, key);
      await tx.done;
      return next;
    });
  }

  close(): void {
    void this.db?.then((db) => db.close()).catch(() => {});
    this.db = null;
  }
}
