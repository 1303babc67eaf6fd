// The query string of the read endpoints: touchpoint, since and until, validated with a message naming the parameter.
import { z } from 'zod/mini';
import { toValidationIssues, type ValidationIssue } from '../../src/schema/issues.js';
import type { AnswerQuery } from '../analytics/drill-down.js';
import { earliestInstant } from '../analytics/period.js';
import { dueWeek, type DigestScope } from '../analytics/weekly-digest.js';
import type { SegmentQuery } from '../analytics/segments.js';
import { promptKinds } from '../../src/schema/response.js';
import {
  answerOrders,
  followUpStatuses,
  type AnswerCursor,
  type ResponseFilter,
  type ResponseStore,
  type Segment,
  type TimeOrder,
  type UnansweredCursor,
} from '../store/store.js';
import type { TimeZone } from '../time-zone.js';

const timeOrders: readonly TimeOrder[] = ['newest', 'oldest'];

/** What a query is read against: the dimensions a store segments by and the zone it counts days in. */
type StoreTerms = Pick<ResponseStore, 'segmentDimensions' | 'timeZone'>;

const instant = z
  .string()
  .check(
    z.refine(
      (value) => /^\d{4}-\d\d-\d\d([T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.test(value) && Date.parse(value) >= earliestInstant,
      'expected a date (YYYY-MM-DD) or an ISO 8601 date-time, from year 0001 on',
    ),
  );

const filterSchema = z.strictObject({
  touchpoint: z.optional(z.string().check(z.minLength(1))),
  stage: z.optional(z.string().check(z.minLength(1))),
  since: z.optional(instant),
  until: z.optional(instant),
  /** The read key, when one is configured; not part of the filter. */
  key: z.optional(z.string()),
});

/**
 * The filter, its `since` and `until` as ISO instants: a date is the first instant of that day in the collector's time
 * zone, and a date-time naming no offset is a time there.
 */
export function parseFilter(params: URLSearchParams, zone: TimeZone): { filter: ResponseFilter } | { issues: ValidationIssue[] } {
  const result = filterSchema.safeParse(Object.fromEntries(params), { reportInput: true });
  if (!result.success) return { issues: toValidationIssues('query', result.error.issues) };
  const { touchpoint, stage, since, until } = result.data;
  const instant = (value: string | undefined) => (value === undefined ? undefined : new Date(instantIn(value, zone)).toISOString());
  return { filter: { touchpoint, stage, since: instant(since), until: instant(until) } };
}

/** The instant (ms) a date or date-time from a query means in `zone`. */
function instantIn(value: string, zone: TimeZone): number {
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return zone.startOf(value);
  if (/(Z|[+-]\d\d:?\d\d)$/.test(value)) return Date.parse(value);
  // a wall-clock time there: the instant whose local time it is (the offset looked up twice, as it may change between)
  const wall = Date.parse(`${value.replace(' ', 'T')}Z`);
  return wall - zone.offsetAt(wall - zone.offsetAt(wall));
}

export interface Listing<S extends string> {
  readonly status: S | undefined;
  readonly limit: number;
  /** `newest` first (the default) or `oldest`: waiting longest first. */
  readonly order: TimeOrder;
  /** What is wrong with `status`, `limit` or `order`, by parameter; empty when nothing is. */
  readonly issues: ValidationIssue[];
  /** The other parameters, for a filter. */
  readonly rest: URLSearchParams;
}

/**
 * The `status` (one of `statuses`), `limit` and `order` of a listing endpoint, checked with messages that name the
 * parameter.
 */
export function parseListing<S extends string>(
  params: URLSearchParams,
  statuses: readonly S[],
  limits: { readonly fallback: number; readonly max: number },
): Listing<S> {
  const reader = queryReader(params);
  const status = reader.oneOf('status', statuses);
  const limit = reader.limit(limits.fallback, limits.max);
  const order = reader.oneOf('order', timeOrders) ?? 'newest';
  return { status, limit, order, issues: reader.issues, rest: reader.rest };
}

/** `limit` alone: a whole number from 1 to `max`, `fallback` when absent. */
export function parseLimit(params: URLSearchParams, limits: { readonly fallback: number; readonly max: number }) {
  const reader = queryReader(params);
  return { limit: reader.limit(limits.fallback, limits.max), issues: reader.issues };
}

/**
 * Reads an endpoint's own parameters out of a copy of the query one by one, each failed check adding an issue that
 * names its parameter; what is left (`rest`) is the filter.
 */
function queryReader(params: URLSearchParams) {
  const rest = new URLSearchParams(params);
  const issues: ValidationIssue[] = [];
  const take = (name: string) => {
    const value = rest.get(name) ?? undefined;
    rest.delete(name);
    return value;
  };
  return {
    rest,
    issues,
    take,
    /** One of `allowed`, or undefined when absent (or wrong: then with an issue). */
    oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
      const value = take(name);
      if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
      issues.push({ path: `query.${name}`, message: `expected one of ${allowed.join(', ')}, got ${value}` });
      return undefined;
    },
    /** `limit`: a whole number from 1 to `max`, `fallback` when absent. */
    limit(fallback: number, max: number): number {
      const limit = Number(take('limit') ?? fallback);
      if (!Number.isInteger(limit) || limit < 1 || limit > max) {
        issues.push({ path: 'query.limit', message: `expected a whole number from 1 to ${max}` });
      }
      return limit;
    },
    /** `after`: a page's cursor of `fields`, null when absent (or wrong: then with an issue saying it is not `expected`). */
    cursor<Cursor>(fields: CursorFields<Cursor>, expected: string): Cursor | null {
      const text = take('after');
      const cursor = text === undefined ? null : decodeCursor(text, fields);
      if (text !== undefined && !cursor) issues.push({ path: 'query.after', message: `expected ${expected}` });
      return cursor;
    },
    /** `by` and `value`: one value of one of `dimensions`, both or neither; undefined when absent (or wrong: with an issue). */
    segment(dimensions: readonly string[]): Segment | undefined {
      const [by, value] = [take('by'), take('value')];
      if ((by === undefined) !== (value === undefined)) {
        issues.push({
          path: `query.${by === undefined ? 'by' : 'value'}`,
          message: 'expected both by and value: a segment dimension and one of its values',
        });
      } else if (by !== undefined && !dimensions.includes(by)) {
        issues.push({ path: 'query.by', message: `expected one of ${dimensions.join(', ')}, got ${by}` });
      }
      return by !== undefined && value !== undefined ? { dimension: by, value } : undefined;
    },
    /** The filter of what is left, its issues added to the others'; undefined when anything is wrong. */
    filter(zone: TimeZone): ResponseFilter | undefined {
      const parsed = parseFilter(rest, zone);
      if ('issues' in parsed) issues.push(...parsed.issues);
      return issues.length || 'issues' in parsed ? undefined : parsed.filter;
    },
  };
}

/**
 * The segment endpoint's query: `by` (one of `dimensions`, default the first), `a` and `b` (two values to compare,
 * both or neither), `limit` (values listed, 1–500, default 20), and the filter.
 */
export function parseSegmentQuery(
  params: URLSearchParams,
  { segmentDimensions: dimensions, timeZone }: StoreTerms,
): { filter: ResponseFilter; query: SegmentQuery } | { issues: ValidationIssue[] } {
  const reader = queryReader(params);
  const [by, a, b] = [reader.take('by'), reader.take('a'), reader.take('b')];
  const dimension = by ?? dimensions[0]!;
  if (!dimensions.includes(dimension)) {
    reader.issues.push({
      path: 'query.by',
      message: `expected one of ${dimensions.join(', ')} (traits are set with --segment-traits), got ${by}`,
    });
  }
  if ((a === undefined) !== (b === undefined))
    reader.issues.push({ path: `query.${a === undefined ? 'a' : 'b'}`, message: 'expected both a and b: the two values to compare' });
  const limit = reader.limit(20, 500);
  const filter = reader.filter(timeZone);
  if (!filter) return { issues: reader.issues };
  return { filter, query: { dimension, limit, compare: a !== undefined && b !== undefined ? [a, b] : undefined } };
}

/** The read filter of the journey and the trends, with `by` and `value`: one segment's answers alone. */
export function parseSegmentedFilter(
  params: URLSearchParams,
  { segmentDimensions: dimensions, timeZone }: StoreTerms,
): { filter: ResponseFilter } | { issues: ValidationIssue[] } {
  const reader = queryReader(params);
  const segment = reader.segment(dimensions);
  const filter = reader.filter(timeZone);
  return filter ? { filter: { ...filter, segment } } : { issues: reader.issues };
}

/** Most customers an unanswered CSV file holds (the whole list, for any range a team would mail). */
const unansweredFileLimit = 1_000_000;

/**
 * Who was asked and did not answer: the read filter, `by` and `value` (those shown a prompt as one segment's customers),
 * `after` (a page's cursor) and `limit` (customers listed: 1–500, default 50; as a CSV file, all of them, up to `limit`
 * when given).
 */
export function parseUnansweredQuery(
  params: URLSearchParams,
  { segmentDimensions: dimensions, timeZone }: StoreTerms,
  asFile = false,
): { filter: ResponseFilter; after: UnansweredCursor | null; limit: number } | { issues: ValidationIssue[] } {
  const reader = queryReader(params);
  const after = asFile ? null : reader.cursor(unansweredCursorFields, 'the cursor a page of the unanswered gave as next');
  const limit = asFile ? reader.limit(unansweredFileLimit, unansweredFileLimit) : reader.limit(50, 500);
  const segment = reader.segment(dimensions);
  const filter = reader.filter(timeZone);
  return filter ? { filter: { ...filter, segment }, after, limit } : { issues: reader.issues };
}

/** A cursor's fields in the order its text holds them, and their types. */
type CursorFields<Cursor> = ReadonlyArray<readonly [keyof Cursor & string, 'string' | 'number']>;

const answerCursorFields: CursorFields<AnswerCursor> = [
  ['score', 'number'],
  ['answeredAt', 'string'],
  ['id', 'string'],
];
const unansweredCursorFields: CursorFields<UnansweredCursor> = [
  ['lastAskedAt', 'string'],
  ['userId', 'string'],
  ['touchpoint', 'string'],
];

/** The cursor a page hands out for the next one: opaque to clients, base64url of its fields. */
const encodeCursor =
  <Cursor>(fields: CursorFields<Cursor>) =>
  (cursor: Cursor): string =>
    Buffer.from(JSON.stringify(fields.map(([name]) => cursor[name]))).toString('base64url');

export const encodeAnswerCursor = encodeCursor(answerCursorFields);
export const encodeUnansweredCursor = encodeCursor(unansweredCursorFields);

function decodeCursor<Cursor>(text: string, fields: CursorFields<Cursor>): Cursor | null {
  try {
    const values = JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown;
    if (!Array.isArray(values) || values.length !== fields.length) return null;
    if (fields.some(([, type], index) => typeof values[index] !== type)) return null;
    return Object.fromEntries(fields.map(([name], index) => [name, values[index]])) as Cursor;
  } catch {
    return null;
  }
}

/**
 * The drill-down's query (`/v1/answers` and its exports): the read filter plus `kind`, `band` (unhappy, neutral,
 * happy), `score`, `by` and `value` (one segment), `comment=1`, `q` (text in the comment), `status` (follow-up), `order`, `after` (a page's
 * cursor), `limit` (1–200, default 50).
 */
export function parseAnswerQuery(
  params: URLSearchParams,
  { segmentDimensions: dimensions, timeZone }: StoreTerms,
): AnswerQuery | { issues: ValidationIssue[] } {
  const reader = queryReader(params);
  const { take, oneOf, issues } = reader;
  const kind = oneOf('kind', promptKinds);
  const band = oneOf('band', ['unhappy', 'neutral', 'happy'] as const);
  const status = oneOf('status', followUpStatuses);
  const order = oneOf('order', answerOrders) ?? 'newest';
  const comment = oneOf('comment', ['1', 'true'] as const);
  const scoreText = take('score');
  const score = scoreText === undefined ? undefined : Number(scoreText);
  if (score !== undefined && (!Number.isInteger(score) || score < 0 || score > 10)) {
    issues.push({ path: 'query.score', message: `expected a whole number from 0 to 10, got ${scoreText}` });
  }
  const segment = reader.segment(dimensions);
  const text = take('q');
  if (text !== undefined && (text.trim().length === 0 || text.length > 200)) {
    issues.push({ path: 'query.q', message: 'expected text of 1 to 200 characters to find in comments' });
  }
  const after = reader.cursor(answerCursorFields, 'the cursor a page of answers gave as next');
  const limit = reader.limit(50, 200);
  const filter = reader.filter(timeZone);
  if (!filter) return { issues };
  return {
    filter: { ...filter, kind, band, score, segment, commented: comment !== undefined, text: text?.trim(), status },
    order,
    after,
    limit,
  };
}

const isMonday = (day: string) => /^\d{4}-\d\d-\d\d$/.test(day) && Date.parse(day) >= earliestInstant && new Date(day).getUTCDay() === 1;

/**
 * The digest asked for: `week` (its Monday, YYYY-MM-DD; the one due now when absent), and what it is of — `touchpoint`,
 * `stage`, `by` and `value` — as a digest target's rule narrows it. A range is its week's: `since` and `until` are refused.
 */
export function parseDigestQuery(
  params: URLSearchParams,
  { segmentDimensions: dimensions, timeZone }: StoreTerms,
  now: Date,
): { week: string; scope: DigestScope } | { issues: ValidationIssue[] } {
  const reader = queryReader(params);
  const week = reader.take('week');
  if (week !== undefined && !isMonday(week))
    reader.issues.push({ path: 'query.week', message: `expected a Monday as YYYY-MM-DD, the first day of the week, got ${week}` });
  for (const name of ['since', 'until'])
    if (reader.take(name) !== undefined) reader.issues.push({ path: `query.${name}`, message: "a digest's range is its week: give week=" });
  const segment = reader.segment(dimensions);
  const filter = reader.filter(timeZone);
  if (!filter) return { issues: reader.issues };
  return { week: week ?? dueWeek(timeZone, now), scope: { touchpoint: filter.touchpoint, stage: filter.stage, segment } };
}
