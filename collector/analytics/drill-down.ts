// The drill-down: the answers behind a figure a page at a time, with how many there are in all when the rollups can
// say so without walking the rows.
import { bandOf } from '../../src/sdk/scores.js';
import type { ScoreCount } from '../../src/sdk/scores.js';
import type { AnswerCursor, AnswerFilter, AnswerOrder, AnswerPage, AnswerRow, ResponseStore } from '../store/store.js';

/** A drill-down query: the answer filter, the order, where the page starts, and how many answers it holds. */
export interface AnswerQuery {
  readonly filter: AnswerFilter;
  readonly order: AnswerOrder;
  readonly after: AnswerCursor | null;
  readonly limit: number;
}

export interface AnswerListing {
  readonly answers: readonly AnswerRow[];
  /** Where the next page starts (pass as `after`); null on the last page. */
  readonly next: string | null;
  /** Answers matching the filter in all; null when only the rows could tell (a comment, text or follow-up filter). */
  readonly total: number | null;
}

/**
 * The answers per score the rollups hold for the filter's range, touchpoint, stage, segment, kind, band and score: exact
 * for those, an upper bound when the rows' own conditions (comment, text, follow-up) narrow further.
 */
async function rolledUp(store: ResponseStore, filter: AnswerFilter): Promise<ScoreCount[]> {
  const { segment } = filter;
  const counts = segment
    ? (await store.countsBySegment(filter, segment.dimension)).filter((c) => c.value === segment.value)
    : await store.countsByDay(filter);
  return counts.filter(
    (c) =>
      (filter.kind === undefined || c.kind === filter.kind) &&
      (filter.score === undefined || c.score === filter.score) &&
      (filter.band === undefined || bandOf(c.kind, c.score, c.scaleMax) === filter.band),
  );
}

/** Whether the rollups can count the answers a filter matches: not when the rows' own conditions narrow it. */
const countable = (filter: AnswerFilter) => !filter.commented && !filter.status && filter.text === undefined;

/** Reads one page of answers: where it starts and how many it holds. */
export type AnswerReader = (after: AnswerCursor | null, limit: number) => Promise<AnswerPage>;

/**
 * Reads pages of answers in any order. The time orders read the store's time index; the score orders read it a score
 * at a time, newest first within each, visiting only the scores the rollups (`rolled`, read here when not given) say
 * have answers — worked out once for every page (a score index would cost every insert a third of its speed,
 * measured, for a sort the dashboard rarely asks for).
 */
export async function answerReader(
  store: ResponseStore,
  filter: AnswerFilter,
  order: AnswerOrder,
  { rolled, signal }: { readonly rolled?: readonly ScoreCount[] | undefined; readonly signal?: AbortSignal | undefined } = {},
): Promise<AnswerReader> {
  if (order === 'newest' || order === 'oldest') return (after, limit) => store.answers(filter, order, after, limit, signal);
  const counts = rolled ?? (await rolledUp(store, filter));
  const scores = [...new Set(counts.filter((c) => c.n > 0).map((c) => c.score))].sort((a, b) => (order === 'lowest' ? a - b : b - a));
  return async (after, limit) => {
    const answers: AnswerRow[] = [];
    let last: AnswerCursor | null = null;
    for (const score of scores) {
      if (after && (order === 'lowest' ? score < after.score : score > after.score)) continue;
      const page = await store.answers(
        { ...filter, score },
        'newest',
        after?.score === score ? after : null,
        limit - answers.length,
        signal,
      );
      answers.push(...page.answers);
      last = page.last ?? last;
      if (answers.length === limit) break;
    }
    return { answers, next: answers.length === limit ? last : null, last };
  };
}

export async function listAnswers(
  store: ResponseStore,
  query: AnswerQuery,
  encode: (next: AnswerCursor) => string,
  signal?: AbortSignal,
): Promise<AnswerListing> {
  const scoreOrder = query.order === 'lowest' || query.order === 'highest';
  // the rollups are read once, for the total (when they can tell it) and for the scores a score order visits; a time
  // order reads its page meanwhile
  const rolling = countable(query.filter) || scoreOrder ? rolledUp(store, query.filter) : undefined;
  const read = await answerReader(store, query.filter, query.order, { rolled: scoreOrder ? await rolling : undefined, signal });
  const [page, rolled] = await Promise.all([read(query.after, query.limit), rolling]);
  const total = rolled && countable(query.filter) ? rolled.reduce((sum, c) => sum + c.n, 0) : null;
  return { answers: page.answers, next: page.next && encode(page.next), total };
}
