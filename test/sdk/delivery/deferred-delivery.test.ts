import { expect } from '@esm-bundle/chai';
import { deferredDelivery } from '../../../src/sdk/delivery/deferred-delivery.js';
import type { Deliverer } from '../../../src/sdk/delivery/deliverer.js';
import { Emitter } from '../../../src/sdk/client/emitter.js';

/**
 * Delivery before it is in, with its arrival and the outbox's count under the test's hand: delivery arrives when the
 * page asks for it, and the count answers when the test says (a slow first IndexedDB open).
 */
function standIn() {
  const scheduled: number[] = [];
  let arrived = false;
  const delivery = { schedule: (delayMs: number) => scheduled.push(delayMs), checked() {}, setPaused() {}, setDebug() {} };
  const counts: Array<(n: number) => void> = [];
  const stand = deferredDelivery({
    async start() {
      arrived = true;
      return delivery as unknown as Deliverer;
    },
    count: () => new Promise<number>((resolve) => counts.push(resolve)),
    countAnswers: async () => 0,
    events: new Emitter(),
  });
  return { stand, scheduled, arrived: () => arrived, counts };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('delivery before it is in', () => {
  it('the start-up flush, counting on a slow first open, does not send an answer stored meanwhile before flushDelayMs', async () => {
    const { stand, scheduled, arrived, counts } = standIn();
    // the client starts: a flush for answers earlier pages left, whose count waits for the database to open
    stand.schedule(0);
    // an answer is stored: its file is asked for, and arrives before the count has answered
    stand.getReady();
    await settled();
    expect(arrived()).to.equal(true);
    // once here, the answer's own flush is delivery's to schedule: after flushDelayMs
    stand.schedule(60_000);
    // the count was made before the answer's write: the outbox was empty then
    counts[0]!(0);
    await settled();
    expect(scheduled).to.deep.equal([60_000]);
  });

  it('the start-up flush that finds answers earlier pages left sends them at once, the file fetched for it', async () => {
    const { stand, scheduled, arrived, counts } = standIn();
    stand.schedule(0);
    await settled();
    expect(arrived()).to.equal(false);
    counts[0]!(2);
    await settled();
    expect(arrived()).to.equal(true);
    expect(scheduled).to.have.length(1);
    expect(scheduled[0]).to.be.at.most(0);
  });
});
