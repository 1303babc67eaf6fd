// A real PostgreSQL server for tests and benchmarks, started on demand: initdb into a temporary folder, a free loopback
// port, stopped (and the folder removed) at the end. CXKIT_TEST_POSTGRES_URL points them at a server of your own instead.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * @typedef {object} PostgresServer
 * @property {() => Promise<string>} createDatabase a new, empty database on the server, as a connection URL
 * @property {() => Promise<void>} stop
 */

export const howToGetPostgres =
  'PostgreSQL is needed for the storage tests: install the server (Debian: apt-get install postgresql; `npm test` does ' +
  'this itself when run as root), put its bin folder in PG_BIN, or set CXKIT_TEST_POSTGRES_URL to a server you run.';

/** @returns {string | null} the folder holding initdb and pg_ctl, or null */
export function findPostgresBinaries() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const candidates = [process.env.PG_BIN, ...versions.map((version) => `/usr/lib/postgresql/${version}/bin`)];
  return candidates.find((dir) => dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) ?? null;
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let databases = 0;

/** @param {string} url @returns {PostgresServer['createDatabase']} */
function onServer(url) {
  return async () => {
    const name = `cxkit_${process.pid}_${++databases}`;
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

/**
 * @param {{ durable?: boolean }} [options] durable keeps fsync on (benchmarks); tests run faster without it
 * @returns {Promise<PostgresServer>}
 */
export async function startPostgres(options = {}) {
  const external = process.env.CXKIT_TEST_POSTGRES_URL;
  if (external) return { createDatabase: onServer(external), stop: async () => undefined };
  const bin = findPostgresBinaries();
  if (!bin) throw new Error(`cxkit: no PostgreSQL server found. ${howToGetPostgres}`);
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-pg-'));
  // initdb and postgres refuse to run as root: as root, run them as the postgres user in a folder it may write
  chmodSync(folder, 0o777);
  /** @param {string} command @param {string[]} args */
  const asServerUser = (command, args) =>
    process.getuid?.() === 0
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe', timeout: 60_000 })
      : execFileSync(join(bin, command), args, { stdio: 'pipe', timeout: 60_000 });
  const data = join(folder, 'data');
  const port = await freePort();
  const settings = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=200${options.durable ? '' : ' -c fsync=off'}`;
  try {
    asServerUser('initdb', ['-D', data, '-A', 'trust', '-U', 'cx', '--no-sync']);
    asServerUser('pg_ctl', ['-D', data, '-o', settings, '-l', join(folder, 'log'), '-w', 'start']);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const output = /** @type {{ stderr?: Buffer }} */ (error).stderr?.toString() ?? String(error);
    throw new Error(`cxkit: PostgreSQL did not start: ${output.trim()}. ${howToGetPostgres}`);
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
