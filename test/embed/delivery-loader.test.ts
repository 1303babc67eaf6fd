import { expect } from '@esm-bundle/chai';
import { installDeliveryLoader } from '../../src/embed/delivery-loader.js';
import type { ScriptLoader } from '../../src/embed/script-loader.js';
import type { Deliverer, DeliveryDeps, StartDelivery } from '../../src/sdk/delivery/deliverer.js';

/**
 * The script tag's delivery stand-in, with delivery's file and the outbox's count under the test's hand: the file
 * arrives when the page asks for it, and the count answers when the test says (a slow first IndexedDB open).
 */
function standIn() {
  const api = {};
  const scheduled: number[] = [];
  let arrived = false;
  const delivery = { schedule: (delayMs: number) => scheduled.push(delayMs), checked() {}, setPaused() {}, setDebug() {} };
  const scripts = {
    urlOf: () => 'cxkit-delivery.js',
    async load() {
      const connect = (api as Record<string, (start: StartDelivery) => void>)['__cxkitConnect-delivery']!;
      connect(() => ((arrived = true), delivery as unknown as Deliverer));
    },
  } as unknown as ScriptLoader;
  const counts: Array<(n: number) => void> = [];
  const deps = {
    outbox: { count: () => new Promise<number>((resolve) => counts.push(resolve)) },
    events: { on() {} },
  } as unknown as DeliveryDeps;
  const stand = installDeliveryLoader(scripts, api)(deps);
  return { stand, scheduled, arrived: () => arrived, counts };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('delivery before its file is in', () => {
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
