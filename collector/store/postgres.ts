// ResponseStore on PostgreSQL (node-postgres) for production: a connection pool, versioned migrations at start, one
// INSERT … ON CONFLICT per batch, and the same rollup and semantics as SQLite. Any number of collector processes may
// share one database: nothing lives in a process that another needs.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type pgModule from 'pg';
import type { Display } from '../../src/schema/display.js';
import type { Attributes, Response } from '../../src/schema/response.js';
import { rangeParts, rollupFor, type RangedQuery } from './reads/day-range.js';
import { liveRollups, postgresDayOf, postgresRefill, rollups, zoneFunction } from './schema/rollups.js';
import { timeZone, type TimeZone } from '../time-zone.js';
import { followZone } from './zone-follower.js';
import { unansweredList, unansweredSql } from './reads/unanswered.js';
import { customerHistory, customerSql, type CustomerRows } from './reads/customer-history.js';
import { anonymousBrowsers, browserIdentity, newestSignedIn } from './reads/signed-in-browsers.js';
import { followUpColumns, personData, type PersonRows } from './reads/person-data.js';
import { recoveryCounts, recoverySql, unhappyIdentified, type RecoveryRow } from './reads/recovery.js';
import { followUpFigures, withoutMedians, type FollowUpCount } from './reads/follow-up-figures.js';
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
import { afterCursor, answerOrderBy, answerRow, narrowing, type Dialect, type StoredAnswer } from './reads/answer-filter.js';
import {
  holdsRows,
  inStage,
  needsAttention,
  arrivedOverdue,
  overdueAnswers,
  overdueThrough,
  quarantinedAnswers,
} from './schema/shared-tables.js';
import {
  forTarget,
  onStored,
  writtenColumns,
  type CopiedRow,
  type CopiedTable,
  type CopiedType,
  type CopiedValue,
} from './schema/copied-tables.js';
import { postgresMigrations } from './schema/postgres-migrations.js';
import { storable } from '../storable-text.js';
import { loadDriver } from './driver.js';
import {
  anonymisedBehindSweep,
  insertResult,
  mayBeBehindSweep,
  prepareInsert,
  type StoredDisplay,
  type StoredRow,
} from './ingest/prepare.js';
import { anonymisedColumn, anonymisedDisplay, anonymisedResponse, anonymisedThrough, type SweptThrough } from './ingest/anonymised.js';
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

export interface PostgresOptions extends StoreOptions {
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
}

/** SQLSTATEs worth retrying a batch for: a deadlock between two instances' batches, a serialization failure. */
const retryable = new Set(['40P01', '40001']);

/**
 * SQLSTATE classes of a value the database will not take however often it is asked: a data exception (22), a broken
 * constraint (23), a limit passed (54, an index entry too large).
 */
const refusesData = (code: string) => /^(22|23|54)/.test(code);

/** Held by the transaction that takes it: migrations, and re-segmenting stored answers. */
const migrationLock = `SELECT pg_advisory_xact_lock(hashtext('cxkit-migrations'))`;
const saveSetting = 'INSERT INTO cxkit_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value';

/** An answer needing someone, with its follow-up, as the overdue announcements read it. */
type OverdueRow = { id: string; at: Date; body: Response } & Omit<InboxItem['followUp'], 'changedAt'> & { changedAt: Date | null };

/** The still open of `rows`, as the plan of their overdue announcements takes them. */
const openItems = (rows: readonly OverdueRow[]): InboxItem[] =>
  rows
    .filter((row) => row.status === 'open')
    .map(({ id: _id, at: _at, body, changedAt, ...followUp }) => ({
      response: body,
      followUp: { ...followUp, changedAt: changedAt?.toISOString() ?? null },
    }));

class Params {
  readonly values: unknown[] = [];
  /** Adds a value and answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The filter as a WHERE clause over `time` and `touchpoint` (of the table aliased `alias`, when given), plus `extra`. */
function where(filter: ResponseFilter, params: Params, extra: string[] = [], time = 'answered_at', alias = ''): string {
  const clauses = [...extra];
  if (filter.touchpoint !== undefined) clauses.push(`${alias}touchpoint = ${params.add(filter.touchpoint)}`);
  if (filter.stage !== undefined) clauses.push(inStage(alias, params.add(filter.stage)));
  if (filter.since !== undefined) clauses.push(`${alias}${time} >= ${params.add(new Date(filter.since).toISOString())}`);
  if (filter.until !== undefined) clauses.push(`${alias}${time} < ${params.add(new Date(filter.until).toISOString())}`);
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** The array type a copied column travels in (an integer of a smaller column is cast on assignment). */
const postgresArrays: Record<CopiedType, string> = {
  text: 'text[]',
  integer: 'bigint[]',
  boolean: 'boolean[]',
  time: 'timestamptz[]',
  json: 'jsonb[]',
};

/** Rows in id order, so that concurrent batches wait for each other's ids in one order rather than deadlock. */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const touchpointCounts: RangedQuery = {
  rollup: {
    table: 'daily_counts',
    select: `touchpoint, kind, scale_max AS "scaleMax", score, sum(n)::integer AS n`,
    groupBy: 'touchpoint, kind, scale_max, score',
  },
  segmentRollup: 'segment_counts',
  rows: {
    table: 'responses',
    time: 'answered_at',
    select: `touchpoint, kind, scale_max AS "scaleMax", score, count(*)::integer AS n`,
    groupBy: 'touchpoint, kind, scale_max, score',
  },
};
const dayCounts: RangedQuery = {
  rollup: {
    table: 'daily_counts',
    select: `to_char(day, 'YYYY-MM-DD') AS day, kind, scale_max AS "scaleMax", score, sum(n)::integer AS n`,
    groupBy: 'day, kind, scale_max, score',
  },
  segmentRollup: 'segment_counts',
  rows: {
    table: 'responses',
    time: 'answered_at',
    select: `to_char(${postgresDayOf('responses', 'answered_at')}, 'YYYY-MM-DD') AS day, kind, scale_max AS "scaleMax", score, count(*)::integer AS n`,
    groupBy: '1, 2, 3, 4',
  },
};
const answerSums: RangedQuery = {
  rollup: {
    table: 'daily_counts',
    select: 'touchpoint, kind, sum(n)::integer AS answers, sum(commented)::integer AS commented, sum(partials)::integer AS partials',
    groupBy: 'touchpoint, kind',
  },
  rows: {
    table: 'responses',
    time: 'answered_at',
    select:
      'touchpoint, kind, count(*)::integer AS answers, count(comment)::integer AS commented, count(*) FILTER (WHERE partial)::integer AS partials',
    groupBy: 'touchpoint, kind',
  },
};
/** The answers needing someone, of some kinds when named. */
const attentionCount = (kinds: FollowUpReadOptions['kinds']): RangedQuery => ({
  rollup: { table: 'daily_counts', select: 'sum(n)::integer AS n', where: needsAttention('', kinds) },
  segmentRollup: 'segment_counts',
  rows: { table: 'responses', time: 'answered_at', select: 'count(*)::integer AS n', where: needsAttention('', kinds) },
});
const displaySums: RangedQuery = {
  rollup: { table: 'display_counts', select: 'touchpoint, kind, outcome, sum(n)::integer AS n', groupBy: 'touchpoint, kind, outcome' },
  rows: {
    table: 'displays',
    time: 'shown_at',
    select: 'touchpoint, kind, outcome, count(*)::integer AS n',
    groupBy: 'touchpoint, kind, outcome',
  },
};

/** Displays by device, page, language, visitor and trait, in PostgreSQL's words. */
const displaySql: DisplaySql = {
  rowValue: { device: "body->>'device'", path: 'path', locale: "body->>'locale'", visitor: "body->>'visitor'" },
  traitValue: (name) => `(body->'traits'->>${name})`,
  integer: (aggregate) => `${aggregate}::integer`,
  rollupDay: "to_char(day, 'YYYY-MM-DD')",
  rowDay: `to_char(${postgresDayOf('displays', 'shown_at')}, 'YYYY-MM-DD')`,
};

/** Answers per value of one dimension: from the segment rollup, and from the rows' segments exploded for the edges. */
const segmentCountsOf = (dimension: string): RangedQuery => ({
  rollup: {
    table: 'segment_counts',
    select: 'value, kind, scale_max AS "scaleMax", score, sum(n)::integer AS n',
    groupBy: 'value, kind, scale_max, score',
    where: `dimension = ${dimensionLiteral(dimension)}`,
  },
  rows: {
    table: 'responses CROSS JOIN LATERAL jsonb_each_text(responses.segments) AS each',
    time: 'answered_at',
    select: 'each.value AS value, kind, scale_max AS "scaleMax", score, count(*)::integer AS n',
    groupBy: '1, 2, 3, 4',
    where: `each.key = ${dimensionLiteral(dimension)}`,
  },
});

/** A batch as migration 13's function stores it: answers and displays as arrays of their columns. */
const insertBatch = `SELECT answers_stored AS accepted, displays_stored AS displays
  FROM cxkit_insert_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                          $22, $23, $24, $25, $26, $27, $28)`;

/** Erases the answers with these ids, with their follow-ups, follow-up history and webhook deliveries. */
/** A person's rows, by user id ($1, null for an anonymous visitor) or one of the anonymous ids ($2). */
const whose = '(user_id = $1 OR anonymous_id = ANY($2::text[]))';

/**
 * The parameters of `whose` for a person: for a user id, also every anonymous id that user was seen with, so that answers
 * given before identify() count as theirs.
 */
async function whoIs(client: PoolClient, person: Person): Promise<[string | null, string[]]> {
  if (!('userId' in person)) return [null, [person.anonymousId]];
  const { rows } = await client.query<{ anonymous_id: string }>(
    'SELECT anonymous_id FROM responses WHERE user_id = $1 UNION SELECT anonymous_id FROM displays WHERE user_id = $1',
    [person.userId],
  );
  return [person.userId, rows.map((row) => row.anonymous_id)];
}

async function eraseAnswers(
  client: PoolClient,
  ids: readonly string[],
): Promise<Pick<Erasure, 'responses' | 'followUps' | 'webhookDeliveries'>> {
  const byIds = async (sql: string) => (await client.query(sql, [ids])).rowCount ?? 0;
  const followUps = await byIds('DELETE FROM follow_ups WHERE response_id = ANY($1::text[])');
  await byIds('DELETE FROM follow_up_events WHERE response_id = ANY($1::text[])');
  const webhookDeliveries = await byIds('DELETE FROM webhook_deliveries WHERE response_id = ANY($1::text[])');
  const responses = await byIds('DELETE FROM responses WHERE id = ANY($1::text[])');
  return { responses, followUps, webhookDeliveries };
}

/**
 * The next `limit` rows of `table` from before `before` in time order, on from the last row the step before took (kept
 * in the settings, and moved to this step's last row), in the caller's transaction.
 */
async function nextBefore<Body>(
  client: PoolClient,
  table: 'responses' | 'displays',
  time: string,
  before: Date,
  limit: number,
): Promise<Array<{ id: string; body: Body }>> {
  const mark = anonymisedThrough(table);
  const stored = await client.query<{ value: string }>('SELECT value FROM cxkit_settings WHERE name = $1', [mark]);
  const from = JSON.parse(stored.rows[0]?.value ?? 'null') as [string, string] | null;
  const { rows } = await client.query<{ id: string; at: Date; body: Body }>(
    `SELECT id, ${time} AS at, body FROM ${table} WHERE ${time} < $1 ${from ? `AND (${time}, id) > ($3::timestamptz, $4)` : ''}
      ORDER BY ${time}, id LIMIT $2`,
    [before, limit, ...(from ?? [])],
  );
  const last = rows.at(-1);
  if (last) await client.query(saveSetting, [mark, JSON.stringify([last.at.toISOString(), last.id])]);
  return rows;
}

/**
 * The `$2` oldest rows' `key` of `table` from before `$1`, locked: instances doing it at once take other rows (SKIP
 * LOCKED), never wait on each other's.
 */
const oldestBefore = (table: string, key: string, time: string) =>
  `SELECT ${key} FROM ${table} WHERE ${time} < $1 ORDER BY ${time} LIMIT $2 FOR UPDATE SKIP LOCKED`;

/** Erases the `limit` oldest rows of `table` from before `before`, in the caller's transaction; answers how many went. */
async function eraseOldest(client: PoolClient, table: string, key: string, time: string, before: Date, limit: number): Promise<number> {
  return (await client.query(`DELETE FROM ${table} WHERE ${key} IN (${oldestBefore(table, key, time)})`, [before, limit])).rowCount ?? 0;
}

/** Stores planned webhook deliveries, due at once, in the caller's transaction. */
/** Whom these browsers were signed in as, in one statement for them all (in a transaction's client, or the pool). */
async function browsersOf(db: Pool | PoolClient, anonymousIds: readonly string[]): Promise<Map<string, BrowserIdentity>> {
  if (!anonymousIds.length) return new Map();
  const { rows } = await db.query<{ visitor: string; userId: string; body: { traits?: Attributes } }>(
    `SELECT v.id AS visitor, s."userId", s.body FROM unnest($1::text[]) AS v(id) CROSS JOIN LATERAL (${newestSignedIn('v.id')}) s`,
    [[...new Set(anonymousIds)]],
  );
  return new Map(rows.map((row) => [row.visitor, browserIdentity(row)]));
}

async function addDeliveries(client: PoolClient, planned: readonly NewDelivery[], now: Date): Promise<void> {
  const column = <T>(pick: (d: NewDelivery) => T) => planned.map(pick);
  await client.query(
    `INSERT INTO webhook_deliveries (id, event, target, response_id, user_id, anonymous_id, payload, next_attempt_at, created_at, updated_at)
     SELECT id, event, target, response_id, user_id, anonymous_id, payload, $8, $8, $8
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS planned (id, event, target, response_id, user_id, anonymous_id, payload)`,
    [
      column((d) => d.id),
      column((d) => d.event),
      column((d) => d.target),
      // a digest is nobody's: the columns an erasure finds deliveries by hold '' for it
      column((d) => d.responseId ?? ''),
      column((d) => d.userId),
      column((d) => d.anonymousId ?? ''),
      column((d) => d.payload),
      now.toISOString(),
    ],
  );
}

export class PostgresStore implements ResponseStore {
  readonly segmentDimensions: readonly string[];

  private stopFollowingZone = () => {};

  private constructor(
    private readonly pool: Pool,
    private readonly traits: readonly string[],
    private zone: TimeZone,
  ) {
    this.segmentDimensions = dimensionsFor(traits);
  }

  /** The time zone days are counted in: the one it was opened with, or one another instance has changed it to since. */
  get timeZone(): TimeZone {
    return this.zone;
  }

  /** Connects, applies the migrations this database has not had yet, and answers the store. */
  static async connect(connectionString: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const zone = timeZone(options.timeZone ?? 'UTC');
    const pg = loadDriver<typeof pgModule>('pg', 'PostgreSQL');
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
    // an idle client losing its server must not crash the process: the next query reconnects or fails with a 503
    pool.on('error', (error) => console.error(`cxkit collector: PostgreSQL connection lost: ${error.message}`));
    try {
      let store = new PostgresStore(pool, checkedTraits(options.segmentTraits), zone);
      if (options.existing && !(await pool.query(`SELECT to_regclass('cxkit_migrations') AS t`)).rows[0].t) {
        throw new Error('no cxkit data in it: not a database a cxkit collector wrote');
      }
      await store.migrate();
      if (options.asStored) {
        const traits = await store.setting(segmentTraitsSetting);
        const { rows } = await pool.query<{ counted: boolean }>(holdsRows);
        store = new PostgresStore(
          pool,
          storedTraits(traits, store.traits),
          rows[0]!.counted ? timeZone(await store.zoneStored(pool)) : zone,
        );
      }
      await store.segmentStored();
      await store.pathStored();
      // PostgreSQL counts days by its own time zone data, which may lack a zone this runtime knows (a new one)
      await pool.query('SELECT now() AT TIME ZONE $1', [store.timeZone.name]).catch((error: Error) => {
        throw new Error(`PostgreSQL does not know the time zone ${store.timeZone.name}: ${error.message}`);
      });
      await store.dayStored();
      const following = store;
      store.stopFollowingZone = followZone(
        () => following.zoneStored(pool),
        () => following.zone,
        (next) => (following.zone = next),
        options.zoneCheckMs,
      );
      return store;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  private async setting(name: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM cxkit_settings WHERE name = $1', [name]);
    return rows[0]?.value;
  }

  private async migrate(): Promise<void> {
    // one transaction under a lock that ends with it: instances starting together apply each step once, one after the
    // other; and a pooler in transaction mode (PgBouncer) keeps the lock and the steps on one server connection, which
    // it would not do for a session's lock taken and released by statements of their own
    await this.transaction(async (client) => {
      await client.query(migrationLock);
      await client.query('CREATE TABLE IF NOT EXISTS cxkit_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM cxkit_migrations');
      const applied = rows[0]?.version ?? 0;
      for (const [i, sql] of postgresMigrations.entries()) {
        if (i < applied) continue;
        await client.query(sql);
        await client.query('INSERT INTO cxkit_migrations (version, applied_at) VALUES ($1, now())', [i + 1]);
      }
    });
  }

  /**
   * Works out the segments of every stored answer when the traits to segment by are not those they were worked out
   * with (a database from before segments, or a changed list), a page of answers per transaction, each under the
   * migration lock (instances starting together may each walk the answers, a page at a time, and never deadlock on
   * them); the rollup follows by its triggers. Interrupted, the next start does it again.
   */
  private async segmentStored(): Promise<void> {
    const wanted = JSON.stringify(this.traits);
    if ((await this.setting(segmentTraitsSetting)) === wanted) return;
    for (let after: string | null = ''; after !== null;) {
      const from: string = after;
      after = await this.transaction(async (client) => {
        await client.query(migrationLock);
        const page = await client.query<{ id: string; body: Response }>(
          'SELECT id, body FROM responses WHERE id > $1 ORDER BY id LIMIT 2000',
          [from],
        );
        if (!page.rows.length) return null;
        await client.query(
          `UPDATE responses SET segments = v.segments FROM unnest($1::text[], $2::jsonb[]) AS v (id, segments) WHERE responses.id = v.id`,
          [page.rows.map((r) => r.id), page.rows.map((r) => JSON.stringify(segmentsOf(r.body, this.traits)))],
        );
        return page.rows.at(-1)!.id;
      });
    }
    await this.pool.query(saveSetting, [segmentTraitsSetting, wanted]);
  }

  /**
   * Works out the page path of each stored display without one (from before paths, or stored since by an instance of
   * the version before), a page of displays per transaction under the migration lock (as `segmentStored`); the rollup
   * follows by its triggers. Interrupted, the next start goes on.
   */
  private async pathStored(): Promise<void> {
    for (let more = true; more;) {
      more = await this.transaction(async (client) => {
        await client.query(migrationLock);
        const { rows } = await client.query<{ id: string; url: string | null }>(
          `SELECT id, body->'page'->>'url' AS url FROM displays WHERE path IS NULL ORDER BY id LIMIT 2000`,
        );
        await client.query(
          `UPDATE displays SET path = v.path FROM unnest($1::text[], $2::text[]) AS v (id, path) WHERE displays.id = v.id`,
          [rows.map((r) => r.id), rows.map((r) => pagePath(r.url ?? ''))],
        );
        return rows.length > 0;
      });
    }
  }

  /**
   * Counts the rollups' days again when the time zone is not the one they were counted in (a changed zone), in one
   * transaction under the migration lock. It holds off writes while it runs (a rare wait of seconds at a million
   * answers), so that no answer is counted in the old zone once the rollups are counted in the new one.
   */
  private async dayStored(): Promise<void> {
    if ((await this.zoneStored(this.pool)) === this.timeZone.name) return;
    await this.transaction(async (client) => {
      await client.query(migrationLock);
      // another instance starting with the same zone may have done it while this one waited for the lock
      if ((await this.zoneStored(client)) === this.timeZone.name) return;
      await client.query('LOCK TABLE responses, displays IN SHARE MODE');
      await client.query(zoneFunction(this.timeZone.name));
      for (const rollup of liveRollups(rollups)) {
        await client.query(`DELETE FROM ${rollup.table}`);
        await client.query(postgresRefill(rollup));
      }
    });
  }

  /** The zone the rollups' days are counted in. */
  private async zoneStored(client: Pool | PoolClient): Promise<string> {
    return (await client.query<{ zone: string }>('SELECT cxkit_time_zone() AS zone')).rows[0]!.zone;
  }

  /** Where anonymising each table has got to, whichever instance on the database swept it. */
  private async sweptThrough(): Promise<SweptThrough> {
    const { rows } = await this.pool.query<{ name: string; value: string }>(
      'SELECT name, value FROM cxkit_settings WHERE name = $1 OR name = $2',
      [anonymisedThrough('responses'), anonymisedThrough('displays')],
    );
    const value = (table: 'responses' | 'displays') => rows.find((row) => row.name === anonymisedThrough(table))?.value;
    return { responses: value('responses'), displays: value('displays') };
  }

  async insert(responses: readonly Response[], receivedAt: Date, extras: InsertExtras = {}): Promise<InsertResult> {
    const batch = prepareInsert(responses, receivedAt, extras, this.traits);
    const prepared = mayBeBehindSweep(batch, receivedAt) ? anonymisedBehindSweep(batch, await this.sweptThrough(), this.traits) : batch;
    const rows = prepared.answers.sort(byId);
    const shown = prepared.displays.sort(byId);
    const notify = extras.notify === true;
    for (let attempt = 1; ; attempt++) {
      try {
        return insertResult(responses, extras, await this.insertBatch(rows, shown, receivedAt, notify));
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (refusesData(code)) return insertResult(responses, extras, ...(await this.insertEach(rows, shown, receivedAt, notify)));
        if (attempt >= 5 || !retryable.has(code)) throw error;
      }
    }
  }

  /** Answers and displays in one statement: atomic without an explicit transaction, one round trip. */
  private async insertBatch(rows: readonly StoredRow[], shown: readonly StoredDisplay[], receivedAt: Date, notify: boolean) {
    const answer = <T>(pick: (row: StoredRow) => T) => rows.map(pick);
    const display = <T>(pick: (row: StoredDisplay) => T) => shown.map(pick);
    const values = [
      answer((r) => r.id),
      answer((r) => r.kind),
      answer((r) => r.score),
      answer((r) => r.scaleMax),
      answer((r) => r.touchpoint),
      answer((r) => r.answeredAt),
      answer((r) => r.answeredAtClaimed),
      answer((r) => r.partial),
      answer((r) => r.comment),
      answer((r) => r.userId),
      answer((r) => r.anonymousId),
      answer((r) => JSON.stringify(r.body)),
      receivedAt.toISOString(),
      display((d) => d.id),
      display((d) => d.touchpoint),
      display((d) => d.kind),
      display((d) => d.mode),
      display((d) => d.trigger),
      display((d) => d.shownAt),
      display((d) => d.shownAtClaimed),
      display((d) => d.outcome),
      display((d) => d.responseId),
      display((d) => d.anonymousId),
      display((d) => d.userId),
      display((d) => JSON.stringify(d.body)),
      notify,
      answer((r) => r.segments),
      display((d) => d.path),
    ];
    // an unnamed statement calling a function, whose plan each server connection keeps: a named statement lives on
    // one server connection, which a pooler in transaction mode (PgBouncer) does not keep for a client
    const result = await this.pool.query<{ accepted: number; displays: number }>(insertBatch, values);
    return result.rows[0]!;
  }

  /**
   * A batch PostgreSQL refused for its data, one answer and one display at a time: the others are stored, and the one it
   * refuses again is kept in the quarantine table with its words. Before, the whole batch was a 503 for ever, which
   * the SDK retried and then gave up, every answer in it lost for the sake of one.
   */
  private async insertEach(rows: readonly StoredRow[], shown: readonly StoredDisplay[], receivedAt: Date, notify: boolean) {
    const stored = { accepted: 0, displays: 0 };
    const quarantined = { answers: 0, displays: 0 };
    const alone = [
      ...rows.map((row) => ({ ref: `response:${row.id}`, item: row, kind: 'answers' as const, answers: [row], displays: [] })),
      ...shown.map((display) => ({
        ref: `display:${display.id}`,
        item: display,
        kind: 'displays' as const,
        answers: [],
        displays: [display],
      })),
    ];
    for (const { ref, item, kind, answers, displays } of alone) {
      try {
        const one = await this.insertBatch(answers, displays, receivedAt, notify);
        stored.accepted += one.accepted;
        stored.displays += one.displays;
      } catch (error) {
        if (!refusesData((error as { code?: string }).code ?? '')) throw error;
        await this.quarantine(ref, item, receivedAt, error as Error);
        quarantined[kind]++;
      }
    }
    return [stored, quarantined] as const;
  }

  private async quarantine(ref: string, item: StoredRow | StoredDisplay, receivedAt: Date, error: Error): Promise<void> {
    const words = `${(error as { code?: string }).code}: ${error.message}`;
    console.error(`cxkit collector: PostgreSQL refused ${ref.replace(':', ' ')} (${words}); it is kept in the quarantine table`);
    // JSON text escapes whatever the database refused (a NUL, half an emoji): any text column holds it
    await this.pool.query(
      `INSERT INTO quarantine (ref, received_at, error, user_id, anonymous_id, body) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (ref) DO NOTHING`,
      [
        ref,
        receivedAt.toISOString(),
        storable(words),
        item.userId && storable(item.userId),
        storable(item.anonymousId),
        JSON.stringify(item.body),
      ],
    );
  }

  /** Asks the question of the rollup for whole days and of the rows for the edge hours; answers each part's rows. */
  private async ranged<T extends QueryResultRow>(filter: ResponseFilter, query: RangedQuery): Promise<T[][]> {
    const { days, edges } = rangeParts(filter, this.timeZone);
    const { segment } = filter;
    const parts: Array<Promise<T[]>> = [];
    if (days) {
      const params = new Params();
      const clauses: string[] = [];
      if (filter.touchpoint !== undefined) clauses.push(`touchpoint = ${params.add(filter.touchpoint)}`);
      if (filter.stage !== undefined) clauses.push(inStage('', params.add(filter.stage)));
      if (days.fromDay !== undefined) clauses.push(`day >= ${params.add(days.fromDay)}::date`);
      if (days.toDay !== undefined) clauses.push(`day < ${params.add(days.toDay)}::date`);
      if (segment) clauses.push(`dimension = ${params.add(segment.dimension)}`, `value = ${params.add(segment.value)}`);
      const { select, groupBy, where: only } = query.rollup;
      if (only) clauses.push(only);
      const sql = `SELECT ${select} FROM ${rollupFor(query, filter)} ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
        ${groupBy ? `GROUP BY ${groupBy}` : ''} HAVING sum(n) > 0`;
      parts.push(this.pool.query<T>(sql, params.values).then((r) => r.rows));
    }
    for (const edge of edges) {
      const params = new Params();
      const { table, time, select, groupBy, where: only } = query.rows;
      const inSegment = segment ? [`segments->>${params.add(segment.dimension)} = ${params.add(segment.value)}`] : [];
      const conditions = [...inSegment, ...(only ? [only] : [])];
      const sql = `SELECT ${select} FROM ${table} ${where({ touchpoint: filter.touchpoint, stage: filter.stage, ...edge }, params, conditions, time)}
        ${groupBy ? `GROUP BY ${groupBy}` : ''}`;
      parts.push(this.pool.query<T>(sql, params.values).then((r) => r.rows));
    }
    return Promise.all(parts);
  }

  async countsByDay(filter: ResponseFilter): Promise<DayScoreCount[]> {
    return toDayCounts(await this.ranged<DayScoreCount>(filter, dayCounts));
  }

  async countsByTouchpoint(filter: ResponseFilter): Promise<TouchpointScoreCount[]> {
    return toTouchpointCounts(await this.ranged<TouchpointScoreCount>(filter, touchpointCounts));
  }

  async countsBySegment(filter: ResponseFilter, dimension: string): Promise<SegmentScoreCount[]> {
    return toSegmentCounts(await this.ranged<SegmentScoreCount>(filter, segmentCountsOf(dimension)));
  }

  async engagementInSegment(filter: ResponseFilter, segment: Segment): Promise<EngagementCount[]> {
    return toEngagement([], await this.ranged<DisplaySums>(filter, displaysIn(displaySql, segment)));
  }

  async displaysByDay(filter: ResponseFilter, segment?: Segment): Promise<DayDisplayCount[]> {
    return toDayDisplays(await this.ranged<DayDisplayCount>(filter, displayDays(displaySql, segment)));
  }

  async displaysBySegment(filter: ResponseFilter, dimension: string): Promise<SegmentDisplayCount[]> {
    return toSegmentDisplays(await this.ranged<SegmentDisplayCount>(filter, displaysBy(displaySql, dimension)));
  }

  async touchpointStages(): Promise<TouchpointStage[]> {
    return (await this.pool.query<TouchpointStage>('SELECT stage, touchpoint FROM touchpoint_stages ORDER BY stage, touchpoint')).rows;
  }

  async engagement(filter: ResponseFilter): Promise<EngagementCount[]> {
    const [answers, displays] = await Promise.all([
      this.ranged<AnswerSums>(filter, answerSums),
      this.ranged<DisplaySums>(filter, displaySums),
    ]);
    return toEngagement(answers, displays);
  }

  async latestComments(filter: ResponseFilter, limit: number): Promise<CommentRow[]> {
    const params = new Params();
    const sql = `SELECT id, kind, score, touchpoint, answered_at AS "answeredAt", comment, user_id AS "userId",
      anonymous_id AS "anonymousId" FROM responses ${where(filter, params, ['comment IS NOT NULL'])} ORDER BY answered_at DESC, id DESC LIMIT ${params.add(limit)}`;
    const { rows } = await this.pool.query<Omit<CommentRow, 'answeredAt'> & { answeredAt: Date }>(sql, params.values);
    return rows.map((row) => ({ ...row, answeredAt: row.answeredAt.toISOString() }));
  }

  async answers(
    filter: AnswerFilter,
    order: TimeOrder,
    after: AnswerCursor | null,
    limit: number,
    signal?: AbortSignal,
  ): Promise<AnswerPage> {
    // one statement, run by the database: nothing to stop between its steps
    signal?.throwIfAborted();
    const params = new Params();
    const dialect: Dialect = {
      bind: (value) => params.add(value),
      segment: (r, dimension) => `${r}segments->>${dimension}`,
      contains: (column, text) => `strpos(lower(${column}), lower(${text})) > 0`,
    };
    const extra = [...narrowing(filter, dialect), ...(after ? [afterCursor(order, after, dialect.bind)] : [])];
    const clause = where(filter, params, extra, 'answered_at', 'r.');
    type Row = StoredAnswer & { id: string; score: number; answeredAt: Date; body: Response; segments: Record<string, string> | null };
    const rows = await this.transaction(async (client) => {
      // the planner cannot estimate segment and band conditions and would read the whole table and sort it; along the
      // time index the read stops once the page is full, and one process walking it stops sooner than workers merging
      await client.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0');
      const result = await client.query<Row>(
        `SELECT r.id, r.score, r.answered_at AS "answeredAt", r.body, r.segments, ${needsAttention('r.')} AS attention,
                f.status, f.note, f.changed_by AS "by", f.assignee, f.changed_at AS "changedAt"
           FROM responses r LEFT JOIN follow_ups f ON f.response_id = r.id ${clause}
          ORDER BY ${answerOrderBy(order)} LIMIT ${params.add(limit)}`,
        params.values,
      );
      return result.rows;
    });
    const cursors = rows.map((row) => ({ score: row.score, answeredAt: row.answeredAt.toISOString(), id: row.id }));
    return {
      answers: rows.map((row) =>
        answerRow(row.body, row.segments ?? {}, { ...row, changedAt: row.changedAt && new Date(row.changedAt).toISOString() }),
      ),
      cursors,
      next: rows.length === limit ? cursors.at(-1)! : null,
    };
  }

  async recovery(filter: ResponseFilter, signal?: AbortSignal): Promise<RecoveryCounts> {
    // one statement, run by the database: nothing to stop between its steps
    signal?.throwIfAborted();
    const params = new Params();
    const { segment } = filter;
    const inSegment = segment ? [`r.segments->>${params.add(segment.dimension)} = ${params.add(segment.value)}`] : [];
    const clause = where(filter, params, [...unhappyIdentified, ...inSegment], 'answered_at', 'r.');
    return recoveryCounts((await this.pool.query<RecoveryRow>(recoverySql(clause), params.values)).rows);
  }

  async customer(userId: string, limit: number): Promise<CustomerHistory> {
    const read = async <Row extends object>(sql: string, ...params: Array<string | number>) =>
      (await this.pool.query<Row>(sql, params)).rows;
    const [answers, answered, shown, unanswered] = await Promise.all([
      read<CustomerRows['answers'][number]>(customerSql.answers('$1', '$2'), userId, limit),
      read<{ n: string }>(customerSql.answered('$1'), userId),
      read<CustomerRows['shown'][number]>(customerSql.shown('$1'), userId),
      read<CustomerRows['unanswered'][number]>(customerSql.unanswered('$1', '$2'), userId, limit),
    ]);
    return customerHistory(userId, { answers, answered: answered[0]!.n, shown, unanswered });
  }

  async signedInBrowsers(anonymousIds: readonly string[]): Promise<SignedInBrowsers> {
    return browsersOf(this.pool, anonymousIds);
  }

  async touchpoints(limit: number): Promise<TouchpointList> {
    return listOf((await this.pool.query<TouchpointRow>(`${mostAnswered} $1`, [limit])).rows);
  }

  async unanswered(filter: ResponseFilter, limit: number, after: UnansweredCursor | null = null): Promise<UnansweredList> {
    const params = new Params();
    const inSegment = filter.segment && displayRowsIn(displaySql, filter.segment);
    const sql = unansweredSql({ ...filter, segment: undefined }, limit, after, (value) => params.add(value), inSegment);
    return unansweredList((await this.pool.query(sql, params.values)).rows, limit);
  }

  async quarantinedAnswers(): Promise<number> {
    return (await this.pool.query<{ n: number }>(quarantinedAnswers)).rows[0]!.n;
  }

  /** Runs `work` in one transaction on one connection. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async fanOut(
    limit: number,
    plan: (responses: readonly Response[], browsers: SignedInBrowsers) => NewDelivery[],
    now: Date,
    planOverdue?: (items: readonly InboxItem[], browsers: SignedInBrowsers) => readonly NewDelivery[],
  ): Promise<number> {
    return this.transaction(async (client) => {
      // SKIP LOCKED: another instance fanning out at the same moment takes other answers, never the same ones
      const { rows } = await client.query<{ body: Response }>(
        `UPDATE responses SET webhook_pending = false
          WHERE id IN (SELECT id FROM responses WHERE webhook_pending ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING body`,
        [limit],
      );
      if (!rows.length) return 0;
      const responses = rows.map((row) => row.body);
      const browsers = await browsersOf(client, anonymousBrowsers(responses));
      await addDeliveries(client, plan(responses, browsers), now);
      if (planOverdue) {
        // the mark shared-locked: the overdue walk, which skips answers not yet fanned out, moves it before or after
        // this, never during, so that an answer it has passed is announced here, and only here
        const mark = await client.query<{ value: string }>('SELECT value FROM cxkit_settings WHERE name = $1 FOR SHARE', [overdueThrough]);
        if (mark.rows.length) {
          const [throughAt, throughId] = JSON.parse(mark.rows[0]!.value) as [string, string];
          const ids = rows.map((row) => row.body.id);
          const late = await client.query<OverdueRow>(arrivedOverdue('r.id = ANY($1)', '$2::timestamptz', '$3'), [
            ids,
            throughAt,
            throughId,
          ]);
          await addDeliveries(client, planOverdue(openItems(late.rows), browsers), now);
        }
      }
      return rows.length;
    });
  }

  async fanOutOverdue(
    before: Date,
    limit: number,
    plan: (items: readonly InboxItem[], browsers: SignedInBrowsers) => readonly NewDelivery[],
    now: Date,
  ): Promise<number> {
    return this.transaction(async (client) => {
      // the mark's row locked: instances announcing at once take turns, and each answer is announced by one
      await client.query('INSERT INTO cxkit_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        overdueThrough,
        JSON.stringify([before.toISOString(), '']),
      ]);
      const mark = await client.query<{ value: string }>('SELECT value FROM cxkit_settings WHERE name = $1 FOR UPDATE', [overdueThrough]);
      const [fromAt, fromId] = JSON.parse(mark.rows[0]!.value) as [string, string];
      const { rows } = await client.query<OverdueRow>(overdueAnswers('$1', '$2::timestamptz', '$3', '$4'), [before, fromAt, fromId, limit]);
      const last = rows.at(-1);
      if (!last) return 0;
      await client.query(saveSetting, [overdueThrough, JSON.stringify([last.at.toISOString(), last.id])]);
      const items = openItems(rows);
      await addDeliveries(client, plan(items, await browsersOf(client, anonymousBrowsers(items.map((item) => item.response)))), now);
      return rows.length;
    });
  }

  async markOf(mark: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM cxkit_settings WHERE name = $1', [mark]);
    return rows[0]?.value ?? null;
  }

  async storedBefore(at: Date): Promise<boolean> {
    const { rows } = await this.pool.query<{ stored: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM responses WHERE answered_at < $1) OR EXISTS (SELECT 1 FROM displays WHERE shown_at < $1) AS stored',
      [at],
    );
    return rows[0]?.stored === true;
  }

  async planOnce(mark: string, key: string, planned: readonly NewDelivery[], now: Date): Promise<boolean> {
    return this.transaction(async (client) => {
      // an instance planning the same key at once waits on the row, then finds it already there: no row comes back
      const moved = await client.query(
        `INSERT INTO cxkit_settings (name, value) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE cxkit_settings.value COLLATE "C" < excluded.value COLLATE "C"`,
        [mark, key],
      );
      if (!moved.rowCount) return false;
      await addDeliveries(client, planned, now);
      return true;
    });
  }

  async claimDeliveries(
    limit: number,
    now: Date,
    leaseMs: number,
    { targets, strayBefore }: DeliveriesToClaim,
  ): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<ClaimedDelivery>(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, claimed_until = $2, updated_at = $1
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
                        AND (target = ANY($4::text[]) OR created_at < $5)
                      ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, target, payload, attempts`,
      [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit, targets, strayBefore.toISOString()],
    );
    return rows;
  }

  async settleDelivery(id: string, result: AttemptResult, now: Date): Promise<void> {
    if (result.delivered) {
      await this.pool.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2, updated_at = $2, last_status = $3,
                last_error = NULL, claimed_until = NULL WHERE id = $1`,
        [id, now.toISOString(), result.status],
      );
    } else {
      await this.pool.query(
        `UPDATE webhook_deliveries SET status = $3, next_attempt_at = coalesce($4, next_attempt_at), updated_at = $2,
                last_status = $5, last_error = $6, claimed_until = NULL WHERE id = $1`,
        [id, now.toISOString(), result.retryAt ? 'pending' : 'failed', result.retryAt?.toISOString() ?? null, result.status, result.error],
      );
    }
  }

  async eraseSettledDeliveries(before: Date, limit: number): Promise<number> {
    // instances sweeping at once take other rows (SKIP LOCKED), never wait on each other's
    const { rowCount } = await this.pool.query(
      `DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries
        WHERE updated_at < $1 AND status <> 'pending' ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before.toISOString(), limit],
    );
    return rowCount ?? 0;
  }

  async deliveries(filter: DeliveryFilter): Promise<DeliveryRecord[]> {
    const params = new Params();
    const conditions = [
      ...(filter.status ? [`status = ${params.add(filter.status)}`] : []),
      ...(filter.since ? [`updated_at >= ${params.add(filter.since)}`] : []),
      ...(filter.target ? [`target = ${params.add(filter.target)}`] : []),
    ];
    const status = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id, event, target, nullif(response_id, '') AS "responseId", status, attempts,
              CASE WHEN status = 'pending' THEN next_attempt_at END AS "nextAttemptAt", last_status AS "lastStatus",
              last_error AS "lastError", created_at AS "createdAt", updated_at AS "updatedAt", delivered_at AS "deliveredAt"
         FROM webhook_deliveries ${status} ORDER BY updated_at DESC, id LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
    return rows.map((row) => ({
      ...(row as unknown as DeliveryRecord),
      nextAttemptAt: iso(row.nextAttemptAt),
      createdAt: iso(row.createdAt)!,
      updatedAt: iso(row.updatedAt)!,
      deliveredAt: iso(row.deliveredAt),
    }));
  }

  async setFollowUp(
    responseId: string,
    change: FollowUpChange,
    now: Date,
    plan?: (changed: FollowUpChanged) => readonly NewDelivery[],
  ): Promise<FollowUp | null> {
    const id = responseId.toLowerCase();
    const at = now.toISOString();
    const values = [id, change.status, change.note ?? null, change.by ?? null, at, change.assignee ?? null, change.assignee === undefined];
    return this.transaction(async (client) => {
      // the answer's row is locked so that an erasure cannot slip between the check and the write, nor another change of
      // its follow-up between what it was and what it is (a change's webhook says both)
      const found = await client.query<{ body: Response }>('SELECT body FROM responses WHERE id = $1 FOR UPDATE', [id]);
      if (!found.rowCount) return null;
      const before = await client.query<FollowUpChanged['previous']>('SELECT status, assignee FROM follow_ups WHERE response_id = $1', [
        id,
      ]);
      const stored = await client.query<{ assignee: string | null }>(
        `INSERT INTO follow_ups (response_id, status, note, changed_by, assignee, changed_at, closed_at)
         VALUES ($1, $2, $3, $4, $6, $5, CASE WHEN $2 = 'closed' THEN $5::timestamptz END)
         ON CONFLICT (response_id) DO UPDATE SET status = excluded.status, note = excluded.note, changed_by = excluded.changed_by,
           assignee = CASE WHEN $7 THEN follow_ups.assignee ELSE excluded.assignee END, changed_at = excluded.changed_at,
           closed_at = CASE WHEN excluded.status = 'closed' THEN coalesce(follow_ups.closed_at, excluded.changed_at) END
         RETURNING assignee`,
        values,
      );
      const assignee = stored.rows[0]!.assignee;
      await client.query(
        'INSERT INTO follow_up_events (response_id, status, note, changed_by, assignee, changed_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, change.status, change.note ?? null, change.by ?? null, assignee, at],
      );
      const followUp = { responseId: id, status: change.status, note: change.note ?? null, by: change.by ?? null, assignee, changedAt: at };
      if (plan) {
        const previous = before.rows[0] ?? { status: 'open', assignee: null };
        await addDeliveries(client, plan({ followUp, previous, response: found.rows[0]!.body }), now);
      }
      return followUp;
    });
  }

  async inbox(filter: InboxFilter): Promise<InboxItem[]> {
    const params = new Params();
    const handled = filter.status === 'contacted' || filter.status === 'closed';
    const extra = [
      needsAttention('r.'),
      ...(filter.status ? [`coalesce(f.status, 'open') = ${params.add(filter.status)}`] : []),
      ...(typeof filter.assignee === 'string' ? [`f.assignee = ${params.add(filter.assignee)}`] : []),
      ...(filter.assignee === null ? ['f.assignee IS NULL'] : []),
      ...(filter.responseId ? [`r.id = ${params.add(filter.responseId)}`] : []),
      ...(filter.segment ? [`r.segments->>${params.add(filter.segment.dimension)} = ${params.add(filter.segment.value)}`] : []),
    ];
    const clause = where(
      { touchpoint: filter.touchpoint, stage: filter.stage, since: filter.since, until: filter.until },
      params,
      extra,
      'answered_at',
      'r.',
    );
    const { rows } = await this.pool.query<{
      body: Response;
      status: InboxItem['followUp']['status'];
      note: string | null;
      by: string | null;
      assignee: string | null;
      changedAt: Date | null;
    }>(
      `SELECT r.body, coalesce(f.status, 'open') AS status, f.note, f.changed_by AS "by", f.assignee, f.changed_at AS "changedAt"
         FROM responses r ${handled || typeof filter.assignee === 'string' ? 'JOIN' : 'LEFT JOIN'} follow_ups f ON f.response_id = r.id
         ${clause} ORDER BY ${answerOrderBy(filter.order ?? 'newest')} LIMIT ${params.add(filter.limit)}`,
      params.values,
    );
    return rows.map(({ body, changedAt, ...followUp }) => ({
      response: body,
      followUp: { ...followUp, changedAt: changedAt?.toISOString() ?? null },
    }));
  }

  async followUps(filter: ResponseFilter, { medians = true, kinds }: FollowUpReadOptions = {}): Promise<FollowUpFigures> {
    const needing = await this.ranged<{ n: number }>(filter, attentionCount(kinds));
    const needingAttention = needing.flat().reduce((sum, part) => sum + part.n, 0);
    const params = new Params();
    const { segment } = filter;
    const inSegment = segment ? [`r.segments->>${params.add(segment.dimension)} = ${params.add(segment.value)}`] : [];
    const clause = where(filter, params, [needsAttention('r.', kinds), ...inSegment], 'answered_at', 'r.');
    const counts = await this.pool.query<FollowUpCount>(
      `SELECT f.status, f.assignee, count(*) AS n FROM follow_ups f JOIN responses r ON r.id = f.response_id ${clause}
        GROUP BY f.status, f.assignee`,
      params.values,
    );
    if (!medians) return followUpFigures(needingAttention, counts.rows, withoutMedians);
    const closing = await this.pool.query<{ median: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.closed_at - r.answered_at) / 3600) AS median
         FROM follow_ups f JOIN responses r ON r.id = f.response_id ${clause} AND f.status = 'closed'`,
      params.values,
    );
    const first = await this.pool.query<{ median: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_reached_at - r.answered_at) / 3600) AS median
         FROM follow_ups f JOIN responses r ON r.id = f.response_id ${clause} AND f.first_reached_at IS NOT NULL`,
      params.values,
    );
    return followUpFigures(needingAttention, counts.rows, {
      medianHoursToClose: closing.rows[0]?.median ?? null,
      medianHoursToFirstContact: first.rows[0]?.median ?? null,
    });
  }

  async erase(person: Person): Promise<Erasure> {
    return this.transaction(async (client) => {
      const who = await whoIs(client, person);
      // their answers are found with one read of the table; everything else goes by those ids
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM responses WHERE ${whose}`, who);
      const { responses, followUps, webhookDeliveries } = await eraseAnswers(
        client,
        rows.map((row) => row.id),
      );
      const ofTheirs = (await client.query(`DELETE FROM webhook_deliveries WHERE ${whose}`, who)).rowCount ?? 0;
      const displays = (await client.query(`DELETE FROM displays WHERE ${whose}`, who)).rowCount ?? 0;
      const quarantined = (await client.query(`DELETE FROM quarantine WHERE ${whose}`, who)).rowCount ?? 0;
      return { responses, displays, webhookDeliveries: webhookDeliveries + ofTheirs, followUps, quarantined };
    });
  }

  async personData(person: Person): Promise<PersonData> {
    return this.transaction(async (client) => {
      const who = await whoIs(client, person);
      const read = async <Row extends object>(sql: string, params: unknown[] = who) => (await client.query<Row>(sql, params)).rows;
      // their answers are found with one read of the table (an anonymous id has no index); their follow-ups by those ids
      const answers = await read<{ id: string; body: Response }>(`SELECT id, body FROM responses WHERE ${whose} ORDER BY answered_at, id`);
      const ids = [answers.map((row) => row.id)];
      const changes = (table: string, order: string) =>
        read<PersonRows['followUps'][number]>(
          `SELECT ${followUpColumns} FROM ${table} WHERE response_id = ANY($1::text[]) ORDER BY ${order}`,
          ids,
        );
      return personData({
        anonymousIds: who[1],
        answers: answers.map((row) => row.body),
        displays: (await read<{ body: Display }>(`SELECT body FROM displays WHERE ${whose} ORDER BY shown_at, id`)).map((row) => row.body),
        followUps: await changes('follow_ups', 'changed_at, response_id'),
        history: await changes('follow_up_events', 'seq'),
        quarantined: await read<PersonRows['quarantined'][number]>(
          `SELECT ref, received_at AS "receivedAt", error, body FROM quarantine WHERE ${whose} ORDER BY received_at, ref`,
        ),
      });
    });
  }

  async eraseBefore(before: Date, limit: number): Promise<Erasure> {
    return this.transaction(async (client) => {
      const old = await client.query<{ id: string }>(oldestBefore('responses', 'id', 'answered_at'), [before, limit]);
      const { responses, followUps, webhookDeliveries } = await eraseAnswers(
        client,
        old.rows.map((row) => row.id),
      );
      const displays = await eraseOldest(client, 'displays', 'id', 'shown_at', before, limit);
      const quarantined = await eraseOldest(client, 'quarantine', 'ref', 'received_at', before, limit);
      return { responses, displays, webhookDeliveries, followUps, quarantined };
    });
  }

  async anonymiseBefore(before: Date, limit: number): Promise<Anonymisation> {
    return this.transaction(async (client) => {
      // instances doing it at once may take the same rows: anonymising one twice leaves it as once
      const answers = await nextBefore<Response>(client, 'responses', 'answered_at', before, limit);
      const ids = answers.map((row) => row.id);
      const anonymised = answers.map((row) => anonymisedResponse(row.body, this.traits));
      await client.query(
        `UPDATE responses SET body = u.body, comment = u.comment, user_id = NULL, anonymous_id = $4
           FROM unnest($1::text[], $2::jsonb[], $3::text[]) AS u (id, body, comment) WHERE responses.id = u.id`,
        [ids, anonymised.map((body) => JSON.stringify(body)), anonymised.map((body) => body.comment ?? null), anonymisedColumn],
      );
      // what the team wrote about the customer goes with them; who did what, and when, stays
      await client.query('UPDATE follow_ups SET note = NULL WHERE response_id = ANY($1::text[])', [ids]);
      await client.query('UPDATE follow_up_events SET note = NULL WHERE response_id = ANY($1::text[])', [ids]);
      await client.query('DELETE FROM webhook_deliveries WHERE response_id = ANY($1::text[])', [ids]);
      const shown = await nextBefore<Display>(client, 'displays', 'shown_at', before, limit);
      await client.query(
        `UPDATE displays SET body = u.body, user_id = NULL, anonymous_id = $3
           FROM unnest($1::text[], $2::jsonb[]) AS u (id, body) WHERE displays.id = u.id`,
        [shown.map((row) => row.id), shown.map((row) => JSON.stringify(anonymisedDisplay(row.body))), anonymisedColumn],
      );
      const quarantined = await eraseOldest(client, 'quarantine', 'ref', 'received_at', before, limit);
      return { responses: answers.length, displays: shown.length, quarantined };
    });
  }

  async copiedRows(table: CopiedTable, after: CopiedValue, limit: number): Promise<CopiedRow[]> {
    const params = new Params();
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT ${Object.keys(table.columns).join(', ')} FROM ${table.name}
        ${after === null ? '' : `WHERE ${table.key} > ${params.add(after)}`} ORDER BY ${table.key} LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((row) => {
      const copied: CopiedRow = {};
      for (const [column, type] of Object.entries(table.columns)) {
        const value = row[column];
        copied[column] =
          value === null || value === undefined
            ? null
            : type === 'time'
              ? (value as Date).toISOString()
              : type === 'json'
                ? JSON.stringify(value)
                : type === 'integer'
                  ? Number(value)
                  : (value as CopiedValue);
      }
      return copied;
    });
  }

  async storeCopiedRows(table: CopiedTable, rows: readonly CopiedRow[]): Promise<number> {
    const columns = writtenColumns(table);
    const stored = forTarget(table, rows, this.traits);
    const params = new Params();
    const arrays = columns.map((column) => `${params.add(stored.map((row) => row[column]))}::${postgresArrays[table.columns[column]!]}`);
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${table.name} (${columns.join(', ')})
        SELECT * FROM unnest(${arrays.join(', ')}) AS copied (${columns.join(', ')})
        ${onStored(table, columns, (column) => `copied.${column}`)}`,
      params.values,
    );
    return rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    this.stopFollowingZone();
    await this.pool.end();
  }
}
