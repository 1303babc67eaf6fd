// pretest: makes sure the storage tests can start a PostgreSQL server, installing Debian's postgresql when we are root
// on Debian/Ubuntu. The tests start and stop their own server; nothing is left running.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPostgresBinaries, howToGetPostgres } from './postgres-server.js';

if (process.env.CXKIT_TEST_POSTGRES_URL || findPostgresBinaries()) process.exit(0);
if (!existsSync('/usr/bin/apt-get') || process.getuid?.() !== 0) {
  console.error(`cxkit: no PostgreSQL server found. ${howToGetPostgres}`);
  process.exit(1);
}
console.log('cxkit: no PostgreSQL server found; installing Debian postgresql for the storage tests (about a minute)…');
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', { stdio: 'inherit' });
} catch {
  console.error(`cxkit: installing postgresql failed. ${howToGetPostgres}`);
  process.exit(1);
}
if (!findPostgresBinaries()) {
  console.error(`cxkit: postgresql installed but initdb/pg_ctl were not found under /usr/lib/postgresql. ${howToGetPostgres}`);
  process.exit(1);
}
