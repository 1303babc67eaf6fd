// pretest: makes sure a PostgreSQL server can be started by the storage tests, installing Debian's postgresql when we
// are root on Debian/Ubuntu. The tests start and stop their own server; nothing is left running.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const installed = () =>
  existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));

if (process.env.CXKIT_TEST_POSTGRES_URL || process.env.PG_BIN || installed()) process.exit(0);
if (!existsSync('/usr/bin/apt-get') || process.getuid?.() !== 0) {
  console.error(
    'cxkit: no PostgreSQL server found, and the storage tests need one: install postgresql, set PG_BIN to its bin folder, or set CXKIT_TEST_POSTGRES_URL',
  );
  process.exit(1);
}
console.log('cxkit: no PostgreSQL server found; installing Debian postgresql for the storage tests (about a minute)…');
try {
  // policy-rc.d keeps apt from starting a system-wide cluster: the tests start their own
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq postgresql', { stdio: 'inherit' });
} catch {
  console.error('cxkit: installing postgresql failed; the storage tests need a PostgreSQL server (see README, "What is tested").');
  process.exit(1);
}
if (!installed()) {
  console.error('cxkit: postgresql installed but its server binaries were not found under /usr/lib/postgresql');
  process.exit(1);
}
