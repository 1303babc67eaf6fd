// The database drivers are optional peer dependencies of the package: an install for PostgreSQL has no better-sqlite3,
// one for SQLite no pg. Each is loaded when a store of its kind opens, and a missing one is named with how to add it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function loadDriver<T>(name: 'better-sqlite3' | 'pg', store: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(`${store} needs the ${name} package, which cxkit leaves to you to install: npm install ${name}`);
  }
}
