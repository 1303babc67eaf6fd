// Segments on a data set whose figures are worked out by hand, on both stores: breakdowns by device, trait, locale,
// page path and visitor, two segments compared with the difference, its interval and p-value; edges of days read
// from the rows agree with whole days read from the rollup; replacing, erasing and re-segmenting keep counts exact.
import type { Display, DisplayOutcome } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import { answersOf, batch, display, expect, storeKinds, test, type Collector } from '../../support/collector-harness.js';

const day = Date.UTC(2026, 10, 20, 12);
const page = (url: string) => ({ page: { url } });
const data: Response[] = [
  // mobile: NPS (20 − 20) / 40 = 0; desktop: (30 − 10) / 40 = 50
  ...answersOf('checkout', 'nps', 10, 20, day, { device: 'mobile', traits: { plan: 'pro', seats: 3 }, locale: 'de-DE', visitor: 'new' }),
  ...answersOf('checkout', 'nps', 0, 20, day - 3_600_000, {
    device: 'mobile',
    traits: { plan: 'free', email: 'a@b.example' },
    locale: 'de-DE',
  }),
  ...answersOf('checkout', 'nps', 10, 30, day - 7_200_000, {
    device: 'desktop',
    traits: { plan: 'pro' },
    locale: 'en-US',
    visitor: 'returning',
    ...page('https://shop.example/orders/1234/receipt?utm=x'),
  }),
  ...answersOf('checkout', 'nps', 0, 10, day - 10_800_000, {
    device: 'desktop',
    locale: 'en-US',
    visitor: 'returning',
    ...page('https://shop.example/orders/98765/receipt/'),
  }),
  // tablet: CSAT 4 of 5 satisfied
  // on a hash-routed app (its views are routes after "#/"); a hash that is a place in the page is not part of the path
  ...answersOf('support', 'csat', 5, 4, day, { device: 'tablet', locale: 'fr', ...page('https://app.example/#/tickets/4521?tab=chat') }),
  ...answersOf('support', 'csat', 1, 1, day, { device: 'tablet', locale: 'fr', ...page('https://app.example/help#reviews') }),
];

async function segments(collector: Collector, query: Record<string, string>) {
  const response = await fetch(`${collector.url}v1/segments?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return response.json();
}
/** The values of a breakdown by name, as the endpoint answers them. */
const byValue = (body: { values: Array<{ value: string }> }): Record<string, any> =>
  Object.fromEntries(body.values.map((v) => [v.value, v]));
/** `count` displays at checkout that ended in `outcome`, shown `hoursBefore` hours before `day`, with `overrides`. */
const shown = (outcome: DisplayOutcome, count: number, hoursBefore: number, overrides: Partial<Display> = {}) =>
  Array.from({ length: count }, () =>
    display('checkout', outcome, { shownAt: new Date(day - hoursBefore * 3_600_000).toISOString(), ...overrides }),
  );
const post = async (collector: Collector, answers: readonly Response[]) => {
  for (let i = 0; i < answers.length; i += 50) expect((await collector.post(batch(answers.slice(i, i + 50)))).status).toBe(202);
};

for (const kind of storeKinds) {
  test(`${kind}: segment breakdowns and a comparison match the hand-worked figures`, async ({ startCollector }) => {
    const collector = await startCollector({ database: kind, segmentTraits: ['plan', 'seats'], adminKey: 'admin' });
    await post(collector, data);

    const device = await segments(collector, { by: 'device', a: 'mobile', b: 'desktop' });
    expect(device.dimensions).toEqual(['device', 'locale', 'path', 'visitor', 'trait:plan', 'trait:seats']);
    expect(device.values.map((v: { value: string; n: number }) => [v.value, v.n])).toEqual([
      ['desktop', 40],
      ['mobile', 40],
      ['tablet', 5],
    ]);
    const devices = byValue(device);
    expect(devices.mobile.metrics.nps).toMatchObject({ value: 0, n: 40, sparse: false });
    expect(devices.desktop.metrics.nps).toMatchObject({ value: 50, n: 40 });
    expect(devices.tablet.metrics.csat).toMatchObject({ value: 80, n: 5, sparse: true });
    // 0 − 50: se √(250 + 187.5) = 20.92, z = 2.39, p = 0.0168
    const nps = device.comparison.differences.nps;
    expect(nps.difference).toBe(-50);
    expect(nps.ci95).toBeCloseTo(40.9963, 3);
    expect(nps.p).toBeCloseTo(0.016827, 5);
    expect(device.comparison.a).toMatchObject({ value: 'mobile', n: 40 });
    expect(device.comparison.differences.csat).toEqual({ difference: null, ci95: null, p: null });

    // traits: only those the collector segments by, numbers as text; an email is never a segment
    const plan = byValue(await segments(collector, { by: 'trait:plan' }));
    expect(Object.keys(plan).sort()).toEqual(['free', 'pro']);
    expect(plan.pro.metrics.nps).toMatchObject({ value: 100, n: 50 });
    expect(plan.free.metrics.nps).toMatchObject({ value: -100, n: 20 });
    expect(byValue(await segments(collector, { by: 'trait:seats' }))['3'].n).toBe(20);
    const unknown = await fetch(`${collector.url}v1/segments?by=trait:email`);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).issues[0]).toMatchObject({ path: 'query.by' });

    // locale as recorded; page paths with record ids folded and no query or trailing slash; new or returning
    expect(Object.keys(byValue(await segments(collector, { by: 'locale' }))).sort()).toEqual(['de-DE', 'en-US', 'fr']);
    const paths = byValue(await segments(collector, { by: 'path' }));
    expect(paths['/orders/:id/receipt']).toMatchObject({ n: 40, metrics: { nps: { value: 50 } } });
    expect(paths['/#/tickets/:id']).toMatchObject({ n: 4, metrics: { csat: { value: 100 } } });
    expect(paths['/help']).toMatchObject({ n: 1 });
    const visitors = byValue(await segments(collector, { by: 'visitor' }));
    expect(visitors.new.n).toBe(20);
    expect(visitors.returning.metrics.nps).toMatchObject({ value: 50, n: 40 });

    // the same day read as rows (edges of a range) and from the rollup (whole days) agree, and filters apply
    const rows = await segments(collector, { by: 'device', since: '2026-11-20T06:00:00Z', until: '2026-11-21T06:00:00Z' });
    const whole = await segments(collector, { by: 'device', since: '2026-11-20', until: '2026-11-21' });
    expect(rows.values).toEqual(whole.values);
    expect(whole.values).toEqual(device.values);
    const support = await segments(collector, { by: 'device', touchpoint: 'support' });
    expect(support.values.map((v: { value: string }) => v.value)).toEqual(['tablet']);
    expect(await segments(collector, { by: 'device', since: '2026-11-21' })).toMatchObject({ values: [], others: { values: 0, n: 0 } });
    const limited = await segments(collector, { by: 'device', limit: '1' });
    expect(limited.values).toHaveLength(1);
    expect(limited.others).toEqual({ values: 2, n: 45 });

    // a partial answer completed later counts once, under the complete answer's segments
    const [partial] = answersOf('checkout', 'nps', 3, 1, day, { device: 'mobile', partial: true });
    await post(collector, [partial!]);
    await post(collector, [{ ...partial!, partial: false, comment: 'fine', device: 'tablet' }]);
    const replaced = byValue(await segments(collector, { by: 'device' }));
    expect(replaced.mobile.n).toBe(40);
    expect(replaced.tablet.n).toBe(6);

    // erasing a person takes their answers out of every segment
    const { userId: _none, ...anonymous } = answersOf('checkout', 'nps', 10, 1, day, { device: 'mobile', anonymousId: 'erase-me' })[0]!;
    await post(collector, [anonymous, { ...anonymous, id: crypto.randomUUID() }]);
    expect(byValue(await segments(collector, { by: 'device' })).mobile.n).toBe(42);
    const erasure = await fetch(`${collector.url}v1/people/anonymous/erase-me`, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer admin' },
    });
    expect(await erasure.json()).toMatchObject({ erased: { responses: 2 } });
    expect(byValue(await segments(collector, { by: 'device' })).mobile.n).toBe(40);
  });

  test(`${kind}: a changed trait list re-segments the stored answers at the next start`, async ({ startCollector, database }) => {
    const url = await database(kind);
    const before = await startCollector({ database: url, segmentTraits: [] });
    await post(before, data);
    expect((await segments(before, { by: 'device' })).dimensions).toEqual(['device', 'locale', 'path', 'visitor']);
    const after = await startCollector({ database: url, segmentTraits: ['plan'] });
    const plan = byValue(await segments(after, { by: 'trait:plan' }));
    expect(plan.pro).toMatchObject({ n: 50, metrics: { nps: { value: 100 } } });
    expect(plan.free.n).toBe(20);
    // the built-in dimensions are not counted twice by the second pass
    expect(byValue(await segments(after, { by: 'device' })).mobile.n).toBe(40);
  });
}

test('a segment trait named like a property every object has (constructor, toString) counts only answers that carry it', async ({
  startCollector,
}) => {
  const collector = await startCollector({ segmentTraits: ['constructor', 'toString'] });
  await post(collector, [
    ...answersOf('checkout', 'nps', 10, 3, day, { traits: { constructor: 'builder' } }),
    ...answersOf('checkout', 'nps', 0, 2, day - 3_600_000, { traits: { plan: 'pro' } }),
  ]);
  const body = await segments(collector, { by: 'trait:constructor' });
  expect(body.values.map((v: { value: string; n: number }) => [v.value, v.n])).toEqual([['builder', 3]]);
  expect(body.others).toEqual({ values: 0, n: 0 });
  expect((await segments(collector, { by: 'trait:toString' })).values).toEqual([]);
});

for (const kind of storeKinds) {
  test(`${kind}: a trait value cut to 200 characters is cut before an emoji it would split, and the answer is stored`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind, segmentTraits: ['plan'] });
    // PostgreSQL's json refused the half emoji: the batch was a 503 for ever
    await post(collector, answersOf('checkout', 'nps', 9, 2, day, { traits: { plan: `${'x'.repeat(199)}😀 and more` } }));
    const plan = await segments(collector, { by: 'trait:plan' });
    expect(plan.values.map((v: { value: string; n: number }) => [v.value, v.n])).toEqual([['x'.repeat(199), 2]]);
  });
}

for (const kind of storeKinds) {
  test(`${kind}: by device, each device's response rate from its displays, a device shown but never answered included; the edges of a day from the rows`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    const displays = [
      // mobile: 2 of 8 answered; desktop: 3 of 4; tablet: 0 of 5; no device: not a device's
      ...shown('answered', 2, 1, { device: 'mobile' }),
      ...shown('ignored', 6, 30, { device: 'mobile' }),
      ...shown('answered', 3, 2, { device: 'desktop' }),
      ...shown('dismissed', 1, 50, { device: 'desktop' }),
      ...shown('ignored', 5, 3, { device: 'tablet' }),
      ...shown('answered', 4, 4),
    ];
    const answers = [
      ...answersOf('checkout', 'nps', 9, 2, day - 3_600_000, { device: 'mobile' }),
      ...answersOf('checkout', 'nps', 3, 3, day - 7_200_000, { device: 'desktop' }),
    ];
    expect((await collector.post(batch(answers, displays))).status).toBe(202);
    const segments = async (query: string) => (await fetch(`${collector.url}v1/segments?${query}`)).json();

    const all = await segments('by=device');
    expect(
      Object.fromEntries(all.values.map((v: { value: string; n: number; displays: unknown }) => [v.value, [v.n, v.displays]])),
    ).toEqual({
      mobile: [2, { shown: 8, answered: 2, responseRate: 25 }],
      desktop: [3, { shown: 4, answered: 3, responseRate: 75 }],
      tablet: [0, { shown: 5, answered: 0, responseRate: 0 }],
    });
    // from the middle of a day: whole days from the rollup, the day's last hours from the rows
    const since = new Date(day - 33 * 3_600_000).toISOString();
    const recent = await segments(`by=device&since=${since}`);
    expect(
      Object.fromEntries(recent.values.map((v: { value: string; displays: { shown: number } }) => [v.value, v.displays.shown])),
    ).toEqual({
      mobile: 8,
      desktop: 3,
      tablet: 5,
    });
    // two devices compared: 25% against 75% of prompts answered, on 8 and 4 shown
    const compared = await segments('by=device&a=mobile&b=desktop');
    expect(compared.comparison.responseRate.difference).toBe(-50);
    // √(100² (0.25 · 0.75 / 8 + 0.75 · 0.25 / 4)) = 26.52, ± 51.97; |z| = 1.886, p = 0.059
    expect(compared.comparison.responseRate.ci95).toBeCloseTo(51.97, 1);
    expect(compared.comparison.responseRate.p).toBeCloseTo(0.059, 2);
    // the other dimensions have no displays to speak of
    expect((await segments('by=visitor')).values.every((v: object) => !('displays' in v))).toBe(true);
  });
}

for (const kind of storeKinds) {
  test(`${kind}: by page, each page's response rate from its displays (record ids folded as in the answers' paths); a page's journey moments have its rates`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    const on = (url: string) => ({ stage: 'buy', ...page(url) });
    const displays = [
      // a receipt, whichever order: 3 of 4 answered; the cart: none of 4; a hash-routed help view: 1 of 2
      ...shown('answered', 3, 1, on('https://shop.example/orders/1234/receipt?utm=x')),
      ...shown('ignored', 1, 30, on('https://shop.example/orders/98765/receipt/')),
      ...shown('dismissed', 4, 2, on('https://shop.example/cart#coupon')),
      ...shown('answered', 1, 3, on('https://shop.example/#/help/faq?q=1')),
      ...shown('ignored', 1, 50, on('https://shop.example/#/help/faq')),
    ];
    const answers = [
      ...answersOf('checkout', 'nps', 9, 3, day - 3_600_000, { stage: 'buy', ...page('https://shop.example/orders/555/receipt') }),
      ...answersOf('checkout', 'nps', 2, 1, day - 3 * 3_600_000, { stage: 'buy', ...page('https://shop.example/#/help/faq') }),
    ];
    expect((await collector.post(batch(answers, displays))).status).toBe(202);
    const read = async (path: string, query: string) => (await fetch(`${collector.url}v1/${path}?${query}`)).json();
    const rates = (body: { values: Array<{ value: string; n: number; displays?: unknown }> }) =>
      Object.fromEntries(body.values.map((v) => [v.value, [v.n, v.displays]]));

    expect(rates(await read('segments', 'by=path'))).toEqual({
      '/orders/:id/receipt': [3, { shown: 4, answered: 3, responseRate: 75 }],
      '/#/help/faq': [1, { shown: 2, answered: 1, responseRate: 50 }],
      '/cart': [0, { shown: 4, answered: 0, responseRate: 0 }],
    });
    // from the middle of a day: whole days from the rollup, the day's last hours from the rows
    const since = new Date(day - 33 * 3_600_000).toISOString();
    expect(rates(await read('segments', `by=path&since=${since}`))).toEqual({
      '/orders/:id/receipt': [3, { shown: 4, answered: 3, responseRate: 75 }],
      '/#/help/faq': [1, { shown: 1, answered: 1, responseRate: 100 }],
      '/cart': [0, { shown: 4, answered: 0, responseRate: 0 }],
    });
    const compared = await read('segments', `by=path&a=${encodeURIComponent('/orders/:id/receipt')}&b=/cart`);
    expect(compared.comparison.responseRate.difference).toBe(75);

    // the journey of one page's customers: its moments have that page's response rate
    const range = `since=${new Date(day - 10 * 86_400_000).toISOString()}&until=${new Date(day + 3_600_000).toISOString()}`;
    const moment = async (path: string) =>
      (await read('journey', `${range}&by=path&value=${encodeURIComponent(path)}`)).stages[0].moments[0];
    expect(await moment('/orders/:id/receipt')).toMatchObject({ touchpoint: 'checkout', n: 3, responseRate: 75 });
    expect(await moment('/#/help/faq')).toMatchObject({ touchpoint: 'checkout', n: 1, responseRate: 50 });
  });
}
