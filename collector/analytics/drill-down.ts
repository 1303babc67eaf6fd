// The drill-down: the answers behind a figure a page at a time, with how many there are in all when the rollups can
// say so without walking the rows.
import { bandOf } from '../../src/sdk/scores.js';
import type { AnswerCursor, AnswerFilter, AnswerOrder, AnswerRow, ResponseStore } from '../store/store.js';

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

/** How many answers match, from the per-day or per-segment rollups; null when the filter needs the rows. */
export async function countAnswers(store: ResponseStore, filter: AnswerFilter): Promise<number | null> {
  if (filter.commented || filter.status || filter.text !== undefined) return null;
  const { segment } = filter;
  const counts = segment
    ? (await store.countsBySegment(filter, segment.dimension)).filter((c) => c.value === segment.value)
    : await store.countsByDay(filter);
  let total = 0;
  for (const c of counts) {
    if (filter.kind !== undefined && c.kind !== filter.kind) continue;
    if (filter.score !== undefined && c.score !== filter.score) continue;
    if (filter.band !== undefined && bandOf(c.kind, c.score, c.scaleMax) !== filter.band) continue;
    total += c.n;
  }
  return total;
}

export async function listAnswers(
  store: ResponseStore,
  query: AnswerQuery,
  encode: (next: AnswerCursor) => string,
): Promise<AnswerListing> {
  const [page, total] = await Promise.all([
    store.answers(query.filter, query.order, query.after, query.limit),
    countAnswers(store, query.filter),
  ]);
  return { answers: page.answers, next: page.next && encode(page.next), total };
}
