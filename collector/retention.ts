// The retention period (`--retention-days`): answers, displays and what the quarantine keeps are erased once they are
// older, with the follow-ups and webhook deliveries that go with them — at start, then every hour, a batch at a time
// with a turn of the event loop between, so that posts and health checks are never kept waiting by it.
import type { Erasure, ResponseStore } from './store/store.js';
import { dayMs } from './time-zone.js';

/** Rows of each kind a batch erases: one transaction of a few tens of milliseconds (1,000 held SQLite for 120 ms). */
const batch = 250;
/** How often it looks again: an hour, as a day's answers age past the period. */
const everyMs = 3_600_000;

const of = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Erases everything older than `days`, now and every hour; answers the function that stops it. */
export function startRetention(store: ResponseStore, days: number): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const sweep = async () => {
    const before = new Date(Date.now() - days * dayMs);
    const erased: Record<keyof Erasure, number> = { responses: 0, displays: 0, webhookDeliveries: 0, followUps: 0, quarantined: 0 };
    try {
      for (;;) {
        const step = await store.eraseBefore(before, batch);
        for (const key of Object.keys(erased) as Array<keyof Erasure>) erased[key] += step[key];
        if (stopped || (step.responses < batch && step.displays < batch && step.quarantined < batch)) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // a database away for a moment: the next sweep does it
      console.error(`cxkit collector: retention: could not erase what is older than ${days} days: ${(error as Error).message}`);
    }
    if (erased.responses || erased.displays || erased.quarantined) {
      const alongside = [
        erased.followUps && of(erased.followUps, 'follow-up'),
        erased.webhookDeliveries && of(erased.webhookDeliveries, 'webhook delivery', 'webhook deliveries'),
        erased.quarantined && `${of(erased.quarantined, 'answer or display', 'answers and displays')} kept aside`,
      ].filter(Boolean);
      console.error(
        `cxkit collector: retention: erased ${of(erased.responses, 'answer')} and ${of(erased.displays, 'display')} from before ${before.toISOString()} (${days} days)${alongside.length ? `, with ${alongside.join(', ')}` : ''}`,
      );
    }
  };
  const again = () => (running = running.then(sweep));
  again();
  const timer = setInterval(again, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
