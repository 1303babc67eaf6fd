// The outbox's IndexedDB database, as the outbox (through idb) and the core's small reads of it (IndexedDB's own API,
// before the outbox's file has loaded) both open it.
export const outboxSchemaVersion = 1;

/** An open or a deletion blocked by a stale tab on an older version must still settle, so we stop waiting after this. */
export const blockedTimeoutMs = 3000;

/** Creates the stores a database lacks: stores are only ever added, so any version's database has these. */
export function createOutboxStores(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('enqueuedAt', 'enqueuedAt');
  if (!db.objectStoreNames.contains('rejected'))
    db.createObjectStore('rejected', { keyPath: 'id' }).createIndex('rejectedAt', 'rejectedAt');
  if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
}
