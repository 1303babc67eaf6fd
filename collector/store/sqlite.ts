// ResponseStore on an embedded SQLite file (better-sqlite3): one row per response id with the columns reads need, the
// full response as JSON, and a per-day rollup that triggers keep exact in the same transaction as every write.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Response } from '../../src/schema/response.js';
import { countsInRange } from './day-range.js';
import { prepareBatch, type StoredRow } from './prepare.js';
import type { CommentRow, DayScoreCount, InsertResult, PageCursor, ResponseFilter, ResponsePage, ResponseStore } from './store.js';
import { sqliteMigrations } from './sqlite-migrations.js';

interface Where {
  readonly sql: string;
  readonly params: Array<string | number>;
}

function where(filter: ResponseFilter, extra: string[] = [], extraParams: Array<string | number> = []): Where {
  const clauses = [...extra];
  const params = [...extraParams];
  if (filter.touchpoint !== undefined) (clauses.push('touchpoint = ?'), params.push(filter.touchpoint));
  if (filter.since !== undefined) (clauses.push('answered_at >= ?'), params.push(new Date(filter.since).toISOString()));
  if (filter.until !== undefined) (clauses.push('answered_at < ?'), params.push(new Date(filter.until).toISOString()));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

interface CountRow {
  readonly day: string;
  readonly kind: Response['kind'];
  readonly scaleMax: number;
  readonly score: number;
  readonly n: number;
}

export class SqliteStore implements ResponseStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly insertRows: (rows: readonly StoredRow[], receivedAt: string) => number;

  /** Opens (and creates or migrates on first run) the database file; `:memory:` for a throwaway one. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // WAL lets the dashboard read while posts write; NORMAL sync is durable across crashes of the process
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    // a response is stored once by id; the one exception is a partial answer (its follow-up abandoned) that later
    // arrives complete: the complete one replaces it, every column, so that one answer stays one response
    this.upsert = this.db.prepare(`
      INSERT INTO responses (id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, received_at, partial,
                             comment, user_id, anonymous_id, body)
      VALUES (@id, @kind, @score, @scaleMax, @touchpoint, @answeredAt, @answeredAtClaimed, @receivedAt, @partial,
              @comment, @userId, @anonymousId, @body)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, score = excluded.score, scale_max = excluded.scale_max,
        touchpoint = excluded.touchpoint, answered_at = excluded.answered_at, answered_at_claimed = excluded.answered_at_claimed,
        received_at = excluded.received_at, partial = excluded.partial, comment = excluded.comment, user_id = excluded.user_id,
        anonymous_id = excluded.anonymous_id, body = excluded.body
      WHERE responses.partial = 1 AND excluded.partial = 0
    `);
    this.insertRows = this.db.transaction((rows: readonly StoredRow[], receivedAt: string) => {
      let accepted = 0;
      for (const row of rows) {
        accepted += this.upsert.run({
          ...row,
          receivedAt,
          partial: row.partial ? 1 : 0,
          body: JSON.stringify(row.body),
        }).changes;
      }
      return accepted;
    });
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

  async insert(responses: readonly Response[], receivedAt: Date): Promise<InsertResult> {
    const { rows, repeated } = prepareBatch(responses, receivedAt);
    const accepted = this.insertRows(rows, receivedAt.toISOString());
    return { accepted, duplicates: rows.length - accepted + repeated };
  }

  async countsByDay(filter: ResponseFilter): Promise<DayScoreCount[]> {
    return countsInRange(filter, {
      rollup: async (touchpoint, fromDay, toDay) => {
        const clauses: string[] = [];
        const params: string[] = [];
        if (touchpoint !== undefined) (clauses.push('touchpoint = ?'), params.push(touchpoint));
        if (fromDay !== undefined) (clauses.push('day >= ?'), params.push(fromDay));
        if (toDay !== undefined) (clauses.push('day < ?'), params.push(toDay));
        const sql = `SELECT day, kind, scale_max AS scaleMax, score, sum(n) AS n FROM daily_counts
          ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} GROUP BY day, kind, scale_max, score HAVING sum(n) > 0`;
        return this.db.prepare(sql).all(...params) as CountRow[];
      },
      rows: async (touchpoint, since, until) => {
        const w = where({ touchpoint, since, until });
        const sql = `SELECT substr(answered_at, 1, 10) AS day, kind, scale_max AS scaleMax, score, count(*) AS n FROM responses
          ${w.sql} GROUP BY 1, 2, 3, 4`;
        return this.db.prepare(sql).all(...w.params) as CountRow[];
      },
    });
  }

  async latestComments(filter: ResponseFilter, limit: number): Promise<CommentRow[]> {
    const w = where(filter, ['comment IS NOT NULL']);
    const sql = `SELECT id, kind, score, touchpoint, answered_at AS answeredAt, comment FROM responses ${w.sql}
      ORDER BY answered_at DESC, id DESC LIMIT ?`;
    return this.db.prepare(sql).all(...w.params, limit) as CommentRow[];
  }

  async page(filter: ResponseFilter, after: PageCursor | null, limit: number): Promise<ResponsePage> {
    const w = after ? where(filter, ['(answered_at, id) > (?, ?)'], [after.answeredAt, after.id]) : where(filter);
    const sql = `SELECT answered_at AS answeredAt, id, body FROM responses ${w.sql} ORDER BY answered_at, id LIMIT ?`;
    const rows = this.db.prepare(sql).all(...w.params, limit) as Array<PageCursor & { body: string }>;
    const last = rows.at(-1);
    return {
      responses: rows.map((row) => JSON.parse(row.body) as Response),
      next: rows.length === limit && last ? { answeredAt: last.answeredAt, id: last.id } : null,
    };
  }

  async touchpoints(): Promise<string[]> {
    const rows = this.db.prepare('SELECT DISTINCT touchpoint FROM daily_counts WHERE n > 0 ORDER BY touchpoint').all();
    return (rows as Array<{ touchpoint: string }>).map((row) => row.touchpoint);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
