// Whether reaching unhappy customers helps, the loop's own figure: of the unhappy customers someone reached (contacted
// or closed) who answered the same question again, the share whose next answer was no longer unhappy, against the same
// share of those nobody reached, with the difference's 95% interval and p-value. Observational: a team may reach first
// those likelier to come round, so the comparison says what happened, not what reaching them caused.
import type { RecoveryCount, ResponseFilter, ResponseStore } from '../store/store.js';
import { ci95, difference, proportion, type Difference } from './estimates.js';

/** One side: its counts and the share recovered of those who answered again, in per cent with its interval. */
export interface RecoveryShare extends RecoveryCount {
  /** Null when none of them answered again. */
  readonly rate: number | null;
  readonly ci95: number | null;
}

export interface Recovery {
  readonly reached: RecoveryShare;
  readonly notReached: RecoveryShare;
  /** Reached minus not reached, in points. */
  readonly difference: Difference;
}

export async function buildRecovery(store: ResponseStore, filter: ResponseFilter, signal?: AbortSignal): Promise<Recovery> {
  const { reached, notReached } = await store.recovery(filter, signal);
  const share = (count: RecoveryCount) => proportion(count.recovered, count.answeredAgain);
  const side = (count: RecoveryCount): RecoveryShare => ({ ...count, rate: share(count).value, ci95: ci95(share(count)) });
  return { reached: side(reached), notReached: side(notReached), difference: difference(share(reached), share(notReached)) };
}
