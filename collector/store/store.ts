// The storage interface the handler depends on, kept by two adapters with one behaviour: SQLite (embedded default) and
// PostgreSQL (production). Reads answer aggregate questions; rows are only ever read a page at a time.
import type { Display } from '../../src/schema/display.js';
import type { PromptKind, Response } from '../../src/schema/response.js';
import type { ScoreCount } from '../../src/sdk/scores.js';

/** Which responses a query covers; every field is optional. */
export interface ResponseFilter {
  readonly touchpoint?: string | undefined;
  /** ISO 8601: answers at or after this instant. */
  readonly since?: string | undefined;
  /** ISO 8601: answers before this instant. */
  readonly until?: string | undefined;
}

export interface InsertResult {
  /** Responses stored now. */
  readonly accepted: number;
  /** Responses whose id was already stored: not stored again (a complete answer replacing a partial one counts as accepted). */
  readonly duplicates: number;
  /** The same for displays, when the batch had any (a final outcome replacing an `open` copy counts as accepted). */
  readonly displays?: { readonly accepted: number; readonly duplicates: number };
}

/** How a touchpoint's prompts fared in a range: displays by outcome, and its answers. */
export interface EngagementCount {
  readonly touchpoint: string;
  /** Displays, whatever their outcome. */
  readonly shown: number;
  readonly answered: number;
  readonly dismissed: number;
  readonly ignored: number;
  /** Displays whose outcome is not known yet. */
  readonly open: number;
  /** Answers stored (with or without a display: inline elements and `record()` have none). */
  readonly answers: number;
  readonly commented: number;
  readonly partials: number;
}

/** Answers that gave one score on one day (UTC). */
export interface DayScoreCount extends ScoreCount {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
}

/** A comment as the dashboard lists it. */
export interface CommentRow {
  readonly id: string;
  readonly kind: PromptKind;
  readonly score: number;
  readonly touchpoint: string;
  readonly answeredAt: string;
  readonly comment: string;
}

/** Where a page of rows ends: the next page starts after it. Rows come in (answeredAt, id) order. */
export interface PageCursor {
  readonly answeredAt: string;
  readonly id: string;
}

export interface ResponsePage {
  readonly responses: Response[];
  /** Null on the last page. */
  readonly next: PageCursor | null;
}

export interface ResponseStore {
  /**
   * Stores each response once by id (ids compared in lower case; a complete answer replaces its partial twin, every
   * column of it), atomically: all of the batch or none. Call with a batch from `prepareBatch`.
   */
  insert(responses: readonly Response[], receivedAt: Date, displays?: readonly Display[]): Promise<InsertResult>;
  /** Answers per day × kind × scale × score, oldest day first: the summary, trend and distribution all derive from it. */
  countsByDay(filter: ResponseFilter): Promise<DayScoreCount[]>;
  /** Displays and answers per touchpoint, for response, comment and partial rates. */
  engagement(filter: ResponseFilter): Promise<EngagementCount[]>;
  /** The newest comments, newest first. */
  latestComments(filter: ResponseFilter, limit: number): Promise<CommentRow[]>;
  /** Up to `limit` responses after `after`, oldest answer first. */
  page(filter: ResponseFilter, after: PageCursor | null, limit: number): Promise<ResponsePage>;
  /** Every touchpoint that has responses, for the dashboard's filter. */
  touchpoints(): Promise<string[]>;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Every response matching the filter, read page by page: for tests and small exports, never for the dashboard. */
export async function* allResponses(store: ResponseStore, filter: ResponseFilter = {}, pageSize = 1000): AsyncGenerator<Response> {
  let after: PageCursor | null = null;
  do {
    const page: ResponsePage = await store.page(filter, after, pageSize);
    yield* page.responses;
    after = page.next;
  } while (after);
}

export async function readAll(store: ResponseStore, filter: ResponseFilter = {}): Promise<Response[]> {
  const all: Response[] = [];
  for await (const r of allResponses(store, filter)) all.push(r);
  return all;
}
