// The journey view on a data set whose figures are worked out by hand, on both stores: stages in order, each moment's
// score, n, response rate and change on the previous period, and the weakest moment of each metric.
import type { Response } from '../../../src/schema/response.js';
import { answersOf, batch, display, expect, storeKinds, test } from '../../support/collector-harness.js';

const dayMs = 86_400_000;
const until = Date.UTC(2026, 10, 30, 12);
const since = until - 10 * dayMs;

/** `count` answers of one kind and score at a touchpoint, `daysAgo` days before `until`. */
const answers = (touchpoint: string, stage: string | undefined, kind: Response['kind'], score: number, count: number, daysAgo: number) =>
  answersOf(touchpoint, kind, score, count, until - daysAgo * dayMs, stage ? { stage } : {});

const data: Response[] = [
  // choose: CSAT 75% now (30 × 5, 10 × 2), 100% before (10 × 4): −25
  ...answers('product-page', 'choose', 'csat', 5, 30, 2),
  ...answers('product-page', 'choose', 'csat', 2, 10, 3),
  ...answers('product-page', 'choose', 'csat', 4, 10, 12),
  // buy: NPS 25 now (20 × 10, 10 × 8, 10 × 3), 0 before (10 × 9, 10 × 2): +25
  ...answers('checkout', 'buy', 'nps', 10, 20, 1),
  ...answers('checkout', 'buy', 'nps', 8, 10, 4),
  ...answers('checkout', 'buy', 'nps', 3, 10, 5),
  ...answers('checkout', 'buy', 'nps', 9, 10, 15),
  ...answers('checkout', 'buy', 'nps', 2, 10, 16),
  // get-help: CES mean 5 now (30 × 6, 10 × 2), nothing before
  ...answers('ticket-closed', 'get-help', 'ces', 6, 30, 6),
  ...answers('ticket-closed', 'get-help', 'ces', 2, 10, 7),
  // discover: NPS −100 on 35 answers — the weakest NPS moment
  ...answers('landing', 'discover', 'nps', 0, 35, 8),
  // no stage, and too few answers to rank
  ...answers('old-page', undefined, 'nps', 0, 5, 1),
];

for (const kind of storeKinds) {
  test(`${kind}: the journey view matches the hand-worked figures`, async ({ startCollector }) => {
    const collector = await startCollector({ database: kind });
    for (let i = 0; i < data.length; i += 50) expect((await collector.post(batch(data.slice(i, i + 50)))).status).toBe(202);
    // checkout was shown 80 times in the period and answered 40 times: a response rate of 50
    const shownAt = new Date(until - 2 * dayMs).toISOString();
    const displays = Array.from({ length: 80 }, (_, i) =>
      display('checkout', i < 40 ? 'answered' : 'dismissed', { shownAt, stage: 'buy' }),
    );
    expect((await collector.post(batch([], displays))).status).toBe(202);

    const query = new URLSearchParams({ since: new Date(since).toISOString(), until: new Date(until).toISOString() });
    const journey = await (await fetch(`${collector.url}v1/journey?${query}`)).json();
    expect(journey.previousSince).toBe(new Date(since - 10 * dayMs).toISOString());
    expect(journey.stages.map((s: { stage: string }) => s.stage)).toEqual(['discover', 'choose', 'buy', 'get-help']);
    const moments = Object.fromEntries(
      [...journey.stages.flatMap((s: { moments: unknown[] }) => s.moments), ...journey.unstaged].map((m: { touchpoint: string }) => [
        m.touchpoint,
        m,
      ]),
    );
    expect(moments['product-page']).toEqual({
      touchpoint: 'product-page',
      kind: 'csat',
      score: 75,
      n: 40,
      responseRate: null,
      previous: { score: 100, n: 10 },
      change: -25,
    });
    expect(moments.checkout).toEqual({
      touchpoint: 'checkout',
      kind: 'nps',
      score: 25,
      n: 40,
      responseRate: 50,
      previous: { score: 0, n: 20 },
      change: 25,
    });
    expect(moments['ticket-closed']).toMatchObject({ kind: 'ces', score: 5, n: 40, previous: { score: null, n: 0 }, change: null });
    expect(moments.landing).toMatchObject({ kind: 'nps', score: -100, n: 35 });
    expect(journey.unstaged.map((m: { touchpoint: string }) => m.touchpoint)).toEqual(['old-page']);
    // NPS has two moments to compare; CSAT and CES one each, so there is no weakest to call out
    expect(journey.momentsOfTruth.map((m: { touchpoint: string }) => m.touchpoint)).toEqual(['landing']);

    // a collector told its own stage order keeps to it
    const ordered = await startCollector({ database: kind, stageOrder: ['get-help', 'buy'] });
    for (let i = 0; i < data.length; i += 50) await ordered.post(batch(data.slice(i, i + 50)));
    const reordered = await (await fetch(`${ordered.url}v1/journey?${query}`)).json();
    expect(reordered.stages.map((s: { stage: string }) => s.stage)).toEqual(['get-help', 'buy', 'choose', 'discover']);

    // a stage= filter narrows the journey to that stage
    const buy = await (await fetch(`${collector.url}v1/journey?${query}&stage=buy`)).json();
    expect(buy.stages.map((s: { stage: string }) => s.stage)).toEqual(['buy']);
    expect(buy.unstaged).toEqual([]);
  });
}

test('stages the collector is not told the order of follow in the order their numbers say: step 2 before step 10', async ({
  startCollector,
}) => {
  const collector = await startCollector({ stageOrder: ['welcome'] });
  const steps = ['step-10', 'step-2', 'Step-3', 'step-1', 'welcome'];
  const posted = steps.flatMap((stage, i) => answers(`moment-${i}`, stage, 'nps', 9, 1, 1 + i));
  expect((await collector.post(batch(posted))).status).toBe(202);
  const query = new URLSearchParams({ since: new Date(since).toISOString(), until: new Date(until).toISOString() });
  const journey = await (await fetch(`${collector.url}v1/journey?${query}`)).json();
  expect(journey.stages.map((s: { stage: string }) => s.stage)).toEqual(['welcome', 'step-1', 'step-2', 'Step-3', 'step-10']);
});

for (const kind of storeKinds) {
  test(`${kind}: a stage with a touchpoint per product lists its 500 most answered moments and counts the others; so does "no stage"`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    const products = Array.from({ length: 500 }, (_, i) => `product-${String(i).padStart(3, '0')}`);
    const rare = ['rare-1', 'rare-2', 'rare-3'];
    // a minute apart: answersOf's ids follow from its arguments
    const sent = [
      ...products.flatMap((product, i) => answersOf(product, 'csat', 5, 2, until - dayMs - i * 60_000, { stage: 'choose' })),
      ...rare.flatMap((touchpoint, i) => answersOf(touchpoint, 'csat', 1, 1, until - dayMs - (1_000 + i) * 60_000, { stage: 'choose' })),
      ...products.flatMap((product, i) => answersOf(`help-${product}`, 'ces', 6, 2, until - 2 * dayMs - i * 60_000)),
      ...rare.flatMap((touchpoint, i) => answersOf(`help-${touchpoint}`, 'ces', 2, 1, until - 2 * dayMs - (1_000 + i) * 60_000)),
    ];
    for (let i = 0; i < sent.length; i += 50) expect((await collector.post(batch(sent.slice(i, i + 50)))).status).toBe(202);
    const response = await fetch(
      `${collector.url}v1/journey?since=${new Date(since).toISOString()}&until=${new Date(until).toISOString()}`,
    );
    const journey = await response.json();
    expect(journey.stages).toHaveLength(1);
    expect(journey.stages[0].moments.map((m: { touchpoint: string }) => m.touchpoint)).toEqual(products);
    expect(journey.stages[0].momentsLeftOut).toBe(3);
    expect(journey.unstaged.map((m: { touchpoint: string }) => m.touchpoint)).toEqual(products.map((p) => `help-${p}`));
    expect(journey.unstagedLeftOut).toBe(3);
  });
}

for (const kind of storeKinds) {
  test(`${kind}: the journey and the trends of one segment: which moments hurt for whom, and whether it is getting better for them`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    const of = (device: 'mobile' | 'desktop', touchpoint: string, stage: string, score: number, count: number, daysAgo: number) =>
      answersOf(touchpoint, 'nps', score, count, until - daysAgo * dayMs - 3_600_000, {
        stage,
        device,
        visitor: device === 'mobile' ? 'new' : 'returning',
        traits: { plan: 'pro' },
      });
    const segmented = [
      // checkout: desktop promoters now; phone detractors now, promoters before
      ...of('desktop', 'checkout', 'buy', 10, 20, 1),
      ...of('mobile', 'checkout', 'buy', 3, 10, 2),
      ...of('mobile', 'checkout', 'buy', 9, 10, 14),
      // the landing page has only desktop answers
      ...of('desktop', 'landing', 'discover', 0, 5, 3),
    ];
    expect((await collector.post(batch(segmented))).status).toBe(202);
    // 40 shown: phones 20 (10 answered), desktops 20 (all answered); in English 20 (all answered), in German 20 (10); to
    // returning visitors 30 (25 answered), to new ones 10 (5); to customers on the pro plan 32 (28 answered)
    const displays = Array.from({ length: 40 }, (_, i) =>
      display('checkout', i < 30 ? 'answered' : 'dismissed', {
        shownAt: new Date(until - 2 * dayMs).toISOString(),
        stage: 'buy',
        device: i < 10 || i >= 30 ? 'mobile' : 'desktop',
        locale: i < 20 ? 'en' : 'de',
        visitor: i >= 25 && i < 35 ? 'new' : 'returning',
        ...(i < 28 || i >= 36 ? { traits: { plan: 'pro', email: `c${i}@example.com` } } : {}),
      }),
    );
    expect((await collector.post(batch([], displays))).status).toBe(202);
    const read = async (path: string, extra: Record<string, string>) => {
      const query = new URLSearchParams({ since: new Date(since).toISOString(), until: new Date(until).toISOString(), ...extra });
      const response = await fetch(`${collector.url}v1/${path}?${query}`);
      return { status: response.status, body: await response.json() };
    };

    const everyone = (await read('journey', {})).body;
    expect(everyone.stages[1].moments[0]).toMatchObject({
      touchpoint: 'checkout',
      score: expect.closeTo(100 / 3, 9),
      n: 30,
      responseRate: 75,
    });
    // on phones the checkout went from promoters to detractors; the landing page has no phone answer to show
    const phones = (await read('journey', { by: 'device', value: 'mobile' })).body;
    expect(phones.stages).toEqual([
      {
        stage: 'buy',
        momentsLeftOut: 0,
        moments: [
          // displays carry the device: the phones' own response rate
          { touchpoint: 'checkout', kind: 'nps', score: -100, n: 10, responseRate: 50, previous: { score: 100, n: 10 }, change: -200 },
        ],
      },
    ]);
    const desktops = (await read('journey', { by: 'device', value: 'desktop' })).body;
    expect(
      desktops.stages.map((s: { stage: string; moments: Array<{ touchpoint: string; score: number }> }) => [s.stage, s.moments]),
    ).toEqual([
      ['discover', [expect.objectContaining({ touchpoint: 'landing', score: -100, n: 5 })]],
      ['buy', [expect.objectContaining({ touchpoint: 'checkout', score: 100, n: 20, responseRate: 100 })]],
    ]);
    // displays carry the language too: the English prompts' own response rate
    const english = (await read('journey', { by: 'locale', value: 'en' })).body;
    const checkout = (body: { stages: Array<{ moments: Array<{ touchpoint: string; responseRate: number | null }> }> }) =>
      body.stages.flatMap((s) => s.moments).find((m) => m.touchpoint === 'checkout');
    expect(checkout(english)).toMatchObject({ responseRate: 100 });
    expect(checkout((await read('journey', { by: 'locale', value: 'de' })).body)).toMatchObject({ responseRate: 50 });
    // and whether the visitor was new: new visitors answer half as often
    expect(checkout((await read('journey', { by: 'visitor', value: 'new' })).body)).toMatchObject({ responseRate: 50 });
    expect(checkout((await read('journey', { by: 'visitor', value: 'returning' })).body)).toMatchObject({
      responseRate: expect.closeTo(250 / 3, 9),
    });
    // and the customer's plan
    expect(checkout((await read('journey', { by: 'trait:plan', value: 'pro' })).body)).toMatchObject({ responseRate: 87.5 });

    // the trends of phone answers alone: down from 100 to −100
    const trends = (await read('trends', { by: 'device', value: 'mobile' })).body;
    expect(trends.metrics.nps.change.current).toMatchObject({ value: -100, n: 10 });
    expect(trends.metrics.nps.change.previous).toMatchObject({ value: 100, n: 10 });
    expect(trends.metrics.nps.buckets.reduce((sum: number, b: { n: number }) => sum + b.n, 0)).toBe(10);

    // a dimension the collector does not segment by, or half a segment, is named
    for (const [extra, path] of [
      [{ by: 'trait:email', value: 'x' }, 'query.by'],
      [{ by: 'device' }, 'query.value'],
    ] as const) {
      for (const view of ['journey', 'trends']) {
        const refused = await read(view, extra);
        expect([refused.status, refused.body.issues[0].path], view).toEqual([400, path]);
      }
    }
    // the figures that count displays take no segment
    expect((await read('report', { by: 'device', value: 'mobile' })).status).toBe(400);
  });
}
