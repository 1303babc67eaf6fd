// ResponseStore on PostgreSQL (node-postgres) for production: a connection pool, versioned migrations at start, one
// INSERT … ON CONFLICT per batch, and the same rollup and semantics as SQLite. Any number of collector processes may
// share one database: nothing lives in a process that another needs.
import pg from 'pg';
import type { Response } from '../../src/schema/response.js';
import { countsInRange } from './day-range.js';
import { postgresMigrations } from './postgres-migrations.js';
import { prepareBatch, type StoredRow } from './prepare.js';
import type { CommentRow, DayScoreCount, InsertResult, PageCursor, ResponseFilter, ResponsePage, ResponseStore } from './store.js';

export interface PostgresOptions {
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
}

/** SQLSTATEs worth retrying a batch for: a deadlock between two instances' batches, a serialization failure. */
const retryable = new Set(['40P01', '40001']);

class Params {
  readonly values: unknown[] = [];
  /** Adds a value and answers its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function where(filter: ResponseFilter, params: Params, extra: string[] = []): string {
  const clauses = [...extra];
  if (filter.touchpoint !== undefined) clauses.push(`touchpoint = ${params.add(filter.touchpoint)}`);
  if (filter.since !== undefined) clauses.push(`answered_at >= ${params.add(new Date(filter.since).toISOString())}`);
  if (filter.until !== undefined) clauses.push(`answered_at < ${params.add(new Date(filter.until).toISOString())}`);
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** Rows in id order, so that concurrent batches wait for each other's ids in one order rather than deadlock. */
const byId = (a: StoredRow, b: StoredRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class PostgresStore implements ResponseStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, applies the migrations this database has not had yet, and answers the store. */
  static async connect(connectionString: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
    // an idle client losing its server must not crash the process: the next query reconnects or fails with a 503
    pool.on('error', (error) => console.error(`cxkit collector: PostgreSQL connection lost: ${error.message}`));
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // one instance migrates at a time; the others wait, then find nothing left to do
      await client.query(`SELECT pg_advisory_lock(hashtext('cxkit-migrations'))`);
      await client.query('CREATE TABLE IF NOT EXISTS cxkit_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM cxkit_migrations');
      const applied = rows[0]?.version ?? 0;
      for (const [i, sql] of postgresMigrations.entries()) {
        if (i < applied) continue;
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query('INSERT INTO cxkit_migrations (version, applied_at) VALUES ($1, now())', [i + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('cxkit-migrations'))`).catch(() => undefined);
      client.release();
    }
  }

  async insert(responses: readonly Response[], receivedAt: Date): Promise<InsertResult> {
    const { rows, repeated } = prepareBatch(responses, receivedAt);
    rows.sort(byId);
    const column = <T>(pick: (row: StoredRow) => T) => rows.map(pick);
    // one statement for the whole batch: atomic without an explicit transaction
    const sql = `
      INSERT INTO responses (id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, received_at, partial,
                             comment, user_id, anonymous_id, body)
      SELECT id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, $13, partial, comment, user_id,
             anonymous_id, body
        FROM unnest($1::text[], $2::text[], $3::smallint[], $4::smallint[], $5::text[], $6::timestamptz[], $7::text[],
                    $8::boolean[], $9::text[], $10::text[], $11::text[], $12::jsonb[])
          AS batch (id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, partial, comment, user_id,
                    anonymous_id, body)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, score = excluded.score, scale_max = excluded.scale_max,
        touchpoint = excluded.touchpoint, answered_at = excluded.answered_at, answered_at_claimed = excluded.answered_at_claimed,
        received_at = excluded.received_at, partial = excluded.partial, comment = excluded.comment, user_id = excluded.user_id,
        anonymous_id = excluded.anonymous_id, body = excluded.body
      WHERE responses.partial AND NOT excluded.partial`;
    const values = [
      column((r) => r.id),
      column((r) => r.kind),
      column((r) => r.score),
      column((r) => r.scaleMax),
      column((r) => r.touchpoint),
      column((r) => r.answeredAt),
      column((r) => r.answeredAtClaimed),
      column((r) => r.partial),
      column((r) => r.comment),
      column((r) => r.userId),
      column((r) => r.anonymousId),
      column((r) => JSON.stringify(r.body)),
      receivedAt.toISOString(),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        // a named statement is parsed and planned once per connection
        const result = await this.pool.query({ name: 'cxkit-insert-responses', text: sql, values });
        const accepted = result.rowCount ?? 0;
        return { accepted, duplicates: rows.length - accepted + repeated };
      } catch (error) {
        if (attempt >= 5 || !retryable.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  async countsByDay(filter: ResponseFilter): Promise<DayScoreCount[]> {
    return countsInRange(filter, {
      rollup: async (touchpoint, fromDay, toDay) => {
        const params = new Params();
        const clauses: string[] = [];
        if (touchpoint !== undefined) clauses.push(`touchpoint = ${params.add(touchpoint)}`);
        if (fromDay !== undefined) clauses.push(`day >= ${params.add(fromDay)}::date`);
        if (toDay !== undefined) clauses.push(`day < ${params.add(toDay)}::date`);
        const sql = `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, scale_max AS "scaleMax", score, sum(n)::integer AS n
          FROM daily_counts ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
          GROUP BY day, kind, scale_max, score HAVING sum(n) > 0 ORDER BY day`;
        return (await this.pool.query<DayScoreCount>(sql, params.values)).rows;
      },
      rows: async (touchpoint, since, until) => {
        const params = new Params();
        const sql = `SELECT to_char(answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, kind, scale_max AS "scaleMax", score,
            count(*)::integer AS n
          FROM responses ${where({ touchpoint, since, until }, params)} GROUP BY 1, 2, 3, 4`;
        return (await this.pool.query<DayScoreCount>(sql, params.values)).rows;
      },
    });
  }

  async latestComments(filter: ResponseFilter, limit: number): Promise<CommentRow[]> {
    const params = new Params();
    const sql = `SELECT id, kind, score, touchpoint, answered_at AS "answeredAt", comment FROM responses
      ${where(filter, params, ['comment IS NOT NULL'])} ORDER BY answered_at DESC, id DESC LIMIT ${params.add(limit)}`;
    const { rows } = await this.pool.query<Omit<CommentRow, 'answeredAt'> & { answeredAt: Date }>(sql, params.values);
    return rows.map((row) => ({ ...row, answeredAt: row.answeredAt.toISOString() }));
  }

  async page(filter: ResponseFilter, after: PageCursor | null, limit: number): Promise<ResponsePage> {
    const params = new Params();
    const extra = after ? [`(answered_at, id) > (${params.add(after.answeredAt)}::timestamptz, ${params.add(after.id)})`] : [];
    const sql = `SELECT answered_at AS "answeredAt", id, body FROM responses ${where(filter, params, extra)}
      ORDER BY answered_at, id LIMIT ${params.add(limit)}`;
    const { rows } = await this.pool.query<{ answeredAt: Date; id: string; body: Response }>(sql, params.values);
    const last = rows.at(-1);
    return {
      responses: rows.map((row) => row.body),
      next: rows.length === limit && last ? { answeredAt: last.answeredAt.toISOString(), id: last.id } : null,
    };
  }

  async touchpoints(): Promise<string[]> {
    const { rows } = await this.pool.query<{ touchpoint: string }>(
      'SELECT DISTINCT touchpoint FROM daily_counts WHERE n > 0 ORDER BY touchpoint',
    );
    return rows.map((row) => row.touchpoint);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
