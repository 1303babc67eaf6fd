import { expect } from '@esm-bundle/chai';
import { Collector } from '../../support/collector.js';
import { destroyTestClients, nps, testClient } from '../../support/clients.js';

describe('one delivering tab at a time', () => {
  afterEach(destroyTestClients);

  async function deliverFromTwoClients(collector: Collector): Promise<string[]> {
    const name = `cxkit-test-${crypto.randomUUID()}`;
    // two clients on one database stand for two tabs of one site
    const tabs = [testClient(collector, { storage: { name } }), testClient(collector, { storage: { name } })];
    const ids = (await Promise.all(tabs.map((tab) => Promise.all(Array.from({ length: 10 }, (_, i) => tab.record(nps(i)))))))
      .flat()
      .map((r) => r.id);
    for (let round = 0; round < 50 && (await tabs[0]!.pending()) > 0; round++) {
      await Promise.all([tabs[0]!.flush(), tabs[1]!.flush(), tabs[0]!.flush(), tabs[1]!.flush()]);
    }
    expect(await tabs[0]!.pending()).to.equal(0);
    return ids;
  }

  it('delivers every answer exactly once with Web Locks', async () => {
    const collector = new Collector();
    await collector.plan({ status: 200, delayMs: 50 }, { status: 200, delayMs: 50 });
    const ids = await deliverFromTwoClients(collector);
    expect((await collector.receivedIds()).sort()).to.deep.equal(ids.sort());
  });

  it('delivers every answer exactly once with the storage lease where Web Locks are missing', async () => {
    const own = Object.getOwnPropertyDescriptor(navigator, 'locks');
    Object.defineProperty(navigator, 'locks', { configurable: true, value: undefined });
    try {
      const collector = new Collector();
      await collector.plan({ status: 200, delayMs: 50 }, { status: 200, delayMs: 50 });
      const ids = await deliverFromTwoClients(collector);
      expect((await collector.receivedIds()).sort()).to.deep.equal(ids.sort());
    } finally {
      if (own) Object.defineProperty(navigator, 'locks', own);
      else delete (navigator as { locks?: unknown }).locks;
    }
  });
});
