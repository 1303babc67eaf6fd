import { expect } from '@esm-bundle/chai';
import { openDB } from 'idb';
import { responseSchema } from '../../src/schema/response.js';
import { CxValidationError, isCxError } from '../../src/sdk/errors.js';
import { Collector } from '../support/collector.js';
import { destroyTestClients, idleClient, nextEvent, nps, storedIn, testClient } from '../support/clients.js';

describe('createClient and record', () => {
  afterEach(destroyTestClients);

  it('stores the answer in IndexedDB before record() resolves', async () => {
    const collector = new Collector();
    await collector.plan({ status: 503 });
    const client = testClient(collector, { flushDelayMs: 60_000 });
    const response = await client.record({ ...nps(9), comment: 'fast checkout' });
    const { outbox } = await storedIn(client.config.storage.name);
    expect(outbox.map((e) => e.id)).to.deep.equal([response.id]);
    expect(outbox[0]?.response?.comment).to.equal('fast checkout');
    expect(await client.pending()).to.equal(1);
  });

  it('builds a complete response that validates against the schema', async () => {
    const client = testClient(new Collector(), { flushDelayMs: 60_000, locale: 'de-DE' });
    client.identify('user-42', { plan: 'pro', seats: 3 });
    const response = await client.record({ ...nps(10), metadata: { orderId: 'A-1' } });
    expect(responseSchema.safeParse(response).success).to.equal(true);
    expect(response).to.include({ kind: 'nps', score: 10, touchpoint: 'checkout-complete', locale: 'de-DE', userId: 'user-42' });
    expect(response.scale).to.deep.equal({ min: 0, max: 10 });
    expect(response.traits).to.deep.equal({ plan: 'pro', seats: 3 });
    expect(response.question).to.equal('How likely are you to recommend us to a friend or colleague?');
    expect(response.sdk.name).to.equal('cxkit');
  });

  it("records the journey stage of the answer's touchpoint from the config, and the device class", async () => {
    const touchpoints = [{ id: 'checkout-complete', prompt: 'nps' as const, on: { milestone: 'checkout-complete' }, stage: 'buy' }];
    const client = testClient(new Collector(), { flushDelayMs: 60_000, touchpoints });
    const configured = await client.record(nps(9));
    expect(configured).to.include({ stage: 'buy', device: 'desktop' });
    expect((await storedIn(client.config.storage.name)).outbox[0]?.response).to.include({ stage: 'buy', device: 'desktop' });
    // an explicit stage wins; a touchpoint the config does not know has none
    expect((await client.record({ ...nps(3), stage: 'get-help' })).stage).to.equal('get-help');
    const unknown = await client.record({ ...nps(3), touchpoint: 'elsewhere' });
    expect(unknown).to.not.have.property('stage');
    expect(unknown.device).to.equal('desktop');
  });

  it('records whether the visitor is new or returning: a session idle for over 30 minutes makes the next one a return', async () => {
    const name = `cxkit-test-${crypto.randomUUID()}`;
    /** The visitor memory once a client has read it (it reads at start, without holding up record()). */
    const memory = async (sessions: number) => {
      for (let tries = 0; tries < 100; tries++) {
        // opened only once the client has created it: opening it first would create an empty database for the client
        if ((await indexedDB.databases()).some((database) => database.name === name)) {
          const db = await openDB(name);
          const state = db.objectStoreNames.contains('meta') ? await db.get('meta', 'visitor') : undefined;
          db.close();
          if (state?.sessions === sessions) return state;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`the visitor memory never showed session ${sessions}`);
    };
    const first = testClient(new Collector(), { flushDelayMs: 60_000, storage: { name } });
    await memory(1);
    expect((await first.record(nps(9))).visitor).to.equal('new');
    first.destroy();
    // the same visitor comes back an hour later
    const db = await openDB(name);
    const state = await db.get('meta', 'visitor');
    await db.put('meta', { ...state, session: { ...state.session, lastSeenAt: Date.now() - 60 * 60_000 } }, 'visitor');
    db.close();
    const later = testClient(new Collector(), { flushDelayMs: 60_000, storage: { name } });
    await memory(2);
    expect((await later.record(nps(9))).visitor).to.equal('returning');
  });

  it('records the page without its query string and hash', async () => {
    history.replaceState(null, '', `${location.pathname}?email=someone@example.com#secret`);
    try {
      const response = await testClient(new Collector(), { flushDelayMs: 60_000 }).record(nps(8));
      expect(response.page.url).to.equal(`${location.origin}${location.pathname}`);
      const full = await testClient(new Collector(), { flushDelayMs: 60_000, fullPageUrl: true }).record(nps(8));
      expect(full.page.url).to.contain('?email=someone@example.com#secret');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('cuts a title over 500 code units before an emoji it would split: half a pair is text no database holds', async () => {
    const before = document.title;
    document.title = `${'x'.repeat(499)}😀 and the rest`;
    try {
      const response = await testClient(new Collector(), { flushDelayMs: 60_000 }).record(nps(8));
      expect(response.page.title).to.equal('x'.repeat(499));
      document.title = `${'x'.repeat(498)}😀 and the rest`;
      const whole = await testClient(new Collector(), { flushDelayMs: 60_000 }).record(nps(8));
      expect(whole.page.title).to.equal(`${'x'.repeat(498)}😀`);
    } finally {
      document.title = before;
    }
  });

  it('keeps one anonymous id across clients, and a fresh id for every answer', async () => {
    const collector = new Collector();
    const name = `cxkit-test-${crypto.randomUUID()}`;
    const first = await testClient(collector, { flushDelayMs: 60_000, storage: { name } }).record(nps(7));
    const second = await testClient(collector, { flushDelayMs: 60_000, storage: { name } }).record(nps(7));
    expect(first.anonymousId).to.equal(second.anonymousId);
    expect(first.id).to.not.equal(second.id);
    expect(document.cookie).to.equal('');
  });

  it('throws a CxValidationError naming the field and queues nothing', async () => {
    const client = testClient(new Collector(), { flushDelayMs: 60_000 });
    const attempts: Array<[unknown, string]> = [
      [nps(11), 'cxkit: record.score: expected an integer from 0 to 10 for nps, got 11'],
      [{ kind: 'csat', score: 0, touchpoint: 'help' }, 'cxkit: record.score: expected an integer from 1 to 5 for csat, got 0'],
      [{ kind: 'nps', score: 5, touchpoint: '' }, 'cxkit: record.touchpoint: expected at least 1 character, got ""'],
      [{ ...nps(3), comment: 'x'.repeat(5001) }, 'cxkit: record.comment: expected at most 5,000 characters, got 5,001 characters'],
      [{ kind: 'stars', score: 5, touchpoint: 'x' }, 'cxkit: record.kind: expected one of "nps", "csat", "ces", got "stars"'],
      [{ kind: 'nps', score: 7.5, touchpoint: 'x' }, 'cxkit: record.score:'],
      [{ kind: 'nps', touchpoint: 'x' }, 'cxkit: record.score: expected a number, but it is missing'],
      [
        { ...nps(3), metadata: { nested: { no: 1 } } },
        'cxkit: record.metadata.nested: expected a string, a number or a boolean, got an object',
      ],
      [
        { ...nps(3), metadata: { ['k'.repeat(101)]: 1 } },
        `cxkit: record.metadata.${'k'.repeat(101)}: expected at most 100 characters in the key`,
      ],
      [{ ...nps(3), scor: 3 }, 'cxkit: record: unknown field "scor"'],
    ];
    for (const [input, message] of attempts) {
      let thrown: unknown;
      try {
        await client.record(input as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(input)).to.be.instanceOf(CxValidationError);
      expect(isCxError(thrown)).to.equal(true);
      expect((thrown as Error).message).to.satisfy((m: string) => m.startsWith(message), `${(thrown as Error).message} ≠ ${message}`);
    }
    expect(await client.pending()).to.equal(0);
  });

  it('refuses at record() and draft() an answer no request can carry, instead of storing one that delivery would drop', async () => {
    const collector = new Collector();
    const client = await idleClient(collector, { batch: { maxBytes: 2048 } });
    const fits = await client.record({ ...nps(9), comment: 'a'.repeat(1000) });
    const refusal = async (attempt: Promise<unknown>) => {
      let thrown: unknown;
      await attempt.catch((error: unknown) => (thrown = error));
      expect(thrown).to.be.instanceOf(CxValidationError);
      return (thrown as Error).message;
    };
    const tooBig = /^the answer is \d+ bytes as sent, over batch\.maxBytes \(2048\): shorten its traits, metadata or comment$/;
    expect(await refusal(client.record({ ...nps(3), comment: 'b'.repeat(2000) }))).to.match(
      new RegExp(`^cxkit: record: ${tooBig.source.slice(1)}`),
    );
    expect(await refusal(client.draft({ ...nps(3), metadata: { note: 'c'.repeat(1000), more: 'd'.repeat(1000) } }))).to.match(
      new RegExp(`^cxkit: draft: ${tooBig.source.slice(1)}`),
    );
    expect(await client.pending()).to.equal(1);
    expect(await client.flush()).to.deep.equal({ sent: 1, failed: 0, pending: 0 });
    expect(await collector.receivedIds()).to.deep.equal([fits.id]);

    // with the default limit: traits that no request could carry, however the answer is sent
    const identified = testClient(new Collector(), { flushDelayMs: 60_000 });
    identified.identify('user-1', Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`trait${i}`, 'x'.repeat(1000)])));
    expect(await refusal(identified.record(nps(9)))).to.match(
      /^cxkit: record: the answer is 7\d{4} bytes as sent, over batch\.maxBytes \(61440\)/,
    );
    expect(await identified.pending()).to.equal(0);
  });

  it('accepts CES on a 1–5 scale but not a scale foreign to the kind', async () => {
    const client = testClient(new Collector(), { flushDelayMs: 60_000 });
    const ces5 = await client.record({ kind: 'ces', score: 5, touchpoint: 'help', scale: { min: 1, max: 5 } });
    expect(ces5.scale).to.deep.equal({ min: 1, max: 5 });
    let thrown: unknown;
    await client.record({ kind: 'nps', score: 5, touchpoint: 'x', scale: { min: 1, max: 5 } }).catch((e: unknown) => (thrown = e));
    expect((thrown as Error).message).to.equal('cxkit: record.scale: expected 0–10 for nps, got 1–5');
  });

  it('lets beforeSend redact a response or drop it', async () => {
    const client = testClient(new Collector(), {
      flushDelayMs: 60_000,
      beforeSend: (response) => (response.score < 3 ? null : { ...response, comment: response.comment?.replace(/\S+@\S+/g, '[email]') }),
    });
    const kept = await client.record({ ...nps(9), comment: 'mail me at a@b.co' });
    await client.record(nps(1));
    const { outbox } = await storedIn(client.config.storage.name);
    expect(outbox.map((e) => e.response?.comment)).to.deep.equal(['mail me at [email]']);
    expect(kept.comment).to.equal('mail me at [email]');
  });

  it('rejects a beforeSend that breaks the response, naming the field', async () => {
    const client = testClient(new Collector(), { flushDelayMs: 60_000, beforeSend: (r) => ({ ...r, score: 99 }) });
    let thrown: unknown;
    await client.record(nps(9)).catch((e: unknown) => (thrown = e));
    expect((thrown as Error).message).to.equal('cxkit: beforeSend(response).score: expected an integer from 0 to 10 for nps, got 99');
    expect(await client.pending()).to.equal(0);
  });

  it('emits queued once the answer is stored', async () => {
    const client = testClient(new Collector(), { flushDelayMs: 60_000 });
    const queued = nextEvent(client, 'queued');
    const response = await client.record(nps(6));
    expect((await queued).response.id).to.equal(response.id);
  });
});
