// pretest: makes sure the storage tests can start a PostgreSQL server (and PgBouncer in front of it), installing
// Debian's postgresql and pgbouncer when we are root on Debian/Ubuntu. The tests start and stop their own servers;
// nothing is left running.
import { existsSync } from 'node:fs';
import { aptInstallOrExit } from './apt-install.js';
import { findPgBouncer, howToGetPgBouncer } from './pgbouncer.js';
import { findPostgresBinaries, howToGetPostgres } from './postgres-server.js';

if (!process.env.CXKIT_TEST_POSTGRES_URL && !findPostgresBinaries()) {
  aptInstallOrExit({ pkg: 'postgresql', missing: 'no PostgreSQL server found', howTo: howToGetPostgres });
  if (!findPostgresBinaries()) {
    console.error(`cxkit: postgresql installed but initdb/pg_ctl were not found under /usr/lib/postgresql. ${howToGetPostgres}`);
    process.exit(1);
  }
}

// PgBouncer is for one test (the collector behind a pooler, as docs/deployment.md suggests); elsewhere than a Debian
// machine where we are root, that test is skipped and says why
if (!findPgBouncer()) {
  if (existsSync('/usr/bin/apt-get') && process.getuid?.() === 0) {
    aptInstallOrExit({ pkg: 'pgbouncer', missing: 'no PgBouncer found', howTo: howToGetPgBouncer });
  } else {
    console.log(`cxkit: no PgBouncer found: its test will be skipped. ${howToGetPgBouncer}`);
  }
}
