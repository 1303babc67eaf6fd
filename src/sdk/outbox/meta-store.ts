// The outbox database's small records (the touchpoints' visitor memory), its entry count, and a display stored before
// the outbox is in, through IndexedDB's own API: what a client reads and writes as it starts, before the outbox itself
// (idb, its stores, drafts: a file of its own for the script tag, brought once the touchpoints have looked at the page)
// is in. Consent and failures as the outbox: kept in memory while consent is pending, and for the rest of the page once
// IndexedDB fails; erased, the whole database with them, when consent is denied.
import { blockedTimeoutMs, createOutboxStores, outboxSchemaVersion } from './database.js';
import { isAnswer, type OutboxEntry } from './store.js';

const succeeded = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const committed = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });

export class MetaStore {
  #db: Promise<IDBDatabase> | null = null;
  /** The records while they live in memory: consent pending, or IndexedDB failed (then for the rest of the page's life). */
  #memory: Map<string, unknown> | null;
  #failed = false;

  /** `durable: false` keeps the records in memory (consent pending) until persist(); `onFailed` hears IndexedDB fail, once. */
  constructor(
    private readonly name: string,
    durable: boolean,
    private readonly onFailed: (error: unknown) => void,
  ) {
    this.#memory = durable ? null : new Map();
  }

  #connection(): Promise<IDBDatabase> {
    // in a task of its own: opening IndexedDB is the costliest part of creating a client, which stays short
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      setTimeout(() => reject(new DOMException('opening IndexedDB timed out', 'TimeoutError')), blockedTimeoutMs);
      const open = (version?: number) => {
        const request = indexedDB.open(this.name, version);
        request.onupgradeneeded = () => createOutboxStores(request.result);
        request.onsuccess = () => {
          const db = request.result;
          const forget = () => {
            if (this.#db === opened) this.#db = null;
          };
          // a newer tab wants to upgrade: step aside so that it is not blocked; WebKit closes backgrounded pages'
          // connections; either way the next use reopens
          db.onversionchange = () => {
            db.close();
            forget();
          };
          db.onclose = forget;
          resolve(db);
        };
        request.onerror = (event) => {
          // a newer cxkit in another tab upgraded the database: open it at its version; stores only ever get added
          if (version !== undefined && request.error?.name === 'VersionError') {
            event.preventDefault();
            open();
          } else reject(request.error);
        };
      };
      setTimeout(() => {
        try {
          open(outboxSchemaVersion);
        } catch (error) {
          reject(error);
        }
      });
    }).catch((error: unknown) => {
      this.#db = null;
      throw error;
    });
    const opened = this.#db;
    return opened;
  }

  /** Runs an operation, reopening once if the connection was closed under it; a failure moves the records to memory. */
  async #run<T>(operation: (db: IDBDatabase) => Promise<T>): Promise<T | undefined> {
    try {
      try {
        return await operation(await this.#connection());
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
        this.#db = null;
        return await operation(await this.#connection());
      }
    } catch (error) {
      if (!this.#memory) {
        this.#memory = new Map();
        this.#failed = true;
        this.onFailed(error);
      }
      return undefined;
    }
  }

  /** Reads and rewrites one record atomically across tabs. */
  async update<T>(key: string, update: (current: T | undefined) => T): Promise<T> {
    if (!this.#memory) {
      let next: T | undefined;
      const written = await this.#run(async (db) => {
        const tx = db.transaction('meta', 'readwrite');
        const meta = tx.objectStore('meta');
        const read = meta.get(key);
        read.onsuccess = () => {
          next = update(read.result as T | undefined);
          meta.put(next, key);
        };
        await committed(tx);
        return true;
      });
      if (written) return next as T;
    }
    const memory = this.#memory ?? new Map<string, unknown>();
    const next = update(memory.get(key) as T | undefined);
    memory.set(key, next);
    return next;
  }

  /** Stores an outbox entry (a display as its page goes away, before the outbox is in); dropped while in memory. */
  async add(entry: OutboxEntry): Promise<void> {
    if (this.#memory) return;
    await this.#run((db) => {
      const tx = db.transaction('outbox', 'readwrite');
      tx.objectStore('outbox').put(entry);
      // committed now rather than once this page next runs a task, which a page going away does not
      tx.commit();
      return committed(tx);
    });
  }

  /** How many entries the outbox holds, answers and displays (answers alone with `answers`): 0 while in memory. */
  async count(answers = false): Promise<number> {
    if (this.#memory) return 0;
    const counted = await this.#run((db) => {
      const outbox = db.transaction('outbox').objectStore('outbox');
      return answers ? succeeded(outbox.getAll()).then((all: OutboxEntry[]) => all.filter(isAnswer).length) : succeeded(outbox.count());
    });
    return counted ?? 0;
  }

  /** Consent granted: what waited in memory is written to IndexedDB. */
  async persist(): Promise<void> {
    const memory = this.#memory;
    if (!memory || this.#failed) return;
    this.#memory = null;
    for (const [key, value] of memory) await this.update(key, () => value);
  }

  /** Consent denied: forgets the records, in memory and on disk, and deletes the database with the outbox in it. */
  async erase(): Promise<void> {
    this.#memory = new Map();
    this.#failed = false;
    this.close();
    // other tabs' connections step aside (onversionchange), so the deletion is not held up for long
    await Promise.race([
      new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(this.name);
        request.onsuccess = request.onerror = resolve;
      }),
      new Promise((resolve) => setTimeout(resolve, blockedTimeoutMs)),
    ]).catch(() => undefined);
  }

  close(): void {
    void this.#db?.then((db) => db.close()).catch(() => undefined);
    this.#db = null;
  }
}
