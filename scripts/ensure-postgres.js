// pretest: makes sure the storage tests can start a PostgreSQL server (and PgBouncer in front of it), installing
// Debian's postgresql and pgbouncer when we are root on Debian/Ubuntu. The tests start and stop their own servers;
// nothing is left running.
import { aptInstall, aptInstallOrExit } from './apt-install.js';
import { findPgBouncer, howToGetPgBouncer } from './pgbouncer.js';
import { findPostgresBinaries, howToGetPostgres } from './postgres-server.js';

if (!process.env.CXKIT_TEST_POSTGRES_URL && !findPostgresBinaries()) {
  aptInstallOrExit({ pkg: 'postgresql', missing: 'no PostgreSQL server found', howTo: howToGetPostgres });
  if (!findPostgresBinaries()) {
    console.error(`cxkit: postgresql installed but initdb/pg_ctl were not found under /usr/lib/postgresql. ${howToGetPostgres}`);
    process.exit(1);
  }
}

// PgBouncer is for one test (the collector behind a pooler, as docs/deployment.md suggests): where it cannot be
// installed, that test is skipped and says why, and the others run
if (!findPgBouncer() && !aptInstall({ pkg: 'pgbouncer', missing: 'no PgBouncer found', howTo: howToGetPgBouncer })) {
  console.error('cxkit: the PgBouncer test will be skipped');
}
