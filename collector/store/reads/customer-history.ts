// One identified customer's history, whatever the dashboard's filter: their answers with their follow-ups, and the
// prompts they were shown and left unanswered — what whoever reaches an unhappy customer reads first ("a 9 in March, a
// 3 today, dismissed the prompt twice since"). Statements both stores run along the tables' user id indexes (migration
// 18): each store binds the user id and the limit its own way and passes the placeholders in.
import type { DisplayOutcome } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import type { CustomerHistory, UnansweredDisplay } from '../store.js';
import { needsAttention } from '../schema/shared-tables.js';
import { answerRow, type StoredAnswer } from './answer-filter.js';

export const customerSql = {
  /** Their newest answers with each one's follow-up, as the drill-down reads a row. */
  answers: (user: string, limit: string) =>
    `SELECT r.body, r.segments, ${needsAttention('r.')} AS attention,
            f.status, f.note, f.changed_by AS "by", f.assignee, f.changed_at AS "changedAt"
       FROM responses r LEFT JOIN follow_ups f ON f.response_id = r.id
      WHERE r.user_id = ${user}
      ORDER BY r.answered_at DESC, r.id DESC LIMIT ${limit}`,
  answered: (user: string) => `SELECT count(*) AS n FROM responses WHERE user_id = ${user}`,
  shown: (user: string) => `SELECT outcome, count(*) AS n FROM displays WHERE user_id = ${user} GROUP BY outcome`,
  /** Their newest prompts that ended without an answer (dismissed, ignored, or still open). */
  unanswered: (user: string, limit: string) =>
    `SELECT touchpoint, kind, shown_at AS "shownAt", outcome FROM displays
      WHERE user_id = ${user} AND outcome <> 'answered'
      ORDER BY shown_at DESC, id DESC LIMIT ${limit}`,
};

/** The rows of the statements as each store reads them (PostgreSQL: JSON parsed, times as dates, counts as text). */
export interface CustomerRows {
  readonly answers: ReadonlyArray<StoredAnswer & { body: Response; segments: Record<string, string> | null }>;
  readonly answered: number | string;
  readonly shown: ReadonlyArray<{ outcome: DisplayOutcome; n: number | string }>;
  readonly unanswered: ReadonlyArray<Omit<UnansweredDisplay, 'shownAt'> & { shownAt: string | Date }>;
}

export function customerHistory(userId: string, rows: CustomerRows): CustomerHistory {
  const shown = { answered: 0, dismissed: 0, ignored: 0, open: 0 };
  for (const { outcome, n } of rows.shown) shown[outcome] = Number(n);
  return {
    userId,
    answers: rows.answers.map((row) =>
      answerRow(row.body, row.segments ?? {}, { ...row, changedAt: row.changedAt && new Date(row.changedAt).toISOString() }),
    ),
    answered: Number(rows.answered),
    unanswered: rows.unanswered.map((row) => ({ ...row, shownAt: new Date(row.shownAt).toISOString() })),
    shown,
  };
}
