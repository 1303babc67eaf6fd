// What `cxkit-collector copy` carries from one store to another, table by table: every column a row is stored with,
// so that an answer keeps when it was answered and received, a follow-up its history and a webhook delivery its
// attempts. The rollups and the journey's stages are not copied: the target's triggers keep them as rows arrive.
import type { Display } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import { parseJson, storable } from '../../storable-text.js';
import { segmentsOf, withSegmentTraits } from '../ingest/segments.js';

/** A column's kind, as both stores read and write it: times as ISO 8601 text, JSON as its text, booleans as booleans. */
export type CopiedType = 'text' | 'integer' | 'boolean' | 'time' | 'json';

export type CopiedValue = string | number | boolean | null;
export type CopiedRow = Record<string, CopiedValue>;

export interface CopiedTable {
  readonly name: string;
  readonly columns: Readonly<Record<string, CopiedType>>;
  /** Rows are read a page at a time in its order; unique. */
  readonly key: string;
  /**
   * For a table whose key the target makes (a serial): the key is not written, and a row is already there when one with
   * these columns equal is.
   */
  readonly sameAs?: readonly string[];
  /**
   * For a table whose key is the row's own: when a copied row replaces the stored one with its key, over the stored row
   * (called by the table's name) and `excluded` (the copy). Otherwise a stored row is kept as it is.
   */
  readonly replaces?: string;
}

/** What a follow-up and each change in its history hold. */
const followUpChange = {
  response_id: 'text',
  status: 'text',
  note: 'text',
  changed_by: 'text',
  assignee: 'text',
  changed_at: 'time',
} as const satisfies Record<string, CopiedType>;

export const copiedTables: readonly CopiedTable[] = [
  {
    name: 'responses',
    columns: {
      id: 'text',
      kind: 'text',
      score: 'integer',
      scale_max: 'integer',
      touchpoint: 'text',
      answered_at: 'time',
      answered_at_claimed: 'text',
      received_at: 'time',
      partial: 'boolean',
      comment: 'text',
      user_id: 'text',
      anonymous_id: 'text',
      body: 'json',
      segments: 'json',
      webhook_pending: 'boolean',
    },
    key: 'id',
    // as a post would: a complete answer replaces its partial twin; and an answer the source has fanned out to the
    // webhooks since an earlier copy is not fanned out again by the target
    replaces: `(responses.partial AND NOT excluded.partial)
      OR (responses.webhook_pending AND NOT excluded.webhook_pending AND responses.partial = excluded.partial)`,
  },
  {
    name: 'displays',
    columns: {
      id: 'text',
      touchpoint: 'text',
      kind: 'text',
      mode: 'text',
      trigger: 'text',
      shown_at: 'time',
      shown_at_claimed: 'text',
      received_at: 'time',
      outcome: 'text',
      response_id: 'text',
      anonymous_id: 'text',
      user_id: 'text',
      path: 'text',
      body: 'json',
    },
    key: 'id',
    replaces: `displays.outcome = 'open' AND excluded.outcome <> 'open'`,
  },
  {
    name: 'follow_ups',
    columns: { ...followUpChange, closed_at: 'time', first_reached_at: 'time' },
    key: 'response_id',
    replaces: 'excluded.changed_at > follow_ups.changed_at',
  },
  {
    name: 'follow_up_events',
    columns: { seq: 'integer', ...followUpChange },
    key: 'seq',
    sameAs: ['response_id', 'changed_at', 'status'],
  },
  {
    name: 'webhook_deliveries',
    columns: {
      id: 'text',
      event: 'text',
      target: 'text',
      response_id: 'text',
      user_id: 'text',
      anonymous_id: 'text',
      payload: 'text',
      status: 'text',
      attempts: 'integer',
      next_attempt_at: 'time',
      claimed_until: 'time',
      last_status: 'integer',
      last_error: 'text',
      created_at: 'time',
      updated_at: 'time',
      delivered_at: 'time',
    },
    key: 'id',
    replaces: 'excluded.updated_at > webhook_deliveries.updated_at',
  },
  {
    name: 'quarantine',
    columns: { ref: 'text', received_at: 'time', error: 'text', user_id: 'text', anonymous_id: 'text', body: 'text' },
    key: 'ref',
  },
];

/**
 * Where an insert of copied rows meets rows already stored, after its rows, in both stores' SQL: a table told apart by
 * `sameAs` leaves out a row already there (`copied` names a copied row's column); one keyed by its own rows replaces a
 * stored row where `replaces` says and keeps it otherwise.
 */
export function onStored(table: CopiedTable, columns: readonly string[], copied: (column: string) => string): string {
  if (table.sameAs) {
    return `WHERE NOT EXISTS (SELECT 1 FROM ${table.name} WHERE ${table.sameAs.map((c) => `${table.name}.${c} = ${copied(c)}`).join(' AND ')})`;
  }
  const update = `DO UPDATE SET ${columns.map((column) => `${column} = excluded.${column}`).join(', ')} WHERE ${table.replaces}`;
  return `ON CONFLICT (${table.key}) ${table.replaces ? update : 'DO NOTHING'}`;
}

/** The columns a copy writes: all but a key the target makes. */
export const writtenColumns = (table: CopiedTable): string[] =>
  Object.keys(table.columns).filter((column) => !(table.sameAs && column === table.key));

/**
 * Copied rows as the target stores them: text as PostgreSQL can hold it (a file written before the collector made a
 * NUL or half an emoji U+FFFD may hold one), an answer's segments worked out by the target's traits, and of a display's
 * traits those the target segments by.
 */
export function forTarget(table: CopiedTable, rows: readonly CopiedRow[], traits: readonly string[]): CopiedRow[] {
  return rows.map((row) => {
    const stored: CopiedRow = {};
    const parsed: Record<string, unknown> = {};
    for (const [column, type] of Object.entries(table.columns)) {
      const value = row[column] ?? null;
      stored[column] =
        typeof value !== 'string' ? value : type === 'json' ? JSON.stringify((parsed[column] = parseJson(value))) : storable(value);
    }
    if (table.name === 'responses') stored.segments = JSON.stringify(segmentsOf(parsed.body as Response, traits));
    if (table.name === 'displays') stored.body = JSON.stringify(withSegmentTraits(parsed.body as Display, traits));
    return stored;
  });
}
