// Exact counts for any time range from per-day rollups: whole days (in the store's time zone) come from a rollup, the
// partial days at either edge from the rows themselves (at most two days of rows, whatever the range).
import { addDays, type TimeZone } from '../../time-zone.js';
import type { ResponseFilter } from '../store.js';

export interface RangeParts {
  /** Whole days to read from a rollup, `fromDay` inclusive and `toDay` exclusive (YYYY-MM-DD; absent = open); null for none. */
  readonly days: { readonly fromDay: string | undefined; readonly toDay: string | undefined } | null;
  /** Spans to read from the rows, `since <= time < until` (ISO 8601 UTC). */
  readonly edges: ReadonlyArray<{ readonly since: string; readonly until: string }>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function rangeParts(filter: ResponseFilter, zone: TimeZone): RangeParts {
  const since = filter.since === undefined ? undefined : Date.parse(filter.since);
  const until = filter.until === undefined ? undefined : Date.parse(filter.until);
  if (since !== undefined && until !== undefined && since >= until) return { days: null, edges: [] };
  const startOfDayAt = (ms: number) => zone.startOf(zone.dayOf(ms));
  const firstWholeDay =
    since === undefined ? undefined : startOfDayAt(since) === since ? since : zone.startOf(addDays(zone.dayOf(since), 1));
  const endOfWholeDays = until === undefined ? undefined : startOfDayAt(until);
  if (firstWholeDay !== undefined && endOfWholeDays !== undefined && firstWholeDay >= endOfWholeDays) {
    return { days: null, edges: [{ since: iso(since!), until: iso(until!) }] };
  }
  const edges: Array<{ since: string; until: string }> = [];
  if (since !== undefined && since < firstWholeDay!) edges.push({ since: iso(since), until: iso(firstWholeDay!) });
  if (until !== undefined && endOfWholeDays! < until) edges.push({ since: iso(endOfWholeDays!), until: iso(until) });
  return {
    days: {
      fromDay: firstWholeDay === undefined ? undefined : zone.dayOf(firstWholeDay),
      toDay: endOfWholeDays === undefined ? undefined : zone.dayOf(endOfWholeDays),
    },
    edges,
  };
}

/** Adds up counts that share a key (a day from the rollup and the same day's edge rows, say), keeping first-seen order. */
export function mergeCounts<T extends object>(
  parts: ReadonlyArray<readonly T[]>,
  key: (count: T) => string,
  counters: ReadonlyArray<{ [K in keyof T]: T[K] extends number ? K : never }[keyof T]>,
): T[] {
  const merged = new Map<string, T>();
  for (const count of parts.flat()) {
    const k = key(count);
    const earlier = merged.get(k) as Record<keyof T, number> | undefined;
    if (!earlier) merged.set(k, { ...count });
    else for (const c of counters) earlier[c] += (count as Record<keyof T, number>)[c];
  }
  return [...merged.values()];
}

/** One aggregate question asked of a rollup (whole days) and of its rows (the edges), with the same columns out. */
export interface RangedQuery {
  readonly rollup: { readonly table: string; readonly select: string; readonly groupBy?: string; readonly where?: string };
  /** The rollup that holds the same columns per segment value, read instead for a filter with a segment. */
  readonly segmentRollup?: string;
  readonly rows: {
    readonly table: string;
    readonly time: string;
    readonly select: string;
    readonly groupBy?: string;
    readonly where?: string;
  };
}

/** The rollup a question reads for a filter: its own, or for a filter with a segment its segment rollup. */
export function rollupFor(query: RangedQuery, filter: ResponseFilter): string {
  if (!filter.segment) return query.rollup.table;
  // a programming error, not a client's: the analytics ask only what the segment rollup counts
  if (!query.segmentRollup) throw new Error(`${query.rollup.table} is not counted by segment`);
  return query.segmentRollup;
}
