// A real PostgreSQL server for the tests, started by the tests: initdb into a temporary folder, a free loopback port,
// stopped (and the folder removed) at the end. CXKIT_TEST_POSTGRES_URL points the tests at a server of your own instead.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** A new, empty database on the server, as a connection URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const howToGetOne =
  'PostgreSQL is needed for the storage tests: install the server (Debian: apt-get install postgresql; `npm test` does ' +
  'this itself when run as root), put its bin folder in PG_BIN, or set CXKIT_TEST_POSTGRES_URL to a server you run.';

function serverBinaries(): string {
  const candidates = [
    process.env.PG_BIN,
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
  ];
  const found = candidates.find((dir) => dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb')));
  if (!found) throw new Error(`cxkit tests: no PostgreSQL server found. ${howToGetOne}`);
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let databases = 0;

function onServer(url: string): PostgresServer['createDatabase'] {
  return async () => {
    const name = `cxkit_test_${process.pid}_${++databases}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    return target.toString();
  };
}

export async function startPostgres(): Promise<PostgresServer> {
  const external = process.env.CXKIT_TEST_POSTGRES_URL;
  if (external) return { createDatabase: onServer(external), stop: async () => undefined };
  const bin = serverBinaries();
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-pg-'));
  // initdb and postgres refuse to run as root: as root, run them as the postgres user in a folder it may write
  chmodSync(folder, 0o777);
  const asServerUser = (command: string, args: string[]) => {
    const [file, argv] =
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args];
    return execFileSync(file as string, argv as string[], { stdio: 'pipe', timeout: 60_000 });
  };
  const data = join(folder, 'data');
  const port = await freePort();
  try {
    asServerUser('initdb', ['-D', data, '-A', 'trust', '-U', 'cx', '--no-sync']);
    asServerUser('pg_ctl', [
      '-D',
      data,
      '-o',
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      '-l',
      join(folder, 'log'),
      '-w',
      'start',
    ]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`cxkit tests: PostgreSQL did not start: ${output.trim()}. ${howToGetOne}`);
  }
  return {
    createDatabase: onServer(`postgres://cx@127.0.0.1:${port}/postgres`),
    stop: async () => {
      try {
        asServerUser('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
