// What both stores do to a valid batch before it is stored: ids in lower case, one row per id within the batch, answer
// and display times the figures can trust, and of a display's traits the segment traits alone.
import type { Display } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import { anonymisedColumn, anonymisedDisplay, anonymisedResponse, behindSweep, type SweptThrough } from './anonymised.js';
import { pagePath, segmentsOf, withSegmentTraits } from './segments.js';
import type { InsertExtras, InsertResult } from '../store.js';

const dayMs = 86_400_000;

/**
 * Answer times outside this window around the collector's clock are not believed: a client clock a year ahead would
 * otherwise pin "latest comments" forever, and refusing the answer would lose it (the SDK drops refused batches). Such an
 * answer is kept, dated when it was received, and the client's claim is kept beside it.
 */
export const answeredAtWindow = { aheadMs: dayMs, behindMs: 3 * 365 * dayMs } as const;

/** One response as both stores keep it: the columns reads filter and group by, and the whole response as JSON. */
export interface StoredRow {
  readonly id: string;
  readonly kind: Response['kind'];
  readonly score: number;
  readonly scaleMax: number;
  readonly touchpoint: string;
  /** ISO 8601 in UTC with milliseconds, so that text order is time order. */
  readonly answeredAt: string;
  /** What the client said when it was outside `answeredAtWindow`, else null. */
  readonly answeredAtClaimed: string | null;
  readonly partial: boolean;
  readonly comment: string | null;
  readonly userId: string | null;
  readonly anonymousId: string;
  /** The answer's segments (`segmentsOf`), as JSON. */
  readonly segments: string;
  readonly body: Response;
}

/** Five minutes: more than any request spends on the way, less than a wrong clock is wrong by. */
const clockTolerance = 5 * 60_000;

/**
 * How far the client's clock is behind the collector's (negative: ahead), from when the batch says it was sent and when
 * it arrived; 0 within `clockTolerance`, which a request's time on the way never exceeds, so that a right clock moves
 * nothing. The SDK stamps `sentAt` just before each attempt, by the same clock as the times inside.
 */
function clockOffset(sentAt: string | undefined, receivedAt: Date): number {
  const offset = sentAt === undefined ? 0 : receivedAt.getTime() - Date.parse(sentAt);
  return Math.abs(offset) > clockTolerance && Number.isFinite(offset) ? offset : 0;
}

/**
 * A client's time as stored, in UTC: moved by its clock's offset (the claim kept beside it), or the time received when
 * even so it is not believable.
 */
function believed(claim: string, receivedAt: Date, clockOffsetMs: number): { at: string; claimed: string | null } {
  const at = Date.parse(claim) + clockOffsetMs;
  const ahead = at - receivedAt.getTime();
  if (ahead > answeredAtWindow.aheadMs || -ahead > answeredAtWindow.behindMs) return { at: receivedAt.toISOString(), claimed: claim };
  return { at: new Date(at).toISOString(), claimed: clockOffsetMs ? claim : null };
}

function toRow(response: Response, receivedAt: Date, clockOffsetMs: number, traits: readonly string[]): StoredRow {
  const { at: answeredAt, claimed } = believed(response.answeredAt, receivedAt, clockOffsetMs);
  const id = response.id.toLowerCase();
  return {
    id,
    kind: response.kind,
    score: response.score,
    scaleMax: response.scale.max,
    touchpoint: response.touchpoint,
    answeredAt,
    answeredAtClaimed: claimed,
    partial: response.partial === true,
    comment: response.comment ?? null,
    userId: response.userId ?? null,
    anonymousId: response.anonymousId,
    segments: JSON.stringify(segmentsOf(response, traits)),
    body: { ...response, id, ...(claimed ? { answeredAt } : {}) },
  };
}

/** One display as both stores keep it. */
export interface StoredDisplay {
  readonly id: string;
  readonly touchpoint: string;
  readonly kind: Display['kind'];
  readonly mode: Display['mode'];
  readonly trigger: string | null;
  readonly shownAt: string;
  readonly shownAtClaimed: string | null;
  readonly outcome: Display['outcome'];
  readonly responseId: string | null;
  readonly anonymousId: string;
  readonly userId: string | null;
  /** The page's path as the answers' `path` segment holds it, for the response rate on each page. */
  readonly path: string;
  readonly body: Display;
}

/**
 * A display's row: its id in lower case, its time believed or not, and of its customer's traits the segment traits
 * alone (`traits`), as text: all its response rates need, and no more of the person than that.
 */
function toDisplayRow(display: Display, receivedAt: Date, clockOffsetMs: number, traits: readonly string[]): StoredDisplay {
  const { at: shownAt, claimed } = believed(display.shownAt, receivedAt, clockOffsetMs);
  const id = display.id.toLowerCase();
  const responseId = display.responseId?.toLowerCase();
  return {
    id,
    touchpoint: display.touchpoint,
    kind: display.kind,
    mode: display.mode,
    trigger: display.trigger ?? null,
    shownAt,
    shownAtClaimed: claimed,
    outcome: display.outcome,
    responseId: responseId ?? null,
    anonymousId: display.anonymousId,
    userId: display.userId ?? null,
    path: pagePath(display.page.url),
    body: { ...withSegmentTraits(display, traits), id, ...(responseId ? { responseId } : {}), ...(claimed ? { shownAt } : {}) },
  };
}

/** One row per id, in batch order; where a batch repeats an id, the later copy wins when `replaces` says so. */
function oncePerId<T extends { id: string }>(rows: readonly T[], replaces: (later: T, earlier: T) => boolean): T[] {
  const byId = new Map<string, T>();
  for (const row of rows) {
    const earlier = byId.get(row.id);
    if (!earlier || replaces(row, earlier)) byId.set(row.id, row);
  }
  return [...byId.values()];
}

/** A complete answer replaces its partial twin; nothing else replaces a stored answer. */
export const completes = (later: { partial: boolean }, earlier: { partial: boolean }) => earlier.partial && !later.partial;

/** A final outcome replaces an open display; nothing else replaces a stored display. */
export const settles = (later: { outcome: string }, earlier: { outcome: string }) => earlier.outcome === 'open' && later.outcome !== 'open';

/** An answer's row as anonymising leaves it: no person in its columns or its body. */
const anonymisedRow = (row: StoredRow, traits: readonly string[]): StoredRow => {
  const body = anonymisedResponse(row.body, traits);
  return { ...row, userId: null, anonymousId: anonymisedColumn, comment: body.comment ?? null, body };
};

const anonymisedDisplayRow = (row: StoredDisplay): StoredDisplay => ({
  ...row,
  userId: null,
  anonymousId: anonymisedColumn,
  body: anonymisedDisplay(row.body),
});

/**
 * A batch's answers and displays as a store inserts them: one row per id, times moved by the client's clock's offset,
 * and those from before `anonymiseBefore` anonymised as they arrive (the hourly sweep has passed their time already).
 */
export function prepareInsert(
  responses: readonly Response[],
  receivedAt: Date,
  { displays = [], sentAt, anonymiseBefore }: Pick<InsertExtras, 'displays' | 'sentAt' | 'anonymiseBefore'>,
  /** The traits the store segments by. */
  traits: readonly string[],
): { answers: StoredRow[]; displays: StoredDisplay[] } {
  const clock = clockOffset(sentAt, receivedAt);
  const horizon = anonymiseBefore?.toISOString();
  const old = (at: string) => horizon !== undefined && at < horizon;
  return {
    answers: oncePerId(
      responses.map((r) => toRow(r, receivedAt, clock, traits)),
      completes,
    ).map((row) => (old(row.answeredAt) ? anonymisedRow(row, traits) : row)),
    displays: oncePerId(
      displays.map((d) => toDisplayRow(d, receivedAt, clock, traits)),
      settles,
    ).map((row) => (old(row.shownAt) ? anonymisedDisplayRow(row) : row)),
  };
}

/** A batch's rows as `prepareInsert` gives them. */
export type PreparedInsert = ReturnType<typeof prepareInsert>;

/**
 * Whether a prepared batch may hold a row from behind where the database's anonymising got to: one from over an hour
 * before it arrived. The sweep takes none under a day old, so that a batch of fresh answers, nearly every batch, does
 * not ask the database where it got to (a round trip to PostgreSQL, 0.78× the throughput of one-answer batches).
 */
export function mayBeBehindSweep({ answers, displays }: PreparedInsert, receivedAt: Date): boolean {
  const hourBefore = new Date(receivedAt.getTime() - 3_600_000).toISOString();
  return answers.some((row) => row.answeredAt < hourBefore) || displays.some((row) => row.shownAt < hourBefore);
}

/**
 * The batch with its rows from behind where anonymising each table has got to (`swept`) anonymised: the sweep walks on
 * from there and would never come back for them, whichever instance stores them — one started without
 * `--anonymise-days` too.
 */
export function anonymisedBehindSweep(
  { answers, displays }: PreparedInsert,
  swept: SweptThrough,
  traits: readonly string[],
): PreparedInsert {
  const answersBefore = behindSweep(swept.responses)?.toISOString();
  const displaysBefore = behindSweep(swept.displays)?.toISOString();
  return {
    answers: answers.map((row) => (answersBefore && row.answeredAt < answersBefore ? anonymisedRow(row, traits) : row)),
    displays: displays.map((row) => (displaysBefore && row.shownAt < displaysBefore ? anonymisedDisplayRow(row) : row)),
  };
}

/** What an insert answers, from how many of the batch's answers and displays were new to the store. */
export function insertResult(
  responses: readonly Response[],
  { displays = [] }: Pick<InsertExtras, 'displays'>,
  stored: { readonly accepted: number; readonly displays: number },
  /** What the database refused and the store kept aside. */
  quarantined = { answers: 0, displays: 0 },
): InsertResult {
  const aside = (n: number) => (n ? { quarantined: n } : {});
  return {
    accepted: stored.accepted,
    duplicates: responses.length - stored.accepted - quarantined.answers,
    ...aside(quarantined.answers),
    ...(displays.length
      ? {
          displays: {
            accepted: stored.displays,
            duplicates: displays.length - stored.displays - quarantined.displays,
            ...aside(quarantined.displays),
          },
        }
      : {}),
  };
}
