// The collector as operators run it: the built CLI in its own process. Several instances on one PostgreSQL, directly
// and through PgBouncer, a SIGTERM in the middle of a flood of posts, and a dashboard read over 10⁵ answers next to a post.
import { summarize } from '../../src/sdk/scores.js';
import { openStore } from '../../collector/store/open.js';
import { readAll } from '../../collector/store/store.js';
import { sampleResponses } from '../../collector/sample-data.js';
import { findPgBouncer, howToGetPgBouncer, startPgBouncer } from '../../scripts/pgbouncer.js';
import { startCli } from '../support/collector-cli.js';
import { batch, expect, responses, test } from '../support/collector-harness.js';

const post = (url: string, body: unknown) =>
  fetch(`${url}v1/responses`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body) });

test('two collector processes on one PostgreSQL store a batch posted to both at once exactly once, and agree', async ({ database }) => {
  const url = await database('postgres');
  const [a, b] = await Promise.all([startCli(['--database', url]), startCli(['--database', url])]);
  try {
    const sent = responses(50, 31);
    for (let round = 0; round < 5; round++) {
      const same = batch(sent.slice(round * 10, round * 10 + 10));
      const replies = await Promise.all([post(a.url, same), post(b.url, same), post(a.url, same), post(b.url, same)]);
      const counts = (await Promise.all(replies.map((r) => r.json()))) as Array<{ accepted: number; duplicates: number }>;
      expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 202]);
      expect(counts.reduce((n, c) => n + c.accepted, 0)).toBe(10);
      expect(counts.reduce((n, c) => n + c.duplicates, 0)).toBe(30);
    }
    const [fromA, fromB] = await Promise.all([a.url, b.url].map(async (u) => (await fetch(`${u}v1/summary`)).json()));
    expect(fromA).toEqual(fromB);
    const { nps, csat, ces } = fromA as Record<string, unknown>;
    expect({ nps, csat, ces }).toEqual(JSON.parse(JSON.stringify(summarize(sent))));
    const store = await openStore(url);
    try {
      expect(await readAll(store)).toHaveLength(50);
    } finally {
      await store.close();
    }
  } finally {
    a.process.kill('SIGKILL');
    b.process.kill('SIGKILL');
  }
});

test('behind PgBouncer in transaction mode, as docs/deployment.md suggests: two instances start together and store 300 answers posted at once, each once', async ({
  database,
}) => {
  test.skip(!findPgBouncer(), howToGetPgBouncer);
  const direct = await database('postgres');
  // a pool of 4 server connections for 2 × 10 client connections: statements of one client land on different ones
  const bouncer = await startPgBouncer(direct, { poolSize: 4 });
  try {
    const [a, b] = await Promise.all([startCli(['--database', bouncer.url]), startCli(['--database', bouncer.url])]);
    try {
      const sent = responses(300, 42);
      const replies = await Promise.all(sent.map((r, i) => post(i % 2 ? a.url : b.url, batch([r]))));
      expect(replies.map((r) => r.status).filter((status) => status !== 202)).toEqual([]);
      const [fromA, fromB] = await Promise.all([a.url, b.url].map(async (u) => (await fetch(`${u}v1/summary`)).json()));
      expect(fromA).toEqual(fromB);
    } finally {
      a.process.kill('SIGKILL');
      b.process.kill('SIGKILL');
    }
    const store = await openStore(direct);
    try {
      expect((await readAll(store)).length).toBe(300);
    } finally {
      await store.close();
    }
  } finally {
    await bouncer.stop();
  }
});

test('SIGTERM under load: every answer acknowledged with 2xx is stored, and the process exits cleanly', async ({ database }) => {
  const file = await database('sqlite');
  const running = await startCli(['--database', file]);
  const acknowledged: string[] = [];
  let refused = 0;
  const pool = sampleResponses(4000, 30, new Date(), 41);
  let next = 0;
  const worker = async () => {
    while (next < pool.length) {
      const chunk = pool.slice(next, next + 5);
      next += 5;
      try {
        const reply = await post(running.url, batch(chunk));
        if (reply.ok) acknowledged.push(...chunk.map((r) => r.id));
        else refused++;
      } catch {
        refused++;
        if (running.process.exitCode !== null) return;
      }
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(200);
  running.process.kill('SIGTERM');
  await Promise.all(workers);
  expect(await running.exited).toBe(0);
  expect(running.output()).toContain('SIGTERM: finishing requests in flight');
  expect(refused).toBeGreaterThan(0);
  const store = await openStore(file);
  try {
    const stored = new Set((await readAll(store)).map((r) => r.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
  } finally {
    await store.close();
  }
});

test('with 10⁵ answers stored, reading the summary and report does not hold up a post', async ({ database }) => {
  test.setTimeout(120_000);
  const file = await database('sqlite');
  const seed = await openStore(file);
  const many = sampleResponses(100_000, 365, new Date(), 51);
  for (let i = 0; i < many.length; i += 1000) await seed.insert(many.slice(i, i + 1000), new Date());
  await seed.close();
  const running = await startCli(['--database', file]);
  try {
    const fresh = responses(200, 52);
    const timePosts = async (count: number, offset: number) => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        expect((await post(running.url, batch([fresh[offset + i]!]))).status).toBe(202);
        times.push(performance.now() - started);
      }
      return times;
    };
    const quiet = await timePosts(40, 0);
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      const paths = ['v1/summary', 'v1/report', 'v1/summary?touchpoint=help-article', 'v1/report?since=2026-01-01T05:00:00Z'];
      while (reading) {
        const reply = await fetch(`${running.url}${paths[reads % paths.length]}`);
        expect(reply.status).toBe(200);
        await reply.arrayBuffer();
        reads++;
      }
    })();
    const busy = await timePosts(100, 40);
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(20);
    busy.sort((x, y) => x - y);
    const worst = busy[busy.length - 1]!;
    const p95 = busy[Math.floor(busy.length * 0.95)]!;
    const typical = quiet.sort((x, y) => x - y)[Math.floor(quiet.length / 2)]!;
    const figures = `posts during ${reads} reads of 10⁵ answers: 95th percentile ${p95.toFixed(0)} ms, slowest ${worst.toFixed(0)} ms; median post without reads: ${typical.toFixed(0)} ms`;
    console.log(figures);
    // the old collector parsed every row per read: 1.2 s of blocked event loop per summary at this size, so with reads
    // running back to back nearly every post waited. One slow post on this 2-core machine (the runner's GC, an SQLite
    // checkpoint) is not that: the bound is on the 95th percentile, and no post may wait as long as one blocking read
    expect(p95, figures).toBeLessThan(typical + 250);
    expect(worst, figures).toBeLessThan(1000);
  } finally {
    running.process.kill('SIGKILL');
  }
});
