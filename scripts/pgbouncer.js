// PgBouncer in transaction mode in front of a PostgreSQL server, for the test that runs the collector as
// docs/deployment.md suggests: a temporary folder, a free loopback port, stopped (and the folder removed) at the end.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres-server.js';

export const howToGetPgBouncer =
  'PgBouncer is needed for the connection pooler test: install it (Debian: apt-get install pgbouncer; `npm test` does ' +
  'this itself when run as root) or set PGBOUNCER to its path.';

/** @returns {string | null} the pgbouncer program, or null */
export function findPgBouncer() {
  const candidates = [
    process.env.PGBOUNCER,
    '/usr/sbin/pgbouncer',
    '/usr/bin/pgbouncer',
    '/usr/local/bin/pgbouncer',
    '/opt/homebrew/bin/pgbouncer',
  ];
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/** @param {number} port @returns {Promise<boolean>} */
const accepts = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * Starts PgBouncer in transaction mode with a pool of `poolSize` server connections per database, so that its clients
 * share them as a production pooler's do.
 * @param {string} serverUrl a database on the server, e.g. postgres://cx@127.0.0.1:5432/cxkit_1
 * @param {{ poolSize?: number }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>} `url`: the same database through PgBouncer
 */
export async function startPgBouncer(serverUrl, { poolSize = 4 } = {}) {
  const program = findPgBouncer();
  if (!program) throw new Error(`cxkit: no pgbouncer found. ${howToGetPgBouncer}`);
  const server = new URL(serverUrl);
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-pgbouncer-'));
  // PgBouncer refuses to run as root: as root, it runs as the postgres user, which must read the folder
  chmodSync(folder, 0o755);
  const port = await freePort();
  const user = decodeURIComponent(server.username);
  const password = server.password ? ` password=${decodeURIComponent(server.password)}` : '';
  const settings = {
    listen_addr: '127.0.0.1',
    listen_port: port,
    unix_socket_dir: '',
    auth_type: 'trust',
    auth_file: join(folder, 'users.txt'),
    pool_mode: 'transaction',
    default_pool_size: poolSize,
    max_client_conn: 1000,
    log_connections: 0,
    log_disconnections: 0,
  };
  writeFileSync(join(folder, 'users.txt'), `"${user}" ""\n`);
  writeFileSync(
    join(folder, 'pgbouncer.ini'),
    `[databases]\n* = host=${server.hostname} port=${server.port || 5432} user=${user}${password}\n[pgbouncer]\n` +
      Object.entries(settings)
        .map(([name, value]) => `${name} = ${value}`)
        .join('\n'),
  );
  const config = join(folder, 'pgbouncer.ini');
  const [file, args] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', program, config]] : [program, [config]];
  const child = spawn(file, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    // SIGTERM: PgBouncer's immediate shutdown (SIGINT would wait for its clients to leave)
    if (child.exitCode === null) process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
    await exited;
    rmSync(folder, { recursive: true, force: true });
  };
  for (let waited = 0; !(await accepts(port)); waited += 50) {
    if (child.exitCode !== null || waited > 10_000) {
      await stop();
      throw new Error(`cxkit: PgBouncer did not start: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = new URL(serverUrl);
  url.port = String(port);
  return { url: url.toString(), stop };
}
