// ResponseStore on an embedded SQLite file (better-sqlite3): one row per response id with the columns reads need, the
// full response as JSON, and a per-day rollup that triggers keep exact in the same transaction as every write.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Display } from '../../src/schema/display.js';
import type { Response } from '../../src/schema/response.js';
import { rangeParts, rollupFor, type RangedQuery } from './reads/day-range.js';
import {
  listOf,
  mostAnswered,
  toDayCounts,
  toDayDisplays,
  toSegmentDisplays,
  toEngagement,
  toSegmentCounts,
  toTouchpointCounts,
  type AnswerSums,
  type DisplaySums,
  type TouchpointRow,
} from './reads/engagement.js';
import {
  checkedTraits,
  dimensionLiteral,
  dimensionsFor,
  pagePath,
  segmentsOf,
  segmentTraitsSetting,
  storedTraits,
} from './ingest/segments.js';
import {
  afterCursor,
  answerOrderBy,
  answerRow,
  narrowing,
  upToCursor,
  type Dialect,
  type StoredAnswer,
  type TimeCursor,
} from './reads/answer-filter.js';
import {
  holdsRows,
  inStage,
  needsAttention,
  arrivedOverdue,
  overdueAnswers,
  overdueThrough,
  quarantinedAnswers,
  timeZoneSetting,
} from './schema/shared-tables.js';
import { liveRollups, rollups, sqliteDayOf, sqliteRefill, zoneOffsetsTable } from './schema/rollups.js';
import { offsetChanges, timeZone, type TimeZone } from '../time-zone.js';
import { followZone } from './zone-follower.js';
import { unansweredList, unansweredSql } from './reads/unanswered.js';
import { customerHistory, customerSql, type CustomerRows } from './reads/customer-history.js';
import { anonymousBrowsers, browserIdentity, newestSignedIn } from './reads/signed-in-browsers.js';
import { followUpColumns, personData, type PersonRows } from './reads/person-data.js';
import { recoveryCounts, recoverySql, unhappyIdentified, type RecoveryRow } from './reads/recovery.js';
import { followUpFigures, withoutMedians, type FollowUpCount } from './reads/follow-up-figures.js';
import { loadDriver } from './driver.js';
import {
  anonymisedBehindSweep,
  insertResult,
  mayBeBehindSweep,
  prepareInsert,
  type StoredDisplay,
  type StoredRow,
} from './ingest/prepare.js';
import { anonymisedColumn, anonymisedDisplay, anonymisedResponse, anonymisedThrough } from './ingest/anonymised.js';
import type {
  Anonymisation,
  AnswerCursor,
  AnswerFilter,
  AnswerPage,
  AttemptResult,
  BrowserIdentity,
  ClaimedDelivery,
  CommentRow,
  CustomerHistory,
  DayDisplayCount,
  DeliveriesToClaim,
  DayScoreCount,
  DeliveryFilter,
  DeliveryRecord,
  EngagementCount,
  Erasure,
  FollowUp,
  FollowUpChange,
  FollowUpChanged,
  FollowUpFigures,
  FollowUpReadOptions,
  InboxFilter,
  InboxItem,
  InsertExtras,
  InsertResult,
  NewDelivery,
  Person,
  PersonData,
  RecoveryCounts,
  ResponseFilter,
  ResponseStore,
  Segment,
  SegmentDisplayCount,
  SegmentScoreCount,
  SignedInBrowsers,
  StoreOptions,
  TimeOrder,
  TouchpointList,
  TouchpointScoreCount,
  TouchpointStage,
  UnansweredCursor,
  UnansweredList,
} from './store.js';
import { displayDays, displayRowsIn, displaysBy, displaysIn, type DisplaySql } from './reads/display-segments.js';
import { forTarget, onStored, writtenColumns, type CopiedRow, type CopiedTable, type CopiedValue } from './schema/copied-tables.js';
import { sqliteMigrations } from './schema/sqlite-migrations.js';

interface Where {
  readonly sql: string;
  readonly params: Array<string | number>;
}

/** The filter as a WHERE clause over `time` and `touchpoint` (of the table aliased `alias`, when given), plus `extra`. */
function where(
  filter: ResponseFilter,
  extra: string[] = [],
  extraParams: Array<string | number> = [],
  time = 'answered_at',
  alias = '',
): Where {
  const clauses = [...extra];
  const params = [...extraParams];
  if (filter.touchpoint !== undefined) (clauses.push(`${alias}touchpoint = ?`), params.push(filter.touchpoint));
  if (filter.stage !== undefined) (clauses.push(inStage(alias, '?')), params.push(filter.stage));
  if (filter.since !== undefined) (clauses.push(`${alias}${time} >= ?`), params.push(new Date(filter.since).toISOString()));
  if (filter.until !== undefined) (clauses.push(`${alias}${time} < ?`), params.push(new Date(filter.until).toISOString()));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** An answer needing someone, with its follow-up, as the overdue announcements read it. */
type OverdueRow = { id: string; at: string; body: string } & InboxItem['followUp'];

/** The still open of `rows`, as the plan of their overdue announcements takes them. */
const openItems = (rows: readonly OverdueRow[]): InboxItem[] =>
  rows
    .filter((row) => row.status === 'open')
    .map(({ id: _id, at: _at, body, ...followUp }) => ({ response: JSON.parse(body) as Response, followUp }));

/** A drill-down row as read. */
type DrillDownRow = AnswerCursor & StoredAnswer & { body: string; segments: string | null };

/** Rows an erasure reads between two turns of the event loop while it looks for a person's answers and displays. */
const personWindow = 5000;

/** A person's rows, by `@user` (null for an anonymous visitor) or one of the JSON array `@anonymousIds`. */
const whose = '(user_id = @user OR anonymous_id IN (SELECT value FROM json_each(@anonymousIds)))';

/** The middle of `values` (the mean of the middle two of an even count); null for none. */
function medianOf(values: readonly number[]): number | null {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (!n) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Rows whose `column` is one of the JSON array `@ids`. */
const inIds = (column: string) => `${column} IN (SELECT value FROM json_each(@ids))`;

/** A condition with its parameters, as `build` writes it binding each. */
function bound(build: (bind: Dialect['bind']) => string): readonly [string, ...string[]] {
  const params: string[] = [];
  const condition = build((value) => (params.push(value as string), '?'));
  return [condition, ...params];
}

/** The value of one segment dimension (`dimension`, SQL) of the row aliased `r`. */
const segmentIn = (r: string, dimension: string) => `(SELECT value FROM json_each(${r}segments) WHERE key = ${dimension})`;

/** Answers one statement of the drill-down reads at most: a few milliseconds of the event loop, however few match. */
const answersWindow = 5000;
/** Follow-ups one statement of the follow-up figures walks at most, each with its answer looked up. */
const followUpsWindow = 5000;

/** An identified answer's place along the user id index. */
interface CustomerCursor extends TimeCursor {
  readonly userId: string;
}

/** A drill-down row's place in a time order. */
const cursorOf = (row: AnswerCursor): AnswerCursor => ({ score: row.score, answeredAt: row.answeredAt, id: row.id });

/** A page of the drill-down from its rows: `next` when it is full. */
function pageOf(rows: readonly DrillDownRow[], limit: number): AnswerPage {
  const cursors = rows.map(cursorOf);
  return {
    answers: rows.map((row) => answerRow(JSON.parse(row.body) as Response, row.segments ? JSON.parse(row.segments) : {}, row)),
    cursors,
    next: rows.length === limit ? cursors.at(-1)! : null,
  };
}

const dayCounts: RangedQuery = {
  rollup: { table: 'daily_counts', select: 'day, kind, scale_max AS scaleMax, score, sum(n) AS n', groupBy: 'day, kind, scale_max, score' },
  segmentRollup: 'segment_counts',
  rows: {
    table: 'responses',
    time: 'answered_at',
    select: `${sqliteDayOf('responses', 'answered_at')} AS day, kind, scale_max AS scaleMax, score, count(*) AS n`,
    groupBy: '1, 2, 3, 4',
  },
};
const touchpointCounts: RangedQuery = {
  rollup: {
    table: 'daily_counts',
    select: 'touchpoint, kind, scale_max AS scaleMax, score, sum(n) AS n',
    groupBy: 'touchpoint, kind, scale_max, score',
  },
  segmentRollup: 'segment_counts',
  rows: {
    table: 'responses',
    time: 'answered_at',
    select: 'touchpoint, kind, scale_max AS scaleMax, score, count(*) AS n',
    groupBy: 'touchpoint, kind, scale_max, score',
  },
};
const answerSums: RangedQuery = {
  rollup: {
    table: 'daily_counts',
    select: 'touchpoint, kind, sum(n) AS answers, sum(commented) AS commented, sum(partials) AS partials',
    groupBy: 'touchpoint, kind',
  },
  rows: {
    table: 'responses',
    time: 'answered_at',
    select: 'touchpoint, kind, count(*) AS answers, sum(comment IS NOT NULL) AS commented, sum(partial) AS partials',
    groupBy: 'touchpoint, kind',
  },
};
/** The answers needing someone, of some kinds when named. */
const attentionCount = (kinds: FollowUpReadOptions['kinds']): RangedQuery => ({
  rollup: { table: 'daily_counts', select: 'sum(n) AS n', where: needsAttention('', kinds) },
  segmentRollup: 'segment_counts',
  rows: { table: 'responses', time: 'answered_at', select: 'count(*) AS n', where: needsAttention('', kinds) },
});
const displaySums: RangedQuery = {
  rollup: { table: 'display_counts', select: 'touchpoint, kind, outcome, sum(n) AS n', groupBy: 'touchpoint, kind, outcome' },
  rows: { table: 'displays', time: 'shown_at', select: 'touchpoint, kind, outcome, count(*) AS n', groupBy: 'touchpoint, kind, outcome' },
};

/** Displays by device, page, language, visitor and trait, in SQLite's words. */
const displaySql: DisplaySql = {
  rowValue: {
    device: "json_extract(body, '$.device')",
    path: 'path',
    locale: "json_extract(body, '$.locale')",
    visitor: "json_extract(body, '$.visitor')",
  },
  traitValue: (name) => `(SELECT value FROM json_each(body, '$.traits') WHERE key = ${name})`,
  integer: (aggregate) => aggregate,
  rollupDay: 'day',
  rowDay: sqliteDayOf('displays', 'shown_at'),
};

/** Answers per value of one dimension: from the segment rollup, and from the rows' segments exploded for the edges. */
const segmentCountsOf = (dimension: string): RangedQuery => ({
  rollup: {
    table: 'segment_counts',
    select: 'value, kind, scale_max AS scaleMax, score, sum(n) AS n',
    groupBy: 'value, kind, scale_max, score',
    where: `dimension = ${dimensionLiteral(dimension)}`,
  },
  rows: {
    table: 'responses, json_each(responses.segments) AS each',
    time: 'answered_at',
    select: 'each.value AS value, kind, scale_max AS scaleMax, score, count(*) AS n',
    groupBy: '1, 2, 3, 4',
    where: `each.key = ${dimensionLiteral(dimension)}`,
  },
});

export class SqliteStore implements ResponseStore {
  readonly segmentDimensions: readonly string[];
  private zone: TimeZone;
  private readonly stopFollowingZone: () => void;
  private readonly traits: readonly string[];
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly upsertDisplay: Database.Statement;
  private readonly insertRows: (
    rows: readonly StoredRow[],
    displays: readonly StoredDisplay[],
    receivedAt: string,
    notify: boolean,
  ) => { accepted: number; displays: number };

  /** Opens (and creates or migrates on first run) the database file; `:memory:` for a throwaway one. */
  constructor(file: string, options: StoreOptions = {}) {
    const traits = checkedTraits(options.segmentTraits);
    const zone = timeZone(options.timeZone ?? 'UTC');
    if (options.existing && !existsSync(file)) throw new Error('no such file');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const Driver = loadDriver<typeof Database>('better-sqlite3', 'A SQLite file');
    this.db = new Driver(file);
    if (options.existing && !this.hasCollectorData()) {
      this.db.close();
      throw new Error('no cxkit data in it: not a file a cxkit collector wrote');
    }
    // WAL lets the dashboard read while posts write; NORMAL sync is durable across crashes of the process
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // migration 13 works out the stored displays' page paths with it, as the answers' are worked out in JS
    this.db.function('cxkit_page_path', { deterministic: true }, (url: unknown) => pagePath(String(url ?? '')));
    this.migrate();
    this.traits = options.asStored ? storedTraits(this.setting(segmentTraitsSetting), traits) : traits;
    this.segmentDimensions = dimensionsFor(this.traits);
    this.segmentStored();
    const keepsItsZone = options.asStored && this.db.prepare(holdsRows).pluck().get() === 1;
    this.zone = keepsItsZone ? timeZone(this.setting(timeZoneSetting) ?? 'UTC') : zone;
    this.dayStored();
    this.stopFollowingZone = followZone(
      async () => this.setting(timeZoneSetting),
      () => this.zone,
      (next) => (this.zone = next),
      options.zoneCheckMs,
    );
    this.db.function('cxkit_contains', { deterministic: true }, (value: unknown, text: unknown) =>
      typeof value === 'string' && typeof text === 'string' && value.toLocaleLowerCase().includes(text.toLocaleLowerCase()) ? 1 : 0,
    );
    // a response is stored once by id; the one exception is a partial answer (its follow-up abandoned) that later
    // arrives complete: the complete one replaces it, every column, so that one answer stays one response
    this.upsert = this.db.prepare(`
      INSERT INTO responses (id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, received_at, partial,
                             comment, user_id, anonymous_id, segments, body, webhook_pending)
      VALUES (@id, @kind, @score, @scaleMax, @touchpoint, @answeredAt, @answeredAtClaimed, @receivedAt, @partial,
              @comment, @userId, @anonymousId, @segments, @body, @notify)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, score = excluded.score, scale_max = excluded.scale_max,
        touchpoint = excluded.touchpoint, answered_at = excluded.answered_at, answered_at_claimed = excluded.answered_at_claimed,
        received_at = excluded.received_at, partial = excluded.partial, comment = excluded.comment, user_id = excluded.user_id,
        anonymous_id = excluded.anonymous_id, segments = excluded.segments, body = excluded.body
      WHERE responses.partial = 1 AND excluded.partial = 0
    `);
    // a display is stored once by id, except that a copy with a final outcome replaces an open one
    this.upsertDisplay = this.db.prepare(`
      INSERT INTO displays (id, touchpoint, kind, mode, trigger, shown_at, shown_at_claimed, received_at, outcome, response_id,
                            anonymous_id, user_id, path, body)
      VALUES (@id, @touchpoint, @kind, @mode, @trigger, @shownAt, @shownAtClaimed, @receivedAt, @outcome, @responseId,
              @anonymousId, @userId, @path, @body)
      ON CONFLICT (id) DO UPDATE SET touchpoint = excluded.touchpoint, kind = excluded.kind, mode = excluded.mode,
        trigger = excluded.trigger, shown_at = excluded.shown_at, shown_at_claimed = excluded.shown_at_claimed,
        received_at = excluded.received_at, outcome = excluded.outcome, response_id = excluded.response_id,
        anonymous_id = excluded.anonymous_id, user_id = excluded.user_id, path = excluded.path, body = excluded.body
      WHERE displays.outcome = 'open' AND excluded.outcome <> 'open'
    `);
    this.insertRows = this.db.transaction(
      (rows: readonly StoredRow[], displays: readonly StoredDisplay[], receivedAt: string, notify: boolean) => {
        let accepted = 0;
        for (const row of rows) {
          const values = { ...row, receivedAt, partial: row.partial ? 1 : 0, body: JSON.stringify(row.body), notify: notify ? 1 : 0 };
          accepted += this.upsert.run(values).changes;
        }
        let shown = 0;
        for (const display of displays)
          shown += this.upsertDisplay.run({ ...display, receivedAt, body: JSON.stringify(display.body) }).changes;
        return { accepted, displays: shown };
      },
    );
  }

  /** Applies the migrations this file has not seen yet, each in its own transaction; `user_version` counts them. */
  private migrate(): void {
    const applied = this.db.pragma('user_version', { simple: true }) as number;
    sqliteMigrations.slice(applied).forEach((sql, i) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${applied + i + 1}`);
      })();
    });
  }

  /** A file some collector has written: migrated (`user_version`), or the first collector's, from before migrations. */
  private hasCollectorData(): boolean {
    return (
      (this.db.pragma('user_version', { simple: true }) as number) > 0 ||
      this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'responses'`).get() !== undefined
    );
  }

  private setting(name: string): string | undefined {
    return this.db.prepare('SELECT value FROM cxkit_settings WHERE name = ?').pluck().get(name) as string | undefined;
  }

  /**
   * Works out the segments of every stored answer when the traits to segment by are not those they were worked out
   * with (a file from before segments, or a changed list), in one transaction; the rollup follows by its triggers.
   */
  private segmentStored(): void {
    const wanted = JSON.stringify(this.traits);
    if (this.setting(segmentTraitsSetting) === wanted) return;
    this.db.function('cxkit_segments', { deterministic: true }, (body: unknown) =>
      JSON.stringify(segmentsOf(JSON.parse(String(body)) as Response, this.traits)),
    );
    this.db.transaction(() => {
      this.db.exec('UPDATE responses SET segments = cxkit_segments(body)');
      this.saveSetting(segmentTraitsSetting, wanted);
    })();
  }

  /**
   * Counts the rollups' days again when the time zone is not the one they were counted in (a changed zone), in one
   * transaction: the zone's offsets from 1900 to 2100 (the first one holding for any earlier time), then each rollup
   * refilled from its rows.
   */
  private dayStored(): void {
    if ((this.setting(timeZoneSetting) ?? 'UTC') === this.timeZone.name) return;
    const changes = offsetChanges(this.timeZone, Date.parse('1900-01-01T00:00:00Z'), Date.parse('2100-01-01T00:00:00Z'));
    this.db.transaction(() => {
      this.db.exec(`DELETE FROM ${zoneOffsetsTable}`);
      const add = this.db.prepare(`INSERT INTO ${zoneOffsetsTable} (starts, seconds) VALUES (?, ?)`);
      changes.forEach(({ from, offset }, i) => add.run(i ? new Date(from).toISOString() : '0000-01-01T00:00:00.000Z', offset / 1000));
      this.saveSetting(timeZoneSetting, this.timeZone.name);
      for (const rollup of liveRollups(rollups)) this.db.exec(`DELETE FROM ${rollup.table}; ${sqliteRefill(rollup)}`);
    })();
  }

  private saveSetting(name: string, value: string): void {
    this.db
      .prepare('INSERT INTO cxkit_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value')
      .run(name, value);
  }

  async insert(responses: readonly Response[], receivedAt: Date, extras: InsertExtras = {}): Promise<InsertResult> {
    const batch = prepareInsert(responses, receivedAt, extras, this.traits);
    const swept = () => ({
      responses: this.setting(anonymisedThrough('responses')),
      displays: this.setting(anonymisedThrough('displays')),
    });
    const prepared = mayBeBehindSweep(batch, receivedAt) ? anonymisedBehindSweep(batch, swept(), this.traits) : batch;
    const stored = this.insertRows(prepared.answers, prepared.displays, receivedAt.toISOString(), extras.notify === true);
    return insertResult(responses, extras, stored);
  }

  /** Asks the question of the rollup for whole days and of the rows for the edge hours; answers each part's rows. */
  private ranged<T>(filter: ResponseFilter, query: RangedQuery): T[][] {
    const { days, edges } = rangeParts(filter, this.timeZone);
    const { segment } = filter;
    const parts: T[][] = [];
    if (days) {
      const clauses: string[] = [];
      const params: string[] = [];
      if (filter.touchpoint !== undefined) (clauses.push('touchpoint = ?'), params.push(filter.touchpoint));
      if (filter.stage !== undefined) (clauses.push(inStage('', '?')), params.push(filter.stage));
      if (days.fromDay !== undefined) (clauses.push('day >= ?'), params.push(days.fromDay));
      if (days.toDay !== undefined) (clauses.push('day < ?'), params.push(days.toDay));
      if (segment) (clauses.push('dimension = ?', 'value = ?'), params.push(segment.dimension, segment.value));
      const { select, groupBy, where: only } = query.rollup;
      if (only) clauses.push(only);
      const sql = `SELECT ${select} FROM ${rollupFor(query, filter)} ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
        ${groupBy ? `GROUP BY ${groupBy}` : ''} HAVING sum(n) > 0`;
      parts.push(this.db.prepare(sql).all(...params) as T[]);
    }
    for (const edge of edges) {
      const { table, time, select, groupBy, where: only } = query.rows;
      const inSegment = segment ? ['(SELECT value FROM json_each(segments) WHERE key = ?) = ?'] : [];
      const w = where(
        { touchpoint: filter.touchpoint, stage: filter.stage, ...edge },
        [...inSegment, ...(only ? [only] : [])],
        segment ? [segment.dimension, segment.value] : [],
        time,
      );
      const sql = `SELECT ${select} FROM ${table} ${w.sql} ${groupBy ? `GROUP BY ${groupBy}` : ''}`;
      parts.push(this.db.prepare(sql).all(...w.params) as T[]);
    }
    return parts;
  }

  async countsByDay(filter: ResponseFilter): Promise<DayScoreCount[]> {
    return toDayCounts(this.ranged<DayScoreCount>(filter, dayCounts));
  }

  async countsByTouchpoint(filter: ResponseFilter): Promise<TouchpointScoreCount[]> {
    return toTouchpointCounts(this.ranged<TouchpointScoreCount>(filter, touchpointCounts));
  }

  async countsBySegment(filter: ResponseFilter, dimension: string): Promise<SegmentScoreCount[]> {
    return toSegmentCounts(this.ranged<SegmentScoreCount>(filter, segmentCountsOf(dimension)));
  }

  async engagementInSegment(filter: ResponseFilter, segment: Segment): Promise<EngagementCount[]> {
    return toEngagement([], this.ranged<DisplaySums>(filter, displaysIn(displaySql, segment)));
  }

  async displaysByDay(filter: ResponseFilter, segment?: Segment): Promise<DayDisplayCount[]> {
    return toDayDisplays(this.ranged<DayDisplayCount>(filter, displayDays(displaySql, segment)));
  }

  async displaysBySegment(filter: ResponseFilter, dimension: string): Promise<SegmentDisplayCount[]> {
    return toSegmentDisplays(this.ranged<SegmentDisplayCount>(filter, displaysBy(displaySql, dimension)));
  }

  async touchpointStages(): Promise<TouchpointStage[]> {
    return this.db.prepare('SELECT stage, touchpoint FROM touchpoint_stages ORDER BY stage, touchpoint').all() as TouchpointStage[];
  }

  async engagement(filter: ResponseFilter): Promise<EngagementCount[]> {
    return toEngagement(this.ranged<AnswerSums>(filter, answerSums), this.ranged<DisplaySums>(filter, displaySums));
  }

  async latestComments(filter: ResponseFilter, limit: number): Promise<CommentRow[]> {
    const w = where(filter, ['comment IS NOT NULL']);
    const sql = `SELECT id, kind, score, touchpoint, answered_at AS answeredAt, comment, user_id AS userId,
      anonymous_id AS anonymousId FROM responses ${w.sql}
      ORDER BY answered_at DESC, id DESC LIMIT ?`;
    return this.db.prepare(sql).all(...w.params, limit) as CommentRow[];
  }

  async answers(
    filter: AnswerFilter,
    order: TimeOrder,
    after: AnswerCursor | null,
    limit: number,
    signal?: AbortSignal,
  ): Promise<AnswerPage> {
    // one statement over every answer, when few match (a search runs a JavaScript function on each comment; a rare
    // segment), held the event loop: 0.5 s over 200,000 answers, 5 s in score order, which reads once per score, and
    // every post and health check waited. Answers are read a window of the time index at a time, a turn between.
    const found: DrillDownRow[] = [];
    for (let from: TimeCursor | null = after; ;) {
      const edge = this.windowEdge(filter, order, from);
      found.push(...this.answerRows(filter, order, from, edge, limit - found.length));
      if (found.length === limit || edge === null) return pageOf(found, limit);
      from = edge;
      await new Promise((resolve) => setImmediate(resolve));
      // a search nobody waits for any more would read on to the end, taking turns with the one that replaced it
      signal?.throwIfAborted();
    }
  }

  /** The last answer of the window of `answersWindow` after `from` in the read's range and time order; null past the end. */
  private windowEdge(filter: ResponseFilter, order: TimeOrder, from: TimeCursor | null): TimeCursor | null {
    const params: string[] = [];
    const bind = (value: unknown) => (params.push(value as string), '?');
    const range = where(
      { since: filter.since, until: filter.until },
      from ? [afterCursor(order, from, bind)] : [],
      params,
      'answered_at',
      'r.',
    );
    const edge = this.db
      .prepare(`SELECT answered_at AS answeredAt, id FROM responses r ${range.sql} ORDER BY ${answerOrderBy(order)} LIMIT 1 OFFSET ?`)
      .get(...range.params, answersWindow - 1) as TimeCursor | undefined;
    return edge ?? null;
  }

  /** The drill-down's rows in a time order after `from`, up to and with `edge` when given. */
  private answerRows(filter: AnswerFilter, order: TimeOrder, from: TimeCursor | null, edge: TimeCursor | null, limit: number) {
    const params: Array<string | number> = [];
    const dialect: Dialect = {
      bind: (value) => (params.push(value as string | number), '?'),
      segment: segmentIn,
      // SQLite's LIKE and lower() fold ASCII letters only: "über" would miss "Über"
      contains: (column, text) => `cxkit_contains(${column}, ${text})`,
    };
    const extra = [
      ...narrowing(filter, dialect),
      ...(from ? [afterCursor(order, from, dialect.bind)] : []),
      ...(edge ? [upToCursor(order, edge, dialect.bind)] : []),
    ];
    const w = where(filter, extra, params, 'answered_at', 'r.');
    return this.db
      .prepare(
        `SELECT r.id, r.score, r.answered_at AS answeredAt, r.body, r.segments, ${needsAttention('r.')} AS attention,
                f.status, f.note, f.changed_by AS "by", f.assignee, f.changed_at AS changedAt
           FROM responses r LEFT JOIN follow_ups f ON f.response_id = r.id ${w.sql}
          ORDER BY ${answerOrderBy(order)} LIMIT ?`,
      )
      .all(...w.params, limit) as DrillDownRow[];
  }

  async touchpoints(limit: number): Promise<TouchpointList> {
    return listOf(this.db.prepare(`${mostAnswered} ?`).all(limit) as TouchpointRow[]);
  }

  async unanswered(filter: ResponseFilter, limit: number, after: UnansweredCursor | null = null): Promise<UnansweredList> {
    const params: Array<string | number> = [];
    const inSegment = filter.segment && displayRowsIn(displaySql, filter.segment);
    const sql = unansweredSql({ ...filter, segment: undefined }, limit, after, (value) => (params.push(value), '?'), inSegment);
    return unansweredList(this.db.prepare(sql).all(...params) as Parameters<typeof unansweredList>[0], limit);
  }

  async recovery(filter: ResponseFilter, signal?: AbortSignal): Promise<RecoveryCounts> {
    // whichever walk is shorter: the range's answers along the time index, or every identified customer's answers along
    // the user id index (a site that identifies few walks those few; one that identifies nobody walks nothing, where
    // 2·10⁵ anonymous answers took 0.47 s for nothing)
    const inRange = (await this.countsByDay(filter)).reduce((sum, count) => sum + count.n, 0);
    const identified = this.db
      .prepare('SELECT count(*) FROM (SELECT 1 FROM responses WHERE user_id IS NOT NULL LIMIT ?)')
      .pluck()
      .get(inRange) as number;
    if (!identified || !inRange) return recoveryCounts([]);
    return identified < inRange
      ? this.recoveryAlong<CustomerCursor>(filter, signal, {
          answers: 'responses r INDEXED BY responses_by_user',
          edge: (from) => this.customerWindowEdge(from),
          after: (from, bind) => `(r.user_id, r.answered_at, r.id) > (${bind(from.userId)}, ${bind(from.answeredAt)}, ${bind(from.id)})`,
          upTo: (edge, bind) => `(r.user_id, r.answered_at, r.id) <= (${bind(edge.userId)}, ${bind(edge.answeredAt)}, ${bind(edge.id)})`,
        })
      : this.recoveryAlong<TimeCursor>(filter, signal, {
          answers: 'responses r',
          edge: (from) => this.windowEdge(filter, 'oldest', from),
          after: (from, bind) => afterCursor('oldest', from, bind),
          upTo: (edge, bind) => upToCursor('oldest', edge, bind),
        });
  }

  /**
   * The recovery statement over a window of `walk`'s order at a time, a turn of the event loop between: a year's unhappy
   * answers each look a customer's next answer up, which held posts and health checks for most of a second in one statement.
   */
  private async recoveryAlong<Cursor extends CustomerCursor | TimeCursor>(
    filter: ResponseFilter,
    signal: AbortSignal | undefined,
    walk: {
      readonly answers: string;
      readonly edge: (from: Cursor | null) => Cursor | null;
      readonly after: (from: Cursor, bind: (value: unknown) => string) => string;
      readonly upTo: (edge: Cursor, bind: (value: unknown) => string) => string;
    },
  ): Promise<RecoveryCounts> {
    const rows: RecoveryRow[] = [];
    for (let from: Cursor | null = null; ;) {
      const edge = walk.edge(from);
      const params: Array<string | number> = [];
      const bind = (value: unknown) => (params.push(value as string | number), '?');
      const { segment } = filter;
      const extra = [
        ...unhappyIdentified,
        ...(segment ? [`${segmentIn('r.', bind(segment.dimension))} = ${bind(segment.value)}`] : []),
        ...(from ? [walk.after(from, bind)] : []),
        ...(edge ? [walk.upTo(edge, bind)] : []),
      ];
      const w = where(filter, extra, params, 'answered_at', 'r.');
      rows.push(...(this.db.prepare(recoverySql(w.sql, walk.answers)).all(...w.params) as RecoveryRow[]));
      if (edge === null) return recoveryCounts(rows);
      from = edge;
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }

  /** The last identified answer of the window of `answersWindow` after `from` along the user id index; null past the end. */
  private customerWindowEdge(from: CustomerCursor | null): CustomerCursor | null {
    const edge = this.db
      .prepare(
        `SELECT user_id AS userId, answered_at AS answeredAt, id FROM responses INDEXED BY responses_by_user
          WHERE user_id IS NOT NULL ${from ? 'AND (user_id, answered_at, id) > (?, ?, ?)' : ''}
          ORDER BY user_id, answered_at, id LIMIT 1 OFFSET ?`,
      )
      .get(...(from ? [from.userId, from.answeredAt, from.id] : []), answersWindow - 1) as CustomerCursor | undefined;
    return edge ?? null;
  }

  async customer(userId: string, limit: number): Promise<CustomerHistory> {
    const read = (sql: string, ...params: Array<string | number>) => this.db.prepare(sql).all(...params);
    const answers = read(customerSql.answers('?', '?'), userId, limit) as Array<StoredAnswer & { body: string; segments: string | null }>;
    return customerHistory(userId, {
      answers: answers.map((row) => ({
        ...row,
        body: JSON.parse(row.body) as Response,
        segments: row.segments && JSON.parse(row.segments),
      })),
      answered: this.db.prepare(customerSql.answered('?')).pluck().get(userId) as number,
      shown: read(customerSql.shown('?'), userId) as CustomerRows['shown'],
      unanswered: read(customerSql.unanswered('?', '?'), userId, limit) as CustomerRows['unanswered'],
    });
  }

  async signedInBrowsers(anonymousIds: readonly string[]): Promise<SignedInBrowsers> {
    return this.browsersOf(anonymousIds);
  }

  /** `signedInBrowsers`, as a transaction reads it. */
  private browsersOf(anonymousIds: readonly string[]): Map<string, BrowserIdentity> {
    const newest = this.db.prepare(newestSignedIn('@visitor'));
    const found = new Map<string, BrowserIdentity>();
    for (const visitor of new Set(anonymousIds)) {
      const row = newest.get({ visitor }) as { userId: string; body: string } | undefined;
      if (row) found.set(visitor, browserIdentity(row));
    }
    return found;
  }

  async quarantinedAnswers(): Promise<number> {
    return this.db.prepare(quarantinedAnswers).pluck().get() as number;
  }

  async fanOut(
    limit: number,
    plan: (responses: readonly Response[], browsers: SignedInBrowsers) => NewDelivery[],
    now: Date,
    planOverdue?: (items: readonly InboxItem[], browsers: SignedInBrowsers) => readonly NewDelivery[],
  ): Promise<number> {
    const at = now.toISOString();
    return this.db.transaction(() => {
      const taken = this.db
        .prepare('SELECT seq, id, body FROM responses WHERE webhook_pending = 1 ORDER BY seq LIMIT ?')
        .all(limit) as Array<{
        seq: number;
        id: string;
        body: string;
      }>;
      if (!taken.length) return 0;
      const unmark = this.db.prepare('UPDATE responses SET webhook_pending = 0 WHERE seq = ?');
      for (const { seq } of taken) unmark.run(seq);
      const responses = taken.map((row) => JSON.parse(row.body) as Response);
      const browsers = this.browsersOf(anonymousBrowsers(responses));
      this.addDeliveries(plan(responses, browsers), at);
      const mark = planOverdue && this.setting(overdueThrough);
      if (mark) {
        const [throughAt, throughId] = JSON.parse(mark) as [string, string];
        const ids = JSON.stringify(taken.map((row) => row.id));
        const rows = this.db
          .prepare(arrivedOverdue(inIds('r.id'), '@throughAt', '@throughId'))
          .all({ ids, throughAt, throughId }) as OverdueRow[];
        this.addDeliveries(planOverdue(openItems(rows), browsers), at);
      }
      return taken.length;
    })();
  }

  async fanOutOverdue(
    before: Date,
    limit: number,
    plan: (items: readonly InboxItem[], browsers: SignedInBrowsers) => readonly NewDelivery[],
    now: Date,
  ): Promise<number> {
    const at = before.toISOString();
    return this.db.transaction(() => {
      const from = this.setting(overdueThrough);
      if (from === undefined) {
        this.saveSetting(overdueThrough, JSON.stringify([at, '']));
        return 0;
      }
      const [fromAt, fromId] = JSON.parse(from) as [string, string];
      const rows = this.db
        .prepare(overdueAnswers('@at', '@fromAt', '@fromId', '@limit'))
        .all({ at, fromAt, fromId, limit }) as OverdueRow[];
      const last = rows.at(-1);
      if (!last) return 0;
      this.saveSetting(overdueThrough, JSON.stringify([last.at, last.id]));
      const items = openItems(rows);
      this.addDeliveries(plan(items, this.browsersOf(anonymousBrowsers(items.map((item) => item.response)))), now.toISOString());
      return rows.length;
    })();
  }

  async markOf(mark: string): Promise<string | null> {
    return this.setting(mark) ?? null;
  }

  async storedBefore(at: Date): Promise<boolean> {
    const before = at.toISOString();
    const sql =
      'SELECT EXISTS (SELECT 1 FROM responses WHERE answered_at < @before) OR EXISTS (SELECT 1 FROM displays WHERE shown_at < @before)';
    return this.db.prepare(sql).pluck().get({ before }) === 1;
  }

  async planOnce(mark: string, key: string, planned: readonly NewDelivery[], now: Date): Promise<boolean> {
    // IMMEDIATE: two processes on one file cannot both read the mark before either writes it
    return this.db
      .transaction(() => {
        const through = this.setting(mark);
        if (through !== undefined && through >= key) return false;
        this.saveSetting(mark, key);
        this.addDeliveries(planned, now.toISOString());
        return true;
      })
      .immediate();
  }

  /** Stores planned deliveries, due at once (inside the caller's transaction). */
  private addDeliveries(planned: readonly NewDelivery[], at: string): void {
    const add = this.db.prepare(`INSERT INTO webhook_deliveries
      (id, event, target, response_id, user_id, anonymous_id, payload, next_attempt_at, created_at, updated_at)
      VALUES (@id, @event, @target, @responseId, @userId, @anonymousId, @payload, @at, @at, @at)`);
    // a digest is nobody's: the columns an erasure finds deliveries by hold '' for it
    for (const delivery of planned)
      add.run({ ...delivery, responseId: delivery.responseId ?? '', anonymousId: delivery.anonymousId ?? '', at });
  }

  async claimDeliveries(
    limit: number,
    now: Date,
    leaseMs: number,
    { targets, strayBefore }: DeliveriesToClaim,
  ): Promise<ClaimedDelivery[]> {
    const at = now.toISOString();
    return this.db
      .prepare(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, claimed_until = @until, updated_at = @at
          WHERE id IN (SELECT id FROM webhook_deliveries
                        WHERE status = 'pending' AND next_attempt_at <= @at AND (claimed_until IS NULL OR claimed_until <= @at)
                          AND (target IN (SELECT value FROM json_each(@targets)) OR created_at < @stray)
                        ORDER BY next_attempt_at LIMIT @limit)
          RETURNING id, target, payload, attempts`,
      )
      .all({
        at,
        until: new Date(now.getTime() + leaseMs).toISOString(),
        limit,
        targets: JSON.stringify(targets),
        stray: strayBefore.toISOString(),
      }) as ClaimedDelivery[];
  }

  async settleDelivery(id: string, result: AttemptResult, now: Date): Promise<void> {
    const at = now.toISOString();
    if (result.delivered) {
      this.db
        .prepare(
          `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = @at, updated_at = @at, last_status = @status,
                  last_error = NULL, claimed_until = NULL WHERE id = @id`,
        )
        .run({ id, at, status: result.status });
    } else {
      this.db
        .prepare(
          `UPDATE webhook_deliveries SET status = @status, next_attempt_at = coalesce(@retryAt, next_attempt_at), updated_at = @at,
                  last_status = @lastStatus, last_error = @error, claimed_until = NULL WHERE id = @id`,
        )
        .run({
          id,
          at,
          status: result.retryAt ? 'pending' : 'failed',
          retryAt: result.retryAt?.toISOString() ?? null,
          lastStatus: result.status,
          error: result.error,
        });
    }
  }

  async eraseSettledDeliveries(before: Date, limit: number): Promise<number> {
    return this.db
      .prepare(
        `DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries
          WHERE updated_at < ? AND status <> 'pending' ORDER BY updated_at LIMIT ?)`,
      )
      .run(before.toISOString(), limit).changes;
  }

  async deliveries(filter: DeliveryFilter): Promise<DeliveryRecord[]> {
    const conditions = [
      ...(filter.status ? ['status = @status'] : []),
      ...(filter.since ? ['updated_at >= @since'] : []),
      ...(filter.target ? ['target = @target'] : []),
    ];
    const rows = this.db
      .prepare(
        `SELECT id, event, target, nullif(response_id, '') AS responseId, status, attempts,
                CASE WHEN status = 'pending' THEN next_attempt_at END AS nextAttemptAt, last_status AS lastStatus,
                last_error AS lastError, created_at AS createdAt, updated_at AS updatedAt, delivered_at AS deliveredAt
           FROM webhook_deliveries ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
          ORDER BY updated_at DESC, id LIMIT @limit`,
      )
      .all({
        limit: filter.limit,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.since ? { since: filter.since } : {}),
        ...(filter.target ? { target: filter.target } : {}),
      });
    return rows as DeliveryRecord[];
  }

  async setFollowUp(
    responseId: string,
    change: FollowUpChange,
    now: Date,
    plan?: (changed: FollowUpChanged) => readonly NewDelivery[],
  ): Promise<FollowUp | null> {
    const id = responseId.toLowerCase();
    const at = now.toISOString();
    const keep = change.assignee === undefined ? 1 : 0;
    const values = {
      id,
      status: change.status,
      note: change.note ?? null,
      by: change.by ?? null,
      assignee: change.assignee ?? null,
      keep,
      at,
    };
    return this.db.transaction(() => {
      const answer = this.db.prepare('SELECT body FROM responses WHERE id = ?').pluck().get(id) as string | undefined;
      if (answer === undefined) return null;
      const previous = this.db.prepare('SELECT status, assignee FROM follow_ups WHERE response_id = ?').get(id) as
        FollowUpChanged['previous'] | undefined;
      const { assignee } = this.db
        .prepare(
          `INSERT INTO follow_ups (response_id, status, note, changed_by, assignee, changed_at, closed_at)
           VALUES (@id, @status, @note, @by, @assignee, @at, CASE WHEN @status = 'closed' THEN @at END)
           ON CONFLICT (response_id) DO UPDATE SET status = excluded.status, note = excluded.note, changed_by = excluded.changed_by,
             assignee = CASE WHEN @keep THEN follow_ups.assignee ELSE excluded.assignee END, changed_at = excluded.changed_at,
             closed_at = CASE WHEN excluded.status = 'closed' THEN coalesce(follow_ups.closed_at, excluded.changed_at) END
           RETURNING assignee`,
        )
        .get(values) as { assignee: string | null };
      this.db
        .prepare(
          `INSERT INTO follow_up_events (response_id, status, note, changed_by, assignee, changed_at)
           VALUES (@id, @status, @note, @by, @assignee, @at)`,
        )
        .run({ ...values, assignee });
      const followUp = { responseId: id, status: change.status, note: values.note, by: values.by, assignee, changedAt: at };
      if (plan) {
        const response = JSON.parse(answer) as Response;
        this.addDeliveries(plan({ followUp, previous: previous ?? { status: 'open', assignee: null }, response }), at);
      }
      return followUp;
    })();
  }

  async inbox(filter: InboxFilter): Promise<InboxItem[]> {
    const handled = filter.status === 'contacted' || filter.status === 'closed';
    const assigned = typeof filter.assignee === 'string';
    const order = filter.order ?? 'newest';
    if (!filter.segment || handled || assigned) return this.inboxRows(filter, [], filter.limit);
    // a segment is told by each row's JSON: its open items are read a window of the time index at a time with a turn
    // between, so that a rare segment (a walk of every unhappy answer) does not hold posts and health checks
    const found: InboxItem[] = [];
    for (let from: TimeCursor | null = null; ;) {
      const start = from;
      const edge: TimeCursor | null = this.windowEdge(filter, order, start);
      const bounds = [
        ...(start ? [bound((bind) => afterCursor(order, start, bind))] : []),
        ...(edge ? [bound((bind) => upToCursor(order, edge, bind))] : []),
      ];
      found.push(...this.inboxRows(filter, bounds, filter.limit - found.length));
      if (found.length >= filter.limit || !edge) return found;
      from = edge;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The inbox's items for `filter` within the conditions `bounds` (each with its parameters), `limit` of them. */
  private inboxRows(filter: InboxFilter, bounds: ReadonlyArray<readonly [string, ...string[]]>, limit: number): InboxItem[] {
    const handled = filter.status === 'contacted' || filter.status === 'closed';
    const assigned = typeof filter.assignee === 'string';
    // each condition with its parameters
    const only: Array<readonly [string, ...string[]]> = [
      [needsAttention('r.')],
      ...(filter.status === 'open'
        ? [["coalesce(f.status, 'open') = 'open'"] as const]
        : handled
          ? [['f.status = ?', filter.status!] as const]
          : []),
      ...(assigned ? [['f.assignee = ?', filter.assignee!] as const] : filter.assignee === null ? [['f.assignee IS NULL'] as const] : []),
      ...(filter.responseId ? [['r.id = ?', filter.responseId] as const] : []),
      ...(filter.segment ? [[`${segmentIn('r.', '?')} = ?`, filter.segment.dimension, filter.segment.value] as const] : []),
      ...bounds,
    ];
    const w = where(
      { touchpoint: filter.touchpoint, stage: filter.stage, since: filter.since, until: filter.until },
      only.map(([condition]) => condition),
      only.flatMap(([, ...params]) => params),
      'answered_at',
      'r.',
    );
    // open items: newest answers first along the time index; handled or assigned ones: from the few follow-ups
    const from =
      handled || assigned
        ? 'follow_ups f CROSS JOIN responses r ON r.id = f.response_id'
        : 'responses r LEFT JOIN follow_ups f ON f.response_id = r.id';
    const rows = this.db
      .prepare(
        `SELECT r.body, coalesce(f.status, 'open') AS status, f.note, f.changed_by AS "by", f.assignee, f.changed_at AS changedAt
           FROM ${from} ${w.sql} ORDER BY ${answerOrderBy(filter.order ?? 'newest')} LIMIT ?`,
      )
      .all(...w.params, limit) as Array<{ body: string } & InboxItem['followUp']>;
    return rows.map(({ body, ...followUp }) => ({ response: JSON.parse(body) as Response, followUp }));
  }

  async followUps(filter: ResponseFilter, { medians = true, kinds }: FollowUpReadOptions = {}): Promise<FollowUpFigures> {
    const needingAttention = this.ranged<{ n: number }>(filter, attentionCount(kinds))
      .flat()
      .reduce((sum, part) => sum + part.n, 0);
    const { segment } = filter;
    const inSegment = segment ? [`${segmentIn('r.', '?')} = ?`] : [];
    const w = where(
      filter,
      [needsAttention('r.', kinds), ...inSegment],
      segment ? [segment.dimension, segment.value] : [],
      'answered_at',
      'r.',
    );
    // CROSS JOIN makes SQLite walk the few follow-ups and look each answer up, not walk a touchpoint's answers; a window
    // of their rowids at a time, with a turn of the event loop between, so that a summary over a busy inbox's follow-ups
    // (a join each) does not hold posts and health checks in one statement
    const inWindow = `${w.sql} AND f.rowid > ? AND f.rowid <= ?`;
    const countsIn = this.db.prepare(
      `SELECT f.status, f.assignee, count(*) AS n FROM follow_ups f CROSS JOIN responses r ON r.id = f.response_id ${inWindow}
        GROUP BY f.status, f.assignee`,
    );
    // the hours to close and to the first contact in one more walk, their middles found in memory: a median's own count
    // and sorted read with an offset took twice as long
    const hoursIn = this.db
      .prepare(
        `SELECT CASE WHEN f.status = 'closed' THEN (julianday(f.closed_at) - julianday(r.answered_at)) * 24 END,
                (julianday(f.first_reached_at) - julianday(r.answered_at)) * 24
           FROM follow_ups f CROSS JOIN responses r ON r.id = f.response_id ${inWindow}`,
      )
      .raw();
    const counts: FollowUpCount[] = [];
    const hours: Array<[number | null, number | null]> = [];
    const last = (this.db.prepare('SELECT max(rowid) FROM follow_ups').pluck().get() as number | null) ?? 0;
    for (let after = 0; after < last; after += followUpsWindow) {
      if (after) await new Promise((resolve) => setImmediate(resolve));
      const window = [...w.params, after, after + followUpsWindow];
      counts.push(...(countsIn.all(...window) as FollowUpCount[]));
      if (medians) hours.push(...(hoursIn.all(...window) as Array<[number | null, number | null]>));
    }
    if (!medians) return followUpFigures(needingAttention, counts, withoutMedians);
    return followUpFigures(needingAttention, counts, {
      medianHoursToClose: medianOf(hours.flatMap(([close]) => (close === null ? [] : [close]))),
      medianHoursToFirstContact: medianOf(hours.flatMap(([, first]) => (first === null ? [] : [first]))),
    });
  }

  async erase(person: Person): Promise<Erasure> {
    const { who, ids, displayIds } = await this.personRows(person);
    return this.db.transaction(() => {
      const { responses, followUps, webhookDeliveries } = this.eraseAnswers(ids);
      const ofTheirs = this.db.prepare(`DELETE FROM webhook_deliveries WHERE ${whose}`).run(who).changes;
      const displays = this.db.prepare(`DELETE FROM displays WHERE ${inIds('id')}`).run({ ids: displayIds }).changes;
      const quarantined = this.db.prepare(`DELETE FROM quarantine WHERE ${whose}`).run(who).changes;
      return { responses, displays, webhookDeliveries: webhookDeliveries + ofTheirs, followUps, quarantined };
    })();
  }

  async personData(person: Person): Promise<PersonData> {
    const { who, anonymousIds, ids, displayIds } = await this.personRows(person);
    return this.db.transaction(() => {
      const bodies = <T>(table: string, list: string, time: string) =>
        (
          this.db
            .prepare(`SELECT body FROM ${table} WHERE ${inIds('id')} ORDER BY ${time}, id`)
            .pluck()
            .all({ ids: list }) as string[]
        ).map((body) => JSON.parse(body) as T);
      const changes = (table: string, order: string) =>
        this.db
          .prepare(`SELECT ${followUpColumns} FROM ${table} WHERE ${inIds('response_id')} ORDER BY ${order}`)
          .all({ ids }) as PersonRows['followUps'];
      return personData({
        anonymousIds,
        answers: bodies<Response>('responses', ids, 'answered_at'),
        displays: bodies<Display>('displays', displayIds, 'shown_at'),
        followUps: changes('follow_ups', 'changed_at, response_id'),
        history: changes('follow_up_events', 'seq'),
        quarantined: this.db
          .prepare(`SELECT ref, received_at AS receivedAt, error, body FROM quarantine WHERE ${whose} ORDER BY received_at, ref`)
          .all(who) as PersonRows['quarantined'],
      });
    })();
  }

  /**
   * Who a person is as an erasure or an access request finds their rows — for a user id, also every anonymous id that
   * user was seen with, so that answers given before identify() count as theirs — and their answers' and displays' ids.
   * The tables are read a window at a time (an anonymous id has no index), then the caller goes by those ids in one
   * transaction: a row of theirs stored while the tables are read is not in it, as one stored a moment later would not be.
   */
  private async personRows(person: Person) {
    const user = 'userId' in person ? person.userId : null;
    const anonymousIds = user
      ? [
          ...new Set([
            ...(await this.scanned('responses', 'user_id = @user', { user }, 'anonymous_id')),
            ...(await this.scanned('displays', 'user_id = @user', { user }, 'anonymous_id')),
          ]),
        ]
      : [(person as { anonymousId: string }).anonymousId];
    const who = { user, anonymousIds: JSON.stringify(anonymousIds) };
    const ids = JSON.stringify(await this.scanned('responses', whose, who, 'id'));
    const displayIds = JSON.stringify(await this.scanned('displays', whose, who, 'id'));
    return { who, anonymousIds, ids, displayIds };
  }

  async eraseBefore(before: Date, limit: number): Promise<Erasure> {
    const at = before.toISOString();
    const oldest = (table: string, key: string, time: string) =>
      JSON.stringify(this.db.prepare(`SELECT ${key} FROM ${table} WHERE ${time} < ? ORDER BY ${time} LIMIT ?`).pluck().all(at, limit));
    return this.db.transaction(() => {
      const { responses, followUps, webhookDeliveries } = this.eraseAnswers(oldest('responses', 'id', 'answered_at'));
      const displays = this.db
        .prepare(`DELETE FROM displays WHERE ${inIds('id')}`)
        .run({ ids: oldest('displays', 'id', 'shown_at') }).changes;
      return { responses, displays, webhookDeliveries, followUps, quarantined: this.eraseQuarantinedBefore(at, limit) };
    })();
  }

  /** Erases the `limit` oldest rows the quarantine received before `at` (inside the caller's transaction). */
  private eraseQuarantinedBefore(at: string, limit: number): number {
    return this.db
      .prepare('DELETE FROM quarantine WHERE ref IN (SELECT ref FROM quarantine WHERE received_at < ? ORDER BY received_at LIMIT ?)')
      .run(at, limit).changes;
  }

  async anonymiseBefore(before: Date, limit: number): Promise<Anonymisation> {
    const at = before.toISOString();
    return this.db.transaction(() => {
      const answers = this.nextBefore('responses', 'answered_at', at, limit);
      const update = this.db.prepare(
        `UPDATE responses SET body = @body, comment = @comment, user_id = NULL, anonymous_id = @anonymous WHERE id = @id`,
      );
      for (const { id, body } of answers) {
        const anonymised = anonymisedResponse(JSON.parse(body) as Response, this.traits);
        update.run({ id, body: JSON.stringify(anonymised), comment: anonymised.comment ?? null, anonymous: anonymisedColumn });
      }
      const ids = JSON.stringify(answers.map((row) => row.id));
      // what the team wrote about the customer goes with them; who did what, and when, stays
      this.db.prepare(`UPDATE follow_ups SET note = NULL WHERE ${inIds('response_id')}`).run({ ids });
      this.db.prepare(`UPDATE follow_up_events SET note = NULL WHERE ${inIds('response_id')}`).run({ ids });
      this.db.prepare(`DELETE FROM webhook_deliveries WHERE ${inIds('response_id')}`).run({ ids });
      const shown = this.nextBefore('displays', 'shown_at', at, limit);
      const updateDisplay = this.db.prepare(`UPDATE displays SET body = @body, user_id = NULL, anonymous_id = @anonymous WHERE id = @id`);
      for (const { id, body } of shown) {
        updateDisplay.run({ id, body: JSON.stringify(anonymisedDisplay(JSON.parse(body) as Display)), anonymous: anonymisedColumn });
      }
      return { responses: answers.length, displays: shown.length, quarantined: this.eraseQuarantinedBefore(at, limit) };
    })();
  }

  /**
   * The next `limit` rows of `table` from before `at` in time order, on from the last row the step before took (kept in
   * the settings, and moved to this step's last row).
   */
  private nextBefore(table: 'responses' | 'displays', time: string, at: string, limit: number): Array<{ id: string; body: string }> {
    const mark = anonymisedThrough(table);
    const from = JSON.parse(this.setting(mark) ?? 'null') as [string, string] | null;
    const rows = this.db
      .prepare(
        `SELECT id, ${time} AS at, body FROM ${table} WHERE ${time} < @at ${from ? `AND (${time}, id) > (@fromAt, @fromId)` : ''}
          ORDER BY ${time}, id LIMIT @limit`,
      )
      .all({ at, limit, ...(from ? { fromAt: from[0], fromId: from[1] } : {}) }) as Array<{ id: string; at: string; body: string }>;
    const last = rows.at(-1);
    if (last) this.saveSetting(mark, JSON.stringify([last.at, last.id]));
    return rows;
  }

  /** Erases the answers whose ids `ids` (a JSON array) holds, with their follow-ups, history and webhook deliveries. */
  private eraseAnswers(ids: string): Pick<Erasure, 'responses' | 'followUps' | 'webhookDeliveries'> {
    const followUps = this.db.prepare(`DELETE FROM follow_ups WHERE ${inIds('response_id')}`).run({ ids }).changes;
    this.db.prepare(`DELETE FROM follow_up_events WHERE ${inIds('response_id')}`).run({ ids });
    const webhookDeliveries = this.db.prepare(`DELETE FROM webhook_deliveries WHERE ${inIds('response_id')}`).run({ ids }).changes;
    const responses = this.db.prepare(`DELETE FROM responses WHERE ${inIds('id')}`).run({ ids }).changes;
    return { responses, followUps, webhookDeliveries };
  }

  /**
   * `column` of the rows of `table` that meet `condition`, read `personWindow` rows at a time with a turn of the event
   * loop between: no index finds a person (it would cost every insert), and one statement over a million answers held
   * every post and health check for a second or more.
   */
  private async scanned(table: 'responses' | 'displays', condition: string, params: object, column: string): Promise<string[]> {
    const last = (this.db.prepare(`SELECT max(seq) FROM ${table}`).pluck().get() as number | null) ?? 0;
    const read = this.db
      .prepare(`SELECT ${column} FROM ${table} WHERE seq > @from AND seq <= @from + ${personWindow} AND ${condition}`)
      .pluck();
    const found: string[] = [];
    for (let from = 0; from < last; from += personWindow) {
      found.push(...(read.all({ ...params, from }) as string[]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return found;
  }

  async copiedRows(table: CopiedTable, after: CopiedValue, limit: number): Promise<CopiedRow[]> {
    const rows = this.db
      .prepare(
        `SELECT ${Object.keys(table.columns).join(', ')} FROM ${table.name} ${after === null ? '' : `WHERE ${table.key} > @after`}
          ORDER BY ${table.key} LIMIT @limit`,
      )
      .all({ after, limit }) as CopiedRow[];
    const booleans = Object.keys(table.columns).filter((column) => table.columns[column] === 'boolean');
    for (const row of rows) for (const column of booleans) row[column] = row[column] === 1;
    return rows;
  }

  async storeCopiedRows(table: CopiedTable, rows: readonly CopiedRow[]): Promise<number> {
    const columns = writtenColumns(table);
    const values = columns.map((column) => `@${column}`).join(', ');
    // a row left out needs a SELECT's WHERE; an upsert takes VALUES (after a SELECT, SQLite would read ON as a join's)
    const store = this.db.prepare(
      `INSERT INTO ${table.name} (${columns.join(', ')}) ${table.sameAs ? `SELECT ${values}` : `VALUES (${values})`}
        ${onStored(table, columns, (column) => `@${column}`)}`,
    );
    return this.db.transaction(() => {
      let stored = 0;
      for (const row of forTarget(table, rows, this.traits)) {
        const params = Object.fromEntries(
          columns.map((column) => [column, typeof row[column] === 'boolean' ? Number(row[column]) : row[column]]),
        );
        stored += store.run(params).changes;
      }
      return stored;
    })();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** The time zone days are counted in: the one it was opened with, or one another instance has changed it to since. */
  get timeZone(): TimeZone {
    return this.zone;
  }

  async close(): Promise<void> {
    this.stopFollowingZone();
    this.db.close();
  }
}
