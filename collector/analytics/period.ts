// The period a change is measured over, one rule for the journey and the trends: the filter's range, or the last 28
// days up to now when it gives no start; and the period as long just before it.
import type { ResponseFilter } from '../store/store.js';
import { dayMs } from '../time-zone.js';
/** The earliest instant a read reaches back to: PostgreSQL refuses ISO times in year 0000 and before. */
export const earliestInstant = Date.parse('0001-01-01T00:00:00Z');
const defaultPeriodDays = 28;

/** Instants in milliseconds: `since` ≤ the period < `until`; the one before starts at `previousSince`. */
export interface Period {
  readonly since: number;
  readonly until: number;
  readonly previousSince: number;
}

export function periodOf(filter: ResponseFilter, now: Date): Period {
  const until = filter.until ? Date.parse(filter.until) : now.getTime();
  const since = filter.since ? Date.parse(filter.since) : Math.max(earliestInstant, until - defaultPeriodDays * dayMs);
  return { since, until, previousSince: Math.max(earliestInstant, since - (until - since)) };
}
