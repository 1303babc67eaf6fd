// One conformance suite, two real stores: SQLite in a file and PostgreSQL on a server the tests start. Every figure is
// checked against summarize() over the same answers, so that SQL aggregation cannot drift from the one definition.
import Database from 'better-sqlite3';
import pg from 'pg';
import { summarize, summarizeCounts } from '../../src/sdk/scores.js';
import type { Display } from '../../src/schema/display.js';
import type { Response } from '../../src/schema/response.js';
import { openStore } from '../../collector/store/open.js';
import { SqliteStore } from '../../collector/store/sqlite.js';
import { sqliteMigrations } from '../../collector/store/schema/sqlite-migrations.js';
import { offsetChanges, timeZone } from '../../collector/time-zone.js';
import { defaultSegmentTraits, segmentsOf } from '../../collector/store/ingest/segments.js';
import { copiedTables } from '../../collector/store/schema/copied-tables.js';
import { readAll, type DayScoreCount, type ResponseFilter, type ResponseStore } from '../../collector/store/store.js';
import { answersOf, display, expect, responses, storeKinds, test } from '../support/collector-harness.js';

const day = 86_400_000;

/** The journey stage some touchpoints' answers say they belong to; the others say none. */
const stages: Record<string, string> = { 'checkout-complete': 'buy', 'help-article': 'get-help' };

/** Answers spread over ten days, with comments, partials, both CES scales and stages, in batches of 50. */
function varied(count: number, now: Date): Response[] {
  return responses(count, 5).map((r, i) => {
    const stage = stages[r.touchpoint];
    const answeredAt = new Date(now.getTime() - (i % 10) * day - (i % 24) * 3_600_000 - i * 1000).toISOString();
    const ces5 = r.kind === 'ces' && i % 3 === 0 ? { scale: { min: 1, max: 5 }, score: Math.min(r.score, 5) } : {};
    return {
      ...r,
      answeredAt,
      ...ces5,
      ...(stage ? { stage } : {}),
      ...(i % 7 === 0 ? { partial: true } : {}),
      ...(i % 4 === 0 ? { comment: `comment ${i}` } : {}),
    };
  });
}

async function insertAll(store: ResponseStore, all: readonly Response[], receivedAt = new Date()): Promise<void> {
  for (let i = 0; i < all.length; i += 50) await store.insert(all.slice(i, i + 50), receivedAt);
}

function matching(all: readonly Response[], filter: ResponseFilter): Response[] {
  return all.filter(
    (r) =>
      (filter.touchpoint === undefined || r.touchpoint === filter.touchpoint) &&
      (filter.stage === undefined || r.stage === filter.stage) &&
      (filter.since === undefined || Date.parse(r.answeredAt) >= Date.parse(filter.since)) &&
      (filter.until === undefined || Date.parse(r.answeredAt) < Date.parse(filter.until)) &&
      (filter.segment === undefined || segmentsOf(r, defaultSegmentTraits)[filter.segment.dimension] === filter.segment.value),
  );
}

const totalsByDay = (counts: readonly DayScoreCount[]) => {
  const days: Record<string, number> = {};
  for (const c of counts) days[c.day] = (days[c.day] ?? 0) + c.n;
  return days;
};

/** Runs `use` on a store over the database at `url`, closed afterwards. */
async function withNewStore(url: string, use: (store: ResponseStore) => Promise<void>): Promise<void> {
  const store = await openStore(url);
  try {
    await use(store);
  } finally {
    await store.close();
  }
}

/** Runs SQL on a store's database behind its back, as an operator's tool or a failing disk would. */
async function onDatabase(kind: string, database: string, sql: string): Promise<void> {
  if (kind === 'sqlite') {
    const db = new Database(database);
    db.exec(sql);
    return void db.close();
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** The stored answer time a client claimed when it was not believed, straight from the table. */
async function claimedAnsweredAt(kind: string, database: string, id: string): Promise<string | null> {
  if (kind === 'sqlite') {
    const db = new Database(database, { readonly: true });
    try {
      return (db.prepare('SELECT answered_at_claimed AS c FROM responses WHERE id = ?').get(id) as { c: string | null }).c;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return (await client.query('SELECT answered_at_claimed AS c FROM responses WHERE id = $1', [id])).rows[0].c;
  } finally {
    await client.end();
  }
}

for (const kind of storeKinds) {
  test.describe(`${kind} store`, () => {
    test('counts per day give exactly summarize() for any filter, edges of days included', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      const now = new Date();
      const all = varied(600, now);
      await insertAll(store, all);
      const midnight = Math.floor(now.getTime() / day) * day;
      const filters: ResponseFilter[] = [
        {},
        { touchpoint: 'checkout-complete' },
        { since: new Date(midnight - 3 * day).toISOString() },
        {
          since: new Date(midnight - 3 * day - 5 * 3_600_000).toISOString(),
          until: new Date(midnight - day + 7 * 3_600_000).toISOString(),
        },
        {
          since: new Date(midnight - 2 * day + 3_600_000).toISOString(),
          until: new Date(midnight - 2 * day + 9 * 3_600_000).toISOString(),
        },
        { until: new Date(midnight - 4 * day + 1).toISOString(), touchpoint: 'help-article' },
        { since: new Date(midnight).toISOString(), until: new Date(midnight - day).toISOString() },
        { stage: 'buy' },
        { stage: 'get-help', since: new Date(midnight - 3 * day - 5 * 3_600_000).toISOString() },
        { stage: 'stay' },
        // one segment: whole days from the segment rollup, the edges from the rows' segments
        { segment: { dimension: 'device', value: 'mobile' } },
        {
          segment: { dimension: 'device', value: 'tablet' },
          since: new Date(midnight - 3 * day - 5 * 3_600_000).toISOString(),
          until: new Date(midnight - day + 7 * 3_600_000).toISOString(),
        },
        {
          segment: { dimension: 'trait:plan', value: 'pro' },
          touchpoint: 'checkout-complete',
          since: new Date(midnight - 2 * day + 3_600_000).toISOString(),
        },
        { segment: { dimension: 'path', value: '/help-article' }, stage: 'get-help' },
        { segment: { dimension: 'device', value: 'a device nobody has' } },
      ];
      for (const filter of filters) {
        const expected = matching(all, filter);
        if (filter.segment) {
          // and per touchpoint, as the journey reads a segment
          const byTouchpoint = await store.countsByTouchpoint(filter);
          for (const touchpoint of new Set(all.map((r) => r.touchpoint))) {
            const counted = byTouchpoint.filter((c) => c.touchpoint === touchpoint);
            const answered = expected.filter((r) => r.touchpoint === touchpoint);
            expect(summarizeCounts(counted), `${touchpoint} ${JSON.stringify(filter)}`).toEqual(summarize(answered));
          }
        }
        const counts = await store.countsByDay(filter);
        expect(summarizeCounts(counts), JSON.stringify(filter)).toEqual(summarize(expected));
        const days: Record<string, number> = {};
        for (const r of expected) days[r.answeredAt.slice(0, 10)] = (days[r.answeredAt.slice(0, 10)] ?? 0) + 1;
        expect(totalsByDay(counts), JSON.stringify(filter)).toEqual(days);
        expect(counts.map((c) => c.day)).toEqual(counts.map((c) => c.day).sort());
      }
    });

    test("days are counted in the store's time zone, daylight-saving and half-hour offsets included, and counted again when it changes", async ({
      database,
    }) => {
      const url = await database(kind);
      const now = Date.now();
      // the latest daylight-saving change in Los Angeles, with answers every 37 minutes over the days around it
      const change = offsetChanges(timeZone('America/Los_Angeles'), now - 400 * day, now - 3 * day).at(-1)!.from;
      const aroundChange = responses(150, 17).map((r, i) => ({
        ...r,
        answeredAt: new Date(change - 2 * day + i * 37 * 60_000).toISOString(),
      }));
      const all = [...varied(300, new Date(now)), ...aroundChange];
      const later = varied(40, new Date(now - 3_600_000)).map((r) => ({ ...r, id: crypto.randomUUID() }));
      const stored: Response[] = [];
      for (const [zone, added] of [
        ['America/Los_Angeles', all],
        ['Asia/Kathmandu', later.slice(0, 20)],
        ['UTC', later.slice(20)],
      ] as const) {
        const store = await openStore(url, { timeZone: zone });
        try {
          expect(store.timeZone.name).toBe(zone);
          await insertAll(store, added);
          stored.push(...added);
          // the day an answer falls on there, as the platform's calendar says
          const calendar = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
          const { startOf, dayOf } = store.timeZone;
          const midnight = startOf(dayOf(now));
          const changeDay = startOf(dayOf(change));
          const filters: ResponseFilter[] = [
            {},
            { since: new Date(startOf(dayOf(now - 3 * day))).toISOString() },
            { since: new Date(changeDay - day).toISOString(), until: new Date(startOf(dayOf(change + day + 3_600_000))).toISOString() },
            { since: new Date(changeDay - 5 * 3_600_000).toISOString(), until: new Date(changeDay + 30 * 3_600_000).toISOString() },
            {
              since: new Date(midnight - 2 * day + 3_600_000).toISOString(),
              until: new Date(midnight - day + 7 * 3_600_000).toISOString(),
            },
            { until: new Date(midnight - 4 * day).toISOString(), touchpoint: 'help-article' },
          ];
          for (const filter of filters) {
            const expected = matching(stored, filter);
            const counts = await store.countsByDay(filter);
            expect(summarizeCounts(counts), `${zone} ${JSON.stringify(filter)}`).toEqual(summarize(expected));
            const days: Record<string, number> = {};
            for (const r of expected) {
              const local = calendar.format(Date.parse(r.answeredAt));
              days[local] = (days[local] ?? 0) + 1;
            }
            expect(totalsByDay(counts), `${zone} ${JSON.stringify(filter)}`).toEqual(days);
          }
        } finally {
          await store.close();
        }
      }
    });

    test('an instance already running when another starts in a new time zone counts its next answers in the new one', async ({
      database,
    }) => {
      const url = await database(kind);
      const running = await openStore(url);
      // 2026-11-27 18:00 in Los Angeles, the 28th in UTC
      const evening = (score: number) => answersOf('checkout', 'nps', score, 1, Date.parse('2026-11-28T02:00:00Z'));
      try {
        await running.insert(evening(9), new Date());
        const started = await openStore(url, { timeZone: 'America/Los_Angeles' });
        try {
          await running.insert(evening(3), new Date());
          expect(totalsByDay(await started.countsByDay({}))).toEqual({ '2026-11-27': 2 });
        } finally {
          await started.close();
        }
      } finally {
        await running.close();
      }
    });

    test('an instance already running when another starts in a new time zone reads in the new one from then on', async ({ database }) => {
      const url = await database(kind);
      const running = await openStore(url, { zoneCheckMs: 50 });
      try {
        // in Los Angeles, the first is on the 25th and the second on the 27th; in UTC, on the 26th and the 28th
        const [early, late] = [Date.parse('2026-11-26T05:00:00Z'), Date.parse('2026-11-28T05:00:00Z')];
        await running.insert([...answersOf('checkout', 'nps', 3, 1, early), ...answersOf('checkout', 'nps', 9, 1, late)], new Date());
        const started = await openStore(url, { timeZone: 'America/Los_Angeles' });
        try {
          await expect.poll(() => running.timeZone.name).toBe('America/Los_Angeles');
          // the 26th and the 27th of UTC as instants: read in UTC, its whole days came from rollup days now counted in
          // Los Angeles, which hold the answer after the range and not the one in it
          const range = { since: '2026-11-26T00:00:00.000Z', until: '2026-11-28T00:00:00.000Z' };
          expect((await running.countsByDay(range)).map((c) => [c.score, c.n])).toEqual([[3, 1]]);
        } finally {
          await started.close();
        }
      } finally {
        await running.close();
      }
    });

    test("the inbox finds a rare segment's customers across the whole time index, in order, whichever end it starts from", async ({
      openTestStore,
    }) => {
      const store = await openTestStore(kind);
      const now = Date.now();
      // 12,000 unhappy answers of the free plan over the last days (SQLite reads them a window of 5,000 at a time), and
      // three enterprise customers before them all
      const many = answersOf('checkout', 'nps', 2, 12_000, now - 60_000, { traits: { plan: 'free' } });
      const rare = answersOf('checkout', 'nps', 1, 3, now - 30 * day, { traits: { plan: 'enterprise' } });
      for (let i = 0; i < many.length; i += 1000) await store.insert(many.slice(i, i + 1000), new Date());
      await store.insert(rare, new Date());
      const segment = { dimension: 'trait:plan', value: 'enterprise' };
      const ids = async (order: 'newest' | 'oldest', limit: number) =>
        (await store.inbox({ segment, order, limit })).map((item) => item.response.id);
      expect(await ids('newest', 2)).toEqual([rare[0]!.id, rare[1]!.id]);
      expect(await ids('newest', 10)).toEqual(rare.map((r) => r.id));
      expect(await ids('oldest', 2)).toEqual([rare[2]!.id, rare[1]!.id]);
      expect(await store.inbox({ segment: { dimension: 'trait:plan', value: 'startup' }, limit: 10 })).toEqual([]);
      // the free plan's newest, from the first window
      expect((await store.inbox({ segment: { dimension: 'trait:plan', value: 'free' }, limit: 3 })).map((i) => i.response.id)).toEqual(
        many.slice(0, 3).map((r) => r.id),
      );
    });

    test('the retention period erases the oldest answers and displays first, a batch at a time, with their follow-ups; the figures follow', async ({
      openTestStore,
    }) => {
      const store = await openTestStore(kind);
      const now = Date.now();
      const old = answersOf('checkout', 'nps', 2, 5, now - 40 * day);
      const recent = answersOf('checkout', 'nps', 9, 3, now - day);
      const shown = (daysAgo: number) => display('checkout', 'dismissed', { shownAt: new Date(now - daysAgo * day).toISOString() });
      await store.insert([...old, ...recent], new Date(), { displays: [shown(41), shown(40), shown(39), shown(2)] });
      // the oldest unhappy answer, which someone followed up: its follow-up and history go with it
      expect(await store.setFollowUp(old.at(-1)!.id, { status: 'contacted', note: 'called' }, new Date())).not.toBeNull();
      const before = new Date(now - 30 * day);
      expect(await store.eraseBefore(before, 2)).toEqual({ responses: 2, displays: 2, webhookDeliveries: 0, followUps: 1, quarantined: 0 });
      expect(await store.eraseBefore(before, 2)).toMatchObject({ responses: 2, displays: 1, followUps: 0 });
      expect(await store.eraseBefore(before, 2)).toMatchObject({ responses: 1, displays: 0 });
      expect(await store.eraseBefore(before, 2)).toMatchObject({ responses: 0, displays: 0 });
      expect((await readAll(store)).map((r) => r.id).sort()).toEqual(recent.map((r) => r.id).sort());
      expect(summarizeCounts(await store.countsByDay({}))).toEqual(summarize(recent));
      expect((await store.engagement({})).reduce((shownLeft, e) => shownLeft + e.shown, 0)).toBe(1);
      expect(await store.setFollowUp(old.at(-1)!.id, { status: 'closed' }, new Date())).toBeNull();
    });

    test('anonymising strips the person from old answers and displays a batch at a time, keeps every figure, and stores those arriving that old so', async ({
      openTestStore,
    }) => {
      const store = await openTestStore(kind);
      const now = Date.now();
      const person = {
        userId: 'ann@example.com',
        traits: { plan: 'team', country: 'DE', email: 'ann@example.com' },
        metadata: { orderId: 'A-1001' },
        comment: 'The parcel came late. Call me on +49 170 1234567 or write to ann.lee@example.com about order 40012345',
        page: { url: 'https://shop.example/orders/12345?email=ann%40example.com#review', title: 'Order 12345 for Ann' },
      };
      // the words stay, for the themes and the reader; what reaches Ann goes
      const strippedComment = 'The parcel came late. Call me on [number removed] or write to [e-mail removed] about order [number removed]';
      const old = answersOf('checkout', 'nps', 2, 5, now - 40 * day, person);
      const recent = answersOf('checkout', 'nps', 9, 2, now - day, person);
      const shown = (daysAgo: number) =>
        display('checkout', 'dismissed', {
          shownAt: new Date(now - daysAgo * day).toISOString(),
          userId: 'ann@example.com',
          traits: person.traits,
          page: person.page,
        });
      const oldShown = [shown(41), shown(40), shown(39)];
      await store.insert([...old, ...recent], new Date(), { displays: [...oldShown, shown(2)] });
      // the team's note about an old answer, and a webhook delivery of it still to go
      const followed = old[0]!;
      const toChannel = ({ response }: { response: Response }) => [
        {
          id: `msg_${response.id}`,
          event: 'follow_up.changed' as const,
          target: 'https://hooks.example/cx',
          responseId: response.id,
          userId: response.userId ?? null,
          anonymousId: response.anonymousId,
          payload: '{}',
        },
      ];
      await store.setFollowUp(
        followed.id,
        { status: 'contacted', note: 'Called Ann on +49 170 0000', by: 'Ben', assignee: 'Ben' },
        new Date(),
        toChannel,
      );
      const figures = async () => ({
        days: summarizeCounts(await store.countsByDay({})),
        plans: await store.countsBySegment({}, 'trait:plan'),
        paths: await store.countsBySegment({}, 'path'),
        shownByPage: await store.displaysBySegment({}, 'path'),
        shownByPlan: await store.displaysBySegment({}, 'trait:plan'),
        engagement: await store.engagement({}),
        followUps: await store.followUps({}),
      });
      const before = await figures();

      const horizon = new Date(now - 30 * day);
      expect(await store.anonymiseBefore(horizon, 2)).toEqual({ responses: 2, displays: 2, quarantined: 0 });
      expect(await store.anonymiseBefore(horizon, 2)).toEqual({ responses: 2, displays: 1, quarantined: 0 });
      expect(await store.anonymiseBefore(horizon, 2)).toEqual({ responses: 1, displays: 0, quarantined: 0 });
      expect(await store.anonymiseBefore(horizon, 2)).toEqual({ responses: 0, displays: 0, quarantined: 0 });

      const stored = new Map((await readAll(store)).map((r) => [r.id, r]));
      for (const r of old) {
        const { userId: _u, metadata: _m, traits: _t, page: _p, anonymousId: _a, ...kept } = r;
        expect(stored.get(r.id)).toEqual({
          ...kept,
          comment: strippedComment,
          traits: { plan: 'team', country: 'DE' },
          page: { url: 'https://shop.example/orders/:id' },
          anonymousId: 'anonymised',
        });
      }
      for (const r of recent) expect(stored.get(r.id)).toEqual(r);
      // the comments as the dashboard lists them, from the column its search and themes read too
      const comments = await store.latestComments({}, 10);
      expect(comments.filter((c) => old.some((r) => r.id === c.id)).map((c) => c.comment)).toEqual(Array(5).fill(strippedComment));
      expect(comments.filter((c) => recent.some((r) => r.id === c.id)).map((c) => c.comment)).toEqual(Array(2).fill(person.comment));
      expect(await figures()).toEqual(before);
      const [item] = await store.inbox({ limit: 10, status: 'contacted' });
      expect(item!.followUp).toMatchObject({ status: 'contacted', note: null, by: 'Ben', assignee: 'Ben' });
      expect(await store.deliveries({ limit: 10 })).toEqual([]);
      // the person is in the recent answers and display alone now
      expect(await store.erase({ userId: 'ann@example.com' })).toMatchObject({ responses: 2, displays: 1 });

      // an answer and a display arriving from before the horizon are stored anonymised; the sweep has nothing to do
      const [late] = answersOf('checkout', 'csat', 1, 1, now - 50 * day, person);
      const lateShown = shown(50);
      await store.insert([late!], new Date(), { displays: [lateShown], anonymiseBefore: horizon });
      expect((await readAll(store, { touchpoint: 'checkout' })).find((r) => r.id === late!.id)).toMatchObject({
        anonymousId: 'anonymised',
        page: { url: 'https://shop.example/orders/:id' },
        comment: strippedComment,
      });
      expect((await store.latestComments({}, 20)).find((c) => c.id === late!.id)?.comment).toBe(strippedComment);
      expect((await readAll(store)).some((r) => r.userId || r.metadata)).toBe(false);
      expect(await store.anonymiseBefore(horizon, 2)).toEqual({ responses: 0, displays: 0, quarantined: 0 });
      expect(await store.erase({ userId: 'ann@example.com' })).toMatchObject({ responses: 0, displays: 0 });
      expect(await store.erase({ anonymousId: lateShown.anonymousId })).toMatchObject({ displays: 0 });

      // posted to another instance on the database, one started without --anonymise-days: what is behind where the
      // sweep got to is stored anonymised all the same (the sweep walks on and would never come back for it); what is
      // newer, as it came, for the next sweep
      const [behind] = answersOf('checkout', 'csat', 2, 1, now - 45 * day, person);
      const [ahead] = answersOf('checkout', 'csat', 4, 1, now - 20 * day, person);
      const [behindShown, aheadShown] = [shown(45), shown(20)];
      await store.insert([behind!, ahead!], new Date(), { displays: [behindShown, aheadShown] });
      const arrived = new Map((await readAll(store)).map((r) => [r.id, r]));
      expect(arrived.get(behind!.id)).toMatchObject({ anonymousId: 'anonymised', page: { url: 'https://shop.example/orders/:id' } });
      expect(arrived.get(behind!.id)!.userId).toBeUndefined();
      expect(arrived.get(ahead!.id)).toEqual(ahead);
      expect(await store.erase({ anonymousId: behindShown.anonymousId })).toMatchObject({ displays: 0 });
      expect(await store.erase({ anonymousId: aheadShown.anonymousId })).toMatchObject({ displays: 1 });
    });

    test("a display keeps its customer's segment traits alone, as text, and each plan's response rate is counted by them", async ({
      openTestStore,
    }) => {
      const store = await openTestStore(kind);
      const now = Date.now();
      const shown = (daysAgo: number, outcome: 'answered' | 'dismissed', traits: Display['traits']) =>
        display('checkout', outcome, { shownAt: new Date(now - daysAgo * day).toISOString(), userId: 'u-1', ...(traits && { traits }) });
      const displays = [
        // days ago, from the rollup; and today, from the rows
        shown(3, 'answered', { plan: 'pro', country: 'DE', email: 'ann@example.com', seats: 12 }),
        shown(3, 'dismissed', { plan: 'pro' }),
        shown(3, 'dismissed', { plan: 'free', country: 'FR' }),
        shown(0, 'answered', { plan: 'pro' }),
        // a plan given as a number is the same text the answers' segments hold; an empty one is none
        shown(0, 'answered', { plan: 7, country: '' }),
        shown(0, 'dismissed', undefined),
      ];
      await store.insert([], new Date(), { displays });
      const kept = (
        await store.copiedRows(
          copiedTables.find((t) => t.name === 'displays')!,
          null,
          10,
        )
      ).map((row) => (JSON.parse(String(row.body)) as Display).traits);
      const inOrder = (traits: ReadonlyArray<Display['traits']>) => traits.map((t) => JSON.stringify(t ?? null)).sort();
      expect(inOrder(kept)).toEqual(
        inOrder([
          undefined,
          { plan: '7' },
          { plan: 'free', country: 'FR' },
          { plan: 'pro' },
          { plan: 'pro' },
          { plan: 'pro', country: 'DE' },
        ]),
      );
      const byValue = async (dimension: string) =>
        Object.fromEntries((await store.displaysBySegment({}, dimension)).map((d) => [`${d.value} ${d.outcome}`, d.n]));
      expect(await byValue('trait:plan')).toEqual({ 'pro answered': 2, 'pro dismissed': 1, 'free dismissed': 1, '7 answered': 1 });
      expect(await byValue('trait:country')).toEqual({ 'DE answered': 1, 'FR dismissed': 1 });
      const pro = { dimension: 'trait:plan', value: 'pro' };
      expect((await store.engagementInSegment({}, pro)).map((e) => [e.touchpoint, e.shown, e.answered])).toEqual([['checkout', 3, 2]]);
      const days = await store.displaysByDay({}, pro);
      expect(days.reduce((sum, d) => sum + d.n, 0)).toBe(3);
      // from the middle of today: the rows alone
      const today = new Date(now - 60_000).toISOString();
      const recent = await store.displaysBySegment({ since: today }, 'trait:plan');
      expect(Object.fromEntries(recent.map((d) => [`${d.value} ${d.outcome}`, d.n]))).toEqual({ 'pro answered': 1, '7 answered': 1 });
      expect((await store.engagementInSegment({ since: new Date(now - day).toISOString() }, pro))[0]).toMatchObject({
        shown: 1,
        answered: 1,
      });
    });

    test('pages through every matching answer once, in time order, with a small page size', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      const all = varied(103, new Date());
      await insertAll(store, all);
      const filter = { touchpoint: 'pricing-page' };
      const seen: Response[] = [];
      for (let after = null, pages = 0; ; pages++) {
        const page = await store.answers(filter, 'oldest', after, 7);
        seen.push(...page.answers.map((row) => row.response));
        if (!page.next) break;
        after = page.next;
        expect(pages).toBeLessThan(50);
      }
      const expected = matching(all, filter).sort((a, b) => a.answeredAt.localeCompare(b.answeredAt) || a.id.localeCompare(b.id));
      expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      expect(seen).toEqual(expected);
    });

    test('the latest comments come newest first, filtered, and limited', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      // every third customer signed in: their comments say who wrote them
      const all = varied(200, new Date()).map((r, i) => (i % 3 ? r : { ...r, userId: `u-${i}` }));
      await insertAll(store, all);
      const comments = await store.latestComments({ touchpoint: 'help-article' }, 5);
      const expected = all
        .filter((r) => r.comment && r.touchpoint === 'help-article')
        .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt))
        .slice(0, 5);
      expect(comments.some((c) => c.userId) && comments.some((c) => !c.userId)).toBe(true);
      expect(comments).toEqual(
        expected.map(({ id, kind, score, touchpoint, answeredAt, comment, userId, anonymousId }) => ({
          id,
          kind,
          score,
          touchpoint,
          answeredAt,
          comment,
          userId: userId ?? null,
          anonymousId,
        })),
      );
      expect(await store.touchpoints(10)).toEqual({ listed: ['checkout-complete', 'help-article', 'pricing-page'], total: 3 });
      // the most answered, listed alphabetically, and how many there are in all
      const answered = (touchpoint: string) => all.filter((r) => r.touchpoint === touchpoint).length;
      const [most, next] = ['checkout-complete', 'help-article', 'pricing-page'].sort((a, b) => answered(b) - answered(a));
      expect(await store.touchpoints(2)).toEqual({ listed: [most, next].sort(), total: 3 });
    });

    test('an id in upper case is the same answer as in lower case, and is stored once', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      const [answer] = responses(1, 9);
      expect(await store.insert([{ ...answer!, id: answer!.id.toUpperCase() }], new Date())).toEqual({ accepted: 1, duplicates: 0 });
      expect(await store.insert([answer!], new Date())).toEqual({ accepted: 0, duplicates: 1 });
      expect(await store.insert([answer!, { ...answer!, id: answer!.id.toUpperCase() }], new Date())).toEqual({
        accepted: 0,
        duplicates: 2,
      });
      const stored = await readAll(store);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.id).toBe(answer!.id.toLowerCase());
      expect(summarizeCounts(await store.countsByDay({}))).toEqual(summarize([answer!]));
    });

    test('a complete answer replaces its partial twin in every column, and the figures follow', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      const [first, other] = responses(2, 4);
      const partial: Response = {
        ...first!,
        kind: 'nps',
        scale: { min: 0, max: 10 },
        score: 3,
        touchpoint: 'old-touchpoint',
        answeredAt: new Date(Date.now() - 3 * day).toISOString(),
        partial: true,
      };
      const { partial: _, ...base } = partial;
      const complete: Response = {
        ...base,
        kind: 'csat',
        scale: { min: 1, max: 5 },
        score: 5,
        touchpoint: 'new-touchpoint',
        answeredAt: new Date(Date.now() - day).toISOString(),
        comment: 'Finished after all',
        userId: 'user-7',
      };
      await store.insert([partial, other!], new Date());
      expect(await store.insert([complete], new Date())).toEqual({ accepted: 1, duplicates: 0 });
      expect(await store.insert([partial], new Date())).toEqual({ accepted: 0, duplicates: 1 });
      expect(await readAll(store, { touchpoint: 'new-touchpoint' })).toEqual([complete]);
      expect(await readAll(store, { touchpoint: 'old-touchpoint' })).toEqual([]);
      expect(summarizeCounts(await store.countsByDay({}))).toEqual(summarize([complete, other!]));
      expect(await store.countsByDay({ touchpoint: 'old-touchpoint' })).toEqual([]);
      expect(totalsByDay(await store.countsByDay({ touchpoint: 'new-touchpoint' }))).toEqual({ [complete.answeredAt.slice(0, 10)]: 1 });
      expect((await store.latestComments({}, 10)).map((c) => c.comment)).toContain('Finished after all');
      expect((await store.touchpoints(10)).listed).not.toContain('old-touchpoint');
    });

    test('within one batch, a repeated id counts once and the complete answer wins', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      const [answer] = responses(1, 12);
      const complete = { ...answer!, comment: 'the whole answer' };
      expect(await store.insert([{ ...answer!, partial: true }, complete, { ...answer!, partial: true }], new Date())).toEqual({
        accepted: 1,
        duplicates: 2,
      });
      expect(await readAll(store)).toEqual([complete]);
    });

    test('an answer dated far in the future or long ago is kept, dated when received, with the claim kept beside it', async ({
      database,
    }) => {
      const url = await database(kind);
      await withNewStore(url, async (store) => {
        const received = new Date();
        const [future, ancient, skewed] = responses(3, 13);
        await store.insert(
          [
            { ...future!, answeredAt: '9999-12-31T23:59:59.000Z' },
            { ...ancient!, answeredAt: '1999-01-01T00:00:00.000Z' },
            // a clock a few hours fast is believed
            { ...skewed!, answeredAt: new Date(received.getTime() + 3 * 3_600_000).toISOString() },
          ],
          received,
        );
        const stored = new Map((await readAll(store)).map((r) => [r.id, r]));
        expect(stored.get(future!.id)!.answeredAt).toBe(received.toISOString());
        expect(stored.get(ancient!.id)!.answeredAt).toBe(received.toISOString());
        expect(stored.get(skewed!.id)!.answeredAt).not.toBe(received.toISOString());
        expect(await claimedAnsweredAt(kind, url, future!.id)).toBe('9999-12-31T23:59:59.000Z');
        expect(await claimedAnsweredAt(kind, url, skewed!.id)).toBeNull();
        expect(Object.keys(totalsByDay(await store.countsByDay({})))).not.toContain('9999-12-31');
      });
    });

    test('a batch sent by a clock off by more than five minutes has its times moved by as much, the claims kept; within them nothing moves', async ({
      database,
    }) => {
      const url = await database(kind);
      await withNewStore(url, async (store) => {
        const received = new Date();
        const at = (ms: number) => new Date(received.getTime() + ms).toISOString();
        const [behind, ahead, near] = responses(3, 15);
        // by each clock, answered ten minutes before its batch was sent; the clocks two years behind, three days ahead
        // (past the day ahead believed without a sentAt) and four minutes behind
        await store.insert([{ ...behind!, answeredAt: at(-730 * day - 600_000) }], received, { sentAt: at(-730 * day) });
        await store.insert([{ ...ahead!, answeredAt: at(3 * day - 600_000) }], received, { sentAt: at(3 * day) });
        await store.insert([{ ...near!, answeredAt: at(-240_000 - 600_000) }], received, { sentAt: at(-240_000) });
        const stored = new Map((await readAll(store)).map((r) => [r.id, r]));
        expect(stored.get(behind!.id)!.answeredAt).toBe(at(-600_000));
        expect(stored.get(ahead!.id)!.answeredAt).toBe(at(-600_000));
        expect(stored.get(near!.id)!.answeredAt).toBe(at(-840_000));
        expect(await claimedAnsweredAt(kind, url, behind!.id)).toBe(at(-730 * day - 600_000));
        expect(await claimedAnsweredAt(kind, url, ahead!.id)).toBe(at(3 * day - 600_000));
        expect(await claimedAnsweredAt(kind, url, near!.id)).toBeNull();
        expect(Object.keys(totalsByDay(await store.countsByDay({})))).toEqual([
          ...new Set([at(-840_000), at(-600_000)].map((t) => t.slice(0, 10))),
        ]);
      });
    });

    test('a batch the database fails on is stored whole or not at all', async ({ database }) => {
      const url = await database(kind);
      const store = await openStore(url);
      try {
        // a failure that is not the data's (a disk full, a lost connection): here a trigger that fails every display
        await onDatabase(
          kind,
          url,
          kind === 'sqlite'
            ? `CREATE TRIGGER failing BEFORE INSERT ON displays BEGIN SELECT RAISE(ABORT, 'disk full'); END;`
            : `CREATE FUNCTION failing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
               CREATE TRIGGER failing BEFORE INSERT ON displays FOR EACH ROW EXECUTE FUNCTION failing();`,
        );
        await expect(store.insert(responses(2, 14), new Date(), { displays: [display('checkout', 'ignored')] })).rejects.toThrow(
          /disk full/,
        );
        expect(await readAll(store)).toEqual([]);
        expect(await store.countsByDay({})).toEqual([]);
      } finally {
        await store.close();
      }
    });

    test('answers readiness while it can reach its database', async ({ openTestStore }) => {
      const store = await openTestStore(kind);
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

test('a SQLite file written by the first collector opens with its answers kept and counted', async ({ database }) => {
  const file = await database('sqlite');
  const old = new Database(file);
  old.exec(`CREATE TABLE responses (id TEXT PRIMARY KEY, kind TEXT NOT NULL, score INTEGER NOT NULL, touchpoint TEXT NOT NULL,
    answered_at TEXT NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID`);
  const earlier = varied(40, new Date());
  const insert = old.prepare('INSERT INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const r of earlier)
    insert.run(r.id, r.kind, r.score, r.touchpoint, new Date(r.answeredAt).toISOString(), r.answeredAt, JSON.stringify(r));
  old.close();
  const store = new SqliteStore(file);
  try {
    expect(summarizeCounts(await store.countsByDay({}))).toEqual(summarize(earlier));
    expect((await readAll(store)).length).toBe(40);
    const later = responses(10, 15);
    await store.insert(later, new Date());
    expect(summarizeCounts(await store.countsByDay({}))).toEqual(summarize([...earlier, ...later]));
  } finally {
    await store.close();
  }
});

/**
 * What an upgrade from the version before displays had paths finds, with `shown` stored by that version: SQLite, a new
 * file at migration 12; PostgreSQL, a display an instance of that version stored (by its batch function, without a
 * path) in a database the new version has migrated, as during a rolling upgrade.
 */
const storedBeforePaths: Record<string, (database: string, shown: Display) => Promise<void>> = {
  sqlite: async (file, shown) => {
    const db = new Database(file);
    try {
      for (const [i, sql] of sqliteMigrations.slice(0, 12).entries()) db.exec(`${sql}; PRAGMA user_version = ${i + 1};`);
      db.prepare(
        `INSERT INTO displays (id, touchpoint, kind, mode, trigger, shown_at, received_at, outcome, anonymous_id, body)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        shown.id,
        shown.touchpoint,
        shown.kind,
        shown.mode,
        shown.trigger,
        shown.shownAt,
        shown.shownAt,
        shown.outcome,
        shown.anonymousId,
        JSON.stringify(shown),
      );
    } finally {
      db.close();
    }
  },
  postgres: async (url, shown) => {
    await withNewStore(url, async () => {});
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const one = <T>(value: T) => [value];
    try {
      await client.query(
        `SELECT cxkit_insert_batch('{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', now(), $1, $2, $3, $4,
           $5, $6, '{NULL}', $7, '{NULL}', $8, '{NULL}', $9, false, '{}')`,
        [
          one(shown.id),
          one(shown.touchpoint),
          one(shown.kind),
          one(shown.mode),
          one(shown.trigger),
          one(shown.shownAt),
          one(shown.outcome),
          one(shown.anonymousId),
          one(JSON.stringify(shown)),
        ],
      );
    } finally {
      await client.end();
    }
  },
};

for (const kind of storeKinds) {
  test(`${kind}: displays stored by the version before pages were counted are counted by their page after the upgrade`, async ({
    database,
  }) => {
    const url = await database(kind);
    const shownAt = new Date(Date.now() - 3_600_000).toISOString();
    const on = (path: string, outcome: 'answered' | 'ignored') =>
      display('checkout', outcome, { shownAt, page: { url: `https://shop.example${path}?session=1` } });
    const byPage = async (store: ResponseStore) =>
      Object.fromEntries((await store.displaysBySegment({}, 'path')).map((d) => [`${d.value} ${d.outcome}`, d.n]));
    await storedBeforePaths[kind]!(url, on('/cart/', 'ignored'));
    await withNewStore(url, async (store) => {
      await store.insert([], new Date(), { displays: [on('/orders/17/receipt', 'answered'), on('/orders/18/receipt', 'ignored')] });
      expect(await byPage(store)).toEqual({ '/cart ignored': 1, '/orders/:id/receipt answered': 1, '/orders/:id/receipt ignored': 1 });
      // the other figures of displays are as they were
      expect((await store.engagement({})).map((e) => [e.touchpoint, e.shown, e.answered])).toEqual([['checkout', 3, 1]]);
      // and those stored now are counted by page as they arrive
      await store.insert([], new Date(), { displays: [on('/cart', 'answered')] });
      expect((await byPage(store))['/cart answered']).toBe(1);
    });
  });
}

/** What a database looked like before follow-ups kept when their customer was first reached (migrations 19 on undone). */
const beforeFirstReached: Record<string, string> = {
  sqlite: `DROP INDEX responses_signed_in_browser; DROP INDEX displays_signed_in_browser; DROP INDEX webhook_deliveries_by_target;
           DROP TRIGGER follow_ups_first_reached; DROP TRIGGER follow_ups_first_reached_later;
           ALTER TABLE follow_ups DROP COLUMN first_reached_at; PRAGMA user_version = 18;`,
  postgres: `DROP INDEX responses_signed_in_browser; DROP INDEX displays_signed_in_browser; DROP INDEX webhook_deliveries_by_target;
             DROP TRIGGER follow_ups_first_reached ON follow_ups; DROP FUNCTION cxkit_follow_up_first_reached();
             ALTER TABLE follow_ups DROP COLUMN first_reached_at; DELETE FROM cxkit_migrations WHERE version >= 19;`,
};

for (const kind of storeKinds) {
  test(`${kind}: the time to first contact of follow-ups made before it was kept on them is found from their history on upgrade`, async ({
    database,
  }) => {
    const url = await database(kind);
    const hour = 3_600_000;
    const answeredAt = Date.parse('2026-03-02T09:00:00Z');
    const unhappy = answersOf('checkout', 'nps', 2, 4, answeredAt);
    const changeAt = (hours: number) => new Date(answeredAt + hours * hour);
    // contacted after 2 h and closed at 30 h; a note alone at 1 h, then closed at 8 h; reopened after closing at 4 h;
    // and one nobody has reached: the first contacts are 2, 8 and 4 hours after the answers (given a minute apart)
    const history = async (store: ResponseStore) => {
      const [a, b, c] = unhappy;
      await store.setFollowUp(a!.id, { status: 'contacted' }, changeAt(2));
      await store.setFollowUp(a!.id, { status: 'closed' }, changeAt(30));
      await store.setFollowUp(b!.id, { status: 'open', note: 'no answer on the phone' }, changeAt(1));
      await store.setFollowUp(b!.id, { status: 'closed' }, changeAt(8));
      await store.setFollowUp(c!.id, { status: 'closed' }, changeAt(4));
      await store.setFollowUp(c!.id, { status: 'open', note: 'wrote again' }, changeAt(40));
    };
    let before: number | null = null;
    await withNewStore(url, async (store) => {
      await store.insert(unhappy, new Date());
      await history(store);
      before = (await store.followUps({})).medianHoursToFirstContact;
    });
    // b was answered a minute before a, c two: their 8 and 4 hours are a minute and two longer
    expect(before).toBeCloseTo(4 + 2 / 60, 6);
    await onDatabase(kind, url, beforeFirstReached[kind]!);
    await withNewStore(url, async (store) => {
      expect((await store.followUps({})).medianHoursToFirstContact).toBeCloseTo(before!, 6);
      // and a change made after the upgrade is kept as it is made
      await store.setFollowUp(unhappy[3]!.id, { status: 'contacted' }, changeAt(100));
      expect((await store.followUps({})).medianHoursToFirstContact).toBeCloseTo((4 + 2 / 60 + 8 + 1 / 60) / 2, 6);
    });
  });
}

/** A database as a collector of the version before anonymising took contact details out of comments left it. */
const beforeCommentsStripped: Record<string, (comment: string) => string> = {
  sqlite: (comment) =>
    `UPDATE responses SET comment = '${comment}', body = json_set(body, '$.comment', '${comment}'); PRAGMA user_version = 21;`,
  postgres: (comment) =>
    `UPDATE responses SET comment = '${comment}', body = jsonb_set(body, '{comment}', to_jsonb('${comment}'::text));
     DELETE FROM cxkit_migrations WHERE version >= 22;`,
};

for (const kind of storeKinds) {
  test(`${kind}: answers anonymised before anonymising took contact details out of comments lose theirs at the first sweep after the upgrade`, async ({
    database,
  }) => {
    const url = await database(kind);
    const now = Date.now();
    const comment = 'Lovely shop, call me on 0170 1234567';
    const old = answersOf('checkout', 'nps', 9, 3, now - 40 * day, { comment });
    const recent = answersOf('checkout', 'nps', 10, 1, now - day, { comment });
    const horizon = new Date(now - 30 * day);
    await withNewStore(url, async (store) => {
      await store.insert([...old, ...recent], new Date());
      expect(await store.anonymiseBefore(horizon, 10)).toMatchObject({ responses: 3 });
    });
    await onDatabase(kind, url, beforeCommentsStripped[kind]!(comment));
    await withNewStore(url, async (store) => {
      const comments = async () => new Map((await store.latestComments({}, 10)).map((c) => [c.id, c.comment]));
      expect([...(await comments()).values()]).toEqual(Array(4).fill(comment));
      expect(await store.anonymiseBefore(horizon, 10)).toMatchObject({ responses: 3 });
      const after = await comments();
      for (const r of old) expect(after.get(r.id)).toBe('Lovely shop, call me on [number removed]');
      expect(after.get(recent[0]!.id)).toBe(comment);
      const bodies = new Map((await readAll(store)).map((r) => [r.id, r]));
      for (const r of old)
        expect(bodies.get(r.id)).toMatchObject({ anonymousId: 'anonymised', comment: 'Lovely shop, call me on [number removed]' });
      // walked once: the sweep goes on from there
      expect(await store.anonymiseBefore(horizon, 10)).toMatchObject({ responses: 0 });
    });
  });
}

test('sqlite: the follow-up figures over more follow-ups than one statement walks count each once', async ({ openTestStore }) => {
  const store = await openTestStore('sqlite');
  const hour = 3_600_000;
  const answeredAt = Date.parse('2026-03-02T09:00:00Z');
  // answers a minute apart going back: the first 6,000 reached 2 hours after each was given, 150 of them closed 5 hours after
  const unhappy = answersOf('checkout', 'nps', 2, 6_200, answeredAt);
  await store.insert(unhappy, new Date());
  for (const [i, answer] of unhappy.slice(0, 6_000).entries()) {
    const given = Date.parse(answer.answeredAt);
    await store.setFollowUp(answer.id, { status: 'contacted' }, new Date(given + 2 * hour));
    if (i % 40 === 0) await store.setFollowUp(answer.id, { status: 'closed' }, new Date(given + 5 * hour));
  }
  const figures = await store.followUps({});
  expect(figures).toMatchObject({ needingAttention: 6_200, open: 200, contacted: 5_850, closed: 150 });
  expect(figures.medianHoursToFirstContact).toBeCloseTo(2, 6);
  expect(figures.medianHoursToClose).toBeCloseTo(5, 6);
  // and a range: the newest 3,000 answers' follow-ups, wherever their rows lie
  const newest = await store.followUps({ since: unhappy[2_999]!.answeredAt });
  expect(newest).toMatchObject({ needingAttention: 3_000, open: 0, contacted: 2_925, closed: 75 });
});

test("sqlite: whether reaching them helps, over more customers' answers than one statement walks, counts each once along either index", async ({
  openTestStore,
}) => {
  const store = await openTestStore('sqlite');
  const day = 86_400_000;
  const now = Date.now();
  // 5,200 customers unhappy ten to fourteen days ago, 5,100 of whom answered again since, happier; the first 2,600 reached
  const customers = Array.from({ length: 5_200 }, (_, i) => `u-${String(i).padStart(5, '0')}`);
  // a minute apart: answersOf's ids follow from the score, count and minute
  const unhappy = customers.map((userId, i) => answersOf('checkout', 'nps', 2, 1, now - 10 * day - i * 60_000, { userId })[0]!);
  const again = customers
    .slice(0, 5_100)
    .map((userId, i) => answersOf('checkout', 'nps', 9, 1, now - 5 * day - i * 60_000, { userId })[0]!);
  // and one more, first along the user id index, that shifts each window's edge onto an unhappy answer
  const first = answersOf('checkout', 'nps', 1, 1, now - 20 * day, { userId: 'a-first' });
  await store.insert([...first, ...unhappy, ...again], new Date());
  for (const answer of unhappy.slice(0, 2_600)) await store.setFollowUp(answer.id, { status: 'contacted' }, new Date(now - 9 * day));
  const expected = {
    reached: { unhappy: 2_600, answeredAgain: 2_600, recovered: 2_600 },
    notReached: { unhappy: 2_601, answeredAgain: 2_500, recovered: 2_500 },
  };
  // every answer identified: along the time index
  expect(await store.recovery({})).toEqual(expected);
  // anonymous visitors' answers outnumbering them: along the user id index, three windows of it
  await store.insert(answersOf('checkout', 'nps', 10, 10_400, now - 7 * day), new Date());
  expect(await store.recovery({})).toEqual(expected);
});
