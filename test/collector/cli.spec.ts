// What an operator who mistypes the collector's command line sees: one line naming the option and what is wrong with
// it, a non-zero exit before anything is served or created; and an access log that fails later does not take the
// collector down with it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../collector/store/open.js';
import { readAll } from '../../collector/store/store.js';
import type { Response } from '../../src/schema/response.js';
import { spawnCli, startCli } from '../support/collector-cli.js';
import { answersOf, batch, display, expect, responses, test } from '../support/collector-harness.js';

/** A folder of its own for each test, as the collector's working directory. */
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'cxkit-cli-'));
  test.info().attach('folder', { body: made });
  return made;
}

test.afterEach(() => {
  for (const attachment of test.info().attachments) {
    if (attachment.name === 'folder') rmSync(String(attachment.body), { recursive: true, force: true });
  }
});

const mistakes: Array<{ name: string; args: (dir: string) => string[]; says: RegExp }> = [
  {
    name: 'a database URL of a kind cxkit does not store in',
    args: () => ['--database', 'mysql://cx:s3cret@db.example/cx'],
    says: /^cxkit-collector: --database: could not open mysql:\/\/cx:\*\*\*@db\.example\/cx: not a postgres:\/\/ URL nor a file path/,
  },
  {
    name: 'an access log in a folder that does not exist',
    args: (dir) => ['--access-log', join(dir, 'missing', 'access.jsonl')],
    says: /^cxkit-collector: --access-log: could not open .*missing\/access\.jsonl: ENOENT/,
  },
  {
    name: 'a port out of range',
    args: () => ['--port', '70000'],
    says: /^cxkit-collector: --port: expected a whole number from 0 to 65535, got 70000$/m,
  },
  {
    name: 'an origin with a path',
    args: () => ['--origin', 'https://shop.example/'],
    says: /^cxkit-collector: --origin: expected an origin like https:\/\/shop\.example \(no path\), got https:\/\/shop\.example\/$/m,
  },
  {
    name: 'a webhook secret that is not a Standard Webhooks key',
    args: () => ['--webhook', 'https://hooks.example/cx', '--webhook-secret', 'hunter2'],
    says: /^cxkit-collector: --webhook\[0\]\.secret: expected whsec_ followed by a base64 key/m,
  },
  {
    name: 'a time zone by an offset rather than a place',
    args: () => ['--time-zone', 'PST+8'],
    says: /^cxkit-collector: --time-zone: expected an IANA time zone such as Europe\/Berlin or America\/New_York, got PST\+8$/m,
  },
  {
    // a retention of nothing would erase every answer as it came
    name: 'a retention period of no days',
    args: () => ['--retention-days', '0'],
    says: /^cxkit-collector: --retention-days: expected a whole number from 1 to 36500, got 0$/m,
  },
  {
    name: 'a digest narrowed by a trait it does not segment by',
    args: () => {
      const config = join(folder(), 'webhooks.json');
      writeFileSync(
        config,
        JSON.stringify({
          webhooks: [{ url: 'https://hooks.example/hooks/s3cret', when: { events: ['digest.weekly'], traits: { seats: ['50'] } } }],
        }),
      );
      return ['--webhook-config', config, '--segment-traits', 'plan'];
    },
    says: /^cxkit-collector: webhook https:\/\/hooks\.example\/hooks\/…: a digest of customers by their seats needs seats among --segment-traits \(now plan\)$/m,
  },
  {
    // erased on the day it would be anonymised: the anonymising would never be seen
    name: 'an anonymising period not shorter than the retention period',
    args: () => ['--anonymise-days', '90', '--retention-days', '90'],
    says: /^cxkit-collector: --anonymise-days: 90 days is not before --retention-days 90: answers would be erased before they are anonymised$/m,
  },
];

for (const { name, args, says } of mistakes) {
  test(`the CLI given ${name} names it, exits with 2 and creates nothing`, async () => {
    const dir = folder();
    const run = spawnCli(['--access-log', '-', ...args(dir)], { cwd: dir });
    try {
      const code = await Promise.race([run.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
      expect(code, run.output()).toBe(2);
      expect(run.output()).toMatch(says);
      expect(run.output()).not.toContain('s3cret');
      expect(run.output()).not.toContain('cxkit collector: http://');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      run.process.kill('SIGKILL');
    }
  });
}

test('an access log file gets one JSON line per request', async ({ database }) => {
  const log = join(folder(), 'access.jsonl');
  const running = await startCli(['--database', await database('sqlite'), '--access-log', log]);
  try {
    const reply = await fetch(`${running.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch(responses(1, 90))) });
    expect(reply.status).toBe(202);
    // the lines written whole so far: the file exists, empty, from the start, and a line may be on its way
    await expect
      .poll(() =>
        existsSync(log)
          ? readFileSync(log, 'utf8')
              .split('\n')
              .slice(0, -1)
              .map((line) => JSON.parse(line) as unknown)
          : [],
      )
      .toMatchObject([{ method: 'POST', path: '/v1/responses', status: 202 }]);
  } finally {
    running.process.kill('SIGKILL');
  }
});

test('an access log that cannot be written any more (a full disk) is named once; answers go on being stored', async ({ database }) => {
  test.skip(!existsSync('/dev/full'), 'needs /dev/full (Linux), where every write fails with ENOSPC');
  const file = await database('sqlite');
  const running = await startCli(['--database', file, '--access-log', '/dev/full']);
  try {
    const sent = responses(3, 91);
    for (const response of sent) {
      const reply = await fetch(`${running.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([response])) });
      expect(reply.status).toBe(202);
    }
    const store = await openStore(file);
    try {
      expect((await readAll(store)).map((r) => r.id).sort()).toEqual(sent.map((r) => r.id).sort());
    } finally {
      await store.close();
    }
    // The failed write is reported by the child after its reply went out, and its stderr reaches us a moment later.
    await expect.poll(() => running.output().match(/access log \/dev\/full: .*ENOSPC/g)?.length).toBe(1);
  } finally {
    running.process.kill('SIGKILL');
  }
});

test('the CLI counts days in the time zone CXKIT_TIME_ZONE names, and --time-zone wins over it', async ({ database }) => {
  const file = await database('sqlite');
  for (const [args, zone] of [
    [[], 'Asia/Kolkata'],
    // in any case
    [['--time-zone', 'america/new_york'], 'America/New_York'],
  ] as const) {
    const running = await startCli(['--database', file, ...args], { env: { CXKIT_TIME_ZONE: 'Asia/Kolkata' } });
    try {
      const report = await (await fetch(`${running.url}v1/report`)).json();
      expect(report.timeZone).toBe(zone);
    } finally {
      running.process.kill('SIGKILL');
      await running.exited;
    }
  }
});

test('with --anonymise-days the CLI strips the person from older answers and displays at start, and from those posted that old', async ({
  database,
}) => {
  const file = await database('sqlite');
  const day = 86_400_000;
  const person = { userId: 'u-9', traits: { plan: 'pro', email: 'u9@example.com' }, metadata: { ticket: 'T-77' } };
  const seeded = await openStore(file);
  const old = answersOf('checkout', 'nps', 3, 3, Date.now() - 100 * day, person);
  const recent = answersOf('checkout', 'nps', 10, 1, Date.now() - 10 * day, person);
  await seeded.insert([...old, ...recent], new Date(), {
    displays: [display('checkout', 'ignored', { shownAt: new Date(Date.now() - 95 * day).toISOString(), userId: 'u-9' })],
  });
  await seeded.close();
  const running = await startCli(['--database', file, '--anonymise-days', '90'], { env: { CXKIT_RETENTION_DAYS: '365' } });
  try {
    await expect.poll(() => running.output()).toMatch(/anonymised 3 answers and 1 display from before \S+ \(90 days\)$/m);
    expect(running.output()).toContain('anonymising answers and displays older than 90 days (--anonymise-days)');
    const [late] = answersOf('checkout', 'csat', 2, 1, Date.now() - 200 * day, person);
    const posted = await fetch(`${running.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([late!])) });
    expect(posted.status).toBe(202);
    const rows = (await (await fetch(`${running.url}v1/answers.json?order=oldest`)).json()) as Array<{ response: Response }>;
    expect(rows.map(({ response: r }) => [r.id, r.userId ?? null, r.traits ?? null, r.metadata ?? null])).toEqual([
      [late!.id, null, { plan: 'pro' }, null],
      ...old.map((r) => [r.id, null, { plan: 'pro' }, null]).reverse(),
      [recent[0]!.id, 'u-9', person.traits, person.metadata],
    ]);
    // the figures are those of every answer
    expect(await (await fetch(`${running.url}v1/summary`)).json()).toMatchObject({ answers: 5, nps: { n: 4 }, csat: { n: 1 } });
  } finally {
    running.process.kill('SIGKILL');
    await running.exited;
  }
});

test('with --retention-days the CLI erases the answers and displays older than that at start, and says how many', async ({ database }) => {
  const file = await database('sqlite');
  const day = 86_400_000;
  const seeded = await openStore(file);
  const old = answersOf('checkout', 'nps', 3, 4, Date.now() - 100 * day);
  const recent = answersOf('checkout', 'nps', 10, 2, Date.now() - 10 * day);
  await seeded.insert([...old, ...recent], new Date(), {
    displays: [display('checkout', 'ignored', { shownAt: new Date(Date.now() - 95 * day).toISOString() })],
  });
  await seeded.close();
  const running = await startCli(['--database', file], { env: { CXKIT_RETENTION_DAYS: '90' } });
  try {
    await expect.poll(() => running.output()).toMatch(/retention: erased 4 answers and 1 display from before \S+ \(90 days\)$/m);
    expect(running.output()).toContain('erasing answers and displays older than 90 days (--retention-days)');
    const report = await (await fetch(`${running.url}v1/summary`)).json();
    expect(report).toMatchObject({ answers: 2, nps: { score: 100, n: 2 } });
  } finally {
    running.process.kill('SIGKILL');
    await running.exited;
  }
});
