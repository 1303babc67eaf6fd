// Everything a store holds about a person, as an access request is answered: the rows `erase` would erase, found as
// each store finds them, shaped here the same way for both.
import type { Display } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import type { FollowUpChangeRecord, PersonData } from '../store.js';

/** The columns of a follow-up, or of one change in its history, as both stores select them. */
export const followUpColumns = `response_id AS "responseId", status, note, changed_by AS "by", assignee, changed_at AS "changedAt"`;

/** A follow-up or a change as read (PostgreSQL gives times as dates). */
type ChangeRow = Omit<FollowUpChangeRecord, 'changedAt'> & { readonly responseId: string; readonly changedAt: string | Date };

export interface PersonRows {
  readonly anonymousIds: readonly string[];
  readonly answers: readonly Response[];
  readonly displays: readonly Display[];
  readonly followUps: readonly ChangeRow[];
  /** Every change of those follow-ups, in the order they were made. */
  readonly history: readonly ChangeRow[];
  readonly quarantined: ReadonlyArray<{ ref: string; receivedAt: string | Date; error: string; body: string }>;
}

const change = ({ status, note, by, assignee, changedAt }: ChangeRow): FollowUpChangeRecord => ({
  status,
  note,
  by,
  assignee,
  changedAt: new Date(changedAt).toISOString(),
});

export function personData(rows: PersonRows): PersonData {
  return {
    anonymousIds: rows.anonymousIds,
    answers: rows.answers,
    displays: rows.displays,
    followUps: rows.followUps.map((row) => ({
      responseId: row.responseId,
      ...change(row),
      history: rows.history.filter((h) => h.responseId === row.responseId).map(change),
    })),
    quarantined: rows.quarantined.map((row) => ({ ...row, receivedAt: new Date(row.receivedAt).toISOString() })),
  };
}
