// Closing the loop at the collector, on both stores: the inbox of answers that need someone, follow-up changes that
// only the admin key may make, the summary's open items and time to close, a customer's history, and erasure of one
// person and nobody else.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Display } from '../../src/schema/display.js';
import type { Response } from '../../src/schema/response.js';
import { answersOf, batch, display, expect, responses, storeKinds, test } from '../support/collector-harness.js';
import { customerSql } from '../../collector/store/reads/customer-history.js';
import { newestSignedIn } from '../../collector/store/reads/signed-in-browsers.js';

const hour = 3_600_000;
const admin = { Authorization: 'Bearer ak_admin' };

/** Who had the customer after each change of their follow-up, oldest first, from the history table. */
async function historyOf(kind: string, database: string, id: string): Promise<Array<string | null>> {
  const sql = 'SELECT assignee FROM follow_up_events WHERE response_id = $1 ORDER BY seq';
  if (kind === 'sqlite') {
    const db = new Database(database, { readonly: true });
    try {
      return (db.prepare(sql.replace('$1', '?')).all(id) as Array<{ assignee: string | null }>).map((row) => row.assignee);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return (await client.query<{ assignee: string | null }>(sql, [id])).rows.map((row) => row.assignee);
  } finally {
    await client.end();
  }
}

const patch = (url: string, id: string, body: unknown, headers: Record<string, string> = admin) =>
  fetch(`${url}v1/responses/${id}/follow-up`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

for (const kind of storeKinds) {
  test.describe(`${kind}: follow-ups and erasure`, () => {
    test('the inbox lists detractors, CSAT 1–2 and CES 1–3 newest first, or waiting longest first; only the admin key changes a status', async ({
      startCollector,
    }) => {
      const collector = await startCollector({ database: kind, readKey: 'rk_read', adminKey: 'ak_admin' });
      const [a, b, c, d, e, f] = responses(6, 81);
      const at = (hours: number) => new Date(Date.now() - hours * hour).toISOString();
      const detractor = {
        ...a!,
        kind: 'nps' as const,
        scale: { min: 0, max: 10 },
        score: 4,
        comment: 'Slow',
        answeredAt: at(40),
        userId: 'u-1',
      };
      const passive = { ...b!, kind: 'nps' as const, scale: { min: 0, max: 10 }, score: 7, answeredAt: at(1) };
      const unhappy = { ...c!, kind: 'csat' as const, scale: { min: 1, max: 5 }, score: 2, answeredAt: at(20) };
      const happy = { ...d!, kind: 'csat' as const, scale: { min: 1, max: 5 }, score: 4, answeredAt: at(2) };
      const hard = { ...e!, kind: 'ces' as const, scale: { min: 1, max: 7 }, score: 3, answeredAt: at(10) };
      const hardOnFive = { ...f!, kind: 'ces' as const, scale: { min: 1, max: 5 }, score: 2, answeredAt: at(5) };
      await collector.post(batch([detractor, passive, unhappy, happy, hard, hardOnFive]));

      const inbox = async (query = '') =>
        (
          (await (await fetch(`${collector.url}v1/inbox?key=rk_read${query}`)).json()) as {
            items: Array<{ response: Response; followUp: { status: string; note: string | null; by: string | null } }>;
          }
        ).items;
      expect((await inbox()).map((i) => i.response.id)).toEqual([hardOnFive.id, hard.id, unhappy.id, detractor.id]);
      expect((await inbox())[3]).toMatchObject({ response: { comment: 'Slow', userId: 'u-1' }, followUp: { status: 'open', note: null } });

      expect((await patch(collector.url, detractor.id, { status: 'contacted' }, { Authorization: 'Bearer rk_read' })).status).toBe(401);
      expect((await patch(collector.url, detractor.id, { status: 'contacted' }, {})).status).toBe(401);
      const contacted = await patch(collector.url, detractor.id.toUpperCase(), {
        status: 'contacted',
        note: 'Called, will refund',
        by: 'Ana',
      });
      expect(contacted.status).toBe(200);
      expect(await contacted.json()).toMatchObject({
        responseId: detractor.id,
        status: 'contacted',
        note: 'Called, will refund',
        by: 'Ana',
      });
      const bad = await patch(collector.url, detractor.id, { status: 'resolved' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ issues: [{ path: 'body.status' }] });
      expect((await patch(collector.url, '00000000-0000-4000-8000-000000000000', { status: 'closed' })).status).toBe(404);
      expect((await fetch(`${collector.url}v1/responses/${detractor.id}/follow-up`, { method: 'POST', headers: admin })).status).toBe(405);

      expect((await inbox('&status=open')).map((i) => i.response.id)).toEqual([hardOnFive.id, hard.id, unhappy.id]);
      // a queue worked by who has waited longest
      expect((await inbox('&status=open&order=oldest')).map((i) => i.response.id)).toEqual([unhappy.id, hard.id, hardOnFive.id]);
      const sideways = await fetch(`${collector.url}v1/inbox?key=rk_read&order=sideways`);
      expect(sideways.status).toBe(400);
      expect(await sideways.json()).toMatchObject({
        issues: [{ path: 'query.order', message: 'expected one of newest, oldest, got sideways' }],
      });
      expect(await inbox('&status=contacted')).toMatchObject([
        { response: { id: detractor.id }, followUp: { status: 'contacted', by: 'Ana' } },
      ]);
      expect((await fetch(`${collector.url}v1/inbox?key=rk_read&status=done`)).status).toBe(400);
    });

    test("a customer left to someone stays theirs through status changes until given to another or nobody; each person's inbox lists theirs", async ({
      startCollector,
      database,
    }) => {
      const file = await database(kind);
      const collector = await startCollector({ database: file, adminKey: 'ak_admin' });
      const unhappy = responses(3, 83).map((r, i) => ({
        ...r,
        kind: 'nps' as const,
        scale: { min: 0, max: 10 },
        score: 2,
        answeredAt: new Date(Date.now() - (i + 1) * hour).toISOString(),
      }));
      const [first, second, third] = unhappy as [Response, Response, Response];
      expect((await collector.post(batch(unhappy))).status).toBe(202);
      const inbox = async (query: string) =>
        (
          (await (await fetch(`${collector.url}v1/inbox?${query}`)).json()) as {
            items: Array<{ response: Response; followUp: { assignee: string | null } }>;
          }
        ).items;
      const saved = async (id: string, body: object) => {
        const reply = await patch(collector.url, id, body);
        expect(reply.status).toBe(200);
        return reply.json();
      };

      // the manager hands two customers out; the one who reaches the customer records it, and the customer stays theirs
      expect(await saved(first.id, { status: 'open', assignee: 'Ben', by: 'Maria' })).toMatchObject({ assignee: 'Ben', by: 'Maria' });
      await saved(second.id, { status: 'open', assignee: 'Ana', by: 'Maria' });
      expect(await saved(first.id, { status: 'contacted', note: 'Called', by: 'Ben' })).toMatchObject({
        status: 'contacted',
        assignee: 'Ben',
      });
      expect((await inbox('assignee=Ben')).map((i) => [i.response.id, i.followUp])).toEqual([
        [first.id, { status: 'contacted', note: 'Called', by: 'Ben', assignee: 'Ben', changedAt: expect.any(String) }],
      ]);
      expect((await inbox('assignee=Ana&status=open')).map((i) => i.response.id)).toEqual([second.id]);
      expect(await inbox('assignee=Ana&status=contacted')).toEqual([]);
      // nobody's yet: open, with no one named
      expect((await inbox('status=open')).find((i) => i.response.id === third.id)?.followUp).toEqual({
        status: 'open',
        note: null,
        by: null,
        assignee: null,
        changedAt: null,
      });
      // given back to nobody, then to another
      expect(await saved(second.id, { status: 'open', assignee: null })).toMatchObject({ assignee: null });
      expect(await inbox('assignee=Ana')).toEqual([]);
      // those left to nobody, for whoever hands customers out
      expect((await inbox('assignee=none&status=open')).map((i) => i.response.id)).toEqual([second.id, third.id]);
      await saved(second.id, { status: 'open', assignee: 'Ben' });
      expect((await inbox('assignee=Ben')).map((i) => i.response.id)).toEqual([first.id, second.id]);
      expect((await inbox('assignee=none')).map((i) => i.response.id)).toEqual([third.id]);
      // who had the customer after each change is in the history
      expect(await historyOf(kind, file, second.id)).toEqual(['Ana', null, 'Ben']);

      for (const [query, path] of [
        ['assignee=', 'query.assignee'],
        [`assignee=${'x'.repeat(201)}`, 'query.assignee'],
      ]) {
        const refused = await fetch(`${collector.url}v1/inbox?${query}`);
        expect([refused.status, ((await refused.json()) as { issues: Array<{ path: string }> }).issues[0]!.path]).toEqual([400, path]);
      }
      const nameless = await patch(collector.url, first.id, { status: 'open', assignee: '' });
      expect(nameless.status).toBe(400);
      expect(await nameless.json()).toMatchObject({ issues: [{ path: 'body.assignee' }] });
      // the name the inbox reads as nobody
      const none = await patch(collector.url, first.id, { status: 'open', assignee: 'none' });
      expect(none.status).toBe(400);
      expect(await none.json()).toMatchObject({
        issues: [{ path: 'body.assignee', message: 'expected a name other than "none", which the inbox reads as nobody' }],
      });
      expect((await inbox('assignee=Ben')).map((i) => i.response.id)).toEqual([first.id, second.id]);
      // one customer, opened from the answers: theirs alone, in whatever case the id comes
      expect((await inbox(`response=${second.id.toUpperCase()}`)).map((i) => [i.response.id, i.followUp.assignee])).toEqual([
        [second.id, 'Ben'],
      ]);
      const badId = await fetch(`${collector.url}v1/inbox?response=42`);
      expect(badId.status).toBe(400);
      expect(await badId.json()).toMatchObject({ issues: [{ path: 'query.response', message: "expected an answer's id (a UUID)" }] });
    });

    test('the summary counts open items, the median time from answer to first contact and to close', async ({ startCollector }) => {
      const collector = await startCollector({ database: kind, adminKey: 'ak_admin' });
      const at = (hours: number) => new Date(Date.now() - hours * hour).toISOString();
      const nps = (r: Response, score: number, hours: number): Response => ({
        ...r,
        kind: 'nps',
        scale: { min: 0, max: 10 },
        score,
        answeredAt: at(hours),
      });
      const [a, b, c, d, e, f] = responses(6, 82);
      const answers = [nps(a!, 0, 10), nps(b!, 3, 20), nps(c!, 6, 40), nps(d!, 5, 50), nps(e!, 9, 1), nps(f!, 1, 2)];
      await collector.post(batch(answers));
      const summary = async () =>
        ((await (await fetch(`${collector.url}v1/summary`)).json()) as { followUp: Record<string, number | null> }).followUp;
      expect(await summary()).toMatchObject({ needingAttention: 5, open: 5, medianHoursToFirstContact: null, medianHoursToClose: null });
      for (const r of answers.slice(0, 3)) expect((await patch(collector.url, r.id, { status: 'closed' })).status).toBe(200);
      expect((await patch(collector.url, answers[3]!.id, { status: 'contacted' })).status).toBe(200);
      // a note alone (still open) is nobody reaching the customer
      expect((await patch(collector.url, answers[5]!.id, { status: 'open', note: 'no phone number' })).status).toBe(200);
      const figures = await summary();
      expect(figures).toMatchObject({ needingAttention: 5, open: 1, contacted: 1, closed: 3 });
      expect(figures.medianHoursToClose).toBeCloseTo(20, 1);
      // reached after 10, 20, 40 and 50 hours
      expect(figures.medianHoursToFirstContact).toBeCloseTo(30, 1);
      // reopening counts it open again
      expect((await patch(collector.url, answers[0]!.id, { status: 'open', note: 'customer wrote again' })).status).toBe(200);
      const reopened = await summary();
      expect(reopened).toMatchObject({ needingAttention: 5, open: 2, contacted: 1, closed: 2 });
      expect(reopened.medianHoursToClose).toBeCloseTo(30, 1);
      // the customer was reached all the same, when they were
      expect(reopened.medianHoursToFirstContact).toBeCloseTo(30, 1);
    });

    test("the summary counts the unhappy customers waiting past the team's promise, 48 hours unless told", async ({ startCollector }) => {
      const at = (hours: number) => new Date(Date.now() - hours * hour).toISOString();
      const [a, b, c, d, e] = responses(5, 86);
      const detractor = (r: Response, hours: number): Response => ({
        ...r,
        kind: 'nps',
        scale: { min: 0, max: 10 },
        score: 3,
        answeredAt: at(hours),
      });
      const answers = [detractor(a!, 10), detractor(b!, 30), detractor(c!, 50), detractor(d!, 70), { ...detractor(e!, 80), score: 10 }];
      const figures = async (url: string, query = '') =>
        (
          (await (await fetch(`${url}v1/summary${query}`)).json()) as {
            followUp: { open: number; overdue: number; promiseHours: number; owners: unknown[] };
          }
        ).followUp;
      const usual = await startCollector({ database: kind, adminKey: 'ak_admin' });
      await usual.post(batch(answers));
      expect(await figures(usual.url)).toMatchObject({ open: 4, overdue: 2, promiseHours: 48 });
      // reached: no longer waiting
      expect((await patch(usual.url, answers[3]!.id, { status: 'contacted' })).status).toBe(200);
      expect(await figures(usual.url)).toMatchObject({ open: 3, overdue: 1 });
      // whose they are: the one waiting past the promise is Ben's
      expect((await patch(usual.url, answers[2]!.id, { status: 'open', assignee: 'Ben' })).status).toBe(200);
      expect((await figures(usual.url)).owners).toEqual([
        { assignee: null, open: 2, overdue: 0, contacted: 1, closed: 0 },
        { assignee: 'Ben', open: 1, overdue: 1, contacted: 0, closed: 0 },
      ]);
      // within a range: those of the range alone
      expect(await figures(usual.url, `?since=${encodeURIComponent(at(40))}`)).toMatchObject({ open: 2, overdue: 0 });
      expect(await figures(usual.url, `?until=${encodeURIComponent(at(60))}`)).toMatchObject({ open: 0, overdue: 0 });
      expect(await figures(usual.url, `?since=${encodeURIComponent(at(60))}&until=${encodeURIComponent(at(20))}`)).toMatchObject({
        open: 2,
        overdue: 1,
      });
      // the inbox lists them, those waiting longest first
      const inbox = async (url: string, query: string) => (await fetch(`${url}v1/inbox?${query}`)).json();
      const listed = async (url: string, query: string) =>
        ((await inbox(url, query)) as { items: Array<{ response: Response }> }).items.map((i) => i.response.id);
      expect(await listed(usual.url, 'overdue=1&order=oldest')).toEqual([answers[2]!.id]);
      expect(await listed(usual.url, `overdue=1&until=${encodeURIComponent(at(60))}`)).toEqual([]);
      expect(await inbox(usual.url, 'overdue=1&status=closed')).toMatchObject({
        issues: [{ path: 'query.overdue', message: 'lists open follow-ups: it cannot be asked with status=closed' }],
      });
      expect(await inbox(usual.url, 'overdue=yes')).toMatchObject({
        issues: [{ path: 'query.overdue', message: 'expected 1, or nothing' }],
      });
      // a team that promises a day
      const quick = await startCollector({ database: kind, followUpHours: 24 });
      await quick.post(batch(answers));
      expect(await figures(quick.url)).toMatchObject({ open: 4, overdue: 3, promiseHours: 24 });
      expect(await listed(quick.url, 'overdue=1&order=oldest')).toEqual([answers[3]!.id, answers[2]!.id, answers[1]!.id]);
    });

    test("the summary counts each owner's customers by where they stand, nobody's with those no one has touched", async ({
      startCollector,
    }) => {
      const collector = await startCollector({ database: kind, adminKey: 'ak_admin' });
      const [a, b, c, d, e, f, g, h] = responses(8, 85);
      // answered just now: nobody waits past the promise yet
      const detractor = (r: Response, touchpoint = 'checkout'): Response => ({
        ...r,
        kind: 'nps',
        scale: { min: 0, max: 10 },
        score: 2,
        touchpoint,
        answeredAt: new Date().toISOString(),
      });
      const promoter = { ...h!, kind: 'nps' as const, scale: { min: 0, max: 10 }, score: 10, touchpoint: 'checkout' };
      const [benOpen, benContacted, benClosed, anaOpen, contactedByNobody, untouched] = [a, b, c, d, e, f].map((r) => detractor(r!));
      const elsewhere = detractor(g!, 'help-article');
      await collector.post(batch([benOpen!, benContacted!, benClosed!, anaOpen!, contactedByNobody!, untouched!, elsewhere, promoter]));
      const changes: Array<[Response, unknown]> = [
        [benOpen!, { status: 'open', assignee: 'Ben' }],
        [benContacted!, { status: 'contacted', assignee: 'Ben' }],
        [benClosed!, { status: 'closed', assignee: 'Ben' }],
        [anaOpen!, { status: 'open', assignee: 'Ana' }],
        [contactedByNobody!, { status: 'contacted' }],
        [elsewhere, { status: 'open', assignee: 'Ana' }],
        // a promoter needs nobody: not counted, whoever has them
        [promoter, { status: 'open', assignee: 'Ana' }],
      ];
      for (const [r, change] of changes) expect((await patch(collector.url, r.id, change)).status).toBe(200);
      const owners = async (query = 'touchpoint=checkout') =>
        ((await (await fetch(`${collector.url}v1/summary?${query}`)).json()) as { followUp: { owners: unknown } }).followUp.owners;
      expect(await owners()).toEqual([
        { assignee: 'Ben', open: 1, overdue: 0, contacted: 1, closed: 1 },
        { assignee: null, open: 1, overdue: 0, contacted: 1, closed: 0 },
        { assignee: 'Ana', open: 1, overdue: 0, contacted: 0, closed: 0 },
      ]);
      expect(await owners('')).toEqual([
        { assignee: 'Ana', open: 2, overdue: 0, contacted: 0, closed: 0 },
        { assignee: 'Ben', open: 1, overdue: 0, contacted: 1, closed: 1 },
        { assignee: null, open: 1, overdue: 0, contacted: 1, closed: 0 },
      ]);
      // Ben hands his open customer to nobody; the one nobody had contacted is left to Ana
      await patch(collector.url, benOpen!.id, { status: 'open', assignee: null });
      await patch(collector.url, contactedByNobody!.id, { status: 'contacted', assignee: 'Ana' });
      expect(await owners()).toEqual([
        { assignee: null, open: 2, overdue: 0, contacted: 0, closed: 0 },
        { assignee: 'Ana', open: 1, overdue: 0, contacted: 1, closed: 0 },
        { assignee: 'Ben', open: 0, overdue: 0, contacted: 1, closed: 1 },
      ]);
      // a team that gives nobody owners sees nobody's alone; a range with nobody needing anyone, no one
      expect(await owners('touchpoint=pricing')).toEqual([]);
    });

    test("a key account team lists its own segment's unhappy customers: by a plan, by a country, with an owner too", async ({
      startCollector,
    }) => {
      const collector = await startCollector({ database: kind, adminKey: 'ak_admin' });
      const [a, b, c, d, e, f] = responses(6, 87);
      const detractor = (r: Response, plan: string, country: string, hours: number): Response => ({
        ...r,
        kind: 'nps',
        scale: { min: 0, max: 10 },
        score: 2,
        traits: { plan, country },
        answeredAt: new Date(Date.now() - hours * hour).toISOString(),
      });
      const answers = [
        detractor(a!, 'enterprise', 'DE', 1),
        detractor(b!, 'enterprise', 'US', 2),
        detractor(c!, 'free', 'DE', 3),
        detractor(d!, 'free', 'US', 4),
        { ...detractor(e!, 'enterprise', 'DE', 5), score: 10 },
        // days ago: counted from the segment rollup's whole days, and waiting past the promise
        detractor(f!, 'enterprise', 'DE', 50),
      ];
      await collector.post(batch(answers));
      expect((await patch(collector.url, answers[1]!.id, { status: 'open', assignee: 'Ben' })).status).toBe(200);
      const listed = async (query: string) =>
        ((await (await fetch(`${collector.url}v1/inbox?${query}`)).json()) as { items: Array<{ response: Response }> }).items.map(
          (i) => i.response.id,
        );
      expect(await listed('by=trait:plan&value=enterprise')).toEqual([answers[0]!.id, answers[1]!.id, answers[5]!.id]);
      expect(await listed('by=trait:country&value=DE&order=oldest')).toEqual([answers[5]!.id, answers[2]!.id, answers[0]!.id]);
      expect(await listed('by=trait:plan&value=enterprise&assignee=none')).toEqual([answers[0]!.id, answers[5]!.id]);
      expect(await listed('by=trait:plan&value=startup')).toEqual([]);
      const refused = await fetch(`${collector.url}v1/inbox?by=trait:email&value=x`);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ issues: [{ path: 'query.by' }] });
      // and sees where its own customers stand: how many need someone, who has them, who waits past the promise
      const figures = async (query: string) => (await fetch(`${collector.url}v1/follow-ups?${query}`)).json();
      expect(await figures('by=trait:plan&value=enterprise')).toMatchObject({
        needingAttention: 3,
        open: 3,
        contacted: 0,
        closed: 0,
        overdue: 1,
        promiseHours: 48,
        owners: [
          // nobody's: the one answered 50 hours ago waits past the promise
          { assignee: null, open: 2, overdue: 1, contacted: 0, closed: 0 },
          { assignee: 'Ben', open: 1, overdue: 0, contacted: 0, closed: 0 },
        ],
      });
      expect(await figures('by=trait:country&value=US')).toMatchObject({
        needingAttention: 2,
        overdue: 0,
        owners: [
          { assignee: 'Ben', open: 1 },
          { assignee: null, open: 1 },
        ],
      });
      // everyone's, as the summary counts them
      const everyone = await figures('');
      const { followUp } = (await (await fetch(`${collector.url}v1/summary`)).json()) as { followUp: unknown };
      expect(everyone).toEqual(followUp);
      expect(everyone).toMatchObject({ needingAttention: 5, overdue: 1 });
      const unknown = await fetch(`${collector.url}v1/follow-ups?by=trait:email&value=x`);
      expect([unknown.status, ((await unknown.json()) as { issues: Array<{ path: string }> }).issues[0]!.path]).toEqual([400, 'query.by']);
    });

    test('without an admin key configured, nothing can be changed over HTTP', async ({ startCollector }) => {
      const collector = await startCollector({ database: kind, readKey: 'rk_read' });
      const [answer] = responses(1, 83);
      await collector.post(batch([answer!]));
      const refused = await patch(collector.url, answer!.id, { status: 'closed' }, { Authorization: 'Bearer rk_read' });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'changes are disabled: start the collector with --admin-key (CXKIT_ADMIN_KEY)' });
      expect(
        (await fetch(`${collector.url}v1/people/someone`, { method: 'DELETE', headers: { Authorization: 'Bearer rk_read' } })).status,
      ).toBe(403);
    });

    test("a customer's history: all their answers with their follow-ups and the prompts they left, newest first, nobody else's", async ({
      startCollector,
      database,
    }) => {
      const file = await database(kind);
      const collector = await startCollector({ database: file, readKey: 'rk_read', adminKey: 'ak_admin' });
      const reader = { Authorization: 'Bearer rk_read' };
      const now = Date.now();
      const ago = (hours: number) => now - hours * hour;
      const customer = { userId: 'ana@example.com', anonymousId: 'anon-ana' };
      // a promoter at checkout two months ago, satisfied last week, a detractor at the help desk two hours ago
      const [happy] = answersOf('checkout', 'nps', 9, 1, ago(24 * 60), customer);
      const [satisfied] = answersOf('delivery', 'csat', 4, 1, ago(24 * 5), customer);
      const [unhappy] = answersOf('help', 'nps', 3, 1, ago(2), { ...customer, comment: 'Nobody answered my ticket' });
      // before identify() on the same browser, and another customer: neither is in her history
      const [beforeIdentify] = answersOf('checkout', 'nps', 8, 2, ago(24 * 61), { anonymousId: 'anon-ana' });
      const [someoneElse] = answersOf('help', 'nps', 2, 3, ago(1), { userId: 'ben@example.com' });
      const shown: Display[] = [
        display('checkout', 'answered', { ...customer, responseId: happy!.id, shownAt: new Date(ago(24 * 60)).toISOString() }),
        display('checkout', 'dismissed', { ...customer, shownAt: new Date(ago(24 * 10)).toISOString() }),
        display('delivery', 'ignored', { ...customer, kind: 'csat', shownAt: new Date(ago(24)).toISOString() }),
        display('help', 'open', { ...customer, shownAt: new Date(ago(1)).toISOString() }),
        display('help', 'dismissed', { userId: 'ben@example.com', shownAt: new Date(ago(3)).toISOString() }),
      ];
      expect((await collector.post(batch([happy!, satisfied!, unhappy!, beforeIdentify!, someoneElse!], shown))).status).toBe(202);
      const contact = { status: 'contacted', note: 'Called her, ticket reopened', by: 'Ben', assignee: 'Ben' };
      expect((await patch(collector.url, unhappy!.id, contact)).status).toBe(200);

      const history = async (path: string, headers: Record<string, string> = reader) => {
        const response = await fetch(`${collector.url}v1/people/${path}`, { headers });
        return { status: response.status, body: await response.json() };
      };
      const { status, body } = await history('ana%40example.com');
      expect(status).toBe(200);
      expect(body.userId).toBe('ana@example.com');
      expect(body.answers.map((row: { response: Response }) => [row.response.kind, row.response.score, row.response.touchpoint])).toEqual([
        ['nps', 3, 'help'],
        ['csat', 4, 'delivery'],
        ['nps', 9, 'checkout'],
      ]);
      expect(body.answers[0]).toMatchObject({
        response: { comment: 'Nobody answered my ticket' },
        followUp: { status: 'contacted', note: 'Called her, ticket reopened', by: 'Ben', assignee: 'Ben', changedAt: expect.any(String) },
      });
      // a happy answer needs nobody
      expect(body.answers[2].followUp).toBeNull();
      expect(body.unanswered).toEqual([
        { touchpoint: 'help', kind: 'nps', shownAt: new Date(ago(1)).toISOString(), outcome: 'open' },
        { touchpoint: 'delivery', kind: 'csat', shownAt: new Date(ago(24)).toISOString(), outcome: 'ignored' },
        { touchpoint: 'checkout', kind: 'nps', shownAt: new Date(ago(24 * 10)).toISOString(), outcome: 'dismissed' },
      ]);
      expect([body.answered, body.shown]).toEqual([3, { answered: 1, dismissed: 1, ignored: 1, open: 1 }]);

      // the newest of each as many as asked for, and how many there are in all
      const newest = (await history('ana%40example.com?limit=1')).body;
      expect([newest.answers.length, newest.unanswered.length, newest.answered]).toEqual([1, 1, 3]);
      expect(newest.answers[0].response.id).toBe(unhappy!.id);
      // nobody by that id: an empty history, not an error
      expect((await history('nobody')).body).toEqual({
        userId: 'nobody',
        answers: [],
        answered: 0,
        unanswered: [],
        shown: { answered: 0, dismissed: 0, ignored: 0, open: 0 },
      });
      // the read key or the admin key reads it; nothing without one
      expect((await history('ana%40example.com', {})).status).toBe(401);
      expect((await history('ana%40example.com', admin)).status).toBe(200);
      // what cannot be read is named
      expect(await history('anonymous/anon-ana')).toEqual({
        status: 404,
        body: { error: 'a history is kept for identified customers: GET /v1/people/{userId}' },
      });
      const tooMany = await history('ana%40example.com?limit=501');
      expect([tooMany.status, tooMany.body.issues]).toEqual([
        400,
        [{ path: 'query.limit', message: 'expected a whole number from 1 to 500' }],
      ]);
      expect((await history('%E0%A4%A')).body).toEqual({ error: 'the id in the path is not valid percent-encoding' });
      const put = await fetch(`${collector.url}v1/people/ana`, { method: 'PUT', headers: admin });
      expect([put.status, put.headers.get('allow'), await put.json()]).toEqual([405, 'GET, DELETE', { error: 'use GET or DELETE' }]);

      if (kind === 'sqlite') {
        // read by the user id indexes, not by a walk of every answer and display (a million of them, in a big store)
        const db = new Database(file, { readonly: true });
        try {
          const reads = [
            customerSql.answers('?', '?'),
            customerSql.answered('?'),
            customerSql.shown('?'),
            customerSql.unanswered('?', '?'),
          ];
          const plans = reads.map((sql) => {
            const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
            const steps = statement.all(...['x', 1].slice(0, sql.split('?').length - 1)) as Array<{ detail: string }>;
            return steps.map((step) => step.detail).join('; ');
          });
          expect(plans.map((plan) => /USING (COVERING )?INDEX (responses|displays)_by_user/.test(plan))).toEqual([true, true, true, true]);
        } finally {
          db.close();
        }
      }
    });

    test('an anonymous unhappy answer names whom its browser was signed in as, before or after, the newest of them', async ({
      startCollector,
      database,
    }) => {
      const file = await database(kind);
      const collector = await startCollector({ database: file, adminKey: 'ak_admin' });
      const ago = (hours: number) => Date.now() - hours * hour;
      const at = (hours: number) => new Date(ago(hours)).toISOString();
      // Ana answered before signing in; her browser was shown a prompt once she had
      const [anas] = answersOf('checkout', 'csat', 1, 1, ago(30), { anonymousId: 'browser-ana', comment: 'Card refused twice' });
      const anaSignedIn = display('delivery', 'dismissed', {
        anonymousId: 'browser-ana',
        userId: 'ana@shop.example',
        traits: { plan: 'pro' },
        shownAt: at(2),
      });
      // a shared browser: Ben answered signed in a week ago, Carl signed in on it yesterday, then someone answered
      // signed out — the newest identity is Carl's
      const [bens] = answersOf('help', 'nps', 9, 1, ago(24 * 7), {
        anonymousId: 'browser-shared',
        userId: 'ben',
        traits: { plan: 'free' },
      });
      const carlSignedIn = display('help', 'ignored', { anonymousId: 'browser-shared', userId: 'carl', shownAt: at(24) });
      const [signedOut] = answersOf('help', 'nps', 2, 1, ago(5), { anonymousId: 'browser-shared', comment: 'Search finds nothing' });
      // nobody ever signed in on this one
      const [unknown] = answersOf('help', 'ces', 1, 1, ago(4), { anonymousId: 'browser-unknown', comment: 'Too many steps' });
      // an identified unhappy answer is its own customer's
      const [identified] = answersOf('checkout', 'nps', 0, 1, ago(3), { anonymousId: 'browser-dora', userId: 'dora' });
      const posted = await collector.post(batch([anas!, bens!, signedOut!, unknown!, identified!], [anaSignedIn, carlSignedIn]));
      expect(posted.status).toBe(202);

      const { items } = (await (await fetch(`${collector.url}v1/inbox`)).json()) as {
        items: Array<{ response: Response; browserSignedInAs?: unknown }>;
      };
      expect(items.map((item) => [item.response.id, item.browserSignedInAs ?? null])).toEqual([
        [identified!.id, null],
        [unknown!.id, null],
        [signedOut!.id, { userId: 'carl', traits: null }],
        [anas!.id, { userId: 'ana@shop.example', traits: { plan: 'pro' } }],
      ]);
      // the latest comments say the same, and do not hand out the browsers' ids
      const { comments } = (await (await fetch(`${collector.url}v1/report`)).json()) as { comments: Array<Record<string, unknown>> };
      expect(comments.map((c) => [c['comment'], c['userId'], c['browserSignedInAs'] ?? null])).toEqual([
        ['Too many steps', null, null],
        ['Search finds nothing', null, { userId: 'carl', traits: null }],
        ['Card refused twice', null, { userId: 'ana@shop.example', traits: { plan: 'pro' } }],
      ]);
      expect(comments.filter((c) => 'anonymousId' in c)).toEqual([]);
      // erasing Ana erases what her browser answered signed out too
      const erased = await fetch(`${collector.url}v1/people/ana%40shop.example`, { method: 'DELETE', headers: admin });
      expect(erased.status).toBe(200);
      const after = (await (await fetch(`${collector.url}v1/inbox`)).json()) as { items: Array<{ response: Response }> };
      expect(after.items.map((item) => item.response.id)).toEqual([identified!.id, unknown!.id, signedOut!.id]);

      if (kind === 'sqlite') {
        // read along the identified rows' indexes, not by a walk of every answer and display
        const db = new Database(file, { readonly: true });
        try {
          const plan = (db.prepare(`EXPLAIN QUERY PLAN ${newestSignedIn('@visitor')}`).all({ visitor: 'x' }) as Array<{ detail: string }>)
            .map((step) => step.detail)
            .join('; ');
          expect(plan).toMatch(/responses USING INDEX responses_signed_in_browser.*displays USING INDEX displays_signed_in_browser/);
        } finally {
          db.close();
        }
      }
    });

    test('whether reaching them helps: what unhappy customers said next, reached against not reached', async ({ startCollector }) => {
      const collector = await startCollector({ database: kind, adminKey: 'ak_admin' });
      const day = 24 * hour;
      const at = (days: number) => Date.now() - days * day;
      const as = (userId: string, extra: Partial<Response> = {}) => ({ userId, ...extra });
      const [u1Unhappy] = answersOf('checkout', 'nps', 2, 1, at(10), as('u-1', { traits: { plan: 'enterprise' } }));
      const [u1Next] = answersOf('help', 'nps', 9, 1, at(5), as('u-1'));
      const [u2Unhappy] = answersOf('checkout', 'nps', 3, 1, at(10), as('u-2'));
      // still unhappy next time, and that answer itself nobody reached, with nothing after it
      const [u2Next] = answersOf('checkout', 'nps', 4, 1, at(3), as('u-2'));
      const [u3Unhappy] = answersOf('delivery', 'csat', 1, 1, at(9), as('u-3'));
      const [u3Next] = answersOf('delivery', 'csat', 5, 1, at(2), as('u-3'));
      // answered again, but another question: not the same kind, so not "again"; the CES 2 is unhappy on its own
      const [u4Unhappy] = answersOf('checkout', 'nps', 1, 1, at(8), as('u-4'));
      const [u4Other] = answersOf('help', 'ces', 2, 1, at(4), as('u-4'));
      // reached, then reopened: reached all the same; a passive next time is no longer unhappy
      const [u5Unhappy] = answersOf('checkout', 'nps', 0, 1, at(7), as('u-5'));
      const [u5Next] = answersOf('checkout', 'nps', 7, 1, at(1), as('u-5'));
      // anonymous, or happy: not in it
      const [anonymous] = answersOf('checkout', 'nps', 0, 2, at(6));
      const [happy] = answersOf('checkout', 'nps', 10, 1, at(6), as('u-6'));
      const all = [u1Unhappy, u1Next, u2Unhappy, u2Next, u3Unhappy, u3Next, u4Unhappy, u4Other, u5Unhappy, u5Next, anonymous, happy];
      expect((await collector.post(batch(all.map((r) => r!)))).status).toBe(202);
      for (const [id, status] of [
        [u1Unhappy!.id, 'contacted'],
        [u2Unhappy!.id, 'closed'],
        [u5Unhappy!.id, 'contacted'],
        [u5Unhappy!.id, 'open'],
      ] as const) {
        expect((await patch(collector.url, id, { status })).status).toBe(200);
      }
      const recovery = async (query: Record<string, string> = {}) => {
        const response = await fetch(`${collector.url}v1/recovery?${new URLSearchParams(query)}`);
        return { status: response.status, body: await response.json() };
      };
      const counted = async () => {
        const { status, body } = await recovery();
        expect(status).toBe(200);
        expect(body.reached).toEqual({ unhappy: 3, answeredAgain: 3, recovered: 2, rate: (2 / 3) * 100, ci95: expect.any(Number) });
        expect(body.notReached).toEqual({ unhappy: 4, answeredAgain: 1, recovered: 1, rate: 100, ci95: null });
        expect(body.difference).toEqual({ difference: (2 / 3) * 100 - 100, ci95: null, p: null });
        // the range picks the unhappy answers; what they said next may come after it
        const since = new Date(at(9.5)).toISOString();
        expect((await recovery({ since, until: new Date(at(6.5)).toISOString() })).body).toMatchObject({
          reached: { unhappy: 1, answeredAgain: 1, recovered: 1 },
          notReached: { unhappy: 2, answeredAgain: 1, recovered: 1 },
        });
        // one segment's customers: the enterprise plan's
        expect((await recovery({ by: 'trait:plan', value: 'enterprise' })).body).toMatchObject({
          reached: { unhappy: 1, answeredAgain: 1, recovered: 1 },
          notReached: { unhappy: 0, answeredAgain: 0, recovered: 0, rate: null },
        });
      };
      await counted();
      // the same once anonymous visitors' answers outnumber the customers' in the range (SQLite then walks the customers'
      // answers along the user id index rather than the range's along the time index)
      expect((await collector.post(batch(answersOf('checkout', 'nps', 9, 30, at(8))))).status).toBe(202);
      await counted();
      const wrong = await recovery({ by: 'trait:email', value: 'x' });
      expect([wrong.status, wrong.body.issues[0].path]).toEqual([400, 'query.by']);
    });

    test('erasing a person removes their answers, displays, deliveries and follow-ups, and nothing else', async ({ startCollector }) => {
      const collector = await startCollector({
        database: kind,
        adminKey: 'ak_admin',
        // a target nothing answers: deliveries stay queued, waiting for a retry an hour away
        dispatch: {
          targets: [{ url: 'http://127.0.0.1:9/hook', format: 'standard' }],
          allowPrivate: true,
          baseDelayMs: 3_600_000,
          timeoutMs: 500,
        },
      });
      const [r1, r2, r3, r4] = responses(4, 84);
      const asUser = { ...r1!, userId: 'u-1', anonymousId: 'anon-1', kind: 'nps' as const, scale: { min: 0, max: 10 }, score: 2 };
      const beforeIdentify = { ...r2!, anonymousId: 'anon-1' };
      const otherDevice = { ...r3!, userId: 'u-1', anonymousId: 'anon-9' };
      const someoneElse = { ...r4!, userId: 'u-2', anonymousId: 'anon-2' };
      const displays: Display[] = [
        display('checkout', 'answered', { responseId: asUser.id, userId: 'u-1', anonymousId: 'anon-1' }),
        display('checkout', 'dismissed', { anonymousId: 'anon-1' }),
        display('checkout', 'ignored', { userId: 'u-2', anonymousId: 'anon-2' }),
      ];
      await collector.post(batch([asUser, beforeIdentify, otherDevice, someoneElse], displays));
      expect((await patch(collector.url, asUser.id, { status: 'contacted', note: 'Called her', by: 'Ben' })).status).toBe(200);
      // an access request first: what the erasure will erase, as one file
      const exported = async (path: string) => {
        const response = await fetch(`${collector.url}v1/people/${path}/export`);
        return { status: response.status, disposition: response.headers.get('content-disposition'), body: await response.json() };
      };
      const theirs = await exported('u-1');
      expect([theirs.status, theirs.disposition]).toEqual([200, 'attachment; filename="cxkit-person.json"']);
      expect(theirs.body.person).toEqual({ userId: 'u-1' });
      expect([...theirs.body.anonymousIds].sort()).toEqual(['anon-1', 'anon-9']);
      expect(theirs.body.answers.map((r: Response) => r.id).sort()).toEqual([asUser.id, beforeIdentify.id, otherDevice.id].sort());
      expect(theirs.body.displays.map((d: Display) => d.outcome).sort()).toEqual(['answered', 'dismissed']);
      const change = { status: 'contacted', note: 'Called her', by: 'Ben', assignee: null, changedAt: expect.any(String) };
      expect(theirs.body.followUps).toEqual([{ responseId: asUser.id, ...change, history: [change] }]);
      expect(theirs.body.quarantined).toEqual([]);
      expect((await exported('anonymous/anon-2')).body).toMatchObject({ anonymousIds: ['anon-2'], answers: [{ id: someoneElse.id }] });
      expect((await exported('%E0%A4%A')).status).toBe(400);
      const pending = async () =>
        ((await (await fetch(`${collector.url}v1/webhooks/deliveries`)).json()) as { deliveries: unknown[] }).deliveries;
      await expect.poll(async () => (await pending()).length).toBe(4);

      expect((await fetch(`${collector.url}v1/people/u-1`, { method: 'DELETE' })).status).toBe(401);
      const erased = await fetch(`${collector.url}v1/people/u-1`, { method: 'DELETE', headers: admin });
      expect(erased.status).toBe(200);
      expect(await erased.json()).toEqual({ erased: { responses: 3, displays: 2, webhookDeliveries: 3, followUps: 1, quarantined: 0 } });
      expect((await collector.stored()).map((r) => r.id)).toEqual([someoneElse.id]);
      expect((await exported('u-1')).body).toMatchObject({ anonymousIds: [], answers: [], displays: [], followUps: [], quarantined: [] });
      expect(await pending()).toMatchObject([{ responseId: someoneElse.id }]);
      const summary = (await (await fetch(`${collector.url}v1/summary`)).json()) as { nps: { n: number }; shown: number; answers: number };
      expect(summary).toMatchObject({ shown: 1, answers: 1 });

      const again = await fetch(`${collector.url}v1/people/anonymous/anon-2`, { method: 'DELETE', headers: admin });
      expect(await again.json()).toEqual({ erased: { responses: 1, displays: 1, webhookDeliveries: 1, followUps: 0, quarantined: 0 } });
      expect(await collector.stored()).toEqual([]);
      expect(await (await fetch(`${collector.url}v1/people/nobody`, { method: 'DELETE', headers: admin })).json()).toEqual({
        erased: { responses: 0, displays: 0, webhookDeliveries: 0, followUps: 0, quarantined: 0 },
      });
    });
  });
}
