// The storage interface the handler depends on: SQLite by default, and room for a server database later.
import type { Response } from '../src/schema/response.js';

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
}

export interface ResponseStore {
  /** Stores each response once by id (a complete answer replaces its partial twin), atomically: all of the batch or none. */
  insert(responses: readonly Response[], receivedAt: Date): Promise<InsertResult>;
  /** Responses matching the filter, oldest answer first. */
  query(filter: ResponseFilter): Promise<Response[]>;
  /** Every touchpoint that has responses, for the dashboard's filter. */
  touchpoints(): Promise<string[]>;
  close(): void;
}
