import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import { maxBatchBytes } from '../../../src/schema/batch.js';
import type { Response } from '../../../src/schema/response.js';
import { Collector } from '../../support/collector.js';
import { destroyTestClients, idleClient, nextEvent, nps, storedIn, testClient } from '../../support/clients.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('delivery', () => {
  afterEach(destroyTestClients);

  it('posts each answer once as a CORS-simple text/plain batch and empties the outbox', async () => {
    const collector = new Collector();
    const client = testClient(collector);
    const sent = nextEvent(client, 'sent');
    const response = await client.record({ ...nps(9), comment: 'great' });
    expect((await sent).responses.map((r) => r.id)).to.deep.equal([response.id]);
    const [request, ...others] = await collector.requests();
    expect(others).to.have.length(0);
    expect(request?.contentType).to.equal('text/plain;charset=UTF-8');
    expect(request?.cookie).to.equal(undefined);
    expect(request?.body.v).to.equal(1);
    expect(Date.parse(request?.body.sentAt ?? '')).to.be.closeTo(Date.now(), 10_000);
    expect(request?.body.responses).to.deep.equal([response]);
    expect((await storedIn(client.config.storage.name)).outbox).to.have.length(0);
    expect(await client.pending()).to.equal(0);
  });

  it('sends the write key as the key query parameter', async () => {
    const collector = new Collector();
    const client = testClient(collector, { writeKey: 'wk_123' });
    await client.record(nps(9));
    const [request] = await collector.waitForRequests(1);
    expect(request?.url).to.match(/\/collect\?key=wk_123$/);
  });

  it('retries 503 three times with the same id and growing backoff ceilings, then delivers', async () => {
    const collector = new Collector();
    await collector.plan({ status: 503 }, { status: 503 }, { status: 503 });
    const client = testClient(collector, { retry: { baseDelayMs: 40, maxDelayMs: 2000 } });
    const retries: Array<{ attempt: number; delayMs: number; status?: number }> = [];
    client.on('retry', (e) => retries.push(e));
    const sent = nextEvent(client, 'sent');
    const response = await client.record(nps(4));
    await sent;
    const requests = await collector.requests();
    expect(requests.map((r) => r.status)).to.deep.equal([503, 503, 503, 200]);
    expect(await collector.receivedIds()).to.deep.equal([response.id, response.id, response.id, response.id]);
    expect(retries.map((r) => r.attempt)).to.deep.equal([1, 2, 3]);
    expect(retries.every((r) => r.status === 503)).to.equal(true);
    // full jitter: each wait lies within its doubling ceiling (40, 80, 160 ms), plus scheduling slack
    retries.forEach((r, i) => expect(r.delayMs).to.be.at.most(40 * 2 ** i));
  });

  it('answers that failed together are retried together, in one request', async () => {
    const collector = new Collector();
    const client = await idleClient(collector, { retry: { baseDelayMs: 100, maxDelayMs: 400 } });
    await collector.plan({ status: 503 });
    const ids = [];
    for (let score = 0; score < 5; score++) ids.push((await client.record(nps(score))).id);
    const sent = nextEvent(client, 'sent');
    // one request with all five meets the 503; the retry timer then sends the five again, together
    void client.flush();
    expect((await sent).responses).to.have.length(5);
    expect((await collector.requests()).map((r) => r.status)).to.deep.equal([503, 200]);
    expect(await collector.receivedIds()).to.have.members([...ids, ...ids]);
  });

  it('waits as long as Retry-After asks, in seconds and as an HTTP date', async () => {
    const collector = new Collector();
    // whole seconds, and asked for after the first one-second wait: still at least a second away then
    const inTwoSeconds = new Date(Date.now() + 3500).toUTCString();
    await collector.plan({ status: 429, headers: { 'Retry-After': '1' } }, { status: 503, headers: { 'Retry-After': inTwoSeconds } });
    const client = testClient(collector, { retry: { baseDelayMs: 10, maxDelayMs: 10_000 } });
    const sent = nextEvent(client, 'sent', 9000);
    await client.record(nps(10));
    await sent;
    const [first, second, third] = await collector.requests();
    expect(second!.at - first!.at).to.be.at.least(950);
    expect(third!.at - second!.at).to.be.at.least(950);
  });

  it('caps a huge Retry-After at maxDelayMs', async () => {
    const collector = new Collector();
    await collector.plan({ status: 503, headers: { 'Retry-After': '86400' } });
    const client = testClient(collector, { retry: { baseDelayMs: 10, maxDelayMs: 300 } });
    const sent = nextEvent(client, 'sent');
    await client.record(nps(10));
    await sent;
    const [first, second] = await collector.requests();
    expect(second!.at - first!.at).to.be.within(250, 2000);
  });

  it('does not retry a 400: the answer moves to the rejected store and rejected is emitted', async () => {
    const collector = new Collector();
    await collector.plan({ status: 400 });
    const client = testClient(collector);
    const rejected = nextEvent(client, 'rejected');
    const response = await client.record(nps(2));
    const event = await rejected;
    expect(event.status).to.equal(400);
    expect((event.responses[0] as Response).id).to.equal(response.id);
    await sleep(300);
    expect(await collector.requests()).to.have.length(1);
    const stored = await storedIn(client.config.storage.name);
    expect(stored.outbox).to.have.length(0);
    expect(stored.rejected.map((r) => [r.id, r.status])).to.deep.equal([[response.id, 400]]);
  });

  for (const status of [404, 422]) {
    it(`does not retry a ${status}`, async () => {
      const collector = new Collector();
      await collector.plan({ status });
      const client = testClient(collector);
      const rejected = nextEvent(client, 'rejected');
      await client.record(nps(2));
      expect((await rejected).status).to.equal(status);
      await sleep(200);
      expect(await collector.requests()).to.have.length(1);
    });
  }

  it("names the refusal in the collector's words, and traces delivery in debug mode", async () => {
    const collector = new Collector();
    await collector.plan({ status: 503 }, { status: 404, body: '{"error":"no endpoint /v1/respones: answers go to POST /v1/responses"}' });
    const client = testClient(collector, { retry: { baseDelayMs: 50, maxDelayMs: 100 } });
    const lines: string[] = [];
    const original = console.info;
    console.info = (line: string) => void lines.push(line);
    try {
      client.debug(true);
      const rejected = nextEvent(client, 'rejected');
      await client.record(nps(2));
      const event = await rejected;
      expect(event.reason).to.equal('collector answered 404: no endpoint /v1/respones: answers go to POST /v1/responses');
      expect(await collector.requests()).to.have.length(2);
      expect(lines).to.have.length(2);
      expect(lines[0]).to.match(/^cxkit: delivery: 1 answer not delivered \(503\), attempt 1; next try in \d+ s$/);
      expect(lines[1]).to.equal(
        'cxkit: delivery: rejected 1 answer: collector answered 404: no endpoint /v1/respones: answers go to POST /v1/responses',
      );
      client.debug(false);
      const sent = nextEvent(client, 'sent');
      await client.record(nps(9));
      await sent;
      expect(lines).to.have.length(2);
    } finally {
      console.info = original;
    }
  });

  it('retries 408 and network errors', async () => {
    const collector = new Collector();
    await collector.plan({ status: 408 });
    const client = testClient(collector);
    const sent = nextEvent(client, 'sent');
    const response = await client.record(nps(5));
    await sent;
    expect(await collector.receivedIds()).to.deep.equal([response.id, response.id]);
  });

  it('an answer whose request is in flight as the page is hidden goes again with keepalive, and is announced sent once when both arrive', async () => {
    const collector = new Collector();
    // the ordinary request takes its time; the keepalive one sent as the page is hidden arrives first
    await collector.plan({ status: 202, delayMs: 800 }, { status: 202 });
    const client = await idleClient(collector);
    const sent: string[] = [];
    client.on('sent', (e) => sent.push(...e.responses.map((r) => r.id)));
    const response = await client.record(nps(8));
    const flushed = client.flush();
    await collector.waitForRequests(1);
    dispatchEvent(new Event('pagehide'));
    await collector.waitForRequests(2);
    expect((await flushed).pending).to.equal(0);
    await sleep(200);
    expect(await collector.receivedIds()).to.deep.equal([response.id, response.id]);
    expect(sent).to.deep.equal([response.id]);
  });

  it('stamps each request of a round with when it is sent, not when the round began, for the collector to read the clock by', async () => {
    const collector = new Collector();
    // each of the first two requests takes its time: a round's later batches go out after them
    await collector.plan({ status: 202, delayMs: 600 }, { status: 202, delayMs: 600 }, { status: 202 });
    const client = await idleClient(collector, { batch: { maxResponses: 1 } });
    for (let i = 0; i < 3; i++) await client.record(nps(i));
    expect(await client.flush()).to.deep.equal({ sent: 3, failed: 0, pending: 0 });
    const requests = await collector.requests();
    expect(requests).to.have.length(3);
    // the stub answers a request 600 ms after it arrived; the next one was sent after that answer
    for (let i = 1; i < 3; i++) expect(Date.parse(requests[i]!.body.sentAt)).to.be.at.least(requests[i - 1]!.at + 600);
  });

  it('splits a batch the collector calls too large (413) and delivers both halves', async () => {
    const collector = new Collector();
    await collector.plan({ status: 413 });
    const client = await idleClient(collector);
    const ids = new Set<string>();
    for (let i = 0; i < 10; i++) ids.add((await client.record(nps(i))).id);
    const result = await client.flush();
    expect(result).to.deep.equal({ sent: 10, failed: 0, pending: 0 });
    const sizes = (await collector.requests()).map((r) => r.body.responses.length);
    expect(sizes).to.deep.equal([10, 5, 5]);
    expect(new Set((await collector.receivedIds()).slice(10))).to.deep.equal(ids);
  });

  it('an answer the collector always fails on goes alone after a few failures, so that the answers packed with it are delivered', async () => {
    const collector = new Collector();
    // a collector whose database cannot store an emoji (MySQL's utf8) fails every batch with one in it
    await collector.failOn('😀', 500);
    const client = await idleClient(collector, { retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 12 } });
    const before = (await client.record(nps(3))).id;
    const poison = (await client.record({ ...nps(2), comment: 'slow 😀' })).id;
    const after = (await client.record(nps(4))).id;
    const sent: string[] = [];
    client.on('sent', (e) => sent.push(...e.responses.map((r) => r.id)));
    const expired = nextEvent(client, 'expired');
    void client.flush();
    const event = await expired;
    expect(event.responses.map((r) => r.id)).to.deep.equal([poison]);
    expect(sent).to.have.members([before, after]);
    const requests = await collector.requests();
    // together until they had failed five times, then each alone: the poison in every failed request, twelve in all
    const failed = requests.filter((r) => r.status === 500);
    expect(failed).to.have.length(12);
    expect(failed.slice(0, 5).every((r) => r.body.responses.length === 3)).to.equal(true);
    expect(failed.slice(5).every((r) => r.body.responses.length === 1 && r.body.responses[0]!.id === poison)).to.equal(true);
    expect(await collector.receivedIds()).to.include.members([before, after]);
    expect(await client.pending()).to.equal(0);
  });

  it('gives up at maxAttempts on a collector that always fails, and says so with expired', async () => {
    const collector = new Collector();
    await collector.plan({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const client = testClient(collector, { retry: { maxAttempts: 3, baseDelayMs: 10 } });
    const expired = nextEvent(client, 'expired');
    const response = await client.record(nps(0));
    const event = await expired;
    expect(event.reason).to.equal('attempts');
    expect(event.responses.map((r) => r.id)).to.deep.equal([response.id]);
    await sleep(200);
    expect(await collector.requests()).to.have.length(3);
    expect(await client.pending()).to.equal(0);
  });

  it('sends a backlog of 500 answers in batches of at most 50 responses and 60 KiB', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const ids: string[] = [];
    // every tenth answer has a long comment, so that the byte limit binds before the count limit somewhere
    for (let i = 0; i < 500; i++)
      ids.push((await client.record({ ...nps(i % 11), ...(i % 10 === 0 ? { comment: 'é'.repeat(2500) } : {}) })).id);
    const result = await client.flush();
    expect(result).to.deep.equal({ sent: 500, failed: 0, pending: 0 });
    const requests = await collector.requests();
    for (const request of requests) {
      expect(request.body.responses.length).to.be.at.most(50);
      expect(request.bytes).to.be.at.most(maxBatchBytes);
    }
    expect(requests.length).to.be.at.least(10);
    const received = await collector.receivedIds();
    expect(received).to.have.length(500);
    expect(new Set(received)).to.deep.equal(new Set(ids));
  });

  it('has one request in flight when a timer, the online event and flush() fire at once', async () => {
    const collector = new Collector();
    await collector.plan({ status: 200, delayMs: 300 });
    const client = testClient(collector, { flushDelayMs: 0 });
    const responses = [await client.record(nps(1)), await client.record(nps(2))];
    window.dispatchEvent(new Event('online'));
    const results = await Promise.all([client.flush(), client.flush(), client.flush()]);
    await sleep(100);
    const ids = await collector.receivedIds();
    expect(ids.sort()).to.deep.equal(responses.map((r) => r.id).sort());
    expect(results.at(-1)?.pending).to.equal(0);
  });

  it('quarantines a stored record that no longer validates and still delivers the rest', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const good = await client.record(nps(9));
    const db = await openDB(client.config.storage.name);
    const broken = { ...good, id: crypto.randomUUID(), score: 42 };
    await db.put('outbox', { id: broken.id, response: broken, enqueuedAt: Date.now() - 1000, attempts: 0, nextAttemptAt: 0 });
    db.close();
    const rejected = nextEvent(client, 'rejected');
    const result = await client.flush();
    expect(result.sent).to.equal(1);
    expect((await rejected).reason).to.equal('stored record no longer validates');
    expect(await collector.receivedIds()).to.deep.equal([good.id]);
    expect((await storedIn(client.config.storage.name)).rejected.map((r) => r.id)).to.deep.equal([broken.id]);
  });

  it('expires answers older than maxAgeDays instead of sending them', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const old = await client.record(nps(3));
    const db = await openDB(client.config.storage.name);
    await db.put('outbox', { id: old.id, response: old, enqueuedAt: Date.now() - 8 * 86_400_000, attempts: 0, nextAttemptAt: 0 });
    db.close();
    const fresh = await client.record(nps(4));
    const expired = nextEvent(client, 'expired');
    await client.flush();
    expect(await expired).to.deep.include({ reason: 'age' });
    expect(await collector.receivedIds()).to.deep.equal([fresh.id]);
  });

  /** Records `count` answers into an outbox capped at 3 whose collector keeps them waiting: what expired as overflow, and what stayed. */
  async function overfill(count: number): Promise<{ ids: string[]; expired: string[]; kept: string[] }> {
    const collector = new Collector();
    await collector.plan({ status: 503, hang: true });
    const client = testClient(collector, { flushDelayMs: 60_000, storage: { maxResponses: 3 } });
    const expired: string[] = [];
    client.on('expired', (e) => e.reason === 'overflow' && expired.push(...e.responses.map((r) => r.id)));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await client.record(nps(i))).id);
    const kept = (await storedIn(client.config.storage.name)).outbox.map((e) => e.id).sort();
    return { ids, expired, kept };
  }

  it('keeps at most storage.maxResponses waiting, expiring the oldest as overflow', async () => {
    const { ids, expired, kept } = await overfill(5);
    expect(expired).to.deep.equal(ids.slice(0, 2));
    expect(kept).to.deep.equal(ids.slice(2).sort());
  });

  it('answers recorded within one millisecond leave the outbox in the order they were recorded', async () => {
    // a fast page (or a fast disk) stores several answers in one clock millisecond
    const clock = Date.now;
    const frozen = clock();
    Date.now = () => frozen;
    try {
      const { ids, expired, kept } = await overfill(10);
      expect(expired).to.deep.equal(ids.slice(0, 7));
      expect(kept).to.deep.equal(ids.slice(7).sort());
    } finally {
      Date.now = clock;
    }
  });

  it('never evicts on a stale kept count: a tab that deleted without keeping it costs no answer', async () => {
    const collector = new Collector();
    await collector.plan({ status: 503, hang: true });
    const client = testClient(collector, { flushDelayMs: 60_000, storage: { maxResponses: 3 } });
    const expired: string[] = [];
    client.on('expired', (e) => expired.push(...e.responses.map((r) => r.id)));
    const first = await client.record(nps(1));
    const second = await client.record(nps(2));
    // an older cxkit in another tab delivers the second and deletes it, leaving the kept count at 2 (and we claim 3)
    const db = await openDB(client.config.storage.name);
    await db.delete('outbox', second.id);
    await db.put('meta', 3, 'outbox-count');
    db.close();
    const third = await client.record(nps(3));
    const fourth = await client.record(nps(4));
    expect(expired).to.deep.equal([]);
    expect((await storedIn(client.config.storage.name)).outbox.map((e) => e.id).sort()).to.deep.equal(
      [first.id, third.id, fourth.id].sort(),
    );
  });

  it('two tabs each under the cap by their own count: the next delivery attempt expires the oldest past it', async () => {
    const collector = new Collector();
    await collector.plan({ status: 503 }, { status: 503 }, { status: 503 });
    const name = `cxkit-test-${crypto.randomUUID()}`;
    const config = { flushDelayMs: 60_000, storage: { name, maxResponses: 3 } };
    const [one, other] = [testClient(collector, config), testClient(collector, config)];
    await Promise.all([one.flush(), other.flush()]);
    const expired: string[] = [];
    for (const tab of [one, other]) tab.on('expired', (e) => e.reason === 'overflow' && expired.push(...e.responses.map((r) => r.id)));
    // each tab counts the outbox once, then trusts its own count: neither sees the other's answers. The first answer is
    // the oldest by a few ms: answers stored in the same millisecond are equally old, and either may be expired
    const ids = [(await one.record(nps(1))).id];
    await new Promise((resolve) => setTimeout(resolve, 5));
    ids.push((await other.record(nps(2))).id);
    ids.push((await one.record(nps(3))).id, (await one.record(nps(4))).id);
    expect((await storedIn(name)).outbox).to.have.length(4);
    await other.flush();
    expect(expired).to.deep.equal([ids[0]]);
    expect((await storedIn(name)).outbox.map((e) => e.id).sort()).to.deep.equal(ids.slice(1).sort());
  });

  it('delivers what an earlier page left behind at start-up', async () => {
    const collector = new Collector();
    const name = `cxkit-test-${crypto.randomUUID()}`;
    const first = testClient(collector, { flushDelayMs: 60_000, storage: { name } });
    const left = await first.record(nps(8));
    first.destroy();
    const second = testClient(collector, { storage: { name } });
    await nextEvent(second, 'sent');
    expect(await collector.receivedIds()).to.deep.equal([left.id]);
  });

  it('keeps answers across a newer schema version opened by another tab', async () => {
    const collector = new Collector();
    await collector.plan({ status: 503 }, { status: 503 });
    const client = await idleClient(collector);
    const before = await client.record(nps(5));
    // a newer cxkit in another tab upgrades the database; ours must step aside and then reopen
    const newer = await openDB(client.config.storage.name, 2, { upgrade: (db) => void db.createObjectStore('future') });
    newer.close();
    const after = await client.record(nps(6));
    expect(await client.pending()).to.equal(2);
    const { outbox } = await storedIn(client.config.storage.name);
    expect(outbox.map((e) => e.id).sort()).to.deep.equal([before.id, after.id].sort());
    await until(async () => (await client.flush()).pending === 0);
  });
});
