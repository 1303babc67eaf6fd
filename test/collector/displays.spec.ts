// Displays at the collector, on both stores: stored once, settled once, and counted into response, comment and partial
// rates that are checked against a table worked out by hand.
import type { Display } from '../../src/schema/display.js';
import type { Response } from '../../src/schema/response.js';
import { batch, display, expect, responses, storeKinds, test } from '../support/collector-harness.js';

const hour = 3_600_000;

/**
 * The hand-made week: checkout shown 10 times (4 answered, 3 dismissed, 2 ignored, 1 still open) plus one inline answer
 * with no display; help shown 5 times (1 answered, 4 dismissed). Of checkout's 5 answers 2 have a comment and 1 is
 * partial; help's one answer has a comment.
 */
function week(now: number) {
  const [a1, a2, a3, a4, inline, h1] = responses(6, 61);
  const at = (i: number) => new Date(now - i * 6 * hour).toISOString();
  const answers: Response[] = [
    { ...a1!, touchpoint: 'checkout', answeredAt: at(1), comment: 'quick' },
    { ...a2!, touchpoint: 'checkout', answeredAt: at(2), comment: 'the coupon field did not work' },
    // the sample's own comments are not this table's: each answer has exactly the comment it is given here
    { ...a3!, touchpoint: 'checkout', answeredAt: at(3), partial: true, comment: undefined },
    { ...a4!, touchpoint: 'checkout', answeredAt: at(4), comment: undefined },
    { ...inline!, touchpoint: 'checkout', answeredAt: at(5), comment: undefined },
    { ...h1!, touchpoint: 'help', answeredAt: at(6), comment: 'clear' },
  ].map(({ comment, partial, ...r }) => ({ ...r, ...(comment ? { comment } : {}), ...(partial ? { partial } : {}) }));
  const shownAt = (i: number) => ({ shownAt: at(i) });
  const displays: Display[] = [
    ...answers.slice(0, 4).map((r, i) => display('checkout', 'answered', { responseId: r.id, ...shownAt(i + 1) })),
    ...[7, 8, 9].map((i) => display('checkout', 'dismissed', shownAt(i))),
    ...[10, 11].map((i) => display('checkout', 'ignored', shownAt(i))),
    display('checkout', 'open', shownAt(12)),
    display('help', 'answered', { responseId: answers[5]!.id, ...shownAt(6) }),
    ...[13, 14, 15, 16].map((i) => display('help', 'dismissed', shownAt(i))),
  ];
  return { answers, displays };
}

const third = 100 / 3;

for (const kind of storeKinds) {
  test.describe(`${kind}: displays`, () => {
    test('response, comment and partial rates match the hand-computed table, per touchpoint and overall', async ({ startCollector }) => {
      const collector = await startCollector({ database: kind });
      const { answers, displays } = week(Date.now());
      const reply = await collector.post(batch(answers, displays));
      expect(await reply.json()).toEqual({ accepted: 6, duplicates: 0, displays: { accepted: 15, duplicates: 0 } });
      const summary = (await (await fetch(`${collector.url}v1/summary`)).json()) as Record<string, unknown>;
      expect(summary).toMatchObject({
        shown: 15,
        answered: 5,
        dismissed: 7,
        ignored: 2,
        open: 1,
        responseRate: third,
        answers: 6,
        commentRate: 50,
        partialRate: 100 / 6,
        byTouchpoint: {
          checkout: {
            shown: 10,
            answered: 4,
            dismissed: 3,
            ignored: 2,
            open: 1,
            responseRate: 40,
            answers: 5,
            commentRate: 40,
            partialRate: 20,
          },
          help: {
            shown: 5,
            answered: 1,
            dismissed: 4,
            ignored: 0,
            open: 0,
            responseRate: 20,
            answers: 1,
            commentRate: 100,
            partialRate: 0,
          },
        },
      });
      const filtered = (await (await fetch(`${collector.url}v1/summary?touchpoint=help`)).json()) as Record<string, unknown>;
      expect(filtered).toMatchObject({ shown: 5, answered: 1, responseRate: 20, byTouchpoint: { help: { shown: 5 } } });
      expect(filtered.byTouchpoint).not.toHaveProperty('checkout');
      // a range that starts mid-day: the displays shown within the last 43 hours (1–7) and every answer (1–6)
      const since = new Date(Date.now() - 43 * hour).toISOString();
      const recent = (await (await fetch(`${collector.url}v1/summary?since=${since}`)).json()) as Record<string, unknown>;
      expect(recent).toMatchObject({
        shown: 6,
        answered: 5,
        dismissed: 1,
        ignored: 0,
        answers: 6,
        byTouchpoint: { checkout: { shown: 5, answered: 4, dismissed: 1 }, help: { shown: 1, answered: 1 } },
      });
      const report = (await (await fetch(`${collector.url}v1/report`)).json()) as { summary: Record<string, unknown> };
      expect(report.summary).toMatchObject({ shown: 15, responseRate: third });
    });

    test('a display is stored once, an open one is settled by its final copy, and a final one is never reopened', async ({
      startCollector,
    }) => {
      const collector = await startCollector({ database: kind });
      const open = display('checkout', 'open');
      const [answer] = responses(1, 62);
      expect(await (await collector.post(batch([], [open]))).json()).toEqual({
        accepted: 0,
        duplicates: 0,
        displays: { accepted: 1, duplicates: 0 },
      });
      expect(await (await collector.post(batch([], [open]))).json()).toMatchObject({ displays: { accepted: 0, duplicates: 1 } });
      const answered = { ...open, outcome: 'answered' as const, responseId: answer!.id.toUpperCase() };
      // the settled copy comes with its answer, in any case of id, possibly twice in one batch
      const settled = await collector.post(
        batch([{ ...answer!, touchpoint: 'checkout' }], [{ ...answered, id: open.id.toUpperCase() }, answered]),
      );
      expect(await settled.json()).toEqual({ accepted: 1, duplicates: 0, displays: { accepted: 1, duplicates: 1 } });
      expect(await (await collector.post(batch([], [open, { ...open, outcome: 'dismissed' }]))).json()).toMatchObject({
        displays: { accepted: 0, duplicates: 2 },
      });
      const summary = (await (await fetch(`${collector.url}v1/summary`)).json()) as Record<string, unknown>;
      expect(summary).toMatchObject({ shown: 1, answered: 1, open: 0, dismissed: 0, responseRate: 100, answers: 1 });
    });

    test('a batch of displays only is valid; one with neither answers nor displays is not', async ({ startCollector }) => {
      const collector = await startCollector({ database: kind });
      expect((await collector.post(batch([], [display('help', 'ignored')]))).status).toBe(202);
      const empty = await collector.post(batch([], []));
      expect(empty.status).toBe(400);
      expect(await empty.json()).toMatchObject({
        issues: [{ path: 'body.responses', message: 'expected at least one response or display' }],
      });
      const bad = await collector.post(batch([], [{ ...display('help', 'ignored'), outcome: 'maybe' } as unknown as Display]));
      expect(await bad.json()).toMatchObject({ issues: [{ path: 'body.displays[0].outcome' }] });
    });
  });
}

for (const kind of storeKinds) {
  test(`${kind}: who was asked and did not answer: identified customers who dismissed or left a prompt and gave no answer there`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    const now = Date.UTC(2026, 10, 30, 12);
    const at = (hoursAgo: number) => new Date(now - hoursAgo * hour).toISOString();
    const [answer, elsewhere] = responses(2, 77);
    const shown = [
      // u-1 dismissed the checkout prompt twice: listed once, asked twice
      display('checkout', 'dismissed', { userId: 'u-1', shownAt: at(30), traits: { plan: 'enterprise' } }),
      display('checkout', 'ignored', { userId: 'u-1', shownAt: at(5), traits: { plan: 'enterprise' } }),
      // u-2 dismissed it, then answered at the checkout: not listed
      display('checkout', 'dismissed', { userId: 'u-2', shownAt: at(20) }),
      // u-3 left the help prompt; their answer elsewhere does not count for it
      display('help', 'ignored', { userId: 'u-3', shownAt: at(10), traits: { plan: 'free' } }),
      // answered, still open, anonymous, or before the range: none of them
      display('checkout', 'answered', { userId: 'u-4', shownAt: at(4) }),
      display('checkout', 'open', { userId: 'u-5', shownAt: at(3) }),
      display('checkout', 'dismissed', { shownAt: at(2) }),
      display('checkout', 'dismissed', { userId: 'u-6', shownAt: at(24 * 40) }),
    ];
    const answered = [
      { ...answer!, touchpoint: 'checkout', userId: 'u-2', answeredAt: at(19) },
      { ...elsewhere!, touchpoint: 'checkout', userId: 'u-3', answeredAt: at(9) },
    ];
    expect((await collector.post(batch(answered, shown))).status).toBe(202);
    const list = async (query: Record<string, string>) => {
      const since = new Date(now - 7 * 24 * hour).toISOString();
      const response = await fetch(`${collector.url}v1/unanswered?${new URLSearchParams({ since, until: at(0), ...query })}`);
      return { status: response.status, body: await response.json() };
    };
    expect((await list({})).body).toEqual({
      since: new Date(now - 7 * 24 * hour).toISOString(),
      until: at(0),
      people: [
        { userId: 'u-1', touchpoint: 'checkout', asked: 2, lastAskedAt: at(5) },
        { userId: 'u-3', touchpoint: 'help', asked: 1, lastAskedAt: at(10) },
      ],
      total: 2,
      next: null,
    });
    expect((await list({ touchpoint: 'help' })).body.people.map((p: { userId: string }) => p.userId)).toEqual(['u-3']);
    // a key account team's: those shown the prompt as customers on the enterprise plan
    expect((await list({ by: 'trait:plan', value: 'enterprise' })).body).toMatchObject({ people: [{ userId: 'u-1', asked: 2 }], total: 1 });
    expect((await list({ by: 'path', value: '/help' })).body.people.map((p: { userId: string }) => p.userId)).toEqual(['u-3']);
    const unknown = await list({ by: 'trait:email', value: 'x' });
    expect([unknown.status, unknown.body.issues[0].path]).toEqual([400, 'query.by']);
    // the most recently asked first, as many as asked for, how many in all, and where the next page starts
    const first = (await list({ limit: '1' })).body;
    expect(first).toMatchObject({ people: [{ userId: 'u-1' }], total: 2, next: expect.any(String) });
    expect((await list({ limit: '1', after: first.next })).body).toMatchObject({ people: [{ userId: 'u-3' }], total: 2, next: null });
    const forged = await list({ after: 'bm90IGEgY3Vyc29y' });
    expect([forged.status, forged.body.issues[0]]).toEqual([
      400,
      { path: 'query.after', message: 'expected the cursor a page of the unanswered gave as next' },
    ]);
    // the whole list as a file for the team's mail or CRM tool, times also in the collector's zone
    const file = await fetch(
      `${collector.url}v1/unanswered.csv?${new URLSearchParams({ since: new Date(now - 7 * 24 * hour).toISOString(), until: at(0) })}`,
    );
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="cxkit-unanswered.csv"');
    const bytes = new Uint8Array(await file.arrayBuffer());
    // the UTF-8 byte order mark, as the answers' file has: Excel reads a name in any script as UTF-8
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n')).toEqual([
      'user_id,touchpoint,asked,last_asked_at,last_asked_local',
      `u-1,checkout,2,${at(5)},${at(5).slice(0, 19).replace('T', ' ')}`,
      `u-3,help,1,${at(10)},${at(10).slice(0, 19).replace('T', ' ')}`,
      '',
    ]);
    // without a range, the last 28 days up to now, as the journey measures its period: u-6, asked 40 days ago, is not read
    const recent = await (await fetch(`${collector.url}v1/unanswered`)).json();
    expect(Date.parse(recent.until) - Date.parse(recent.since)).toBe(28 * 24 * hour);
    const refused = await list({ limit: '501' });
    expect([refused.status, refused.body.issues[0].path]).toEqual([400, 'query.limit']);
    // u-3 answers at the help desk while the team pages: the page after u-1 is empty, and says how many are left in all
    const [late] = responses(1, 78);
    expect((await collector.post(batch([{ ...late!, touchpoint: 'help', userId: 'u-3', answeredAt: at(1) }]))).status).toBe(202);
    expect((await list({ limit: '1', after: first.next })).body).toMatchObject({ people: [], total: 1, next: null });
  });

  test(`${kind}: the unanswered file holds every customer, however many pages the collector reads it in`, async ({ startCollector }) => {
    const collector = await startCollector({ database: kind });
    const now = Date.now();
    // more than two of the file's pages of 5,000, and more than the 10,000 a file once held
    const shown = Array.from({ length: 10_050 }, (_, i) =>
      display('checkout', 'dismissed', { userId: `customer-${i}`, shownAt: new Date(now - (i + 1) * 1_000).toISOString() }),
    );
    for (let i = 0; i < shown.length; i += 1_000) await collector.store.insert([], new Date(), { displays: shown.slice(i, i + 1_000) });
    const file = await (await fetch(`${collector.url}v1/unanswered.csv`)).text();
    const userIds = file
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0]);
    expect(userIds).toEqual(shown.map((d) => d.userId));
    const capped = await (await fetch(`${collector.url}v1/unanswered.csv?limit=5001`)).text();
    expect(capped.split('\r\n').slice(1, -1)).toHaveLength(5_001);
  });
}
