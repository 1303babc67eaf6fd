// Trends on a data set whose figures are worked out by hand, on both stores: buckets sized to the range with thin ones
// marked, rolling 7- and 28-day figures (reaching back before the range), and the change on the previous period with
// its p-value.
import { maxDrawnDays } from '../../../collector/analytics/trends.js';
import { answersOf, batch, display, expect, storeKinds, test } from '../../support/collector-harness.js';

const dayMs = 86_400_000;
const until = Date.UTC(2026, 10, 30);
const since = until - 28 * dayMs; // 2026-11-02: 28 days, so day buckets
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);

const data = [
  // this period: NPS (30 − 20) / 60 = 16.7
  ...answersOf('checkout', 'nps', 10, 30, at('2026-11-28')),
  ...answersOf('checkout', 'nps', 8, 10, at('2026-11-20')),
  ...answersOf('checkout', 'nps', 3, 20, at('2026-11-10')),
  // the 28 days before: NPS (10 − 20) / 40 = −25
  ...answersOf('checkout', 'nps', 9, 10, at('2026-10-20')),
  ...answersOf('checkout', 'nps', 7, 10, at('2026-10-20')),
  ...answersOf('checkout', 'nps', 2, 20, at('2026-10-25')),
  // CSAT: 8 of 10 satisfied, on one day
  ...answersOf('support', 'csat', 5, 8, at('2026-11-28')),
  ...answersOf('support', 'csat', 1, 2, at('2026-11-28')),
  // long before: stretches an open range past a year
  ...answersOf('checkout', 'nps', 10, 1, at('2025-01-15')),
];

for (const kind of storeKinds) {
  test(`${kind}: trends match the hand-worked figures`, async ({ startCollector }) => {
    const collector = await startCollector({ database: kind });
    for (let i = 0; i < data.length; i += 50) expect((await collector.post(batch(data.slice(i, i + 50)))).status).toBe(202);
    const trends = async (query: Record<string, string>) => {
      const response = await fetch(`${collector.url}v1/trends?${new URLSearchParams(query)}`);
      expect(response.status).toBe(200);
      return response.json();
    };

    const month = await trends({ since: new Date(since).toISOString(), until: new Date(until).toISOString() });
    expect(month).toMatchObject({ bucket: 'day', minAnswers: 30, since: '2026-11-02T00:00:00.000Z', until: '2026-11-30T00:00:00.000Z' });
    const nps = month.metrics.nps;
    expect(nps.buckets).toHaveLength(28);
    const bucket = (day: string) => nps.buckets.find((b: { start: string }) => b.start === day);
    expect(bucket('2026-11-28')).toEqual({ start: '2026-11-28', end: '2026-11-29', value: 100, n: 30, ci95: 0, sparse: false });
    expect(bucket('2026-11-20')).toEqual({ start: '2026-11-20', end: '2026-11-21', value: 0, n: 10, ci95: 0, sparse: true });
    expect(bucket('2026-11-10')).toMatchObject({ value: -100, n: 20, sparse: true });
    expect(bucket('2026-11-11')).toEqual({ start: '2026-11-11', end: '2026-11-12', value: null, n: 0, ci95: null, sparse: true });

    // the 28-day window on the range's first day reaches back to 10-06: the previous period's 40 answers
    const r28 = nps.rolling['28'];
    expect(r28[0]).toMatchObject({ day: '2026-11-02', value: -25, n: 40 });
    expect(r28.at(-1).day).toBe('2026-11-29');
    expect(r28.at(-1).n).toBe(60);
    expect(r28.at(-1).value).toBeCloseTo(100 / 6, 10);
    // √(p + d − (p − d)²) / n with p = 1/2, d = 1/3, n = 60, × 100 × 1.96
    expect(r28.at(-1).ci95).toBeCloseTo(1.96 * Math.sqrt(134.259259259), 6);
    // the 7 days to 11-29 hold only the 30 promoters; to 11-26 only the 10 passives of 11-20
    const r7 = nps.rolling['7'];
    expect(r7.at(-1)).toMatchObject({ day: '2026-11-29', value: 100, n: 30, sparse: false });
    expect(r7.find((p: { day: string }) => p.day === '2026-11-26')).toMatchObject({ value: 0, n: 10, sparse: true });
    expect(r7.find((p: { day: string }) => p.day === '2026-11-27')).toMatchObject({ value: null, n: 0 });

    // 16.7 against −25: +41.7, se √(134.26 + 171.88) = 17.50, z = 2.381, p = 0.0172
    expect(month.period).toEqual({
      since: '2026-11-02T00:00:00.000Z',
      until: '2026-11-30T00:00:00.000Z',
      previousSince: '2026-10-05T00:00:00.000Z',
      days: 28,
    });
    expect(nps.change.current).toMatchObject({ n: 60 });
    expect(nps.change.previous).toMatchObject({ value: -25, n: 40 });
    expect(nps.change.difference).toBeCloseTo(41.6667, 3);
    expect(nps.change.ci95).toBeCloseTo(34.2935, 3);
    expect(nps.change.p).toBeCloseTo(0.017247, 5);
    expect(month.metrics.csat.buckets.find((b: { start: string }) => b.start === '2026-11-28')).toMatchObject({ value: 80, n: 10 });
    expect(month.metrics.csat.change).toMatchObject({ difference: null, p: null });
    expect(month.metrics.ces.buckets.every((b: { n: number }) => b.n === 0)).toBe(true);

    // half a year: ISO weeks, the first and last clipped to the range
    const half = await trends({ since: '2026-06-01', until: '2026-11-30' });
    expect(half.bucket).toBe('week');
    const weeks = half.metrics.nps.buckets;
    expect(weeks[0]).toMatchObject({ start: '2026-06-01', end: '2026-06-08' });
    expect(weeks.at(-1)).toMatchObject({ start: '2026-11-23', end: '2026-11-30', value: 100, n: 30 });
    expect(weeks.find((w: { start: string }) => w.start === '2026-10-19')).toMatchObject({ end: '2026-10-26', n: 40, value: -25 });

    // no range: from the first answer to the end, by month; the change is the last 28 days on the 28 before
    const all = await trends({ until: '2026-11-30' });
    expect(all.bucket).toBe('month');
    expect(all.since).toBe('2025-01-15T00:00:00.000Z');
    expect(all.metrics.nps.buckets[0]).toMatchObject({ start: '2025-01-15', end: '2025-02-01', value: 100, n: 1, sparse: true });
    expect(all.metrics.nps.buckets.at(-1)).toMatchObject({ start: '2026-11-01', end: '2026-11-30', n: 60 });
    expect(all.metrics.nps.change.p).toBeCloseTo(0.017247, 5);

    // a stage filter, a touchpoint filter and bad input
    const support = await trends({ touchpoint: 'support', since: '2026-11-02', until: '2026-11-30' });
    expect(support.metrics.nps.change.current.n).toBe(0);
    expect(support.metrics.csat.change.current).toMatchObject({ value: 80, n: 10 });
    const bad = await fetch(`${collector.url}v1/trends?since=yesterday`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toBe('query.since');
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a range of centuries (a year typed as 0202) draws its latest ten years and still measures the whole range`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    for (let i = 0; i < data.length; i += 50) expect((await collector.post(batch(data.slice(i, i + 50)))).status).toBe(202);
    for (const range of [
      { since: '0202-11-30', until: '2026-11-30', drawnSince: '2016-11-29' },
      { since: '0001-01-01', until: '9999-12-31', drawnSince: '9989-12-30' },
    ]) {
      const response = await fetch(`${collector.url}v1/trends?since=${range.since}&until=${range.until}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      // a day per point for ten years, not for two thousand: it was 270 MB, and the collector answered nothing meanwhile
      expect(body.length).toBeLessThan(2_000_000);
      const trends = JSON.parse(body);
      expect(trends).toMatchObject({ bucket: 'month', since: `${range.drawnSince}T00:00:00.000Z` });
      expect(trends.period.since).toBe(`${range.since}T00:00:00.000Z`);
      expect(trends.metrics.nps.rolling['28']).toHaveLength(maxDrawnDays);
      if (range.until === '2026-11-30') {
        // every answer of the range is in the change's figure, and in the buckets drawn
        expect(trends.metrics.nps.change.current.n).toBe(101);
        expect(trends.metrics.nps.buckets.reduce((sum: number, b: { n: number }) => sum + b.n, 0)).toBe(101);
      }
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a collector in Los Angeles counts Los Angeles days: a date in a query is a day there, and the trends' and report's days are too`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind, timeZone: 'America/Los_Angeles' });
    const local = [
      // 2026-11-26 23:30 there
      ...answersOf('checkout', 'nps', 5, 1, Date.parse('2026-11-27T07:30:00Z')),
      // 2026-11-27 18:00 there: the 28th in UTC
      ...answersOf('checkout', 'nps', 10, 3, Date.parse('2026-11-28T02:00:00Z')),
      // 2026-11-28 01:00 there
      ...answersOf('checkout', 'nps', 0, 2, Date.parse('2026-11-28T09:00:00Z')),
      // 2026-11-01, the day the clocks go back, 25 hours long: 00:30 summer time and 23:30 winter time are on it
      ...answersOf('checkout', 'nps', 9, 1, Date.parse('2026-11-01T07:30:00Z')),
      ...answersOf('checkout', 'nps', 9, 2, Date.parse('2026-11-02T07:30:00Z')),
      // 2026-11-02 00:30 there
      ...answersOf('checkout', 'nps', 9, 4, Date.parse('2026-11-02T08:30:00Z')),
    ];
    expect((await collector.post(batch(local))).status).toBe(202);
    const read = async (path: string) => {
      const response = await fetch(`${collector.url}v1/${path}`);
      expect(response.status, await response.clone().text()).toBe(200);
      return response.json();
    };

    const day = await read('trends?since=2026-11-27&until=2026-11-28');
    expect(day.period).toMatchObject({ since: '2026-11-27T08:00:00.000Z', until: '2026-11-28T08:00:00.000Z', days: 1 });
    expect(day.metrics.nps.buckets).toMatchObject([{ start: '2026-11-27', end: '2026-11-28', n: 3 }]);

    const report = await read('report?since=2026-11-26&until=2026-11-29');
    expect(report.timeZone).toBe('America/Los_Angeles');
    expect(report.trend.map(({ day, n }: { day: string; n: number }) => ({ day, n }))).toEqual([
      { day: '2026-11-26', n: 1 },
      { day: '2026-11-27', n: 3 },
      { day: '2026-11-28', n: 2 },
    ]);
    expect((await read('answers?since=2026-11-27&until=2026-11-28')).answers).toHaveLength(3);
    // a spreadsheet gets each answer's time there beside the UTC one
    const csv = await (await fetch(`${collector.url}v1/answers.csv?since=2026-11-27&until=2026-11-28&order=oldest`)).text();
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    const at = (name: string) => header!.split(',').indexOf(name);
    expect(rows.map((row) => [row.split(',')[at('answered_at')], row.split(',')[at('answered_local')]])).toEqual([
      ['2026-11-28T01:58:00.000Z', '2026-11-27 17:58:00'],
      ['2026-11-28T01:59:00.000Z', '2026-11-27 17:59:00'],
      ['2026-11-28T02:00:00.000Z', '2026-11-27 18:00:00'],
    ]);
    // a time without an offset is a time there: from 17:59 on the 27th, the three at 17:58–18:00 are two
    expect((await read('answers?since=2026-11-27T17:59&until=2026-11-28')).answers).toHaveLength(2);

    // 2026-10-31 to 2026-11-02, three days of 24, 25 and 24 hours
    const turn = await read('trends?since=2026-10-31&until=2026-11-03');
    expect(turn.period).toMatchObject({ since: '2026-10-31T07:00:00.000Z', until: '2026-11-03T08:00:00.000Z', days: 3 });
    expect(turn.metrics.nps.buckets.map(({ start, n }: { start: string; n: number }) => ({ start, n }))).toEqual([
      { start: '2026-10-31', n: 0 },
      { start: '2026-11-01', n: 3 },
      { start: '2026-11-02', n: 4 },
    ]);
  });
}

for (const kind of storeKinds) {
  test(`${kind}: the response rate's trend: per day, rolling, and the change on the period before; a device's, a page's, a language's, new visitors' or a plan's alone`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    const shown = (day: string, outcome: 'answered' | 'dismissed', count: number, device: 'mobile' | 'desktop', hour = 12) =>
      Array.from({ length: count }, () =>
        display('checkout', outcome, {
          shownAt: `${day}T${String(hour).padStart(2, '0')}:00:00Z`,
          device,
          // the phones' prompts in German to new visitors, the desktops' in English to returning ones
          locale: device === 'mobile' ? 'de' : 'en',
          visitor: device === 'mobile' ? 'new' : 'returning',
          // and the desktops' customers on the pro plan
          ...(device === 'desktop' ? { traits: { plan: 'pro' } } : {}),
          page: { url: `https://shop.example/${device}` },
        }),
      );
    const displays = [
      // this period: 30 of 60 answered on the 28th (phones 10 of 40, desktops 20 of 20), 5 of 20 on the 10th
      ...shown('2026-11-28', 'answered', 10, 'mobile'),
      ...shown('2026-11-28', 'dismissed', 30, 'mobile'),
      ...shown('2026-11-28', 'answered', 20, 'desktop', 23),
      ...shown('2026-11-10', 'answered', 5, 'desktop'),
      ...shown('2026-11-10', 'dismissed', 15, 'desktop'),
      // the 28 days before: 10 of 50
      ...shown('2026-10-20', 'answered', 10, 'desktop'),
      ...shown('2026-10-20', 'dismissed', 40, 'desktop'),
    ];
    for (let i = 0; i < displays.length; i += 50) expect((await collector.post(batch([], displays.slice(i, i + 50)))).status).toBe(202);
    const answers = answersOf('checkout', 'nps', 10, 2, at('2026-11-28'), {
      device: 'mobile',
      locale: 'en',
      visitor: 'new',
      traits: { plan: 'pro' },
    });
    expect((await collector.post(batch(answers))).status).toBe(202);
    const trends = async (query: Record<string, string>) =>
      (await fetch(`${collector.url}v1/trends?${new URLSearchParams({ since: '2026-11-02', until: '2026-11-30', ...query })}`)).json();

    const rate = (await trends({})).responseRate;
    const day = (d: string) => rate.buckets.find((b: { start: string }) => b.start === d);
    expect(day('2026-11-28')).toMatchObject({ value: 50, n: 60, sparse: false });
    // √(0.5 · 0.5 / 60) · 196 = 12.65
    expect(day('2026-11-28').ci95).toBeCloseTo(12.65, 1);
    expect(day('2026-11-10')).toMatchObject({ value: 25, n: 20, sparse: true });
    expect(day('2026-11-11')).toMatchObject({ value: null, n: 0 });
    // the 28 days to the 28th: 35 of 80; the 7 days to the 15th: 5 of 20
    const rolling = (window: 7 | 28, d: string) => rate.rolling[window].find((p: { day: string }) => p.day === d);
    expect(rolling(28, '2026-11-28')).toMatchObject({ value: 43.75, n: 80 });
    expect(rolling(7, '2026-11-15')).toMatchObject({ value: 25, n: 20 });
    expect(rolling(7, '2026-11-17')).toMatchObject({ value: null, n: 0 });
    // 35 of 80 against 10 of 50: +23.75 points
    expect(rate.change.current).toMatchObject({ value: 43.75, n: 80 });
    expect(rate.change.previous).toMatchObject({ value: 20, n: 50 });
    expect(rate.change.difference).toBeCloseTo(23.75, 9);
    expect(rate.change.p).toBeLessThan(0.01);

    // phones alone: 10 of 40; the same from their page
    const phones = (await trends({ by: 'device', value: 'mobile' })).responseRate;
    expect(phones.change.current).toMatchObject({ value: 25, n: 40 });
    expect(phones.change.previous).toMatchObject({ value: null, n: 0 });
    const phonePage = (await trends({ by: 'path', value: '/mobile' })).responseRate;
    expect(phonePage.buckets).toEqual(phones.buckets);
    // from the middle of the 28th: the rows of its last hours, the desktops' 20 answered at 23:00
    const late = (await trends({ since: '2026-11-28T18:00:00Z' })).responseRate;
    expect(late.change.current).toMatchObject({ value: 100, n: 20 });
    // in English (the desktops' prompts): 25 of 40 this period
    expect((await trends({ by: 'locale', value: 'en' })).responseRate.change.current).toMatchObject({ value: 62.5, n: 40 });
    // new visitors (the phones'): 10 of 40, as the phones
    expect((await trends({ by: 'visitor', value: 'new' })).responseRate.buckets).toEqual(phones.buckets);
    // the pro plan's (the desktops'): 25 of 40
    expect((await trends({ by: 'trait:plan', value: 'pro' })).responseRate.buckets).toEqual(
      (await trends({ by: 'locale', value: 'en' })).responseRate.buckets,
    );
    // a plan nobody shown a prompt is on has none to give
    expect((await trends({ by: 'trait:plan', value: 'free' })).responseRate).toBeNull();
    // nothing shown in the range
    expect((await trends({ since: '2025-01-01', until: '2025-02-01' })).responseRate).toBeNull();
  });
}
