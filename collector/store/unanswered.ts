// Who was asked and did not answer: the customers a site identified who were shown a prompt in a range and dismissed it
// or left it, and gave no answer at that touchpoint in the range — whom a prompt misses, and whom to ask another way.
// One statement both stores run: each binds its values its own way.
import type { ResponseFilter, UnansweredList } from './store.js';
import { inStage } from './schema/shared-tables.js';

/**
 * The statement: displays and answers in the range are each read once along their time index (neither table is
 * indexed by person: such an index would cost every insert), the answered pairs taken out of the asked ones.
 * `bind` adds a value to the statement's parameters and answers its placeholder, in the order of the text.
 */
export function unansweredSql(filter: ResponseFilter, limit: number, bind: (value: string | number) => string): string {
  const where = (time: string) =>
    [
      `user_id IS NOT NULL`,
      ...(filter.since !== undefined ? [`${time} >= ${bind(new Date(filter.since).toISOString())}`] : []),
      ...(filter.until !== undefined ? [`${time} < ${bind(new Date(filter.until).toISOString())}`] : []),
      ...(filter.touchpoint !== undefined ? [`touchpoint = ${bind(filter.touchpoint)}`] : []),
      ...(filter.stage !== undefined ? [inStage('', bind(filter.stage))] : []),
    ].join(' AND ');
  return `WITH asked AS (
      SELECT user_id, touchpoint, count(*) AS asked, max(shown_at) AS last_asked FROM displays
       WHERE outcome IN ('dismissed', 'ignored') AND ${where('shown_at')}
       GROUP BY user_id, touchpoint
    ), answered AS (
      SELECT DISTINCT user_id, touchpoint FROM responses WHERE ${where('answered_at')}
    )
    SELECT a.user_id AS "userId", a.touchpoint, a.asked, a.last_asked AS "lastAskedAt", count(*) OVER () AS total
      FROM asked a LEFT JOIN answered b ON b.user_id = a.user_id AND b.touchpoint = a.touchpoint
     WHERE b.user_id IS NULL
     ORDER BY a.last_asked DESC, a.user_id, a.touchpoint
     LIMIT ${bind(limit)}`;
}

/** The list from the statement's rows (PostgreSQL gives counts as text or numbers and times as dates). */
export function unansweredList(
  rows: ReadonlyArray<{ userId: string; touchpoint: string; asked: number | string; lastAskedAt: string | Date; total: number | string }>,
): UnansweredList {
  return {
    people: rows.map((r) => ({
      userId: r.userId,
      touchpoint: r.touchpoint,
      asked: Number(r.asked),
      lastAskedAt: new Date(r.lastAskedAt).toISOString(),
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}
