// The published package installed as docs/deployment.md installs it, in a folder of its own: the tarball `npm pack`
// makes, then the driver for the database in use (pg, or better-sqlite3), and the CLI from node_modules/.bin.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnCli, startCli } from '../support/collector-cli.js';
import { batch, expect, responses, test } from '../support/collector-harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
let folder = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  folder = mkdtempSync(join(tmpdir(), 'cxkit-install-'));
  await run('npm', ['pack', '--pack-destination', folder], { cwd: root });
  const tarball = readdirSync(folder).find((file) => file.endsWith('.tgz'))!;
  await run('npm', ['init', '-y'], { cwd: folder });
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`], { cwd: folder });
});

test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

const program = () => join(folder, 'node_modules', '.bin', 'cxkit-collector');

test('without a driver, the CLI names the one the database needs, for SQLite and for PostgreSQL', async () => {
  for (const [database, says] of [
    ['', 'A SQLite file needs the better-sqlite3 package, which cxkit leaves to you to install: npm install better-sqlite3'],
    ['postgres://cx@127.0.0.1:1/cx', 'PostgreSQL needs the pg package, which cxkit leaves to you to install: npm install pg'],
  ]) {
    const started = spawnCli([], { cwd: folder, program: program(), env: { DATABASE_URL: database } });
    expect(await started.exited, started.output()).toBe(2);
    expect(started.output()).toContain(says);
  }
});

test('installed with pg alone (docs/deployment.md), the CLI stores answers in PostgreSQL', async ({ database }) => {
  test.setTimeout(120_000);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', 'pg'], { cwd: folder });
  const running = await startCli([], { cwd: folder, program: program(), env: { DATABASE_URL: await database('postgres') } });
  try {
    const sent = responses(3, 93);
    const reply = await fetch(`${running.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch(sent)) });
    expect(await reply.json()).toEqual({ accepted: 3, duplicates: 0 });
    const summary = (await (await fetch(`${running.url}v1/summary`)).json()) as Record<string, { n: number }>;
    expect(summary.nps!.n + summary.csat!.n + summary.ces!.n).toBe(3);
  } finally {
    running.process.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }
  // and README's recipe of mounting the handler in a server of one's own imports the same package
  const mounted = `const { openStore } = await import('cxkit/collector'); const store = await openStore(process.env.DATABASE_URL);
    process.stdout.write(String((await store.touchpoints(10)).total)); await store.close();`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', mounted], {
    cwd: folder,
    env: { ...process.env, DATABASE_URL: await database('postgres') },
  });
  expect(stdout.trim()).toBe('0');
});
