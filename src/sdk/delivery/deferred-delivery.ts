// Delivery that starts only once the outbox holds something to send: an answer or a display this page stored, or one
// an earlier page left. For the script tag it is a file of its own (dist/cxkit-delivery.js), which a page with nothing
// waiting never fetches, compiles or runs.
import type { ClientEventMap, FlushResult } from '../client/client-events.js';
import type { Emitter } from '../client/emitter.js';
import type { Deliverer } from './deliverer.js';

/** How long a flush waits for delivery to arrive before it says what is pending (delivery is still waited for). */
const flushWaitMs = 15_000;

export interface DeferredDeliveryDeps {
  /** Brings the outbox and delivery (once), and starts delivery; null when they cannot be had now (said once). */
  readonly start: () => Promise<Deliverer | null>;
  /** How many entries wait, answers and displays, without bringing anything when none does. */
  readonly count: () => Promise<number>;
  /** How many answers wait. */
  readonly countAnswers: () => Promise<number>;
  readonly events: Emitter<ClientEventMap>;
}

/**
 * What a client delivers with: until delivery is in, a stand-in that keeps what the client asked for (pause, stop,
 * debug, each flush whose count finds something waiting) and hands it over once delivery arrives. What waits is stored
 * meanwhile: an answer stored while the file downloads and the page closes goes out on the next page (the unload send
 * needs delivery), and a file that cannot be loaded is named in the console once, with the answers kept.
 */
export function deferredDelivery(deps: DeferredDeliveryDeps): Deliverer {
  let delivery: Deliverer | null = null;
  let arriving: Promise<Deliverer | null> | null = null;
  let paused = false;
  let stopped = false;
  let debugging = false;
  const checked: string[] = [];

  const arrive = () =>
    (arriving ??= deps.start().then((started) => {
      // a file the browser could not fetch while offline is asked for again at the next need (the `online` flush)
      if (!started) {
        arriving = null;
        return null;
      }
      if (stopped) {
        started.stop();
        return null;
      }
      delivery = started;
      for (const id of checked.splice(0)) started.checked(id);
      started.setPaused(paused);
      started.setDebug(debugging);
      return started;
    }));
  /** Delivery, brought if the outbox holds anything; null when it holds nothing (or the file is missing). */
  const whenWaiting = async () => delivery ?? ((await deps.count()) ? arrive() : null);

  // with storage failing, answers live in this page's memory alone: delivery is fetched at once, so that the send as
  // the page goes away can take them
  deps.events.on('degraded', () => void arrive());

  return {
    checked: (id) => (delivery ? delivery.checked(id) : void checked.push(id)),
    async flush(): Promise<FlushResult> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const ready = await Promise.race([whenWaiting(), new Promise<null>((resolve) => (timer = setTimeout(resolve, flushWaitMs, null)))]);
      clearTimeout(timer);
      return ready ? ready.flush() : { sent: 0, failed: 0, pending: await deps.countAnswers() };
    },
    schedule(delayMs) {
      if (delivery) return delivery.schedule(delayMs);
      if (stopped) return;
      const at = Date.now() + Math.max(0, delayMs);
      // counted after whatever asked for the flush was stored: with nothing there (or no delivery to be had now), the
      // flush is done; an `online` event or the next answer asks again. Scheduled once the count has found something,
      // not when the file arrives: an answer stored meanwhile brings it (getReady), and the start-up flush, still
      // counting on a slow first IndexedDB open, then sent that fresh answer at once, whatever flushDelayMs
      whenWaiting()
        .then((ready) => ready?.schedule(at - Date.now()))
        .catch(() => undefined);
    },
    sendOnUnload: () => delivery?.sendOnUnload(),
    // in a task of its own: starting a script's request takes a few ms, and the caller's task is the display's bookkeeping
    getReady: () => void setTimeout(arrive),
    setPaused(on) {
      paused = on;
      delivery?.setPaused(on);
    },
    setDebug(on) {
      debugging = on;
      delivery?.setDebug(on);
    },
    stop() {
      stopped = true;
      delivery?.stop();
    },
  };
}
