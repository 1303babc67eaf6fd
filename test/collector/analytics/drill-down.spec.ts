// The drill-down on a data set whose answers are known, on both stores: every figure's answers listed, narrowed by
// kind, band, score, segment, comment and follow-up status, paged in each order without skipping or repeating, and
// exported as CSV and JSON holding exactly what the listing holds.
import type { Response } from '../../../src/schema/response.js';
import { answersOf, batch, expect, storeKinds, test, type Collector } from '../../support/collector-harness.js';

const at = Date.UTC(2026, 10, 20, 12);
const data: Response[] = [
  ...answersOf('checkout', 'nps', 2, 5, at, {
    device: 'mobile',
    comment: 'slow payment page',
    page: { url: 'https://shop.example/checkout?step=3' },
  }),
  ...answersOf('checkout', 'nps', 9, 3, at - 3_600_000, { device: 'desktop' }),
  ...answersOf('checkout', 'nps', 7, 2, at - 7_200_000, { device: 'desktop', comment: 'fine' }),
  ...answersOf('support', 'csat', 5, 4, at, { device: 'tablet' }),
  ...answersOf('support', 'csat', 1, 1, at, { device: 'tablet', comment: 'no answer for a week' }),
];

interface Listing {
  answers: Array<{ response: Response; segments: Record<string, string>; followUp: { status: string } | null }>;
  next: string | null;
  total: number | null;
}

async function list(collector: Collector, query: Record<string, string>): Promise<Listing> {
  const response = await fetch(`${collector.url}v1/answers?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return response.json();
}

for (const kind of storeKinds) {
  test(`${kind}: the answers behind a figure, narrowed, paged and exported`, async ({ startCollector }) => {
    const collector = await startCollector({ database: kind, adminKey: 'admin' });
    expect((await collector.post(batch(data))).status).toBe(202);

    const detractors = await list(collector, { kind: 'nps', band: 'unhappy' });
    expect(detractors.total).toBe(5);
    expect(detractors.next).toBeNull();
    expect(detractors.answers.map((a) => a.response.score)).toEqual([2, 2, 2, 2, 2]);
    expect(detractors.answers[0]).toMatchObject({ segments: { device: 'mobile', path: '/checkout' }, followUp: { status: 'open' } });
    expect((await list(collector, { kind: 'nps', band: 'happy' })).answers.every((a) => a.followUp === null)).toBe(true);
    expect((await list(collector, { kind: 'nps', score: '7' })).total).toBe(2);
    const mobile = await list(collector, { by: 'device', value: 'mobile' });
    expect([mobile.total, mobile.answers.length]).toEqual([5, 5]);
    // a comment filter needs the rows: no total, the listing still exact
    const commented = await list(collector, { comment: '1' });
    expect(commented.total).toBeNull();
    expect(commented.answers.map((a) => a.response.comment).sort()).toEqual([
      'fine',
      'fine',
      'no answer for a week',
      ...Array(5).fill('slow payment page'),
    ]);

    // every order pages through the ten NPS answers once each, three at a time
    for (const order of ['newest', 'oldest', 'lowest', 'highest'] as const) {
      const seen: Response[] = [];
      let after: string | null = null;
      do {
        const page: Listing = await list(collector, { kind: 'nps', order, limit: '3', ...(after ? { after } : {}) });
        expect(page.total).toBe(10);
        seen.push(...page.answers.map((a) => a.response));
        after = page.next;
      } while (after);
      expect(new Set(seen.map((r) => r.id)).size).toBe(10);
      const scores = seen.map((r) => r.score);
      const times = seen.map((r) => Date.parse(r.answeredAt));
      if (order === 'lowest') expect(scores).toEqual([...scores].sort((a, b) => a - b));
      if (order === 'highest') expect(scores).toEqual([...scores].sort((a, b) => b - a));
      if (order === 'newest') expect(times).toEqual([...times].sort((a, b) => b - a));
      if (order === 'oldest') expect(times).toEqual([...times].sort((a, b) => a - b));
    }

    // follow-up status: one detractor contacted leaves four NPS and one CSAT answer open
    const contacted = detractors.answers[0]!.response.id;
    const patch = await fetch(`${collector.url}v1/responses/${contacted}/follow-up`, {
      method: 'PATCH',
      headers: { Authorization: 'Bearer admin', 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'contacted', note: 'called back', assignee: 'Ana' }),
    });
    expect(patch.status).toBe(200);
    expect((await list(collector, { status: 'open' })).answers).toHaveLength(5);
    const done = await list(collector, { status: 'contacted' });
    expect(done.answers.map((a) => [a.response.id, a.followUp])).toEqual([
      [contacted, expect.objectContaining({ status: 'contacted', note: 'called back' })],
    ]);

    // the exports hold what the listing holds, with the follow-up beside each answer
    const csv = await (await fetch(`${collector.url}v1/answers.csv?kind=nps&band=unhappy`)).text();
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    expect(header!.split(',').slice(-6)).toEqual(['stage', 'device', 'visitor', 'follow_up', 'answered_local', 'follow_up_owner']);
    expect(lines).toHaveLength(5);
    expect(lines.filter((line) => /,contacted,[^,]*,Ana$/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => /,open,[^,]*,$/.test(line))).toHaveLength(4);
    const json = await fetch(`${collector.url}v1/answers.json?kind=nps&band=unhappy&order=oldest`);
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="cxkit-answers.json"');
    const rows = (await json.json()) as Listing['answers'];
    expect(rows.map((r) => r.response.id).sort()).toEqual(detractors.answers.map((a) => a.response.id).sort());
    expect(await (await fetch(`${collector.url}v1/answers.json?kind=ces`)).json()).toEqual([]);
    const all = await (await fetch(`${collector.url}v1/responses.csv`)).text();
    expect(all.trimEnd().split('\r\n')).toHaveLength(1 + data.length);

    for (const [query, path] of [
      ['band=angry', 'query.band'],
      ['after=not-a-cursor', 'query.after'],
      ['by=device', 'query.value'],
      ['by=trait:email&value=x', 'query.by'],
      ['score=11', 'query.score'],
      ['limit=1000', 'query.limit'],
    ] as const) {
      const refused = await fetch(`${collector.url}v1/answers?${query}`);
      expect(refused.status).toBe(400);
      expect((await refused.json()).issues[0].path).toBe(path);
    }
  });
}

// eleven scores answered at times that interleave, the odd ones' comments naming a delivery now and then
const interleaved: Response[] = [];
for (let score = 0; score <= 10; score++) {
  for (let round = 0; round < 3; round++) {
    const at = Date.UTC(2026, 10, 1 + round * 7 + (score % 5), 12 + score);
    const comment = round === 1 ? {} : { comment: score % 2 ? 'Late delivery' : 'fine' };
    interleaved.push(...answersOf('checkout', 'nps', score, 1 + ((score + round) % 3), at, comment));
  }
}

for (const kind of storeKinds) {
  test(`${kind}: a score order pages by score, newest first within each, with a search or without, whatever the page size`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    for (let i = 0; i < interleaved.length; i += 50) expect((await collector.post(batch(interleaved.slice(i, i + 50)))).status).toBe(202);
    for (const [query, matching] of [
      [{ kind: 'nps' }, interleaved],
      [{ q: 'delivery' }, interleaved.filter((r) => r.comment === 'Late delivery')],
    ] as const) {
      for (const order of ['lowest', 'highest'] as const) {
        const expected = [...matching]
          .sort((a, b) => (order === 'lowest' ? a.score - b.score : b.score - a.score) || b.answeredAt.localeCompare(a.answeredAt))
          .map((r) => r.id);
        for (const limit of [1, 4, 50]) {
          const seen: string[] = [];
          let after: string | null = null;
          do {
            const page: Listing = await list(collector, { ...query, order, limit: String(limit), ...(after ? { after } : {}) });
            expect(page.answers.length).toBeLessThanOrEqual(limit);
            seen.push(...page.answers.map((a) => a.response.id));
            after = page.next;
          } while (after);
          expect(seen, `${JSON.stringify(query)} ${order} by ${limit}`).toEqual(expected);
        }
      }
    }
  });
}
