// Moving a collector to another store with `cxkit-collector copy`, as an operator does when one SQLite process is no
// longer enough (or back): the dashboard's figures, the inbox with who did what, displays, and webhooks still to be sent
// all come across with their own times; run again after more has arrived, it copies what is new and nothing twice.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../collector/store/open.js';
import { copiedTables } from '../../collector/store/schema/copied-tables.js';
import { readAll, type ResponseStore } from '../../collector/store/store.js';
import type { Response } from '../../src/schema/response.js';
import { spawnCli } from '../support/collector-cli.js';
import { answersOf, display, expect, test, type StoreKind } from '../support/collector-harness.js';

const dayMs = 86_400_000;

/** Runs `cxkit-collector copy` to its end: its exit code and what it wrote. */
async function copy(...args: string[]): Promise<{ code: number | null; output: string }> {
  const run = spawnCli(['copy', ...args]);
  const code = await run.exited;
  return { code, output: run.output() };
}

/** A table's rows as a copy reads them. */
const rowsOf = (store: ResponseStore, table: string) =>
  store.copiedRows(
    copiedTables.find(({ name }) => name === table)!,
    null,
    100,
  );

/** Everything a dashboard, the inbox and the webhook queue show of a store, in an order that does not depend on it. */
async function seen(store: ResponseStore) {
  const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
  const { medianHoursToClose, medianHoursToFirstContact, ...followUps } = await store.followUps({});
  return {
    // objects, not their text: PostgreSQL keeps an answer's keys in an order of its own
    answers: (await readAll(store)).sort((a, b) => (a.id < b.id ? -1 : 1)),
    touchpoints: sorted(await store.countsByTouchpoint({})),
    days: sorted(await store.countsByDay({})),
    plans: sorted(await store.countsBySegment({}, 'trait:plan')),
    engagement: sorted(await store.engagement({})),
    displaysByPage: sorted(await store.displaysBySegment({}, 'path')),
    stages: sorted(await store.touchpointStages()),
    inbox: (await store.inbox({ limit: 100 })).map(({ response, followUp }) => [response.id, followUp]),
    followUps,
    // SQLite's julianday and PostgreSQL's epoch differ in the last digits
    closingHours: medianHoursToClose?.toFixed(3),
    reachingHours: medianHoursToFirstContact?.toFixed(3),
    deliveries: sorted(await store.deliveries({ limit: 100 })),
    history: sorted(await rowsOf(store, 'follow_up_events')),
    quarantine: await rowsOf(store, 'quarantine'),
  };
}

/** An answer PostgreSQL refused, as its store keeps it aside (SQLite never refuses one: it can only be copied there). */
async function keptAside(kind: StoreKind, database: string): Promise<void> {
  const row = [
    'response:5d2c6b1e-0c1f-4b5e-9a57-6f0e8f1d2a3b',
    new Date().toISOString(),
    '23514: a check',
    'customer-7',
    'a-7',
    '{"comment":"x"}',
  ];
  const sql = 'INSERT INTO quarantine (ref, received_at, error, user_id, anonymous_id, body) VALUES';
  if (kind === 'sqlite') {
    const file = new Database(database);
    file.prepare(`${sql} (?, ?, ?, ?, ?, ?)`).run(...row);
    return void file.close();
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  await client.query(`${sql} ($1, $2, $3, $4, $5, $6)`, row).finally(() => client.end());
}

/** A shop's collector after some months: answers with displays, an old import, a partial answer, follow-ups, webhooks. */
async function busyStore(store: ResponseStore, now: number): Promise<{ partial: Response; unhappy: Response[]; happy: Response[] }> {
  const unhappy = answersOf('checkout-complete', 'nps', 2, 3, now - 2 * dayMs, { stage: 'buy', traits: { plan: 'pro' } });
  const happy = answersOf('checkout-complete', 'nps', 10, 5, now - 3 * dayMs, { stage: 'buy', traits: { plan: 'free' } });
  const [partial] = answersOf('ticket-closed', 'csat', 4, 1, now - dayMs, { stage: 'get-help', partial: true });
  // received four years ago: re-posting it today would date it today (the collector does not believe such old times)
  const old = answersOf('pricing-page', 'ces', 6, 2, now - 4 * 365 * dayMs);
  await store.insert(old, new Date(now - 4 * 365 * dayMs + 60_000));
  const shown = [
    display('checkout-complete', 'answered', { responseId: unhappy[0]!.id, stage: 'buy' }),
    display('checkout-complete', 'dismissed', { stage: 'buy' }),
    display('ticket-closed', 'open'),
  ];
  await store.insert([...unhappy, ...happy], new Date(now - 2 * dayMs), { displays: shown, notify: true });
  await store.insert([partial!], new Date(now - dayMs));
  // one answer fanned out and delivered, the rest still waiting to be fanned out
  await store.fanOut(
    1,
    (rs) =>
      rs.map((r) => ({
        id: `msg_${r.id}`,
        event: 'response.created' as const,
        target: 'https://hooks.example/cx',
        responseId: r.id,
        userId: null,
        anonymousId: r.anonymousId,
        payload: '{}',
      })),
    new Date(now - dayMs),
  );
  const [claimed] = await store.claimDeliveries(1, new Date(now - dayMs), 60_000, {
    targets: ['https://hooks.example/cx'],
    strayBefore: new Date(0),
  });
  await store.settleDelivery(claimed!.id, { delivered: true, status: 200 }, new Date(now - dayMs + 1000));
  await store.setFollowUp(unhappy[0]!.id, { status: 'contacted', note: 'Called her', by: 'ana' }, new Date(now - dayMs));
  await store.setFollowUp(unhappy[0]!.id, { status: 'closed', note: 'Refunded', by: 'ana' }, new Date(now - dayMs / 2));
  // a change the team's channel is told of, waiting to be posted
  await store.setFollowUp(
    unhappy[1]!.id,
    { status: 'contacted', by: 'ben', assignee: 'ben' },
    new Date(now - dayMs / 3),
    ({ response }) => [
      {
        id: `msg_follow_up_${response.id}`,
        event: 'follow_up.changed',
        target: 'https://hooks.example/cx',
        responseId: response.id,
        userId: null,
        anonymousId: response.anonymousId,
        payload: '{}',
      },
    ],
  );
  return { partial: partial!, unhappy, happy };
}

const moves: Array<[StoreKind, StoreKind]> = [
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
];

for (const [fromKind, toKind] of moves) {
  test(`copy moves a collector from ${fromKind} to ${toKind} with its history, and run again copies only what is new`, async ({
    database,
  }) => {
    const from = await database(fromKind);
    const to = await database(toKind);
    const now = Date.now();
    const source = await openStore(from);
    let target: ResponseStore | undefined;
    try {
      const { partial, unhappy, happy } = await busyStore(source, now);
      await keptAside(fromKind, from);

      const first = await copy('--from', from, '--to', to);
      expect(first.code, first.output).toBe(0);
      expect(first.output).toMatch(/^responses: 11 copied$/m);
      expect(first.output).toMatch(/^displays: 3 copied$/m);
      expect(first.output).toMatch(/^follow_ups: 2 copied$/m);
      expect(first.output).toMatch(/^follow_up_events: 3 copied$/m);
      expect(first.output).toMatch(/^webhook_deliveries: 2 copied$/m);
      expect(first.output).toMatch(/^quarantine: 1 copied$/m);
      target = await openStore(to);
      expect(await seen(target)).toEqual(await seen(source));
      const oldOnes = (await readAll(target)).filter((r) => r.touchpoint === 'pricing-page');
      // answered a minute apart, four years ago: each keeps its own time to the millisecond
      expect(oldOnes.map((r) => Date.parse(r.answeredAt)).sort((a, b) => a - b)).toEqual([
        now - 4 * 365 * dayMs - 60_000,
        now - 4 * 365 * dayMs,
      ]);
      // the answers the source had not yet fanned out are the target's to send, once each
      const planned: string[] = [];
      const plan = (rs: readonly Response[]) => (planned.push(...rs.map((r) => r.id)), []);
      await target.fanOut(100, plan, new Date());
      const [delivered] = await source.deliveries({ status: 'delivered', limit: 10 });
      const notified = [...unhappy, ...happy].map((r) => r.id).filter((id) => id !== delivered!.responseId);
      expect(planned.sort()).toEqual(notified.sort());
      await target.close();
      target = undefined;

      // the old collector ran on meanwhile: the partial answer came complete, one more answer, one more follow-up change
      await source.insert([{ ...partial, partial: false, comment: 'Quick and kind' }], new Date());
      await source.insert(answersOf('ticket-closed', 'csat', 1, 1, now - 1000), new Date());
      await source.setFollowUp(unhappy[1]!.id, { status: 'closed', note: 'Sent a voucher', by: 'ben' }, new Date());
      const second = await copy('--from', from, '--to', to);
      expect(second.code, second.output).toBe(0);
      expect(second.output).toMatch(/^responses: 2 copied, 10 already there or newer there$/m);
      expect(second.output).toMatch(/^follow_ups: 1 copied, 1 already there or newer there$/m);
      expect(second.output).toMatch(/^follow_up_events: 1 copied, 3 already there or newer there$/m);
      target = await openStore(to);
      expect(await seen(target)).toEqual(await seen(source));
    } finally {
      await source.close();
      await target?.close();
    }
  });
}

test('copy from a SQLite file written before the collector cleaned text: PostgreSQL gets U+FFFD where a NUL or half an emoji was', async ({
  database,
}) => {
  const from = await database('sqlite');
  const to = await database('postgres');
  const source = await openStore(from);
  const [answer] = answersOf('checkout-complete', 'nps', 3, 1, Date.now(), {
    comment: 'late\u0000 again \uD83D',
    traits: { plan: 'pro\u0000' },
  });
  await source.insert([answer!], new Date());
  await source.close();
  // as an older collector stored it: the text as the client sent it (SQLite's text column cannot keep half an emoji;
  // the answer's JSON does, escaped)
  const file = new Database(from);
  expect(file.prepare('SELECT comment FROM responses').pluck().get()).toMatch(/^late\u0000 again /);
  expect(file.prepare('SELECT body FROM responses').pluck().get()).toContain('"late\\u0000 again \\ud83d"');
  file.close();

  const run = await copy('--from', from, '--to', to);
  expect(run.code, run.output).toBe(0);
  const target = await openStore(to);
  try {
    const [copied] = await readAll(target);
    expect(copied!.comment).toBe('late\uFFFD again \uFFFD');
    expect(copied!.traits).toEqual({ plan: 'pro\uFFFD' });
    expect(await target.countsBySegment({}, 'trait:plan')).toEqual([expect.objectContaining({ value: 'pro\uFFFD', n: 1 })]);
  } finally {
    await target.close();
  }
});

test('copy leaves the source as it is: its answers keep the traits they are segmented by and their days, and a new target takes them', async ({
  database,
}) => {
  const from = await database('sqlite');
  const to = await database('postgres');
  const source = await openStore(from, { segmentTraits: ['tier'], timeZone: 'Asia/Tokyo' });
  // 2026-11-28 00:30 in Tokyo: the 27th in UTC
  const at = Date.parse('2026-11-27T15:30:00Z');
  await source.insert(answersOf('checkout-complete', 'nps', 9, 2, at, { traits: { tier: 'gold', plan: 'pro' } }), new Date());
  const shown = display('checkout-complete', 'answered', { shownAt: new Date(at).toISOString(), traits: { tier: 'gold', plan: 'pro' } });
  await source.insert([], new Date(), { displays: [shown] });
  await source.close();

  const run = await copy('--from', from, '--to', to);
  expect(run.code, run.output).toBe(0);
  for (const database of [from, to]) {
    const store = await openStore(database, { asStored: true });
    try {
      expect(store.segmentDimensions, database).toContain('trait:tier');
      expect(store.segmentDimensions, database).not.toContain('trait:plan');
      expect(await store.countsBySegment({}, 'trait:tier'), database).toEqual([expect.objectContaining({ value: 'gold', n: 2 })]);
      expect(store.timeZone.name, database).toBe('Asia/Tokyo');
      expect(await store.countsByDay({}), database).toEqual([expect.objectContaining({ day: '2026-11-28', n: 2 })]);
      // a display's response rate by its tier, the one trait of it kept
      expect(await store.displaysBySegment({}, 'trait:tier'), database).toEqual([{ value: 'gold', outcome: 'answered', n: 1 }]);
      expect(await store.displaysBySegment({}, 'trait:plan'), database).toEqual([]);
    } finally {
      await store.close();
    }
  }
  // a target already segmenting by the plan alone keeps no tier of what it is given
  const planned = await database('sqlite');
  await (await openStore(planned, { segmentTraits: ['plan'] })).close();
  const again = await copy('--from', from, '--to', planned);
  expect(again.code, again.output).toBe(0);
  const into = await openStore(planned, { asStored: true });
  try {
    expect(into.segmentDimensions).not.toContain('trait:tier');
    expect((await into.engagement({})).map((e) => [e.touchpoint, e.shown, e.answered])).toEqual([['checkout-complete', 1, 1]]);
    expect(await into.displaysBySegment({}, 'trait:tier')).toEqual([]);
  } finally {
    await into.close();
  }
});

test('copy given a wrong source or target names it, exits with 2 and changes nothing', async ({ database }) => {
  const dir = mkdtempSync(join(tmpdir(), 'cxkit-copy-'));
  try {
    const file = join(dir, 'responses.db');
    const missing = join(dir, 'typo.db');
    const source = await openStore(file);
    await source.insert(answersOf('checkout-complete', 'nps', 9, 1, Date.now()), new Date());
    await source.close();
    // another program's SQLite file, and a PostgreSQL database nobody has used yet, named by mistake as the source
    const notOurs = join(dir, 'app.db');
    const app = new Database(notOurs);
    app.exec('CREATE TABLE orders (id INTEGER PRIMARY KEY)');
    app.close();
    const empty = await database('postgres');
    const mistakes: Array<[string[], RegExp]> = [
      [['--from', file], /^cxkit-collector: copy: --to is missing: name a SQLite file or a postgres:\/\/ URL/],
      [['--from', missing, '--to', join(dir, 'new.db')], /^cxkit-collector: copy: --from: could not open .*typo\.db: no such file$/m],
      [['--from', notOurs, '--to', join(dir, 'new.db')], /^cxkit-collector: copy: --from: could not open .*app\.db: no cxkit data in it/m],
      [['--from', empty, '--to', join(dir, 'new.db')], /^cxkit-collector: copy: --from: could not open postgres:.*: no cxkit data in it/m],
      [
        ['--from', file, '--to', `${dir}/../${dir.split('/').at(-1)}/responses.db`],
        /^cxkit-collector: copy: --from and --to are the same database/,
      ],
      [
        ['--from', file, '--to', 'mysql://cx:s3cret@db.example/cx'],
        /^cxkit-collector: copy: --to: could not open mysql:\/\/cx:\*\*\*@db\.example\/cx: not a postgres/m,
      ],
    ];
    for (const [args, says] of mistakes) {
      const run = await copy(...args);
      expect(run.code, run.output).toBe(2);
      expect(run.output).toMatch(says);
    }
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
    // nothing was created in them
    const untouched = new Database(notOurs);
    expect(untouched.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all()).toEqual(['orders']);
    untouched.close();
    const client = new pg.Client({ connectionString: empty });
    await client.connect();
    const tables = await client
      .query(`SELECT count(*)::integer AS n FROM pg_tables WHERE schemaname = 'public'`)
      .finally(() => client.end());
    expect(tables.rows[0].n).toBe(0);
    // a target that does not answer
    const down = (await database('postgres')).replace(/:\d+\//, ':1/');
    const run = await copy('--from', file, '--to', down);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toMatch(/^cxkit-collector: copy: --to: could not open postgres:\/\/cx@127\.0\.0\.1:1\/\S+: .*ECONNREFUSED/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
