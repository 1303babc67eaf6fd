// The drill-down's narrowing and paging as SQL both stores share: each store says how it binds a value and how it reads
// one segment of a row; the rest is the same text.
import type { Response } from '../../../src/schema/response.js';
import type { AnswerCursor, AnswerFilter, AnswerRow, FollowUpStatus, TimeOrder } from '../store.js';
import { inBand, needsAttention } from '../schema/shared-tables.js';

export interface Dialect {
  /** Adds a value to the statement's parameters and answers its placeholder. */
  readonly bind: (value: unknown) => string;
  /** The value of one segment dimension (a placeholder) of the row aliased `r`, as SQL. */
  readonly segment: (r: string, dimension: string) => string;
  /** True when `column` holds the text at the placeholder, ignoring case in every alphabet. */
  readonly contains: (column: string, text: string) => string;
}

/**
 * The conditions an answer filter adds to the read filter, over `responses` aliased `r` joined with its follow-up
 * aliased `f` (the caller adds the read filter's own conditions).
 */
export function narrowing(filter: AnswerFilter, { bind, segment, contains }: Dialect, r = 'r.'): string[] {
  const clauses: string[] = [];
  if (filter.kind !== undefined) clauses.push(`${r}kind = ${bind(filter.kind)}`);
  if (filter.band !== undefined) clauses.push(inBand(filter.band, r));
  if (filter.score !== undefined) clauses.push(`${r}score = ${bind(filter.score)}`);
  if (filter.scores !== undefined) clauses.push(`${r}score IN (${filter.scores.map(bind).join(', ')})`);
  if (filter.segment !== undefined) clauses.push(`${segment(r, bind(filter.segment.dimension))} = ${bind(filter.segment.value)}`);
  if (filter.commented) clauses.push(`${r}comment IS NOT NULL`);
  if (filter.text !== undefined) clauses.push(contains(`${r}comment`, bind(filter.text)));
  if (filter.status === 'open') clauses.push(`${needsAttention(r)} AND coalesce(f.status, 'open') = 'open'`);
  else if (filter.status !== undefined) clauses.push(`f.status = ${bind(filter.status)}`);
  return clauses;
}

/** ORDER BY for a time order, over `responses` aliased `r`; ties broken by id so that paging never skips or repeats. */
export const answerOrderBy = (order: TimeOrder, r = 'r.') =>
  order === 'oldest' ? `${r}answered_at, ${r}id` : `${r}answered_at DESC, ${r}id DESC`;

/** A row's place in a time order. */
export type TimeCursor = Pick<AnswerCursor, 'answeredAt' | 'id'>;

/** The condition for rows after `after` in a time order. */
export const afterCursor = (order: TimeOrder, after: TimeCursor, bind: Dialect['bind'], r = 'r.') =>
  `(${r}answered_at, ${r}id) ${order === 'oldest' ? '>' : '<'} (${bind(after.answeredAt)}, ${bind(after.id)})`;

/** The condition for rows up to `edge`, and it, in a time order. */
export const upToCursor = (order: TimeOrder, edge: TimeCursor, bind: Dialect['bind'], r = 'r.') =>
  `(${r}answered_at, ${r}id) ${order === 'oldest' ? '<=' : '>='} (${bind(edge.answeredAt)}, ${bind(edge.id)})`;

/** The follow-up columns of a drill-down row, as both stores select them. */
export interface StoredAnswer {
  /** Whether the answer needs someone (1/0 or true/false). */
  readonly attention: number | boolean;
  readonly status: FollowUpStatus | null;
  readonly note: string | null;
  readonly by: string | null;
  readonly assignee: string | null;
  readonly changedAt: string | null;
}

export function answerRow(response: Response, segments: Record<string, string>, stored: StoredAnswer): AnswerRow {
  const { status, note, by, assignee, changedAt } = stored;
  const followUp = status
    ? { status, note, by, assignee, changedAt }
    : stored.attention
      ? { status: 'open' as const, note: null, by: null, assignee: null, changedAt: null }
      : null;
  return { response, segments, followUp };
}
