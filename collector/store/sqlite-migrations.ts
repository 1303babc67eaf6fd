// The SQLite schema as numbered steps; `PRAGMA user_version` records how many a file has had. Append, never edit:
// a file written by an older collector is brought up to date at start, with its answers kept.

/** The rollup as triggers keep it: one row per day × touchpoint × kind × scale × score, adjusted by every write. */
const rollupKey = (row: 'NEW' | 'OLD') =>
  `substr(${row}.answered_at, 1, 10), ${row}.touchpoint, ${row}.kind, ${row}.scale_max, ${row}.score`;
const rollupMatch = (row: 'NEW' | 'OLD') =>
  `day = substr(${row}.answered_at, 1, 10) AND touchpoint = ${row}.touchpoint AND kind = ${row}.kind
   AND scale_max = ${row}.scale_max AND score = ${row}.score`;
const countIn = `INSERT INTO daily_counts (day, touchpoint, kind, scale_max, score, n) VALUES (${rollupKey('NEW')}, 1)
    ON CONFLICT (day, touchpoint, kind, scale_max, score) DO UPDATE SET n = n + 1;`;
const countOut = `UPDATE daily_counts SET n = n - 1 WHERE ${rollupMatch('OLD')};
    DELETE FROM daily_counts WHERE ${rollupMatch('OLD')} AND n <= 0;`;

export const sqliteMigrations: readonly string[] = [
  // 1: the first collector's table (kept as it was so that its files open)
  `CREATE TABLE IF NOT EXISTS responses (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     score INTEGER NOT NULL,
     touchpoint TEXT NOT NULL,
     answered_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     body TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX IF NOT EXISTS responses_by_time ON responses (answered_at);
   CREATE INDEX IF NOT EXISTS responses_by_touchpoint ON responses (touchpoint, answered_at);`,
  // 2: a rowid table (random UUID keys made the old one slow to insert into) with the columns reads need, filled from
  // the stored JSON, and the per-day rollup the dashboard reads
  `CREATE TABLE answers (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     score INTEGER NOT NULL,
     scale_max INTEGER NOT NULL,
     touchpoint TEXT NOT NULL,
     answered_at TEXT NOT NULL,
     answered_at_claimed TEXT,
     received_at TEXT NOT NULL,
     partial INTEGER NOT NULL,
     comment TEXT,
     user_id TEXT,
     anonymous_id TEXT NOT NULL,
     body TEXT NOT NULL
   );
   INSERT INTO answers (id, kind, score, scale_max, touchpoint, answered_at, received_at, partial, comment, user_id,
                        anonymous_id, body)
     SELECT id, kind, score, json_extract(body, '$.scale.max'), touchpoint, answered_at, received_at,
            coalesce(json_extract(body, '$.partial'), 0), json_extract(body, '$.comment'), json_extract(body, '$.userId'),
            json_extract(body, '$.anonymousId'), body
       FROM responses ORDER BY received_at;
   DROP TABLE responses;
   ALTER TABLE answers RENAME TO responses;
   CREATE INDEX responses_by_time ON responses (answered_at, id);
   CREATE INDEX responses_comments_by_touchpoint ON responses (touchpoint, answered_at, id) WHERE comment IS NOT NULL;
   CREATE TABLE daily_counts (
     day TEXT NOT NULL,
     touchpoint TEXT NOT NULL,
     kind TEXT NOT NULL,
     scale_max INTEGER NOT NULL,
     score INTEGER NOT NULL,
     n INTEGER NOT NULL,
     PRIMARY KEY (day, touchpoint, kind, scale_max, score)
   ) WITHOUT ROWID;
   INSERT INTO daily_counts (day, touchpoint, kind, scale_max, score, n)
     SELECT substr(answered_at, 1, 10), touchpoint, kind, scale_max, score, count(*) FROM responses GROUP BY 1, 2, 3, 4, 5;
   CREATE TRIGGER responses_counted_in AFTER INSERT ON responses BEGIN ${countIn} END;
   CREATE TRIGGER responses_counted_out AFTER DELETE ON responses BEGIN ${countOut} END;
   CREATE TRIGGER responses_recounted AFTER UPDATE OF answered_at, touchpoint, kind, scale_max, score ON responses
     BEGIN ${countOut} ${countIn} END;`,
];
