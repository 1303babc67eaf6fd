import { expect } from '@esm-bundle/chai';
import { Collector } from '../support/collector.js';
import { destroyTestClients, idleClient, nps, storedIn, testClient } from '../support/clients.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drafts: the score is never lost to an abandoned follow-up', () => {
  afterEach(destroyTestClients);

  it('stores the score at once, marked partial, and holds it back while the follow-up is open', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const draft = await client.draft(nps(9));
    const { outbox } = await storedIn(client.config.storage.name);
    expect(outbox.map((e) => [e.id, e.response?.partial, Boolean(e.draft)])).to.deep.equal([[draft.response.id, true, true]]);
    await client.flush();
    expect(await collector.requests()).to.have.length(0);
  });

  it('finishing sends one complete response with the same id, and no partial twin', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const draft = await client.draft(nps(6));
    await draft.rescore(8);
    const finished = await draft.finish({ comment: 'Shipping was slow' });
    await client.flush();
    const requests = await collector.requests();
    expect(requests.flatMap((r) => r.body.responses)).to.deep.equal([finished]);
    expect(finished).to.include({ id: draft.response.id, score: 8, comment: 'Shipping was slow' });
    expect(finished.partial).to.equal(undefined);
  });

  it('abandoning sends the score as it is, marked partial', async () => {
    const collector = new Collector();
    const client = await idleClient(collector);
    const draft = await client.draft(nps(3));
    await draft.abandon();
    await client.flush();
    const [sent] = (await collector.requests()).flatMap((r) => r.body.responses);
    expect(sent).to.include({ id: draft.response.id, score: 3, partial: true });
  });

  it('a follow-up left untouched for draftTimeoutMs sends the score as partial; typing restarts the wait', async () => {
    const collector = new Collector();
    const client = await idleClient(collector, { draftTimeoutMs: 2000, flushDelayMs: 0 });
    const draft = await client.draft(nps(10));
    await sleep(1200);
    draft.touch(); // the wait starts again: nothing before 3.2 s
    await sleep(1000);
    expect(await collector.requests()).to.have.length(0);
    const deadline = Date.now() + 5000;
    while (!(await collector.requests()).length && Date.now() < deadline) await sleep(50);
    expect(await collector.receivedIds()).to.deep.equal([draft.response.id]);
    expect((await collector.requests())[0]?.body.responses[0]?.partial).to.equal(true);
  });

  for (const { outcome, status } of [
    { outcome: 'takes', status: 202 },
    { outcome: 'fails', status: 503 },
    { outcome: 'refuses', status: 400 },
  ]) {
    it(`finishing while the partial is on its way to a collector that ${outcome} it: the complete answer goes out after it`, async () => {
      const collector = new Collector();
      // the partial's request takes its time (a slow phone network); the visitor finishes meanwhile
      await collector.plan({ status, delayMs: 800 });
      const client = await idleClient(collector);
      const draft = await client.draft(nps(4));
      await draft.abandon();
      const flushed = client.flush();
      await collector.waitForRequests(1);
      const finished = await draft.finish({ comment: 'Found it in the end' });
      await flushed;
      await sleep(100); // a failed attempt's wait (20 ms here) is over
      await client.flush();
      const requests = await collector.requests();
      expect(requests.map((r) => [r.status, r.body.responses.map((x) => x.comment ?? 'partial')])).to.deep.equal([
        [status, ['partial']],
        [200, ['Found it in the end']],
      ]);
      expect(requests[1]?.body.responses[0]).to.deep.equal(finished);
      expect(await client.pending()).to.equal(0);
    });
  }

  it("another tab sends a closed page's draft as partial, but leaves an open page's draft alone", async () => {
    const collector = new Collector();
    const name = `cxkit-test-${crypto.randomUUID()}`;
    const open = await idleClient(collector, { storage: { name } });
    const closing = await idleClient(collector, { storage: { name } });
    const kept = await open.draft(nps(9));
    const left = await closing.draft(nps(2));
    closing.destroy(); // its page lock goes, as when a tab closes
    const other = await idleClient(collector, { storage: { name } });
    await other.flush();
    const sent = (await collector.requests()).flatMap((r) => r.body.responses);
    expect(sent.map((r) => [r.id, r.partial])).to.deep.equal([[left.response.id, true]]);
    expect((await storedIn(name)).outbox.map((e) => e.id)).to.deep.equal([kept.response.id]);
  });

  it('rejects a draft with a bad score, naming the field, and stores nothing', async () => {
    const client = testClient(new Collector(), { flushDelayMs: 60_000 });
    let error: unknown;
    await client.draft(nps(12)).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('cxkit: draft.score: expected an integer from 0 to 10 for nps, got 12');
    expect(await client.pending()).to.equal(0);
  });
});
