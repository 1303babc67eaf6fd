// The reference collector's throughput on loopback: accepted responses per second for 50-response batches, and the
// same batches posted again (all duplicates). Bounded: a fixed number of requests, 4 in flight, then it stops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @param {string} root
 * @param {number} batches
 */
export async function measureCollector(root, batches) {
  /** @type {typeof import('../collector/index.js')} */
  const { startCollectorServer, SqliteStore, sampleResponses } = await import(join(root, 'dist/collector/index.js'));
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-bench-'));
  const store = new SqliteStore(join(folder, 'bench.db'));
  const server = await startCollectorServer({ port: 0, store });
  const responses = sampleResponses(batches * 50, 30, new Date(), 11);
  const bodies = Array.from({ length: batches }, (_, i) =>
    JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: responses.slice(i * 50, i * 50 + 50) }),
  );
  /** Posts every body, 4 at a time; returns responses per second and what the collector counted. */
  const run = async () => {
    let next = 0;
    let accepted = 0;
    let duplicates = 0;
    const started = performance.now();
    const worker = async () => {
      for (let body = bodies[next++]; body !== undefined; body = bodies[next++]) {
        const reply = await fetch(`${server.url}v1/responses`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
        const counts = /** @type {{ accepted: number, duplicates: number }} */ (await reply.json());
        accepted += counts.accepted;
        duplicates += counts.duplicates;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return { perSecond: (bodies.length * 50) / ((performance.now() - started) / 1000), accepted, duplicates };
  };
  try {
    const fresh = await run();
    const again = await run();
    return { fresh, again, total: batches * 50 };
  } finally {
    await server.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
