import { expect } from '@esm-bundle/chai';
import { Collector } from '../support/collector.js';
import { destroyTestClients, idleClient, nps, testClient } from '../support/clients.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const databaseExists = async (name: string) => (await indexedDB.databases()).some((db) => db.name === name);
const storedAnonymousId = (name: string) => localStorage.getItem(`${name}:anonymous-id`);

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('consent', () => {
  afterEach(destroyTestClients);

  it('pending: nothing is written to storage and nothing is sent; granted: stored and delivered', async () => {
    const collector = new Collector();
    const client = testClient(collector, { consent: 'pending', flushDelayMs: 0 });
    const name = client.config.storage.name;
    const answer = await client.record(nps(9));
    await client.flush();
    await sleep(200);
    expect(await databaseExists(name)).to.equal(false);
    expect(storedAnonymousId(name)).to.equal(null);
    expect(await collector.requests()).to.have.length(0);
    expect(await client.pending()).to.equal(1);

    client.consent('granted');
    await until(async () => (await collector.receivedIds()).length === 1);
    expect(await collector.receivedIds()).to.deep.equal([answer.id]);
    expect(await databaseExists(name)).to.equal(true);
    expect(storedAnonymousId(name)).to.equal(answer.anonymousId);
  });

  it('denied: waiting answers are dropped and everything cxkit stored is erased', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const name = client.config.storage.name;
    await client.record(nps(4));
    expect(await databaseExists(name)).to.equal(true);
    expect(storedAnonymousId(name)).to.not.equal(null);

    client.consent('denied');
    await until(async () => !(await databaseExists(name)));
    expect(storedAnonymousId(name)).to.equal(null);
    expect(await client.pending()).to.equal(0);
    await client.record(nps(5));
    await client.flush();
    expect(await client.pending()).to.equal(0);
    expect(await collector.requests()).to.have.length(0);
    expect(await databaseExists(name)).to.equal(false);
  });

  it('rejects an unknown consent state, naming it', () => {
    const client = testClient(new Collector());
    expect(() => client.consent('maybe' as never)).to.throw('cxkit: consent: expected one of "granted", "pending", "denied", got "maybe"');
  });

  it('with respectPrivacySignals, Global Privacy Control means pending: no prompt, no storage', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true });
    try {
      const client = testClient(new Collector(), {
        respectPrivacySignals: true,
        touchpoints: [{ id: 'checkout', prompt: 'nps', on: { milestone: 'checkout-complete' } }],
      });
      expect(await client.milestone('checkout-complete')).to.equal(false);
      expect(client.explain('checkout').blockedBy).to.include('consent pending');
      await client.record(nps(8));
      await sleep(100);
      expect(await databaseExists(client.config.storage.name)).to.equal(false);
      expect(document.querySelector('cx-nps')).to.equal(null);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });
});
