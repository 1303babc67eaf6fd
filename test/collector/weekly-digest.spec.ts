// The weekly digest as a team's channels receive it: last week's figures (Monday to Sunday in the collector's time
// zone) against the week before, posted from Monday 09:00, once however many instances run, in each target's format.
import { answersOf, batch, display, expect, storeKinds, test } from '../support/collector-harness.js';
import { receiver } from '../support/webhook-receiver.js';
import { dueWeek, type LanguageThemesSaid, type WeeklyDigest } from '../../collector/analytics/weekly-digest.js';
import { slackDigestBody } from '../../collector/webhooks/digest-payloads.js';
import { startCollectorServer } from '../../collector/http/server.js';
import { WebhookDispatcher } from '../../collector/webhooks/dispatcher.js';
import { parseTargets, type WebhookRule } from '../../collector/webhooks/targets.js';
import { timeZone } from '../../collector/time-zone.js';
import { targetSaid } from '../../collector/webhooks/target-said.js';
import { maxBatchResponses } from '../../src/schema/batch.js';
import type { Response } from '../../src/schema/response.js';

const zone = 'America/New_York';
/** An instant given as New York's wall clock (UTC−5 all of these weeks). */
const newYork = (wallClock: string) => Date.parse(`${wallClock}-05:00`);

for (const kind of storeKinds) {
  test(`${kind}: last week's digest is posted Monday from 09:00 in the collector's zone, once across two instances, in each format`, async ({
    startCollector,
    database,
  }) => {
    const standard = await receiver();
    const slack = await receiver();
    const teams = await receiver();
    // Monday 30 November 2026, 08:59 in New York: the week of 16 November is due, and the next look finds 23 November's
    let now = new Date(newYork('2026-11-30T08:59:00'));
    const file = await database(kind);
    const dispatch = {
      allowPrivate: true,
      pollMs: 50,
      dashboardUrl: 'https://collect.example/dashboard',
      clock: () => now,
      targets: [
        { url: standard.url, format: 'standard' as const, when: { events: ['digest.weekly' as const] } },
        // a rule about answers' scores leaves the digest whole
        { url: slack.url, format: 'slack' as const, when: { events: ['digest.weekly' as const], scoreMax: 6 } },
        { url: teams.url, format: 'teams' as const, when: { events: ['digest.weekly' as const] } },
      ],
    };
    const tuesday = newYork('2026-11-24T10:00:00');
    const weekBefore = newYork('2026-11-17T10:00:00');
    const lastWeek: Response[] = [
      ...answersOf('checkout', 'nps', 10, 12, tuesday),
      ...answersOf('checkout', 'nps', 8, 4, tuesday - 3_600_000),
      ...answersOf('checkout', 'nps', 3, 3, tuesday - 7_200_000, { comment: 'The parcel arrived late, again' }),
      // Sunday 23:30 in New York is already Monday in UTC: still last week's, and not yet past the 48 h promise
      ...answersOf('checkout', 'nps', 3, 1, newYork('2026-11-29T23:30:00')),
      ...answersOf('delivery', 'csat', 5, 36, tuesday, { comment: 'Quick and friendly' }),
      ...answersOf('delivery', 'csat', 1, 4, tuesday - 3_600_000, { comment: 'Parcel late and the box was damaged' }),
      ...answersOf('returns', 'csat', 5, 12, tuesday),
      ...answersOf('returns', 'csat', 3, 18, tuesday - 3_600_000),
    ];
    const before: Response[] = [
      ...answersOf('checkout', 'nps', 10, 4, weekBefore),
      // Sunday 21:00 in New York, Monday in UTC: the week before's
      ...answersOf('checkout', 'nps', 10, 1, newYork('2026-11-22T21:00:00')),
      ...answersOf('checkout', 'nps', 2, 5, weekBefore - 3_600_000),
      ...answersOf('delivery', 'csat', 5, 16, weekBefore),
      ...answersOf('delivery', 'csat', 1, 24, weekBefore - 3_600_000),
    ];
    // Monday 00:30 in New York: this week's, in no digest yet
    const thisWeek = answersOf('checkout', 'nps', 0, 1, newYork('2026-11-30T00:30:00'));
    const shown = (at: number, answered: number, dismissed: number) => [
      ...Array.from({ length: answered }, () => display('delivery', 'answered', { kind: 'csat', shownAt: new Date(at).toISOString() })),
      ...Array.from({ length: dismissed }, () => display('delivery', 'dismissed', { kind: 'csat', shownAt: new Date(at).toISOString() })),
    ];
    const first = await startCollector({ database: file, timeZone: zone, adminKey: 'ak_admin', readKey: 'rk_read', dispatch });
    const read = (path: string, key = 'rk_read') => fetch(`${first.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
    await startCollector({ database: file, timeZone: zone, dispatch });
    try {
      const all = [...lastWeek, ...before, ...thisWeek];
      for (let i = 0; i < all.length; i += maxBatchResponses)
        expect((await first.post(batch(all.slice(i, i + maxBatchResponses)))).status).toBe(202);
      expect((await first.post(batch([], [...shown(tuesday, 10, 30), ...shown(weekBefore, 4, 16)]))).status).toBe(202);
      // two of last week's unhappy customers reached
      for (const reached of lastWeek.filter((r) => r.score === 1).slice(0, 2)) {
        const res = await fetch(`${first.url}v1/responses/${reached.id}/follow-up`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
          body: JSON.stringify({ status: 'contacted' }),
        });
        expect(res.status).toBe(200);
      }
      // at 08:59 the week before last is the one due: posted once, the next one not yet
      await expect.poll(() => standard.received.length, { timeout: 15_000 }).toBe(1);
      expect((JSON.parse(standard.received[0]!.body) as { data: { week: { firstDay: string } } }).data.week.firstDay).toBe('2026-11-16');

      now = new Date(newYork('2026-11-30T09:00:00'));
      await expect.poll(() => standard.received.length, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => slack.received.length).toBe(2);
      await expect.poll(() => teams.received.length).toBe(2);
      // two instances, one database: each target got each week once, and a third instance started now adds nothing
      await startCollector({ database: file, timeZone: zone, dispatch });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([standard.received.length, slack.received.length, teams.received.length]).toEqual([2, 2, 2]);

      const { deliveries } = (await (await read('v1/webhooks/deliveries')).json()) as {
        deliveries: Array<{ event: string; responseId: string | null; status: string }>;
      };
      expect(deliveries).toHaveLength(6);
      expect(new Set(deliveries.map((d) => `${d.event} ${d.responseId} ${d.status}`))).toEqual(new Set(['digest.weekly null delivered']));

      const event = JSON.parse(standard.received[1]!.body) as { type: string; data: Record<string, unknown> };
      expect(event.type).toBe('digest.weekly');
      expect(event.data.week).toEqual({
        firstDay: '2026-11-23',
        lastDay: '2026-11-29',
        since: '2026-11-23T05:00:00.000Z',
        until: '2026-11-30T05:00:00.000Z',
        timeZone: zone,
      });
      const [nps, csat] = event.data.metrics as Array<{ p: number }>;
      // NPS (12 − 4) / 20 against (5 − 5) / 10: up 40, but on so few answers chance could do it; CSAT's rise is clear
      expect(nps).toEqual({ kind: 'nps', score: 40, n: 20, previous: { score: 0, n: 10 }, change: 40, p: expect.any(Number) });
      expect(csat).toEqual({
        kind: 'csat',
        score: (100 * 48) / 70,
        n: 70,
        previous: { score: 40, n: 40 },
        change: (100 * 48) / 70 - 40,
        p: expect.any(Number),
      });
      expect([nps!.p > 0.05, csat!.p < 0.05]).toEqual([true, true]);
      expect(event.data.responseRate).toEqual({ shown: 40, rate: 25, previous: 20 });
      expect(event.data.followUp).toMatchObject({ needingAttention: 8, reached: 2, open: 6, overdue: 5, promiseHours: 48 });
      expect(event.data.unhappyThemes).toEqual({
        language: 'en',
        themes: [
          { term: 'late', unhappy: 6 },
          { term: 'parcel', unhappy: 6 },
          { term: 'arrived late', unhappy: 3 },
          { term: 'box', unhappy: 3 },
          { term: 'damaged', unhappy: 3 },
        ],
        otherLanguages: [],
      });
      expect(event.data.weakestMoments).toMatchObject([{ touchpoint: 'returns', kind: 'csat', score: 40, n: 30, change: null }]);

      // the same figures on demand, for any week (the overdue ones counted as of now)
      const asked = (await (await read('v1/digest?week=2026-11-23')).json()) as typeof event.data;
      expect([asked.week, asked.metrics, asked.weakestMoments]).toEqual([event.data.week, event.data.metrics, event.data.weakestMoments]);
      expect((await read('v1/digest?week=2026-11-23', 'wrong')).status).toBe(401);
      const refused = await read('v1/digest?week=2026-11-24');
      expect([refused.status, await refused.json()]).toEqual([
        400,
        {
          error: 'invalid query',
          issues: [{ path: 'query.week', message: 'expected a Monday as YYYY-MM-DD, the first day of the week, got 2026-11-24' }],
        },
      ]);

      const message = JSON.parse(slack.received[1]!.body) as {
        text: string;
        blocks: Array<{ text?: { text: string }; elements?: Array<{ url?: string }> }>;
      };
      expect(message.text).toBe('Last week, 23–29 Nov 2026: 90 answers');
      const lines = message.blocks[1]!.text!.text.split('\n');
      expect(lines.slice(0, 3)).toEqual([
        '• NPS 40 · up 40 from 0, within chance · 20 answers',
        '• CSAT 69% · up 29 points from 40% · 70 answers',
        '• 25% of 40 prompts shown answered (20% the week before)',
      ]);
      expect(lines[3]).toMatch(
        /^• 8 customers needed someone: 2 reached, 6 not yet, 5 of them waiting over 48 h · first contact after [\d.]+ h \(median\)$/,
      );
      expect(lines[4]).toBe('• Lowest CSAT: returns, 40% from 30 answers');
      // the words that set the unhappy comments apart, with how many unhappy comments used them
      expect(lines[5]).toBe('• Unhappy customers wrote of late (6), parcel (6), arrived late (3), box (3), damaged (3)');
      expect(message.blocks.at(-1)!.elements![0]!.url).toBe('https://collect.example/dashboard?since=2026-11-23&until=2026-11-29');

      const card = (
        JSON.parse(teams.received[1]!.body) as { attachments: Array<{ content: { body: Array<{ inlines: Array<{ text: string }> }> } }> }
      ).attachments[0]!.content;
      expect(card.body.map((block) => block.inlines[0]!.text).slice(0, 3)).toEqual([
        'Last week, 23–29 Nov 2026: 90 answers',
        'NPS 40 · up 40 from 0, within chance · 20 answers',
        'CSAT 69% · up 29 points from 40% · 70 answers',
      ]);

      // a week on, the week of 30 November: Monday's early answer and nothing else
      now = new Date(newYork('2026-12-07T09:00:00'));
      await expect.poll(() => standard.received.length, { timeout: 15_000 }).toBe(3);
      const next = JSON.parse(standard.received[2]!.body) as { data: { week: { firstDay: string }; metrics: unknown[] } };
      expect(next.data.week.firstDay).toBe('2026-11-30');
      // CSAT went unanswered: still listed, against the week before
      expect(next.data.metrics).toEqual([
        { kind: 'nps', score: -100, n: 1, previous: { score: 40, n: 20 }, change: -140, p: null },
        { kind: 'csat', score: null, n: 0, previous: { score: (100 * 48) / 70, n: 70 }, change: null, p: null },
      ]);
      await expect.poll(() => slack.received.length).toBe(3);
      expect((JSON.parse(slack.received[2]!.body) as { blocks: Array<{ text: { text: string } }> }).blocks[1]!.text.text).toBe(
        [
          '• NPS -100 · down 140 from 40, too few answers to tell · 1 answer',
          '• CSAT: no answers (69% the week before)',
          '• 1 customer needed someone: 0 reached, 1 not yet, 1 of them waiting over 48 h',
        ].join('\n'),
      );
    } finally {
      await Promise.all([standard.close(), slack.close(), teams.close()]);
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a key account team's digest is its plan's customers', a touchpoint team's its touchpoint's, of the metrics its rule names`, async ({
    startCollector,
    database,
  }) => {
    const accounts = await receiver();
    const returns = await receiver();
    const now = new Date(newYork('2026-11-30T10:00:00'));
    const file = await database(kind);
    const tuesday = newYork('2026-11-24T10:00:00');
    const enterprise = { traits: { plan: 'enterprise' } };
    const answers = [
      ...answersOf('checkout', 'nps', 10, 3, tuesday, enterprise),
      ...answersOf('checkout', 'nps', 2, 1, tuesday - 3_600_000, enterprise),
      ...answersOf('checkout', 'nps', 0, 6, tuesday, { traits: { plan: 'free' } }),
      ...answersOf('returns', 'csat', 2, 2, tuesday, { traits: { plan: 'free' } }),
      ...answersOf('returns', 'nps', 9, 5, tuesday),
      ...answersOf('returns', 'nps', 3, 1, tuesday + 60_000),
    ];
    // last week's answers, stored before the digest's Monday
    expect((await (await startCollector({ database: file, timeZone: zone })).post(batch(answers))).status).toBe(202);
    const collector = await startCollector({
      database: file,
      timeZone: zone,
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        dashboardUrl: 'https://collect.example/dashboard',
        clock: () => now,
        targets: [
          { url: accounts.url, format: 'slack', when: { events: ['digest.weekly'], traits: { plan: ['enterprise'] } } },
          { url: returns.url, format: 'standard', when: { events: ['digest.weekly'], touchpoints: ['returns'], kinds: ['csat'] } },
        ],
      },
    });
    try {
      await expect.poll(() => accounts.received.length + returns.received.length, { timeout: 15_000 }).toBe(2);

      const message = JSON.parse(accounts.received[0]!.body) as { text: string; blocks: Array<{ text?: { text: string } }> };
      // the enterprise customers alone: three promoters and a detractor
      expect(message.text).toBe('Last week for plan enterprise, 23–29 Nov 2026: 4 answers');
      expect(message.blocks[1]!.text!.text.split('\n').slice(0, 2)).toEqual([
        '• NPS 50 · 4 answers, none the week before',
        '• 1 customer needed someone: 0 reached, 1 not yet, 1 of them waiting over 48 h',
      ]);
      const event = JSON.parse(returns.received[0]!.body) as {
        data: { scope: unknown; metrics: Array<{ kind: string; n: number; score: number }>; followUp: { needingAttention: number } };
      };
      // the returns desk's: its CSAT alone, though NPS was asked there too — its unhappy customers the two CSAT 2s, not
      // the NPS detractor beside them
      expect(event.data.scope).toEqual({ touchpoint: 'returns', kinds: ['csat'] });
      expect(event.data.metrics.map((m) => [m.kind, m.n, m.score])).toEqual([['csat', 2, 0]]);
      expect(event.data.followUp.needingAttention).toBe(2);
      // the same on demand: a segment's digest, and a range other than a week refused
      const asked = (await (await fetch(`${collector.url}v1/digest?week=2026-11-23&by=trait:plan&value=enterprise`)).json()) as {
        scope: unknown;
        metrics: Array<{ kind: string; n: number; score: number }>;
      };
      expect([asked.scope, asked.metrics.map((m) => [m.kind, m.n, m.score])]).toEqual([
        { segment: { dimension: 'trait:plan', value: 'enterprise' } },
        [['nps', 4, 50]],
      ]);
      expect(await (await fetch(`${collector.url}v1/digest?since=2026-11-01`)).json()).toEqual({
        error: 'invalid query',
        issues: [{ path: 'query.since', message: "a digest's range is its week: give week=" }],
      });
    } finally {
      await Promise.all([accounts.close(), returns.close()]);
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a collector started for the first time posts no digest of a week before it had anything; the first week it had answers in comes the Monday after`, async ({
    startCollector,
    database,
  }) => {
    const channel = await receiver();
    // Wednesday 2 December 2026 in New York: last week, 23–29 November, was before the collector existed
    let now = new Date(newYork('2026-12-02T10:00:00'));
    const collector = await startCollector({
      database: await database(kind),
      timeZone: zone,
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        clock: () => now,
        targets: [{ url: channel.url, format: 'standard', when: { events: ['digest.weekly'] } }],
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(channel.received).toEqual([]);
      // its first answers, this week: still nothing said of last week
      const thisWeek = answersOf('checkout', 'nps', 9, 3, newYork('2026-12-02T09:00:00'));
      expect((await collector.post(batch(thisWeek))).status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(channel.received).toEqual([]);
      now = new Date(newYork('2026-12-07T09:00:00'));
      await expect.poll(() => channel.received.length, { timeout: 15_000 }).toBe(1);
      const event = JSON.parse(channel.received[0]!.body) as {
        data: { week: { firstDay: string }; metrics: Array<{ kind: string; n: number }> };
      };
      expect([event.data.week.firstDay, event.data.metrics.map((m) => [m.kind, m.n])]).toEqual(['2026-11-30', [['nps', 3]]]);
    } finally {
      await channel.close();
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a digest target added after a Monday gets that week's at once; those there before do not get it again`, async ({
    startCollector,
    database,
  }) => {
    const team = await receiver();
    const added = await receiver();
    // Wednesday 2 December 2026 in New York, with last week's answers stored
    const now = new Date(newYork('2026-12-02T10:00:00'));
    const file = await database(kind);
    const lastWeek = answersOf('checkout', 'nps', 9, 4, newYork('2026-11-24T10:00:00'));
    expect((await (await startCollector({ database: file, timeZone: zone })).post(batch(lastWeek))).status).toBe(202);
    const digestTo = (url: string) => ({ url, format: 'standard' as const, when: { events: ['digest.weekly' as const] } });
    const dispatch = (targets: Array<ReturnType<typeof digestTo>>) => ({ allowPrivate: true, pollMs: 50, clock: () => now, targets });
    try {
      await startCollector({ database: file, timeZone: zone, dispatch: dispatch([digestTo(team.url)]) });
      await expect.poll(() => team.received.length, { timeout: 15_000 }).toBe(1);
      // the next day's instance is started with a second channel
      await startCollector({ database: file, timeZone: zone, dispatch: dispatch([digestTo(team.url), digestTo(added.url)]) });
      await expect.poll(() => added.received.length, { timeout: 15_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([team.received.length, added.received.length]).toEqual([1, 1]);
      const firstDays = [team, added].map(
        (r) => (JSON.parse(r.received[0]!.body) as { data: { week: { firstDay: string } } }).data.week.firstDay,
      );
      expect(firstDays).toEqual(['2026-11-23', '2026-11-23']);
    } finally {
      await Promise.all([team.close(), added.close()]);
    }
  });
}

test("a team in another zone is posted the digest at the first 09:00 there after the week has ended in the collector's", () => {
  const newYorkZone = timeZone(zone);
  const due = (wallClock: string, postedIn?: string) =>
    dueWeek(newYorkZone, new Date(newYork(wallClock)), postedIn ? timeZone(postedIn) : undefined);
  // the week of 23–29 November ends at Monday 00:00 in New York: 09:00 there, in Los Angeles (12:00 in New York), and
  // in Tokyo, where it is 14:00 by then, the next morning's (Monday 19:00 in New York)
  expect([due('2026-11-30T08:59:00'), due('2026-11-30T09:00:00')]).toEqual(['2026-11-16', '2026-11-23']);
  expect([due('2026-11-30T11:59:00', 'America/Los_Angeles'), due('2026-11-30T12:00:00', 'America/Los_Angeles')]).toEqual([
    '2026-11-16',
    '2026-11-23',
  ]);
  expect([due('2026-11-30T18:59:00', 'Asia/Tokyo'), due('2026-11-30T19:00:00', 'Asia/Tokyo')]).toEqual(['2026-11-16', '2026-11-23']);
});

for (const kind of storeKinds) {
  test(`${kind}: a target with a digest time zone of its own is posted the week at 09:00 there, the others at the collector's`, async ({
    startCollector,
    database,
  }) => {
    const here = await receiver();
    const tokyo = await receiver();
    let now = new Date(newYork('2026-11-30T09:00:00'));
    const file = await database(kind);
    expect(
      (
        await (
          await startCollector({ database: file, timeZone: zone })
        ).post(
          batch([
            ...answersOf('checkout', 'nps', 9, 2, newYork('2026-11-24T10:00:00')),
            ...answersOf('checkout', 'nps', 7, 1, newYork('2026-11-17T10:00:00')),
          ]),
        )
      ).status,
    ).toBe(202);
    const events = ['digest.weekly' as const];
    await startCollector({
      database: file,
      timeZone: zone,
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        clock: () => now,
        targets: [
          { url: here.url, format: 'standard', when: { events } },
          { url: tokyo.url, format: 'standard', when: { events }, digestTimeZone: 'Asia/Tokyo' },
        ],
      },
    });
    const weeks = (r: { received: Array<{ body: string }> }) =>
      r.received.map((m) => (JSON.parse(m.body) as { data: { week: { firstDay: string } } }).data.week.firstDay);
    try {
      // Monday 09:00 in New York: the week before last for Tokyo, whose Tuesday 09:00 has not come (it was last week's)
      await expect.poll(() => weeks(here), { timeout: 15_000 }).toEqual(['2026-11-23']);
      await expect.poll(() => weeks(tokyo), { timeout: 15_000 }).toEqual(['2026-11-16']);
      now = new Date(newYork('2026-11-30T19:00:00'));
      await expect.poll(() => weeks(tokyo), { timeout: 15_000 }).toEqual(['2026-11-16', '2026-11-23']);
      expect(weeks(here)).toEqual(['2026-11-23']);
    } finally {
      await Promise.all([here.close(), tokyo.close()]);
    }
  });
}

test('a digest is of one touchpoint or one segment at most, and of a trait the collector segments by: other rules are refused, named', async ({
  openTestStore,
}) => {
  const digest = (when: WebhookRule) => [
    { url: 'https://hooks.example/cx', format: 'standard' as const, when: { events: ['digest.weekly' as const], ...when } },
  ];
  const refusal = (when: WebhookRule) => {
    try {
      parseTargets({ urls: [], file: { webhooks: digest(when) } }, false);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(refusal({ touchpoints: ['checkout', 'returns'] })).toBe(
    'webhook config.webhooks[0].when.touchpoints: a digest is of one touchpoint at most; give each its own target',
  );
  expect(refusal({ traits: { plan: ['enterprise', 'team'] } })).toBe(
    'webhook config.webhooks[0].when.traits: a digest is of one segment at most, one trait with one value; give each its own target',
  );
  expect(refusal({ traits: { plan: ['enterprise'] }, touchpoints: ['checkout'], scoreMax: 6 })).toBeNull();
  // the same rules for answers alone are anyone's
  expect(
    parseTargets({ urls: [], file: { webhooks: [{ url: 'https://hooks.example/cx', when: { touchpoints: ['a', 'b'] } }] } }, false),
  ).toHaveLength(1);
  // a digest's own time zone: a zone the runtime knows, on a target posted the digest
  const zoned = (target: Record<string, unknown>) => {
    try {
      return parseTargets({ urls: [], file: { webhooks: [{ url: 'https://hooks.example/cx', ...target }] } }, false)[0]!.digestTimeZone;
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(zoned({ when: { events: ['digest.weekly'] }, digestTimeZone: 'Asia/Tokyo' })).toBe('Asia/Tokyo');
  expect(targetSaid({ when: { events: ['response.created', 'digest.weekly'] }, digestTimeZone: 'Asia/Tokyo' })).toBe(
    "new answers and last week's digest at 09:00 Asia/Tokyo once it is over",
  );
  expect(zoned({ when: { events: ['digest.weekly'] }, digestTimeZone: 'Mars/Olympus' })).toBe(
    'webhook config.webhooks[0].digestTimeZone: expected an IANA time zone such as Europe/Berlin',
  );
  expect(zoned({ digestTimeZone: 'Asia/Tokyo' })).toBe(
    'webhook config.webhooks[0].digestTimeZone: only a target posted the weekly digest has one; add "digest.weekly" to its events',
  );
  const store = await openTestStore('sqlite');
  expect(() => new WebhookDispatcher({ store, targets: digest({ traits: { seats: ['50'] } }) })).toThrow(
    'webhook https://hooks.example/cx: a digest of customers by their seats needs seats among --segment-traits (now plan, country)',
  );
});

test('a week answered in several languages: the digest says what unhappy customers wrote of in each', async ({ startCollector }) => {
  const collector = await startCollector({ timeZone: zone });
  const tuesday = newYork('2026-11-24T10:00:00');
  const answers = [
    ...answersOf('delivery', 'csat', 5, 6, tuesday, { comment: 'Quick and friendly', locale: 'en' }),
    ...answersOf('delivery', 'csat', 1, 3, tuesday - 3_600_000, { comment: 'The parcel arrived late', locale: 'en' }),
    ...answersOf('delivery', 'csat', 1, 4, tuesday - 7_200_000, { comment: 'Das Paket kam beschädigt an', locale: 'de-AT' }),
    ...answersOf('delivery', 'csat', 2, 3, tuesday - 10_800_000, { comment: 'Le colis est arrivé en retard', locale: 'fr' }),
    // a language whose unhappy customers wrote nothing in common is left out
    ...answersOf('delivery', 'csat', 1, 1, tuesday - 14_400_000, { comment: 'Pacco in ritardo', locale: 'it' }),
  ];
  expect((await collector.post(batch(answers))).status).toBe(202);
  const digest = (await (await fetch(`${collector.url}v1/digest?week=2026-11-23`)).json()) as WeeklyDigest;
  const terms = ({ language, themes }: LanguageThemesSaid) => [language, themes.map((t) => `${t.term} ${t.unhappy}`)];
  expect([terms(digest.unhappyThemes), ...digest.unhappyThemes.otherLanguages.map(terms)]).toEqual([
    ['en', ['arrived late 3', 'parcel arrived 3']],
    ['de', ['kam beschädigt 4', 'paket kam 4']],
    ['fr', ['arrivé 3', 'colis 3', 'retard 3']],
  ]);
  const message = JSON.parse(slackDigestBody(digest, undefined)) as { blocks: Array<{ text?: { text: string } }> };
  expect(message.blocks[1]!.text!.text.split('\n').at(-1)).toBe(
    '• Unhappy customers wrote of arrived late (3), parcel arrived (3); in German of kam beschädigt (4), paket kam (4); ' +
      'in French of arrivé (3), colis (3), retard (3)',
  );
});

test("a digest that cannot be worked out holds up no answer's delivery, and says so once", async ({ openTestStore }) => {
  const hook = await receiver();
  const store = await openTestStore('sqlite');
  // the rollup read fails, as a database under repair might
  const broken = new Proxy(store, {
    get: (target, name, receiver) =>
      name === 'countsByDay' ? () => Promise.reject(new Error('disk I/O error')) : Reflect.get(target, name, receiver),
  });
  const dispatcher = new WebhookDispatcher({
    store: broken,
    allowPrivate: true,
    pollMs: 50,
    targets: [{ url: hook.url, format: 'standard', when: { events: ['response.created', 'digest.weekly'] } }],
  });
  // answers from before the week due: a digest of it is owed
  await store.insert(answersOf('checkout', 'nps', 7, 2, Date.now() - 15 * 86_400_000), new Date());
  const errors: string[] = [];
  const logged = console.error;
  console.error = (message: string) => void errors.push(message);
  const server = await startCollectorServer({ port: 0, store, rateLimit: { perIp: 0, perKey: 0 }, webhooks: dispatcher });
  try {
    const [answer] = answersOf('checkout', 'nps', 9, 1, Date.now() - 60_000);
    const posted = await fetch(`${server.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([answer!])) });
    expect(posted.status).toBe(202);
    await expect.poll(() => hook.received.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(['response.created']);
    expect(errors).toEqual(['cxkit collector: weekly digest not planned, trying again in a minute: disk I/O error']);
  } finally {
    console.error = logged;
    await server.close();
    await hook.close();
  }
});

test('a week with nothing stored is looked at again seconds later, not at every poll', async ({ openTestStore }) => {
  const store = await openTestStore('sqlite');
  let looked = 0;
  const counting = new Proxy(store, {
    get: (target, name, receiver) =>
      name === 'storedBefore' ? (at: Date) => (looked++, target.storedBefore(at)) : Reflect.get(target, name, receiver),
  });
  const dispatcher = new WebhookDispatcher({
    store: counting,
    pollMs: 20,
    targets: [{ url: 'https://hooks.example/cx', format: 'standard', when: { events: ['digest.weekly'] } }],
  });
  dispatcher.start();
  try {
    await expect.poll(() => looked).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(looked).toBe(1);
  } finally {
    await dispatcher.stop();
  }
});

test('an instance started after the week’s digest was planned does not work it out again', async ({ openTestStore }) => {
  const hook = await receiver();
  const store = await openTestStore('sqlite');
  // planned by another instance: the mark is where a planned week leaves it
  expect(await store.planOnce('digest_planned_through', dueWeek(store.timeZone, new Date()), [], new Date())).toBe(true);
  let workedOut = 0;
  const counting = new Proxy(store, {
    get: (target, name, receiver) =>
      name === 'countsByDay'
        ? (...args: unknown[]) => (workedOut++, target.countsByDay(...(args as [never])))
        : Reflect.get(target, name, receiver),
  });
  const dispatcher = new WebhookDispatcher({
    store: counting,
    allowPrivate: true,
    pollMs: 50,
    targets: [{ url: hook.url, format: 'standard', when: { events: ['response.created', 'digest.weekly'] } }],
  });
  const server = await startCollectorServer({ port: 0, store, rateLimit: { perIp: 0, perKey: 0 }, webhooks: dispatcher });
  try {
    const posted = await fetch(`${server.url}v1/responses`, {
      method: 'POST',
      body: JSON.stringify(batch(answersOf('checkout', 'nps', 9, 1, Date.now()))),
    });
    expect(posted.status).toBe(202);
    await expect.poll(() => hook.received.length).toBe(1);
    expect([(JSON.parse(hook.received[0]!.body) as { type: string }).type, workedOut]).toEqual(['response.created', 0]);
  } finally {
    await server.close();
    await hook.close();
  }
});
