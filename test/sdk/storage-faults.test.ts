import { expect } from '@esm-bundle/chai';
import { Collector } from '../support/collector.js';
import { destroyTestClients, idleClient, nextEvent, nps, storedIn, testClient } from '../support/clients.js';

/** Replaces `window.indexedDB` for one test, the way private modes and sandboxed frames break it. */
function breakIndexedDB(descriptor: PropertyDescriptor): () => void {
  const own = Object.getOwnPropertyDescriptor(window, 'indexedDB');
  Object.defineProperty(window, 'indexedDB', { configurable: true, ...descriptor });
  return () => {
    if (own) Object.defineProperty(window, 'indexedDB', own);
    else delete (window as { indexedDB?: unknown }).indexedDB;
  };
}

/** Makes IDBObjectStore#put throw `name` for the next `times` calls. */
function refusePuts(name: string, times = Infinity): () => void {
  const original = IDBObjectStore.prototype.put;
  let left = times;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (left-- > 0) throw new DOMException('refused by the test', name);
    return original.apply(this, args);
  };
  return () => {
    IDBObjectStore.prototype.put = original;
  };
}

describe('storage faults', () => {
  afterEach(destroyTestClients);

  const breakages: Array<[string, PropertyDescriptor]> = [
    ['is undefined', { value: undefined }],
    [
      'throws SecurityError',
      {
        get: () => {
          throw new DOMException('denied', 'SecurityError');
        },
      },
    ],
    [
      'fails to open',
      {
        value: {
          open: () => {
            throw new DOMException('private mode', 'InvalidStateError');
          },
        },
      },
    ],
  ];
  for (const [how, descriptor] of breakages) {
    it(`keeps working from memory when IndexedDB ${how}, emitting degraded once`, async () => {
      const restore = breakIndexedDB(descriptor);
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent) => errors.push(e.error);
      window.addEventListener('error', onError);
      try {
        const collector = new Collector();
        const client = testClient(collector, { flushDelayMs: 60_000 });
        let degraded = 0;
        client.on('degraded', () => degraded++);
        const first = await client.record(nps(9));
        const second = await client.record(nps(3));
        expect(await client.pending()).to.equal(2);
        expect((await client.flush()).sent).to.equal(2);
        expect((await collector.receivedIds()).sort()).to.deep.equal([first.id, second.id].sort());
        expect(degraded).to.equal(1);
        expect(errors).to.deep.equal([]);
      } finally {
        window.removeEventListener('error', onError);
        restore();
      }
    });
  }

  it('falls back to memory when a write is refused, and still delivers', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const degraded = nextEvent(client, 'degraded');
    const restore = refusePuts('UnknownError');
    try {
      const response = await client.record(nps(7));
      expect((await degraded).reason).to.contain('UnknownError');
      await client.flush();
      expect(await collector.receivedIds()).to.deep.equal([response.id]);
    } finally {
      restore();
    }
  });

  it('on a full disk drops nothing stored: the new answer waits in memory, every answer is delivered, and what was delivered leaves the disk', async () => {
    const collector = new Collector();
    const name = `cxkit-test-${crypto.randomUUID()}`;
    const client = await idleClient(collector, { storage: { name } });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await client.record(nps(i))).id);
    const expired: unknown[] = [];
    client.on('expired', (event) => expired.push(event));
    const degraded = nextEvent(client, 'degraded');
    const restore = refusePuts('QuotaExceededError', 1);
    try {
      const response = await client.record(nps(10));
      expect((await degraded).reason).to.contain('QuotaExceededError');
      expect(await client.pending()).to.equal(11);
      await client.flush();
      expect((await collector.receivedIds()).sort()).to.deep.equal([...ids, response.id].sort());
      expect(expired).to.deep.equal([]);
      // removing needs no room: a later page finds nothing of them to send again
      expect((await storedIn(name)).outbox).to.deep.equal([]);
    } finally {
      restore();
    }
  });

  it('keeps answers in memory when the disk stays full', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const degraded = nextEvent(client, 'degraded');
    const restore = refusePuts('QuotaExceededError');
    try {
      const response = await client.record(nps(10));
      expect((await degraded).reason).to.contain('QuotaExceededError');
      await client.flush();
      expect(await collector.receivedIds()).to.deep.equal([response.id]);
    } finally {
      restore();
    }
  });
});
