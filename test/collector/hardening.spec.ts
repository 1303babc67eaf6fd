// What hostile or broken clients do to the collector, and what an operator needs: malformed requests, hang-ups, slow
// bodies, floods, health checks, an access log without secrets, a dashboard that keeps to itself.
import { execFile } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';
import { createCollectorHandler } from '../../collector/http/handler.js';
import type { AccessLogEntry } from '../../collector/http/access-log.js';
import { startCollectorServer } from '../../collector/http/server.js';
import { openStore } from '../../collector/store/open.js';
import { readAll, type ResponseStore } from '../../collector/store/store.js';
import { batch, display, expect, responses, storeKinds, test } from '../support/collector-harness.js';

/** Sends raw bytes and answers the status line of the reply ('' when the server closed without one). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    socket.on('error', () => undefined);
    socket.setTimeout(5000, () => socket.destroy());
  });
}

test('mounted as in the README, a bad Host or URL gets 400 and the server keeps serving', async ({ database }) => {
  const store = await openStore(await database('sqlite'));
  const collect = createCollectorHandler({ store, rateLimit: { perIp: 0, perKey: 0 } });
  // exactly the README's example: an unhandled rejection here would end the process
  const server: Server = createServer(async (req, res) => {
    if (!(await collect(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    expect(await raw(port, 'GET /v1/summary HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await raw(port, 'POST /v1/responses HTTP/1.1\r\nHost: a b\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}')).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect(await raw(port, 'GET //x:y@[ HTTP/1.1\r\nHost: ok\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 (400|404)/);
    const fine = await fetch(`http://127.0.0.1:${port}/v1/summary`);
    expect(fine.status).toBe(200);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  }
});

test('a client hanging up mid-body leaves no stack trace, nothing stored, and the server serving', async ({ startCollector }) => {
  const collector = await startCollector();
  const { port } = new URL(collector.url);
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args);
  try {
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port, path: '/v1/responses', method: 'POST', headers: { 'Content-Type': 'text/plain' } });
        req.on('error', () => resolve());
        req.write(JSON.stringify(batch(responses(3, i))).slice(0, 200), () => setTimeout(() => (req.destroy(), resolve()), 50));
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await collector.post(batch(responses(2, 99)))).status).toBe(202);
  } finally {
    console.error = original;
  }
  expect(errors).toEqual([]);
  expect(await collector.stored()).toHaveLength(2);
});

test('slow-body clients are cut off at the body deadline and capped per address, while real posts go through', async ({
  startCollector,
}) => {
  const collector = await startCollector({ bodyTimeoutMs: 1500, maxConnectionsPerIp: 20 });
  const { port } = new URL(collector.url);
  // the attacker comes from another loopback address, so that its cap is its own
  const slow: Socket[] = [];
  const closedAt: number[] = [];
  const opened = performance.now();
  for (let i = 0; i < 60; i++) {
    const socket = connect({ port: Number(port), host: '127.0.0.1', localAddress: '127.0.0.2' });
    socket.on('error', () => undefined);
    socket.on('close', () => closedAt.push(performance.now() - opened));
    socket.write('POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n{');
    slow.push(socket);
  }
  const trickle = setInterval(() => slow.forEach((s) => s.writable && s.write(' ')), 200);
  try {
    // over the per-address cap, the extra sockets are refused at once: well before the 1.5 s body deadline (polled, not
    // slept on, so that a busy machine connecting the 60 sockets slowly does not fail it)
    await expect.poll(() => closedAt.filter((t) => t < 1000).length, { timeout: 2000 }).toBeGreaterThanOrEqual(40);
    const started = performance.now();
    const reply = await collector.post(batch(responses(5, 3)));
    expect(reply.status).toBe(202);
    expect(performance.now() - started).toBeLessThan(1000);
    await expect.poll(() => closedAt.length, { timeout: 8000 }).toBe(60);
    // the 20 that were let in trickled for ever and were cut at the deadline, not before
    const cut = closedAt.filter((t) => t >= 1000);
    expect(cut).toHaveLength(20);
    expect(Math.min(...cut)).toBeGreaterThanOrEqual(1400);
  } finally {
    clearInterval(trickle);
    slow.forEach((s) => s.destroy());
  }
  expect(await collector.stored()).toHaveLength(5);
});

test('beyond the rate limit a client gets 429 with Retry-After, readable cross-origin, and others are unaffected', async ({
  startCollector,
}) => {
  const collector = await startCollector({ rateLimit: { perIp: 5 }, origins: ['https://shop.example'] });
  const sent = responses(8, 21);
  const statuses: number[] = [];
  let limited: globalThis.Response | undefined;
  for (const r of sent) {
    const reply = await collector.post(batch([r]), { headers: { Origin: 'https://shop.example' } });
    statuses.push(reply.status);
    if (reply.status === 429) limited ??= reply;
  }
  expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
  expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(limited!.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  expect(limited!.headers.get('access-control-expose-headers')).toBe('Retry-After');
  expect(await collector.stored()).toHaveLength(5);
  // health checks are never limited
  expect((await fetch(`${collector.url}healthz`)).status).toBe(200);
  // another address has its own allowance
  const other = await new Promise<number>((resolve, reject) => {
    const { port } = new URL(collector.url);
    const body = JSON.stringify(batch([sent[7]!]));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress: '127.0.0.3',
        path: '/v1/responses',
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
      },
      (res) => (res.resume(), resolve(res.statusCode ?? 0)),
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(other).toBe(202);
});

test('per key: one write key cannot take more than its share, whatever address it comes from', async ({ startCollector }) => {
  const collector = await startCollector({ rateLimit: { perIp: 0, perKey: 3 }, writeKey: 'wk_1' });
  const statuses: number[] = [];
  for (const r of responses(4, 22)) statuses.push((await collector.post(batch([r]), { query: '?key=wk_1' })).status);
  expect(statuses).toEqual([202, 202, 202, 429]);
});

test('/healthz answers while the process lives; /readyz only while storage answers', async ({ startCollector }) => {
  const collector = await startCollector();
  expect(await (await fetch(`${collector.url}healthz`)).json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${collector.url}readyz`);
  expect(ready.status).toBe(200);
  await collector.store.close();
  const unready = await fetch(`${collector.url}readyz`);
  expect(unready.status).toBe(503);
  expect((await fetch(`${collector.url}healthz`)).status).toBe(200);
  // a post the store cannot take is a 503 the SDK retries, with no answer lost on its side
  const refused = await collector.post(batch(responses(1, 23)));
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
});

test('the access log has a JSON line per request with the refusal reason, and never a key or a comment', async ({ startCollector }) => {
  const lines: AccessLogEntry[] = [];
  const collector = await startCollector({
    writeKey: 'wk_very_secret',
    readKey: 'rk_very_secret',
    accessLog: (entry) => void lines.push(JSON.parse(JSON.stringify(entry)) as AccessLogEntry),
  });
  const [answer] = responses(1, 24);
  await collector.post(batch([{ ...answer!, comment: 'my private comment' }]), { query: '?key=wk_very_secret' });
  await collector.post(batch(responses(1, 25)), { query: '?key=wrong' });
  await fetch(`${collector.url}v1/summary?key=rk_very_secret`);
  await collector.post('{ nope', { query: '?key=wk_very_secret', headers: { Origin: 'https://evil.example' } });
  await expect.poll(() => lines.length).toBe(4);
  const text = JSON.stringify(lines);
  expect(text).not.toContain('very_secret');
  expect(text).not.toContain('my private comment');
  expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
    ['POST', '/v1/responses', 202],
    ['POST', '/v1/responses', 401],
    ['GET', '/v1/summary', 200],
    ['POST', '/v1/responses', 403],
  ]);
  expect(lines[1]!.reason).toBe('missing or wrong write key');
  expect(lines[3]!).toMatchObject({ origin: 'https://evil.example', reason: 'origin https://evil.example is not allowed' });
  expect(lines[0]!.ip).toBe('127.0.0.1');
});

test('same-origin is decided by the public origin, not by the Host header a client sends', async ({ startCollector }) => {
  const collector = await startCollector({ publicOrigin: 'https://collect.example' });
  const own = await collector.post(batch(responses(1, 26)), { headers: { Origin: 'https://collect.example' } });
  expect(own.status).toBe(202);
  expect(own.headers.get('access-control-allow-origin')).toBeNull();
  const { port } = new URL(collector.url);
  const spoofed = await new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/responses',
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Host: 'evil.example', Origin: 'http://evil.example' },
      },
      (res) => (res.resume(), resolve(res.statusCode ?? 0)),
    );
    req.on('error', reject);
    req.end(JSON.stringify(batch(responses(1, 27))));
  });
  expect(spoofed).toBe(403);
});

test('the dashboard is served with a CSP, no framing, no referrer and nosniff', async ({ startCollector }) => {
  const collector = await startCollector();
  const page = await fetch(`${collector.url}dashboard`);
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect((await fetch(`${collector.url}v1/summary`)).headers.get('x-content-type-options')).toBe('nosniff');
});

test('refusals a page cannot otherwise read are readable: the 403 of a foreign origin, the 404 of a mistyped endpoint', async ({
  startCollector,
}) => {
  const collector = await startCollector({ origins: ['https://shop.example'] });
  const foreign = await collector.post(batch(responses(1, 28)), { headers: { Origin: 'https://other.example' } });
  expect(foreign.status).toBe(403);
  expect(foreign.headers.get('access-control-allow-origin')).toBe('https://other.example');
  expect(await foreign.json()).toEqual({ error: 'origin https://other.example is not allowed' });
  const mistyped = await fetch(`${collector.url}v1/respones`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: 'https://shop.example' },
    body: JSON.stringify(batch(responses(1, 29))),
  });
  expect(mistyped.status).toBe(404);
  expect(mistyped.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  expect(await mistyped.json()).toEqual({ error: 'no endpoint /v1/respones: answers go to POST /v1/responses' });
  expect(await collector.stored()).toEqual([]);
});

for (const kind of storeKinds) {
  test(`${kind}: every read answers a range from year 0001 to 9999, or from year 0000, with figures or a named refusal`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind });
    expect((await collector.post(batch(responses(20)))).status).toBe(202);
    const reads = ['summary', 'report', 'journey', 'trends', 'segments', 'answers', 'themes', 'inbox', 'responses.csv', 'answers.csv'];
    for (const read of reads) {
      // the period before 0001-01-01 → 9999-12-31, and the 28 days before 0001-01-02, reach back before year 0001
      for (const range of ['since=0001-01-01&until=9999-12-31', 'since=0001-01-01T00:30:00-01:00', 'until=0001-01-02']) {
        const response = await fetch(`${collector.url}v1/${read}?${range}`);
        expect(`${read}?${range}: ${response.status}`).toBe(`${read}?${range}: 200`);
        await response.arrayBuffer();
      }
      // PostgreSQL holds no ISO time in year 0000: named, not a 503
      for (const yearZero of ['since=0000-06-01', 'since=0001-01-01T00:30:00%2B01:00']) {
        const response = await fetch(`${collector.url}v1/${read}?${yearZero}`);
        expect(response.status).toBe(400);
        expect((await response.json()).issues[0]).toEqual({ path: 'query.since', message: expect.stringContaining('from year 0001 on') });
      }
    }
  });
}

const run = promisify(execFile);
/** A script for `node -e`: downloads the URL it is given and prints how many CRLF-separated lines it held. */
const downloadLines = `fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(String(t.split('\\r\\n').length)))`;
/** A script for `node -e`: prints what the URL it is given answers. */
const download = `fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(t))`;

/**
 * The store's answer reads, counted: `reads()` says how many have started, `windows()` how many windows of the time
 * index SQLite has read between turns of the event loop (it looks at the reader's signal at each turn, to stop when
 * nobody waits any more).
 */
function countingReads(store: ResponseStore): { store: ResponseStore; reads: () => number; windows: () => number } {
  let reads = 0;
  let windows = 0;
  const answers: ResponseStore['answers'] = (filter, order, after, limit, signal) => {
    reads++;
    const looked = {
      get aborted() {
        return signal?.aborted ?? false;
      },
      throwIfAborted: () => (windows++, signal?.throwIfAborted()),
    } as AbortSignal;
    return store.answers(filter, order, after, limit, looked);
  };
  const counting: ResponseStore = Object.create(store, { answers: { value: answers } });
  return { store: counting, reads: () => reads, windows: () => windows };
}

/** A collector over `answers` answers (20,000 unless told) whose store counts its answer reads. */
async function countedCollector(store: ResponseStore, answers = 20_000) {
  for (let from = 0; from < answers; from += 5_000) await store.insert(responses(5_000, 100_000 + from * 20), new Date());
  const { store: counting, reads, windows } = countingReads(store);
  const server = await startCollectorServer({ port: 0, store: counting, rateLimit: { perIp: 0, perKey: 0 } });
  return { server, reads, windows };
}

/** Resolves as soon as `started()` holds, looking every 2 ms (expect.poll's steps of 100 ms and more could miss a whole read). */
async function assoonas(started: () => boolean): Promise<void> {
  while (!started()) await new Promise((resolve) => setTimeout(resolve, 2));
}

for (const kind of storeKinds) {
  test(`${kind}: an export of 20,000 answers takes turns: a health check and a post sent once it has started are answered before it ends`, async ({
    openTestStore,
  }) => {
    // the store as the collector sees it, counting the pages the export reads (1,000 answers each)
    const { server, reads: pagesRead } = await countedCollector(await openTestStore(kind));
    try {
      // downloaded by another process, which reads as fast as it can, as a browser or curl does
      const download = run(process.execPath, ['-e', downloadLines, `${server.url}v1/answers.csv`]);
      await assoonas(() => pagesRead() > 0);
      // SQLite reads hold the event loop: an export that never gave it up answered these after its last page
      expect((await fetch(`${server.url}healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch(responses(1, 7))) })).status).toBe(202);
      const pagesWhenAnswered = pagesRead();
      // the header, every answer (the one posted meanwhile too when it sorts after the pages already read), a last CRLF
      const lines = Number((await download).stdout);
      expect(lines).toBeGreaterThanOrEqual(1 + 20_000 + 1);
      expect(lines).toBeLessThanOrEqual(1 + 20_001 + 1);
      expect(pagesWhenAnswered).toBeLessThan(pagesRead());
    } finally {
      await server.close();
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a search in score order reads the answers in one walk, as a search in time order does`, async ({ openTestStore }) => {
    const { server, reads } = await countedCollector(await openTestStore(kind));
    try {
      const readsOf = async (query: string) => {
        const before = reads();
        const reply = await fetch(`${server.url}v1/answers?${query}`);
        expect(reply.status).toBe(200);
        return { reads: reads() - before, answers: (await reply.json()).answers.length };
      };
      // a score at a time, a search that matched nothing walked every answer once for each of the eleven NPS scores
      expect(await readsOf(`q=${encodeURIComponent('no such words')}&order=newest`)).toEqual({ reads: 1, answers: 0 });
      expect(await readsOf(`q=${encodeURIComponent('no such words')}&order=lowest`)).toEqual({ reads: 1, answers: 0 });
      expect(await readsOf(`q=${encodeURIComponent('no such words')}&order=highest`)).toEqual({ reads: 1, answers: 0 });
    } finally {
      await server.close();
    }
  });
}

test('sqlite: a search that matches none of 100,000 answers, in score order, gives a health check and a post their turn', async ({
  openTestStore,
}) => {
  const { server, windows } = await countedCollector(await openTestStore('sqlite'), 100_000);
  try {
    const searching = run(process.execPath, [
      '-e',
      download,
      `${server.url}v1/answers?q=${encodeURIComponent('no such words')}&order=lowest`,
    ]);
    await assoonas(() => windows() > 0);
    // a search runs a function on every comment: as one statement, it answered these after its last row
    expect((await fetch(`${server.url}healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch(responses(1, 7))) })).status).toBe(202);
    const windowsWhenAnswered = windows();
    expect(JSON.parse((await searching).stdout)).toMatchObject({ answers: [], next: null });
    expect(windowsWhenAnswered).toBeLessThan(windows());
  } finally {
    await server.close();
  }
});

test('postgres: an answer PostgreSQL refuses for its data is kept aside, and the rest of its batch is stored', async ({
  database,
  startCollector,
}) => {
  const url = await database('postgres');
  const collector = await startCollector({ database: url, adminKey: 'ak_admin' });
  // stands for the next cause nobody foresaw (a NUL, half an emoji and a long trait's cut were three): a value the
  // schema allows and the database does not take
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`ALTER TABLE responses ADD CONSTRAINT refuses_poison CHECK (comment IS DISTINCT FROM 'poison')`);
    await admin.query(`ALTER TABLE displays ADD CONSTRAINT refuses_poisoned_page CHECK (touchpoint <> 'poisoned-page')`);
    const [first, poisoned, last] = responses(3, 5150);
    const sent = batch(
      [first!, { ...poisoned!, comment: 'poison', userId: 'customer-7' }, last!],
      [display('checkout', 'dismissed'), display('poisoned-page', 'ignored')],
    );
    const reply = await collector.post(sent);
    // before: 503 for the whole batch, for ever; the SDK retried it and then gave up all three answers
    expect(reply.status).toBe(202);
    expect(await reply.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      quarantined: 1,
      displays: { accepted: 1, duplicates: 0, quarantined: 1 },
    });
    expect((await collector.stored()).map((r) => r.id).sort()).toEqual([first!.id, last!.id].sort());
    const kept = await admin.query<{ ref: string; error: string; user_id: string | null; body: string }>(
      'SELECT ref, error, user_id, body FROM quarantine ORDER BY ref',
    );
    expect(kept.rows.map((row) => row.ref)).toEqual([expect.stringMatching(/^display:/), `response:${poisoned!.id}`]);
    expect(kept.rows[1]!.error).toMatch(/^23514: .*refuses_poison/);
    expect(JSON.parse(kept.rows[1]!.body)).toMatchObject({ id: poisoned!.id, comment: 'poison', userId: 'customer-7' });

    // the SDK sending the batch again (an answer lost on the way back): nothing twice, the refused one still kept
    const again = await collector.post(sent);
    expect(await again.json()).toEqual({
      accepted: 0,
      duplicates: 2,
      quarantined: 1,
      displays: { accepted: 0, duplicates: 1, quarantined: 1 },
    });
    expect((await admin.query('SELECT count(*)::integer AS n FROM quarantine')).rows[0].n).toBe(2);
    // the dashboard's report says how many answers are kept aside, uncounted (the display is not an answer)
    const report = await (await fetch(`${collector.url}v1/report`)).json();
    expect(report).toMatchObject({ quarantinedAnswers: 1, summary: { answers: 2 } });

    // kept aside is kept: erasing the customer erases it too
    const erased = await fetch(`${collector.url}v1/people/customer-7`, { method: 'DELETE', headers: { Authorization: 'Bearer ak_admin' } });
    expect(await erased.json()).toMatchObject({ erased: { quarantined: 1 } });
    expect((await admin.query('SELECT ref FROM quarantine')).rows).toEqual([{ ref: expect.stringMatching(/^display:/) }]);
  } finally {
    await admin.end();
  }
});

test('sqlite: a search the client gave up on stops reading, so the search typed after it is not kept waiting', async ({
  openTestStore,
}) => {
  const { server, windows } = await countedCollector(await openTestStore('sqlite'), 100_000);
  try {
    const search = (words: string) => `${server.url}v1/answers?q=${encodeURIComponent(words)}&order=lowest`;
    // how many windows a whole search reads
    await run(process.execPath, ['-e', download, search('no such words')]);
    const whole = windows();
    expect(whole).toBeGreaterThan(5);
    // a dashboard that moves on (the analyst typed another letter) cancels its request: the client hangs up
    const abandoned = new AbortController();
    const given = fetch(search('no such word'), { signal: abandoned.signal }).catch(() => 'cancelled');
    await assoonas(() => windows() > whole);
    abandoned.abort();
    expect(await given).toBe('cancelled');
    const atCancel = windows() - whole;
    await run(process.execPath, ['-e', download, search('no such wor')]);
    // the window it was reading as the client hung up, and the turn it stopped at; before, the abandoned search read on
    // to its end, each window of it taking turns with the new one
    expect(windows() - 2 * whole - atCancel).toBeLessThanOrEqual(2);
  } finally {
    await server.close();
  }
});

for (const kind of storeKinds) {
  test(`${kind}: a NUL character or half an emoji in a comment, a trait, a page title or a follow-up note is stored as U+FFFD, the batch with it`, async ({
    startCollector,
  }) => {
    const collector = await startCollector({ database: kind, adminKey: 'ak_admin' });
    const [pasted, neighbour, literal, sliced] = responses(4, 4242);
    const shown = display('checkout', 'dismissed', { page: { url: 'https://shop.example/x', title: 'Order\u0000 done' } });
    // a comment pasted from a PDF, a trait an app filled from a C string; and one that says \u0000 in letters
    const reply = await collector.post(
      batch(
        [
          { ...pasted!, kind: 'nps', scale: { min: 0, max: 10 }, score: 2, comment: 'bad\u0000byte', traits: { plan: 'pro\u0000' } },
          neighbour!,
          { ...literal!, comment: 'type \\u0000 to end a C string' },
          // a title cut through an emoji, a trait's key and a comment by code that counts UTF-16 units
          {
            ...sliced!,
            page: { url: 'https://shop.example/p', title: 'Gift \ud83c' },
            traits: { ['\ude00x']: 1 },
            comment: '\ude00 ok \ud83d\ude00',
          },
        ],
        [shown],
      ),
    );
    // PostgreSQL answered 503 "storage unavailable": the SDK retried the batch, then gave up every answer in it
    expect(reply.status).toBe(202);
    const stored = new Map((await collector.stored()).map((r) => [r.id, r]));
    expect(stored.size).toBe(4);
    expect(stored.get(sliced!.id)).toMatchObject({ page: { title: 'Gift \uFFFD' }, traits: { '\uFFFDx': 1 }, comment: '\uFFFD ok 😀' });
    expect(stored.get(pasted!.id)).toMatchObject({ comment: 'bad\uFFFDbyte', traits: { plan: 'pro\uFFFD' } });
    expect(stored.get(literal!.id)!.comment).toBe('type \\u0000 to end a C string');
    const summary = await (await fetch(`${collector.url}v1/summary`)).json();
    expect(summary.dismissed).toBe(1);

    const note = await fetch(`${collector.url}v1/responses/${pasted!.id}/follow-up`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
      body: JSON.stringify({ status: 'contacted', note: 'called\u0000 back' }),
    });
    expect(note.status).toBe(200);
    const listed = await (await fetch(`${collector.url}v1/inbox?status=contacted`)).json();
    expect(listed.items.map((item: { followUp: { note: string } }) => item.followUp.note)).toEqual(['called\uFFFD back']);

    // a NUL where a read or an erasure compares text is named, not a 503
    const read = await fetch(`${collector.url}v1/summary?touchpoint=%00`);
    expect(read.status).toBe(400);
    expect((await read.json()).issues).toEqual([{ path: 'query.touchpoint', message: 'expected text without NUL characters' }]);
    const erase = await fetch(`${collector.url}v1/people/%00`, { method: 'DELETE', headers: { Authorization: 'Bearer ak_admin' } });
    expect(erase.status).toBe(400);
  });
}

test('sqlite: erasing a person among 40,000 answers gives a health check and a post their turn, and erases them all', async ({
  openTestStore,
}) => {
  const store = await openTestStore('sqlite');
  for (let chunk = 1; chunk <= 8; chunk++) {
    const answers = responses(5_000, chunk * 100_000);
    // one answer in each thousand is the person's, signed in
    await store.insert(
      answers.map((r, i) => (i % 1_000 === 0 ? { ...r, userId: 'u-erase' } : r)),
      new Date(),
    );
  }
  // the store as the collector sees it, saying when the erasure started and when it ended
  let started = false;
  let ended = false;
  const watched: ResponseStore = Object.create(store, {
    erase: {
      value: (person: Parameters<ResponseStore['erase']>[0]) => ((started = true), store.erase(person).finally(() => (ended = true))),
    },
  });
  const server = await startCollectorServer({ port: 0, store: watched, adminKey: 'ak_admin', rateLimit: { perIp: 0, perKey: 0 } });
  try {
    const erasing = run(process.execPath, [
      '-e',
      `fetch(process.argv[1], { method: 'DELETE', headers: { Authorization: 'Bearer ak_admin' } }).then((r) => r.text()).then((t) => process.stdout.write(t))`,
      `${server.url}v1/people/u-erase`,
    ]);
    await assoonas(() => started);
    // no index finds a person: as one statement a table, the erasure answered these after it had ended
    expect((await fetch(`${server.url}healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch(responses(1, 7))) })).status).toBe(202);
    expect(ended).toBe(false);
    expect(JSON.parse((await erasing).stdout)).toMatchObject({ erased: { responses: 40 } });
    expect((await readAll(store)).filter((r) => r.userId === 'u-erase')).toEqual([]);
  } finally {
    await server.close();
  }
});
