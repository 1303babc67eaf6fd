// Picks the store from one setting (`--database` / DATABASE_URL): a postgres:// URL selects PostgreSQL, anything else
// is a SQLite file. PostgreSQL's driver is loaded only when it is asked for.
import { SqliteStore } from './sqlite.js';
import type { ResponseStore, StoreOptions } from './store.js';

export const defaultSqliteFile = './cxkit-data/responses.db';

export const isPostgresUrl = (database: string) => /^postgres(ql)?:\/\//i.test(database);

export async function openStore(database: string | undefined, options: StoreOptions = {}): Promise<ResponseStore> {
  if (database && isPostgresUrl(database)) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.connect(database, options);
  }
  return new SqliteStore(database || defaultSqliteFile, options);
}
