// Segments: any figure broken down by one dimension — device, locale, page path, new or returning visitor, or a
// trait — and two of its values side by side, with the difference and its 95% interval and p-value per metric.
import { promptKinds, type PromptKind } from '../../src/schema/response.js';
import type { SegmentDisplayCount, ResponseFilter, ResponseStore, SegmentScoreCount } from '../store/store.js';
import { groupBy } from './group.js';
import { difference, estimate, figure, minAnswersPerPoint, proportion, type Difference, type Figure } from './estimates.js';

export interface SegmentFigures {
  readonly value: string;
  /** Answers of every kind. */
  readonly n: number;
  readonly metrics: Readonly<Record<PromptKind, Figure>>;
  /**
   * By device or page only (displays say which device and page they were shown on, not the other dimensions): the
   * prompts shown there, how many were answered, and answered per 100 shown — who answers and who does not.
   */
  readonly displays?: { readonly shown: number; readonly answered: number; readonly responseRate: number | null };
}

export interface SegmentComparison {
  readonly a: SegmentFigures;
  readonly b: SegmentFigures;
  /** Per metric, a − b with its 95% interval and the p-value of "no difference". */
  readonly differences: Readonly<Record<PromptKind, Difference>>;
  /** By device or page: the response rates' a − b (percentage points), its interval and p-value. */
  readonly responseRate?: Difference;
}

export interface Segments {
  readonly dimension: string;
  /** Every dimension the collector segments by. */
  readonly dimensions: readonly string[];
  readonly minAnswers: number;
  /** The values with the most answers first, at most `limit`. */
  readonly values: readonly SegmentFigures[];
  /** What the limit left out. */
  readonly others: { readonly values: number; readonly n: number };
  /** When two values were asked for. */
  readonly comparison: SegmentComparison | null;
}

export interface SegmentQuery {
  readonly dimension: string;
  readonly limit: number;
  readonly compare?: readonly [string, string] | undefined;
}

/** A value's figures; with `displays` (by device or page), its displays' too, a value shown but never answered included. */
function figuresOf(value: string, counts: readonly SegmentScoreCount[], displays?: readonly SegmentDisplayCount[]): SegmentFigures {
  const metrics = Object.fromEntries(promptKinds.map((kind) => [kind, figure(kind, counts)])) as Record<PromptKind, Figure>;
  const figures = { value, n: counts.reduce((sum, c) => sum + c.n, 0), metrics };
  if (!displays) return figures;
  const shown = displays.reduce((sum, d) => sum + d.n, 0);
  const answered = displays.reduce((sum, d) => sum + (d.outcome === 'answered' ? d.n : 0), 0);
  return { ...figures, displays: { shown, answered, responseRate: proportion(answered, shown).value } };
}

export async function buildSegments(store: ResponseStore, filter: ResponseFilter, query: SegmentQuery): Promise<Segments> {
  const { dimension } = query;
  const [counts, valueDisplays] = await Promise.all([store.countsBySegment(filter, dimension), store.displaysBySegment(filter, dimension)]);
  const byValue = groupBy(counts, (c) => c.value);
  const displays = groupBy(valueDisplays, (d) => d.value);
  const values = new Set([...byValue.keys(), ...displays.keys()]);
  // no display in the range (answers recorded without prompts, or from before displays): no rate to speak of
  const rated = displays.size > 0;
  const of = (value: string) => figuresOf(value, byValue.get(value) ?? [], rated ? (displays.get(value) ?? []) : undefined);
  const all = [...values].map(of);
  all.sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1));
  const shown = all.slice(0, query.limit);
  const left = all.slice(query.limit);
  let comparison: SegmentComparison | null = null;
  if (query.compare) {
    const [a, b] = query.compare.map((value) => byValue.get(value) ?? []) as [SegmentScoreCount[], SegmentScoreCount[]];
    const [first, second] = [of(query.compare[0]), of(query.compare[1])];
    const rate = (f: SegmentFigures) => f.displays && proportion(f.displays.answered, f.displays.shown);
    const [rateA, rateB] = [rate(first), rate(second)];
    comparison = {
      a: first,
      b: second,
      ...(rateA && rateB ? { responseRate: difference(rateA, rateB) } : {}),
      differences: Object.fromEntries(promptKinds.map((kind) => [kind, difference(estimate(kind, a), estimate(kind, b))])) as Record<
        PromptKind,
        Difference
      >,
    };
  }
  return {
    dimension: query.dimension,
    dimensions: store.segmentDimensions,
    minAnswers: minAnswersPerPoint,
    values: shown,
    others: { values: left.length, n: left.reduce((sum, s) => sum + s.n, 0) },
    comparison,
  };
}
