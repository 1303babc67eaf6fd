// Whether reaching unhappy customers helps: the range's unhappy answers by identified customers, whether someone reached
// them (a follow-up marked contacted or closed), and what each customer said the next time they answered the same kind
// of question (NPS after NPS), anywhere and whenever — found by the user id index, one lookup per answer. One statement
// both stores run over the answers a WHERE clause of theirs keeps (SQLite a stretch of the time index at a time).
import type { RecoveryCount, RecoveryCounts } from '../store.js';
import { needsAttention } from '../schema/shared-tables.js';

/** The conditions that make the store's WHERE clause keep unhappy answers of identified customers alone (over `r`). */
export const unhappyIdentified = ['r.user_id IS NOT NULL', needsAttention('r.')];

/**
 * Over the answers `where` keeps (`responses` aliased `r`, with `unhappyIdentified` among its conditions), read from
 * `answers` (SQLite names the index to walk there).
 */
export const recoverySql = (where: string, answers = 'responses r') => `WITH unhappy AS MATERIALIZED (
    SELECT r.id, r.user_id, r.kind, r.answered_at,
           EXISTS (SELECT 1 FROM follow_up_events e WHERE e.response_id = r.id AND e.status <> 'open') AS reached
      FROM ${answers} ${where}
  ), next AS MATERIALIZED (
    SELECT u.reached,
           (SELECT CASE WHEN ${needsAttention('n.')} THEN 0 ELSE 1 END FROM responses n
             WHERE n.user_id = u.user_id AND n.kind = u.kind AND (n.answered_at, n.id) > (u.answered_at, u.id)
             ORDER BY n.answered_at, n.id LIMIT 1) AS better
      FROM unhappy u
  )
  SELECT reached, count(*) AS unhappy, count(better) AS "answeredAgain", coalesce(sum(better), 0) AS recovered
    FROM next GROUP BY reached`;

/** A row of the statement (SQLite: 1/0 and numbers; PostgreSQL: booleans and bigints as text). */
export interface RecoveryRow {
  readonly reached: boolean | number;
  readonly unhappy: number | string;
  readonly answeredAgain: number | string;
  readonly recovered: number | string;
}

/** The counts of any number of the statement's rows (SQLite's windows each give theirs). */
export function recoveryCounts(rows: readonly RecoveryRow[]): RecoveryCounts {
  const sum = (reached: boolean): RecoveryCount => {
    const mine = rows.filter((row) => Boolean(Number(row.reached)) === reached);
    const total = (key: keyof Omit<RecoveryRow, 'reached'>) => mine.reduce((n, row) => n + Number(row[key]), 0);
    return { unhappy: total('unhappy'), answeredAgain: total('answeredAgain'), recovered: total('recovered') };
  };
  return { reached: sum(true), notReached: sum(false) };
}
