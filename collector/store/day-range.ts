// Exact counts for any time range from a per-day rollup: whole UTC days come from the rollup, the partial days at either
// edge from the rows themselves (at most two days of rows, whatever the range).
import type { DayScoreCount, ResponseFilter } from './store.js';

const dayMs = 86_400_000;

export interface CountSources {
  /** Rollup counts for whole days, `fromDay` inclusive and `toDay` exclusive (YYYY-MM-DD); an absent end is open. */
  rollup(touchpoint: string | undefined, fromDay: string | undefined, toDay: string | undefined): Promise<DayScoreCount[]>;
  /** Counts straight from the rows with `since <= answeredAt < until` (ISO 8601 UTC). */
  rows(touchpoint: string | undefined, since: string, until: string): Promise<DayScoreCount[]>;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

export async function countsInRange(filter: ResponseFilter, sources: CountSources): Promise<DayScoreCount[]> {
  const since = filter.since === undefined ? undefined : Date.parse(filter.since);
  const until = filter.until === undefined ? undefined : Date.parse(filter.until);
  const { touchpoint } = filter;
  if (since !== undefined && until !== undefined && since >= until) return [];
  const firstWholeDay = since === undefined ? undefined : Math.ceil(since / dayMs) * dayMs;
  const endOfWholeDays = until === undefined ? undefined : Math.floor(until / dayMs) * dayMs;
  const parts: Array<Promise<DayScoreCount[]>> = [];
  if (firstWholeDay !== undefined && endOfWholeDays !== undefined && firstWholeDay >= endOfWholeDays) {
    parts.push(sources.rows(touchpoint, iso(since!), iso(until!)));
  } else {
    if (since !== undefined && since < firstWholeDay!) parts.push(sources.rows(touchpoint, iso(since), iso(firstWholeDay!)));
    parts.push(
      sources.rollup(
        touchpoint,
        firstWholeDay === undefined ? undefined : day(firstWholeDay),
        endOfWholeDays === undefined ? undefined : day(endOfWholeDays),
      ),
    );
    if (until !== undefined && endOfWholeDays! < until) parts.push(sources.rows(touchpoint, iso(endOfWholeDays!), iso(until)));
  }
  const merged = new Map<string, DayScoreCount>();
  for (const count of (await Promise.all(parts)).flat()) {
    const key = `${count.day}|${count.kind}|${count.scaleMax}|${count.score}`;
    const earlier = merged.get(key);
    merged.set(key, earlier ? { ...earlier, n: earlier.n + count.n } : count);
  }
  return [...merged.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
