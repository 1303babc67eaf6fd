// Who was asked and did not answer: the customers a site identified who were shown a prompt in a range and dismissed it
// or left it, and gave no answer at that touchpoint in the range — whom a prompt misses, and whom to ask another way.
// One statement both stores run: each binds its values its own way.
import type { ResponseFilter, UnansweredCursor, UnansweredList } from '../store.js';
import { inStage } from '../schema/shared-tables.js';

/**
 * The statement: displays and answers in the range are each read once along their time index (the range bounds the
 * read, not a person), the answered pairs taken out of the asked ones; then the
 * page after `after` (the last of the page before), `limit` of them and one more to tell whether another page follows,
 * with how many there are in all (a row of its own when the page is empty). `bind` adds a value to the statement's
 * parameters and answers its placeholder, in the order of the text.
 */
export function unansweredSql(
  filter: ResponseFilter,
  limit: number,
  after: UnansweredCursor | null,
  bind: (value: string | number) => string,
  /** With a segment in the filter: the condition that keeps its displays (an answer at the touchpoint counts whatever it says). */
  inSegment?: string,
): string {
  const where = (time: string) =>
    [
      `user_id IS NOT NULL`,
      ...(filter.since !== undefined ? [`${time} >= ${bind(new Date(filter.since).toISOString())}`] : []),
      ...(filter.until !== undefined ? [`${time} < ${bind(new Date(filter.until).toISOString())}`] : []),
      ...(filter.touchpoint !== undefined ? [`touchpoint = ${bind(filter.touchpoint)}`] : []),
      ...(filter.stage !== undefined ? [inStage('', bind(filter.stage))] : []),
    ].join(' AND ');
  const asked = [where('shown_at'), ...(inSegment ? [inSegment] : [])].join(' AND ');
  const answered = where('answered_at');
  // the page's order: the most recently asked first, then by customer and touchpoint
  const afterCursor = after
    ? `WHERE last_asked < ${bind(after.lastAskedAt)} OR (last_asked = ${bind(after.lastAskedAt)} AND (user_id > ${bind(after.userId)}
          OR (user_id = ${bind(after.userId)} AND touchpoint > ${bind(after.touchpoint)})))`
    : '';
  return `WITH asked AS (
      SELECT user_id, touchpoint, count(*) AS asked, max(shown_at) AS last_asked FROM displays
       WHERE outcome IN ('dismissed', 'ignored') AND ${asked}
       GROUP BY user_id, touchpoint
    ), answered AS (
      SELECT DISTINCT user_id, touchpoint FROM responses WHERE ${answered}
    ), missed AS MATERIALIZED (
      SELECT a.* FROM asked a LEFT JOIN answered b ON b.user_id = a.user_id AND b.touchpoint = a.touchpoint
       WHERE b.user_id IS NULL
    )
    SELECT p.user_id AS "userId", p.touchpoint, p.asked, p.last_asked AS "lastAskedAt", t.total
      FROM (SELECT count(*) AS total FROM missed) t
      LEFT JOIN (SELECT * FROM missed ${afterCursor} ORDER BY last_asked DESC, user_id, touchpoint LIMIT ${bind(limit + 1)}) p ON true
     ORDER BY p.last_asked DESC, p.user_id, p.touchpoint`;
}

/** The page from the statement's rows (PostgreSQL gives counts as text or numbers and times as dates). */
export function unansweredList(
  rows: ReadonlyArray<{
    userId: string | null;
    touchpoint: string;
    asked: number | string;
    lastAskedAt: string | Date;
    total: number | string;
  }>,
  limit: number,
): UnansweredList {
  const people = rows
    .filter((r) => r.userId !== null)
    .map((r) => ({
      userId: r.userId!,
      touchpoint: r.touchpoint,
      asked: Number(r.asked),
      lastAskedAt: new Date(r.lastAskedAt).toISOString(),
    }));
  const page = people.slice(0, limit);
  const last = page.at(-1);
  return {
    people: page,
    total: Number(rows[0]?.total ?? 0),
    next: people.length > limit && last ? { lastAskedAt: last.lastAskedAt, userId: last.userId, touchpoint: last.touchpoint } : null,
  };
}
