// The drill-down: the answers behind a figure a page at a time, with how many there are in all when the rollups can
// say so without walking the rows.
import { bandOf } from '../../src/sdk/scores.js';
import type { ScoreCount } from '../../src/sdk/scores.js';
import type { AnswerCursor, AnswerFilter, AnswerOrder, AnswerPage, AnswerRow, ResponseStore } from '../store/store.js';
import { withBrowsers, type WithBrowser } from '../store/reads/signed-in-browsers.js';

/** A drill-down query: the answer filter, the order, where the page starts, and how many answers it holds. */
export interface AnswerQuery {
  readonly filter: AnswerFilter;
  readonly order: AnswerOrder;
  readonly after: AnswerCursor | null;
  readonly limit: number;
}

export interface AnswerListing {
  /** Each anonymous answer with whom its browser was signed in as, when that is known. */
  readonly answers: ReadonlyArray<WithBrowser<AnswerRow>>;
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
  // a segment's from the segment rollup
  const counts = await store.countsByDay(filter);
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
 * Reads pages of answers in any order. The time orders read the store's time index; the score orders read it too,
 * newest first within each score, visiting only the scores the rollups (`rolled`, read here when not given) say have
 * answers — worked out once for every page (a score index would cost every insert a third of its speed, measured, for
 * a sort the dashboard rarely asks for).
 */
export async function answerReader(
  store: ResponseStore,
  filter: AnswerFilter,
  order: AnswerOrder,
  { rolled, signal }: { readonly rolled?: readonly ScoreCount[] | undefined; readonly signal?: AbortSignal | undefined } = {},
): Promise<AnswerReader> {
  if (order === 'newest' || order === 'oldest') return (after, limit) => store.answers(filter, order, after, limit, signal);
  const counts = rolled ?? (await rolledUp(store, filter));
  const perScore = new Map<number, number>();
  for (const { score, n } of counts) if (n > 0) perScore.set(score, (perScore.get(score) ?? 0) + n);
  const scores = [...perScore.keys()].sort((a, b) => (order === 'lowest' ? a - b : b - a));
  const past = (score: number, cursor: AnswerCursor) => (order === 'lowest' ? score > cursor.score : score < cursor.score);
  return async (after, limit) => {
    const page: Placed[] = [];
    if (after) {
      // the rest of the score the last page ended in, from where it ended
      page.push(...placed(await store.answers({ ...filter, score: after.score }, 'newest', after, limit, signal)));
      if (page.length === limit) return pageOf(page, limit);
    }
    const following = scores.filter((score) => !after || past(score, after));
    // the rollups count a filter's answers exactly unless the rows' own conditions narrow it further
    const exact = countable(filter) ? perScore : undefined;
    page.push(...(await newestOfEach(store, filter, following, limit - page.length, exact, signal)));
    return pageOf(page, limit);
  };
}

/** An answer and its place in the order. */
interface Placed {
  readonly row: AnswerRow;
  readonly cursor: AnswerCursor;
}

const placed = (page: AnswerPage): Placed[] => page.answers.map((row, i) => ({ row, cursor: page.cursors[i]! }));

function pageOf(page: readonly Placed[], limit: number): AnswerPage {
  return {
    answers: page.map((p) => p.row),
    cursors: page.map((p) => p.cursor),
    next: page.length === limit ? page.at(-1)!.cursor : null,
  };
}

/**
 * The first `limit` answers of `scores` in that order, newest first within each, from one walk of the time index:
 * a score at a time, a search that matched few answers walked the whole index once per score (3.6 s instead of 0.6 s
 * over 200,000 answers). The walk keeps each score's newest answers and stops as soon as they settle the page: when
 * the scores before one are complete (the walk has passed their last answer, which `exact` counts tell before its end)
 * and that one fills the rest.
 */
async function newestOfEach(
  store: ResponseStore,
  filter: AnswerFilter,
  scores: readonly number[],
  limit: number,
  exact: ReadonlyMap<number, number> | undefined,
  signal: AbortSignal | undefined,
): Promise<Placed[]> {
  const found = new Map(scores.map((score) => [score, [] as Placed[]]));
  let from: AnswerCursor | null = null;
  let walked = false;
  const complete = (score: number, n: number) => walked || (exact !== undefined && n >= (exact.get(score) ?? 0));
  const settled = () => {
    let before = 0;
    for (const score of scores) {
      const n = found.get(score)!.length;
      if (before + n >= limit) return true;
      if (!complete(score, n)) return false;
      before += n;
    }
    return true;
  };
  while (limit > 0 && !settled()) {
    const wanted = scores.filter((score) => found.get(score)!.length < limit && !complete(score, found.get(score)!.length));
    const step = await store.answers({ ...filter, scores: wanted }, 'newest', from, limit, signal);
    for (const answer of placed(step)) {
      const ofScore = found.get(answer.cursor.score)!;
      if (ofScore.length < limit) ofScore.push(answer);
    }
    from = step.next;
    walked = step.next === null;
  }
  return scores.flatMap((score) => found.get(score)!).slice(0, limit);
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
  return { answers: await withBrowsers(store, page.answers, (answer) => answer.response), next: page.next && encode(page.next), total };
}
