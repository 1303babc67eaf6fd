// Picks the store from one setting (`--database` / DATABASE_URL): a postgres:// URL selects PostgreSQL, a path is a
// SQLite file, and any other URL (mysql://…) is refused rather than taken for a file of that name. PostgreSQL's driver
// is loaded only when it is asked for.
import { SqliteStore } from './sqlite.js';
import type { ResponseStore, StoreOptions } from './store.js';

export const defaultSqliteFile = './cxkit-data/responses.db';

const isPostgresUrl = (database: string) => /^postgres(ql)?:\/\//i.test(database);

/** A URL with a scheme, as a database setting (not a file path: `C:\data` has no `//`). */
export const isUrl = (database: string) => /^[a-z][a-z\d+.-]*:\/\//i.test(database);

/** A database setting fit for messages: the password of a URL left out. */
export const redactDatabase = (database: string) => (isUrl(database) ? database.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : database);

export async function openStore(database: string | undefined, options: StoreOptions = {}): Promise<ResponseStore> {
  if (database && isUrl(database) && !isPostgresUrl(database)) {
    throw new Error('not a postgres:// URL nor a file path: cxkit stores answers in PostgreSQL (postgres://…) or in a SQLite file');
  }
  if (database && isPostgresUrl(database)) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.connect(database, options);
  }
  return new SqliteStore(database || defaultSqliteFile, options);
}
