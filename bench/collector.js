// The reference collector, for both stores, each figure beside a baseline measured in the same run:
//   ingest   answers/s for batches of 1 and of 50 on loopback (10 in flight), against a bare node:http server that
//            parses the body and inserts id + JSON with the same driver, rounds interleaved, medians;
//   reads    every dashboard view's latency (median and worst of 15) at 10⁴, 10⁵ and 10⁶ stored answers, the collector's
//            peak memory (its own process), and the slowest post made while the reads ran.
// `node bench/collector.js` runs it alone (after `npm run build`); BENCH_COLLECTOR_SIZES=10000,100000 for a quick run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../scripts/postgres-server.js';
import { median } from './median.js';

/** @typedef {typeof import('../collector/index.js')} Collector */

/**
 * A bare collector: node:http, JSON.parse, one insert of id + body per answer in one transaction, duplicates ignored.
 * @param {string} database
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
async function startBare(database) {
  /** @type {(responses: Array<{ id: string }>) => Promise<number>} */
  let insert;
  /** @type {() => Promise<void>} */
  let closeDb;
  if (database.startsWith('postgres')) {
    const pool = new pg.Pool({ connectionString: database, max: 10 });
    await pool.query('CREATE TABLE IF NOT EXISTS bare (id text PRIMARY KEY, body jsonb NOT NULL)');
    insert = async (responses) =>
      (
        await pool.query('INSERT INTO bare SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT DO NOTHING', [
          responses.map((r) => r.id),
          responses.map((r) => JSON.stringify(r)),
        ])
      ).rowCount ?? 0;
    closeDb = () => pool.end();
  } else {
    const db = new Database(database);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS bare (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID');
    const one = db.prepare('INSERT OR IGNORE INTO bare VALUES (?, ?)');
    const many = db.transaction((/** @type {Array<{ id: string }>} */ responses) =>
      responses.reduce((n, r) => n + one.run(r.id, JSON.stringify(r)).changes, 0),
    );
    insert = async (responses) => many(responses);
    closeDb = async () => void db.close();
  }
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { responses } = JSON.parse(body);
    const accepted = await insert(responses);
    res.writeHead(202, { 'Content-Type': 'application/json' }).end(JSON.stringify({ accepted, duplicates: responses.length - accepted }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await closeDb();
    },
  };
}

/**
 * Posts every body, `inFlight` at a time; answers per second.
 * @param {string} url @param {string[]} bodies @param {number} perBody @param {number} inFlight
 */
async function post(url, bodies, perBody, inFlight = 10) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let body = bodies[next++]; body !== undefined; body = bodies[next++]) {
      const reply = await fetch(`${url}v1/responses`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
      if (reply.status !== 202) throw new Error(`bench: post answered ${reply.status}: ${await reply.text()}`);
      await reply.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (bodies.length * perBody) / ((performance.now() - started) / 1000);
}

/**
 * @param {Collector} collector
 * @param {string} kind
 * @param {() => Promise<string>} newDatabase
 * @param {number} rounds
 */
async function measureIngest(collector, kind, newDatabase, rounds) {
  /** @type {Array<{ perBatch: number, cx: number, bare: number }>} */
  const results = [];
  for (const perBatch of [1, 50]) {
    const requests = perBatch === 1 ? 1000 : 120;
    const store = await collector.openStore(await newDatabase());
    const server = await collector.startCollectorServer({ port: 0, store, rateLimit: { perIp: 0, perKey: 0 } });
    const bare = await startBare(await newDatabase());
    /** @type {number[]} */
    const cx = [];
    /** @type {number[]} */
    const base = [];
    try {
      for (let round = 0; round < rounds; round++) {
        const answers = collector.sampleResponses(requests * perBatch, 30, new Date(), 1000 + round * 2 + perBatch);
        const bodies = Array.from({ length: requests }, (_, i) =>
          JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: answers.slice(i * perBatch, (i + 1) * perBatch) }),
        );
        // interleaved, and the order flipped each round, so that neither side always runs on a warmer machine
        if (round % 2) (base.push(await post(bare.url, bodies, perBatch)), cx.push(await post(server.url, bodies, perBatch)));
        else (cx.push(await post(server.url, bodies, perBatch)), base.push(await post(bare.url, bodies, perBatch)));
      }
    } finally {
      await server.close();
      await store.close();
      await bare.close();
    }
    results.push({ perBatch, cx: median(cx), bare: median(base) });
    console.log(
      `bench: collector ${kind.padEnd(8)} ingest, batches of ${String(perBatch).padEnd(2)}  ${median(cx).toFixed(0).padStart(6)} answers/s   bare node:http + driver ${median(base).toFixed(0).padStart(6)} answers/s   ratio ${(median(cx) / median(base)).toFixed(2)}x  (target ≥ 0.80x; median of ${rounds})`,
    );
  }
  return results;
}

/**
 * After a bulk load, lets the database reach the state a running collector sees: checkpointed, statistics fresh, so
 * that the figures measure reads and not the aftermath of seeding.
 * @param {string} database
 */
async function settle(database) {
  if (database.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      await client.query('VACUUM ANALYZE responses');
      await client.query('VACUUM ANALYZE daily_counts');
      await client.query('VACUUM ANALYZE segment_counts');
      await client.query('CHECKPOINT');
    } finally {
      await client.end();
    }
  } else {
    const db = new Database(database);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    db.close();
  }
}

/** The collector's own peak resident memory, in MiB (Linux). @param {number} pid */
function peakMemory(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Starts the built CLI on the database in its own process, so that its memory is its own.
 * @param {string} root @param {string} database
 */
async function startCli(root, database) {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/cxkit-collector.js'), '--port', '0', '--database', database, '--access-log', 'off', '--rate-limit-ip', '0'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const match = /cxkit collector: (http:\/\/\S+\/)v1\/responses/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`bench: collector exited: ${output}`)));
  });
  return { url: /** @type {string} */ (url), child };
}

/**
 * @param {Collector} collector @param {string} root @param {string} kind @param {string} database @param {number[]} sizes
 */
async function measureReads(collector, root, kind, database, sizes) {
  const store = await collector.openStore(database);
  let stored = 0;
  /** @type {Array<{ size: number, views: Record<string, { median: number, worst: number }>, peakMiB: number, startMiB: number, slowestPost: number, quietSlowest: number }>} */
  const results = [];
  try {
    for (const size of sizes) {
      // the sample year grows in place: 10⁴, then 9·10⁴ more, then 9·10⁵ more
      const seedStarted = performance.now();
      while (stored < size) {
        const chunk = collector.sampleResponses(Math.min(5000, size - stored), 365, new Date(), 7000 + stored);
        await store.insert(chunk, new Date());
        stored += chunk.length;
      }
      const seeded = (performance.now() - seedStarted) / 1000;
      await settle(database);
      const { url, child } = await startCli(root, database);
      try {
        const startMiB = peakMemory(/** @type {number} */ (child.pid));
        const since = new Date(Date.now() - 90 * 86_400_000);
        since.setUTCHours(7, 30);
        const views = {
          summary: 'v1/summary',
          report: 'v1/report',
          'report, one touchpoint': 'v1/report?touchpoint=help-article',
          'report, 90 days from 07:30': `v1/report?since=${since.toISOString()}`,
          journey: 'v1/journey',
          trends: 'v1/trends',
          'trends, 90 days from 07:30': `v1/trends?since=${since.toISOString()}`,
          'segments by device, two compared': 'v1/segments?by=device&a=mobile&b=desktop',
          'segments by plan, 90 days from 07:30': `v1/segments?by=trait:plan&since=${since.toISOString()}`,
          'answers, newest': 'v1/answers',
          'answers, NPS detractors on phones': 'v1/answers?kind=nps&band=unhappy&by=device&value=mobile',
          'answers, lowest score first': 'v1/answers?order=lowest',
          'answers, commented, open follow-ups': 'v1/answers?comment=1&status=open',
          themes: 'v1/themes',
          'themes, one touchpoint': 'v1/themes?touchpoint=help-article',
        };
        /** @type {Record<string, { median: number, worst: number }>} */
        const figures = {};
        const posts = collector.sampleResponses(2000, 1, new Date(), 9000 + size);
        let posted = 0;
        /** Posts one answer at a time, 5 ms apart, while `going()`; answers each post's latency. @param {() => boolean} going */
        const postWhile = async (going) => {
          /** @type {number[]} */
          const times = [];
          while (going() && posted < posts.length) {
            const started = performance.now();
            const body = JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: [posts[posted++]] });
            const reply = await fetch(`${url}v1/responses`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
            await reply.arrayBuffer();
            times.push(performance.now() - started);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          return times;
        };
        // the baseline: the same posts with no read going on
        const quietTimes = await postWhile(() => posted < 50);
        let reading = true;
        const poster = postWhile(() => reading);
        for (const [name, path] of Object.entries(views)) {
          /** @type {number[]} */
          const times = [];
          for (let i = 0; i < 15; i++) {
            const started = performance.now();
            const reply = await fetch(`${url}${path}`);
            if (!reply.ok) throw new Error(`bench: ${path} answered ${reply.status}`);
            await reply.arrayBuffer();
            times.push(performance.now() - started);
          }
          figures[name] = { median: median(times), worst: Math.max(...times) };
        }
        reading = false;
        const postTimes = await poster;
        stored += posted;
        const peakMiB = peakMemory(/** @type {number} */ (child.pid));
        const slowestPost = Math.max(...postTimes);
        const quietSlowest = Math.max(...quietTimes);
        results.push({ size, views: figures, peakMiB, startMiB, slowestPost, quietSlowest });
        const line = Object.entries(figures)
          .map(([name, { median: m, worst }]) => `${name} ${m.toFixed(0)} ms (worst ${worst.toFixed(0)})`)
          .join('; ');
        console.log(
          `bench: collector ${kind.padEnd(8)} ${size.toExponential(0).replace('+', '')} answers (seeded in ${seeded.toFixed(0)} s): ${line}`,
        );
        console.log(
          `bench: collector ${kind.padEnd(8)} ${size.toExponential(0).replace('+', '')} answers: peak memory ${peakMiB.toFixed(0)} MiB (${startMiB.toFixed(0)} MiB at start); slowest of ${postTimes.length} posts during the reads ${slowestPost.toFixed(0)} ms, of ${quietTimes.length} with no reads ${quietSlowest.toFixed(0)} ms (median ${median(quietTimes).toFixed(0)})  (targets: reads ≤ 300 ms, memory flat, posts delayed ≤ 100 ms)`,
        );
      } finally {
        child.kill('SIGKILL');
      }
    }
  } finally {
    await store.close();
  }
  return results;
}

/**
 * @param {string} root
 * @param {{ sizes?: number[], rounds?: number }} [options]
 */
export async function measureCollector(root, options = {}) {
  /** @type {Collector} */
  const collector = await import(join(root, 'dist/collector/index.js'));
  const sizes = options.sizes ?? [10_000, 100_000, 1_000_000];
  const rounds = options.rounds ?? 5;
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-bench-'));
  let files = 0;
  const sqliteFile = async () => join(folder, `bench-${++files}.db`);
  const postgres = await startPostgres({ durable: true });
  try {
    for (const [kind, newDatabase] of /** @type {const} */ ([
      ['sqlite', sqliteFile],
      ['postgres', postgres.createDatabase],
    ])) {
      await measureIngest(collector, kind, newDatabase, rounds);
      await measureReads(collector, root, kind, await newDatabase(), sizes);
    }
  } finally {
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.env.BENCH_COLLECTOR_SIZES?.split(',').map(Number);
  await measureCollector(fileURLToPath(new URL('..', import.meta.url)), sizes ? { sizes } : {});
}
