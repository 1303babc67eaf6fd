import { request } from 'node:http';
import { summarize } from '../../src/sdk/scores.js';
import type { Response } from '../../src/schema/response.js';
import { answersOf, batch, expect, responses, storeKinds, test } from '../support/collector-harness.js';

/** RFC 4180 parsing, to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  return rows;
}

for (const database of storeKinds) {
  test.describe(`on ${database}`, () => {
    test('a valid batch is accepted with 202 and stored', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const sent = responses(20);
      const reply = await collector.post(batch(sent));
      expect(reply.status).toBe(202);
      expect(await reply.json()).toEqual({ accepted: 20, duplicates: 0 });
      const stored = await collector.stored();
      expect(stored.map((r) => r.id).sort()).toEqual(sent.map((r) => r.id).sort());
      expect(stored.find((r) => r.id === sent[0]!.id)).toEqual(sent[0]);
    });

    test('accepts application/json bodies too', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const reply = await collector.post(batch(responses(1)), { headers: { 'Content-Type': 'application/json' } });
      expect(reply.status).toBe(202);
    });

    test('the same batch twice stores each response once and counts the duplicates', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const sent = batch(responses(10));
      expect(await (await collector.post(sent)).json()).toEqual({ accepted: 10, duplicates: 0 });
      expect(await (await collector.post(sent)).json()).toEqual({ accepted: 0, duplicates: 10 });
      expect(await collector.stored()).toHaveLength(10);
    });

    test('the same batch posted concurrently is stored once', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const sent = batch(responses(50));
      const replies = await Promise.all(
        Array.from({ length: 8 }, () => collector.post(sent).then((r) => r.json() as Promise<{ accepted: number; duplicates: number }>)),
      );
      expect(replies.reduce((sum, r) => sum + r.accepted, 0)).toBe(50);
      expect(replies.reduce((sum, r) => sum + r.duplicates, 0)).toBe(50 * 7);
      expect(await collector.stored()).toHaveLength(50);
    });

    test("a phone whose clock is two years behind has its answers dated by the collector's clock; a clock a minute off moves nothing", async ({
      startCollector,
    }) => {
      const collector = await startCollector({ database });
      const behind = 2 * 365 * 86_400_000 + 3 * 3_600_000;
      const now = Date.now();
      const [late, fine] = responses(2, 94);
      // answered ten minutes before the batch was sent, by the phone's clock
      const phone = (ms: number) => new Date(ms - behind).toISOString();
      expect((await collector.post({ v: 1, sentAt: phone(now), responses: [{ ...late!, answeredAt: phone(now - 600_000) }] })).status).toBe(
        202,
      );
      const oneMinute = new Date(now - 60_000).toISOString();
      const answeredAt = new Date(now - 660_000).toISOString();
      expect((await collector.post({ v: 1, sentAt: oneMinute, responses: [{ ...fine!, answeredAt }] })).status).toBe(202);
      const stored = new Map((await collector.stored()).map((r) => [r.id, r]));
      // within the time the post took
      const moved = Date.parse(stored.get(late!.id)!.answeredAt) - (now - 600_000);
      expect(moved).toBeGreaterThanOrEqual(0);
      expect(moved).toBeLessThan(10_000);
      expect(stored.get(fine!.id)!.answeredAt).toBe(answeredAt);
    });

    test('an invalid batch gets 400 listing each issue by path, and nothing of it is stored', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const [good, bad, worse] = responses(3);
      const reply = await collector.post(
        batch([
          good!,
          { ...bad!, kind: 'nps', scale: { min: 0, max: 10 }, score: 11 },
          { ...worse!, id: 'not-a-uuid', kind: 'stars', metadata: { order: { id: 7 } } } as unknown as Response,
        ]),
      );
      expect(reply.status).toBe(400);
      const body = (await reply.json()) as { issues: Array<{ path: string; message: string }> };
      expect(body.issues).toEqual(
        expect.arrayContaining([
          { path: 'body.responses[1].score', message: expect.stringMatching(/^expected an integer from 0 to 10 for nps, got 11$/) },
          { path: 'body.responses[2].id', message: expect.stringMatching(/^expected a valid uuid/) },
          { path: 'body.responses[2].kind', message: expect.stringMatching(/^expected one of "nps", "csat", "ces"/) },
          { path: 'body.responses[2].metadata.order', message: 'expected a string, a number or a boolean, got an object' },
        ]),
      );
      expect(await collector.stored()).toHaveLength(0);
      expect((await collector.post('{ not json')).status).toBe(400);
      expect((await collector.post(batch([]))).status).toBe(400);
    });

    test('a body over the limit gets 413 before it has all been sent, and is not read into memory', async ({ startCollector }) => {
      const collector = await startCollector({ database, maxBodyBytes: 4096 });
      const { port } = new URL(collector.url);
      const result = await new Promise<{ status: number; bytesWrittenBeforeReply: number }>((resolve, reject) => {
        let written = 0;
        let replied = false;
        const req = request(
          { host: '127.0.0.1', port, path: '/v1/responses', method: 'POST', headers: { 'Content-Type': 'text/plain' } },
          (res) => {
            replied = true;
            resolve({ status: res.statusCode ?? 0, bytesWrittenBeforeReply: written });
            res.resume();
          },
        );
        req.on('error', (error) => (replied ? undefined : reject(error)));
        const chunk = Buffer.alloc(1024, 'x');
        // a chunked body of up to 4 MiB, written slowly: the reply must come long before the end
        const pump = () => {
          if (replied || written >= 4 * 1024 * 1024) return void req.end();
          written += chunk.length;
          req.write(chunk, () => setTimeout(pump, 1));
        };
        pump();
      });
      expect(result.status).toBe(413);
      expect(result.bytesWrittenBeforeReply).toBeLessThan(1024 * 1024);
      const declared = await fetch(`${collector.url}v1/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'x'.repeat(5000),
      });
      expect(declared.status).toBe(413);
      expect(await collector.stored()).toHaveLength(0);
    });

    test('a wrong or missing write key gets 401', async ({ startCollector }) => {
      const collector = await startCollector({ database, writeKey: 'wk_secret' });
      const sent = batch(responses(1));
      expect((await collector.post(sent)).status).toBe(401);
      expect((await collector.post(sent, { query: '?key=wk_wrong' })).status).toBe(401);
      expect((await collector.post(sent, { query: '?key=wk_secret' })).status).toBe(202);
      expect((await collector.post(batch(responses(1, 2)), { headers: { 'X-Cxkit-Key': 'wk_secret' } })).status).toBe(202);
    });

    test('answers CORS preflights for allowed origins only', async ({ startCollector }) => {
      const collector = await startCollector({ database, origins: ['https://shop.example'] });
      const preflight = (origin: string) =>
        fetch(`${collector.url}v1/responses`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
        });
      const allowed = await preflight('https://shop.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      const refused = await preflight('https://evil.example');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await collector.post(batch(responses(1)), { headers: { Origin: 'https://shop.example' } });
      expect(simple.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(simple.headers.get('access-control-expose-headers')).toBe('Retry-After');
      expect((await collector.post(batch(responses(1, 3)), { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    });

    test('the summary equals summarize() on the same data, and filters by touchpoint and dates', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const sent = responses(300);
      for (let i = 0; i < sent.length; i += 50) expect((await collector.post(batch(sent.slice(i, i + 50)))).status).toBe(202);
      const { ci95, nps, csat, ces } = (await (await fetch(`${collector.url}v1/summary`)).json()) as Record<string, unknown> & {
        ci95: Record<string, number>;
      };
      expect({ nps, csat, ces }).toEqual(JSON.parse(JSON.stringify(summarize(sent))));
      expect(ci95.nps).toBeGreaterThan(0);
      const since = new Date(Date.now() - 7 * 86_400_000);
      const recentCheckout = sent.filter((r) => r.touchpoint === 'checkout-complete' && new Date(r.answeredAt) >= since);
      const filtered = (await (
        await fetch(`${collector.url}v1/summary?touchpoint=checkout-complete&since=${since.toISOString()}`)
      ).json()) as {
        nps: { n: number; score: number };
      };
      expect(filtered.nps).toEqual(summarize(recentCheckout).nps);
      const bad = await fetch(`${collector.url}v1/summary?since=last-week`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({
        issues: [{ path: 'query.since', message: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time, from year 0001 on' }],
      });
    });

    test('stage= narrows every figure to the touchpoints whose answers said they belong to that stage', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const stageOf: Record<string, string> = { 'checkout-complete': 'buy', 'pricing-page': 'buy', 'help-article': 'get-help' };
      const sent = responses(200, 9).map((r) => (stageOf[r.touchpoint] ? { ...r, stage: stageOf[r.touchpoint] } : r));
      for (let i = 0; i < sent.length; i += 50) expect((await collector.post(batch(sent.slice(i, i + 50)))).status).toBe(202);
      for (const stage of ['buy', 'get-help', 'stay']) {
        const summary = (await (await fetch(`${collector.url}v1/summary?stage=${stage}`)).json()) as Record<string, unknown>;
        const expected = summarize(sent.filter((r) => r.stage === stage));
        expect({ nps: summary.nps, csat: summary.csat, ces: summary.ces }, stage).toEqual(JSON.parse(JSON.stringify(expected)));
      }
      expect(sent.some((r) => r.stage === 'buy') && sent.some((r) => r.stage === 'get-help')).toBe(true);
    });

    test('the CSV export round-trips, quoting what needs it and defusing formulas', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const tricky = ['Great, "really" great', 'line one\r\nline two', 'Ünïcødé ✓ 日本語', '=HYPERLINK("http://evil")', '-1 for the wait'];
      const sent = responses(tricky.length).map((r, i) => ({ ...r, comment: tricky[i], traits: { plan: 'pro', seats: 3 } }));
      await collector.post(batch(sent));
      const reply = await fetch(`${collector.url}v1/responses.csv`);
      expect(reply.headers.get('content-type')).toContain('text/csv');
      const bytes = Buffer.from(await reply.arrayBuffer());
      // the UTF-8 byte order mark Excel needs to read the comments as UTF-8 rather than in a legacy code page
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
      expect(header).toEqual(expect.arrayContaining(['id', 'kind', 'score', 'touchpoint', 'comment', 'answered_at', 'traits']));
      const column = (name: string) => header!.indexOf(name);
      const byId = new Map(rows.map((row) => [row[column('id')], row]));
      for (const r of sent) {
        const row = byId.get(r.id)!;
        const comment = row[column('comment')]!;
        // a leading = + - @ gets an apostrophe so that spreadsheets show text instead of running a formula
        expect(comment.replace(/^'(?=[=+\-@])/, '')).toBe(r.comment);
        expect(Number(row[column('score')])).toBe(r.score);
        expect(row[column('kind')]).toBe(r.kind);
        expect(row[column('answered_at')]).toBe(r.answeredAt);
        expect(JSON.parse(row[column('traits')]!)).toEqual(r.traits);
      }
      expect(byId.get(sent[3]!.id)![column('comment')]).toBe(`'${tricky[3]}`);
    });

    test('with a read key, the summary, CSV and report need it', async ({ startCollector }) => {
      const collector = await startCollector({ database, readKey: 'rk_secret' });
      for (const path of ['v1/summary', 'v1/responses.csv', 'v1/report']) {
        expect((await fetch(`${collector.url}${path}`)).status).toBe(401);
        expect((await fetch(`${collector.url}${path}?key=rk_secret`)).status).toBe(200);
      }
      expect((await fetch(`${collector.url}v1/summary`, { headers: { Authorization: 'Bearer rk_secret' } })).status).toBe(200);
    });

    test('the report has a trend by day, distributions and the latest comments, newest first', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const sent = responses(120);
      for (let i = 0; i < sent.length; i += 50) await collector.post(batch(sent.slice(i, i + 50)));
      const report = (await (await fetch(`${collector.url}v1/report`)).json()) as {
        trend: Array<{ day: string; n: number }>;
        distribution: { nps: number[]; csat: number[]; ces: number[] };
        comments: Array<{ answeredAt: string }>;
        touchpoints: string[];
      };
      expect(report.trend.reduce((n, d) => n + d.n, 0)).toBe(120);
      expect(report.trend.map((d) => d.day)).toEqual([...report.trend.map((d) => d.day)].sort());
      expect(report.distribution.nps).toHaveLength(11);
      expect(report.distribution.nps.reduce((a, b) => a + b, 0)).toBe(sent.filter((r) => r.kind === 'nps').length);
      const times = report.comments.map((c) => c.answeredAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(report.touchpoints).toEqual(['checkout-complete', 'help-article', 'pricing-page']);
    });

    test('a site with a touchpoint per product: the report and summary list the 500 most answered and say how many more there are, and every answer is still counted', async ({
      startCollector,
    }) => {
      const collector = await startCollector({ database });
      const at = Date.now() - 3_600_000;
      const products = Array.from({ length: 500 }, (_, i) => `product-${String(i).padStart(3, '0')}`);
      const sent = [
        // a minute apart: answersOf's ids follow from its arguments
        ...products.flatMap((product, i) => answersOf(product, 'csat', 5, 2, at - i * 60_000)),
        ...['rare-1', 'rare-2', 'rare-3', 'rare-4', 'rare-5'].flatMap((rare, i) =>
          answersOf(rare, 'csat', 1, 1, at - (1_000 + i) * 60_000),
        ),
      ];
      for (let i = 0; i < sent.length; i += 50) expect((await collector.post(batch(sent.slice(i, i + 50)))).status).toBe(202);
      const read = async (path: string) => (await fetch(`${collector.url}v1/${path}`)).json();

      const report = await read('report');
      expect(report.touchpoints).toEqual(products);
      expect(report.touchpointsLeftOut).toBe(5);
      expect(Object.keys(report.summary.byTouchpoint)).toEqual(products);
      expect(report.summary.byTouchpointLeftOut).toBe(5);
      expect(report.summary.csat.n).toBe(1_005);
      const summary = await read('summary');
      expect(Object.keys(summary.byTouchpoint)).toHaveLength(500);
      expect(summary).toMatchObject({ byTouchpointLeftOut: 5, answers: 1_005 });
      // one left out is there when asked for
      const rare = await read('summary?touchpoint=rare-3');
      expect(rare).toMatchObject({ byTouchpoint: { 'rare-3': { answers: 1 } }, byTouchpointLeftOut: 0 });
    });

    test('a complete answer replaces its partial twin; a partial one never replaces a complete one', async ({ startCollector }) => {
      const collector = await startCollector({ database });
      const [first, second] = responses(2);
      const partialFirst = { ...first!, partial: true };
      const { partial: _drop, ...completeSecond } = { ...second!, comment: 'Done' };
      expect(await (await collector.post(batch([partialFirst, completeSecond]))).json()).toEqual({ accepted: 2, duplicates: 0 });
      const completeFirst = { ...first!, comment: 'Finished after all' };
      expect(await (await collector.post(batch([completeFirst, { ...completeSecond, partial: true }]))).json()).toEqual({
        accepted: 1,
        duplicates: 1,
      });
      const stored = await collector.stored();
      expect(stored.find((r) => r.id === first!.id)).toEqual(completeFirst);
      expect(stored.find((r) => r.id === second!.id)).toEqual(completeSecond);
    });
  });
}
