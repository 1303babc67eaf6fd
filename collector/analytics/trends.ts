// Honest trends: buckets sized to the range (day, week or month) with their answer counts, buckets too thin to trust
// marked as such; rolling 7- and 28-day figures with 95% intervals; and the period's change on the one before it,
// with its p-value. All from per-day counts (the rollups), never from rows.
import { promptKinds, type PromptKind } from '../../src/schema/response.js';
import type { DayDisplayCount, ResponseFilter, ResponseStore } from '../store/store.js';
import { groupBy } from './group.js';
import { earliestInstant, periodOf } from './period.js';
import { addDays, dayMs, utcStartOf, type TimeZone } from '../time-zone.js';
import { asFigure, difference, estimate, figure, minAnswersPerPoint, proportion } from './estimates.js';
import type { Difference, Estimate, Figure } from './estimates.js';

export type BucketSize = 'day' | 'week' | 'month';

export interface BucketPoint extends Figure {
  /** First day of the bucket in the range (YYYY-MM-DD, in the store's time zone). */
  readonly start: string;
  /** Day after its last day in the range. */
  readonly end: string;
}

export interface RollingPoint extends Figure {
  /** The window's last day. */
  readonly day: string;
}

export interface PeriodChange extends Difference {
  readonly current: Figure;
  readonly previous: Figure;
}

export interface MetricTrend {
  readonly buckets: readonly BucketPoint[];
  /** Per day of the range, the figures of the 7 and 28 days ending on it. */
  readonly rolling: { readonly 7: readonly RollingPoint[]; readonly 28: readonly RollingPoint[] };
  readonly change: PeriodChange;
}

/** Prompts answered per 100 shown, as a trend: `n` is how many were shown, thin under `minAnswers` shown. */
export type ResponseRateTrend = MetricTrend;

export interface Trends {
  /**
   * The range drawn: the filter's, or from the first answer's day to now (the last 28 days with no answers); of a range
   * over `maxDrawnDays`, its latest days.
   */
  readonly since: string;
  readonly until: string;
  readonly bucket: BucketSize;
  readonly minAnswers: number;
  /** The period the change measures, and the one of the same length before it. */
  readonly period: { readonly since: string; readonly until: string; readonly previousSince: string; readonly days: number };
  readonly metrics: Readonly<Record<PromptKind, MetricTrend>>;
  /**
   * The response rate the same way; null when no prompt was recorded as shown in the range or either period, and for
   * the customers of a segment displays do not carry (all but a device or a page).
   */
  readonly responseRate: ResponseRateTrend | null;
}

/** The most days a trend draws: the latest ten years of a longer range. */
export const maxDrawnDays = 3_653;

/** Day buckets up to two months, weeks up to a year, months beyond. */
const bucketSizeFor = (days: number): BucketSize => (days <= 62 ? 'day' : days <= 366 ? 'week' : 'month');

/** The first day of the bucket a day falls in: itself, its ISO week's Monday, or the first of its month. */
function bucketStart(day: string, size: BucketSize): string {
  if (size === 'day') return day;
  if (size === 'month') return `${day.slice(0, 7)}-01`;
  return addDays(day, -((new Date(utcStartOf(day)).getUTCDay() + 6) % 7));
}

/**
 * Per day, each window's figure over the days ending on it: a running tally of the counts (those `key` names; null
 * leaves one out), added to and taken from.
 */
function rolling<T extends { readonly n: number }>(
  days: readonly string[],
  counts: Map<string, T[]>,
  window: number,
  key: (count: T) => string | null,
  figureOf: (tally: Iterable<T>) => Figure,
): RollingPoint[] {
  const tally = new Map<string, T>();
  const move = (day: string, sign: 1 | -1) => {
    for (const c of counts.get(day) ?? []) {
      const k = key(c);
      if (k === null) continue;
      tally.set(k, { ...c, n: (tally.get(k)?.n ?? 0) + sign * c.n });
    }
  };
  for (let back = window - 1; back > 0; back--) move(addDays(days[0]!, -back), 1);
  return days.map((day) => {
    move(day, 1);
    const figures = figureOf(tally.values());
    move(addDays(day, 1 - window), -1);
    return { day, ...figures };
  });
}

/** The response rate of some displays: answered per 100 shown, on how many were shown. */
function rateOf(displays: Iterable<DayDisplayCount>): Estimate {
  let [shown, answered] = [0, 0];
  for (const d of displays) {
    shown += d.n;
    if (d.outcome === 'answered') answered += d.n;
  }
  return proportion(answered, shown);
}

/** The change of a period's figure on the one before it. */
const changeOf = (current: Estimate, previous: Estimate): PeriodChange => ({
  current: asFigure(current),
  previous: asFigure(previous),
  ...difference(current, previous),
});

/** Days from `since` to `until`: whole days when both are a day's start (23 or 25 hours long as some are), else 24-hour ones. */
function daysBetween(since: number, until: number, zone: TimeZone): number {
  const [first, last] = [zone.dayOf(since), zone.dayOf(until)];
  if (zone.startOf(first) !== since || zone.startOf(last) !== until) return (until - since) / dayMs;
  return Math.round((utcStartOf(last) - utcStartOf(first)) / dayMs);
}

export async function buildTrends(store: ResponseStore, filter: ResponseFilter, now: Date): Promise<Trends> {
  const { since: periodSince, until, previousSince } = periodOf(filter, now);
  const { dayOf, startOf: msOf } = store.timeZone;
  const iso = (ms: number) => new Date(ms).toISOString();
  // displays are counted for everyone or by a segment they carry; the filter's segment goes beside the filter
  const displaysOf = (range: ResponseFilter) => store.displaysByDay({ ...range, segment: undefined }, filter.segment);
  const periods = {
    drawn: { ...filter, until: iso(until) },
    current: { ...filter, since: iso(periodSince), until: iso(until) },
    previous: { ...filter, since: iso(previousSince), until: iso(periodSince) },
  };
  const [shown, current, previous, displays, currentDisplays, previousDisplays] = await Promise.all([
    store.countsByDay(periods.drawn),
    store.countsByDay(periods.current),
    store.countsByDay(periods.previous),
    displaysOf(periods.drawn),
    displaysOf(periods.current),
    displaysOf(periods.previous),
  ]);
  // an open range starts at the first answer: a chart of one answer is a day wide, not a month of nothing
  const start = filter.since || !shown.length ? periodSince : msOf(shown[0]!.day);
  const lastDay = dayOf(Math.max(start, until - 1));
  // a range of centuries (a year typed as 0202) drew, and held in memory, each of its days: 300 MB, the collector
  // deaf for 20 s; its latest ten years are drawn, and the change still measures the whole of it
  const since = Math.max(start, msOf(addDays(lastDay, 1 - maxDrawnDays)));
  const firstDay = dayOf(since);
  // the rolling windows of the first days reach back before the range
  const lookbackRange = { ...filter, since: iso(Math.max(earliestInstant, msOf(addDays(firstDay, -27)))), until: iso(since) };
  const [lookback, lookbackDisplays] = filter.since
    ? await Promise.all([store.countsByDay(lookbackRange), displaysOf(lookbackRange)])
    : [[], []];
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) days.push(day);
  const bucket = bucketSizeFor(days.length);

  /** A trend of some counts by day: buckets, rolling windows, and the period's change. */
  function trendOf<T extends { readonly day: string; readonly n: number }>(
    counts: readonly T[],
    key: (count: T) => string | null,
    figureOf: (counts: Iterable<T>) => Figure,
    change: PeriodChange,
  ): MetricTrend {
    const byDay = groupBy(counts, (c) => c.day);
    const buckets = new Map<string, { start: string; end: string; counts: T[] }>();
    for (const day of days) {
      const start = bucketStart(day, bucket);
      const held = buckets.get(start) ?? { start: day, end: day, counts: [] };
      held.end = addDays(day, 1);
      held.counts.push(...(byDay.get(day) ?? []));
      buckets.set(start, held);
    }
    return {
      buckets: [...buckets.values()].map(({ start, end, counts }) => ({ start, end, ...figureOf(counts) })),
      rolling: { 7: rolling(days, byDay, 7, key, figureOf), 28: rolling(days, byDay, 28, key, figureOf) },
      change,
    };
  }

  const metric = (kind: PromptKind): MetricTrend =>
    trendOf(
      [...lookback, ...shown],
      (c) => (c.kind === kind ? `${c.scaleMax}:${c.score}` : null),
      (counts) => figure(kind, counts),
      changeOf(estimate(kind, current), estimate(kind, previous)),
    );
  const anyDisplays = displays.length + currentDisplays.length + previousDisplays.length > 0;
  return {
    since: iso(since),
    until: iso(until),
    bucket,
    minAnswers: minAnswersPerPoint,
    period: {
      since: iso(periodSince),
      until: iso(until),
      previousSince: iso(previousSince),
      days: daysBetween(periodSince, until, store.timeZone),
    },
    metrics: Object.fromEntries(promptKinds.map((kind) => [kind, metric(kind)])) as Record<PromptKind, MetricTrend>,
    responseRate: anyDisplays
      ? trendOf(
          [...lookbackDisplays, ...displays],
          (d) => d.outcome,
          (counts) => asFigure(rateOf(counts)),
          changeOf(rateOf(currentDisplays), rateOf(previousDisplays)),
        )
      : null,
  };
}
