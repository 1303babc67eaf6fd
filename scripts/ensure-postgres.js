// pretest: makes sure the storage tests can start a PostgreSQL server, installing Debian's postgresql when we are root
// on Debian/Ubuntu. The tests start and stop their own server; nothing is left running.
import { aptInstallOrExit } from './apt-install.js';
import { findPostgresBinaries, howToGetPostgres } from './postgres-server.js';

if (!process.env.CXKIT_TEST_POSTGRES_URL && !findPostgresBinaries()) {
  aptInstallOrExit({ pkg: 'postgresql', missing: 'no PostgreSQL server found', howTo: howToGetPostgres });
  if (!findPostgresBinaries()) {
    console.error(`cxkit: postgresql installed but initdb/pg_ctl were not found under /usr/lib/postgresql. ${howToGetPostgres}`);
    process.exit(1);
  }
}
