// ResponseStore on an embedded SQLite file (better-sqlite3): one row per response id, the full response kept as JSON.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Response } from '../src/schema/response.js';
import type { InsertResult, ResponseFilter, ResponseStore } from './storage.js';

interface Row {
  readonly body: string;
}

export class SqliteStore implements ResponseStore {
  private readonly db: Database.Database;
  private readonly insertOne: Database.Statement;
  private readonly insertMany: (responses: readonly Response[], receivedAt: string) => number;

  /** Opens (and creates on first run) the database file; `:memory:` for a throwaway one. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    // WAL lets the dashboard read while posts write; NORMAL sync is durable across crashes of the process
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS responses (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        score INTEGER NOT NULL,
        touchpoint TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        body TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS responses_by_time ON responses (answered_at);
      CREATE INDEX IF NOT EXISTS responses_by_touchpoint ON responses (touchpoint, answered_at);
    `);
    // a response is stored once by id; the one exception is a partial answer (its follow-up abandoned) that later
    // arrives complete: the complete one replaces it, so that one answer stays one response
    this.insertOne = this.db.prepare(`
      INSERT INTO responses (id, kind, score, touchpoint, answered_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET score = excluded.score, body = excluded.body, received_at = excluded.received_at
      WHERE json_extract(responses.body, '$.partial') = 1 AND json_extract(excluded.body, '$.partial') IS NOT 1
    `);
    this.insertMany = this.db.transaction((responses: readonly Response[], receivedAt: string) => {
      let accepted = 0;
      for (const r of responses) {
        // answered_at is normalised to UTC so that text order is time order whatever offset the client used
        accepted += this.insertOne.run(
          r.id,
          r.kind,
          r.score,
          r.touchpoint,
          new Date(r.answeredAt).toISOString(),
          receivedAt,
          JSON.stringify(r),
        ).changes;
      }
      return accepted;
    });
  }

  async insert(responses: readonly Response[], receivedAt: Date): Promise<InsertResult> {
    const accepted = this.insertMany(responses, receivedAt.toISOString());
    return { accepted, duplicates: responses.length - accepted };
  }

  async query(filter: ResponseFilter): Promise<Response[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.touchpoint) (where.push('touchpoint = ?'), params.push(filter.touchpoint));
    if (filter.since) (where.push('answered_at >= ?'), params.push(new Date(filter.since).toISOString()));
    if (filter.until) (where.push('answered_at < ?'), params.push(new Date(filter.until).toISOString()));
    const sql = `SELECT body FROM responses ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY answered_at, id`;
    return (this.db.prepare(sql).all(...params) as Row[]).map((row) => JSON.parse(row.body) as Response);
  }

  async touchpoints(): Promise<string[]> {
    return (this.db.prepare('SELECT DISTINCT touchpoint FROM responses ORDER BY touchpoint').all() as Array<{ touchpoint: string }>).map(
      (row) => row.touchpoint,
    );
  }

  close(): void {
    this.db.close();
  }
}
