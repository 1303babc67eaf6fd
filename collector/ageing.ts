// The anonymising and retention periods (`--anonymise-days`, `--retention-days`): answers and displays lose what
// points at a person once they are older than the one, and are erased with their follow-ups and webhook deliveries once
// older than the other (what the quarantine keeps goes at the first of the two) — at start, then every hour, a batch at a
// time with a turn of the event loop between, so that posts and health checks are never kept waiting by it.
import type { Anonymisation, Erasure, ResponseStore } from './store/store.js';
import { dayMs } from './time-zone.js';

/** Rows of each kind a batch takes: one transaction of a few tens of milliseconds (1,000 held SQLite for 120 ms). */
const batch = 250;
/** How often it looks again: an hour, as a day's answers age past the period. */
const everyMs = 3_600_000;

/** The instant a period of `days` ends at, counted back from `now`: what is older is anonymised or erased. */
export const periodStart = (days: number, now: Date) => new Date(now.getTime() - days * dayMs);

const of = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface AgeingPeriods {
  readonly anonymiseDays?: number | undefined;
  readonly retentionDays?: number | undefined;
}

/**
 * Runs `step` batch by batch until every count it answers is below a batch (or it is stopped), adding up the counts;
 * a database away for a moment ends the sweep early, named with `what`: the next sweep does the rest.
 */
async function sweep<Counts extends object>(
  step: () => Promise<Counts>,
  stopped: () => boolean,
  what: string,
): Promise<Record<keyof Counts, number>> {
  const total = {} as Record<keyof Counts, number>;
  try {
    for (;;) {
      const counts = await step();
      for (const [key, n] of Object.entries(counts) as Array<[keyof Counts, number]>) total[key] = (total[key] ?? 0) + n;
      if (stopped() || Object.values(counts).every((n) => n < batch)) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    console.error(`cxkit collector: ${what}: ${(error as Error).message}`);
  }
  return total;
}

/** Anonymises and erases what is older than the periods, now and every hour; answers the function that stops it. */
export function startAgeing(store: ResponseStore, { anonymiseDays, retentionDays }: AgeingPeriods): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const isStopped = () => stopped;
  const anonymise = async (days: number) => {
    const before = periodStart(days, new Date());
    const done: Partial<Anonymisation> = await sweep(
      () => store.anonymiseBefore(before, batch),
      isStopped,
      `could not anonymise what is older than ${days} days`,
    );
    if (!done.responses && !done.displays && !done.quarantined) return;
    const aside = done.quarantined ? `, and erased ${of(done.quarantined, 'answer or display', 'answers and displays')} kept aside` : '';
    console.error(
      `cxkit collector: anonymised ${of(done.responses ?? 0, 'answer')} and ${of(done.displays ?? 0, 'display')} from before ${before.toISOString()} (${days} days)${aside}`,
    );
  };
  const erase = async (days: number) => {
    const before = periodStart(days, new Date());
    const erased: Partial<Erasure> = await sweep(
      () => store.eraseBefore(before, batch),
      isStopped,
      `retention: could not erase what is older than ${days} days`,
    );
    if (!erased.responses && !erased.displays && !erased.quarantined) return;
    const alongside = [
      erased.followUps && of(erased.followUps, 'follow-up'),
      erased.webhookDeliveries && of(erased.webhookDeliveries, 'webhook delivery', 'webhook deliveries'),
      erased.quarantined && `${of(erased.quarantined, 'answer or display', 'answers and displays')} kept aside`,
    ].filter(Boolean);
    console.error(
      `cxkit collector: retention: erased ${of(erased.responses ?? 0, 'answer')} and ${of(erased.displays ?? 0, 'display')} from before ${before.toISOString()} (${days} days)${alongside.length ? `, with ${alongside.join(', ')}` : ''}`,
    );
  };
  const both = async () => {
    if (anonymiseDays) await anonymise(anonymiseDays);
    if (retentionDays && !stopped) await erase(retentionDays);
  };
  const again = () => (running = running.then(both));
  again();
  const timer = setInterval(again, everyMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
