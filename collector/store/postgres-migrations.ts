// The PostgreSQL schema as numbered steps, recorded in cxkit_migrations. Append, never edit: every collector instance
// applies what is missing at start, one at a time under an advisory lock.

/** The rollup key of a row of a transition table, and the change it brings to its count. */
const deltas = (rows: string, delta: 1 | -1) =>
  `SELECT (answered_at AT TIME ZONE 'UTC')::date AS day, touchpoint, kind, scale_max, score, ${delta} AS delta FROM ${rows}`;

/**
 * Statement triggers with transition tables: one grouped upsert per batch instead of one per row, taken in key order so
 * that two instances' batches lock rollup rows in the same order. Rows at zero stay (deleting them would race with a
 * concurrent insert of the same key); reads skip them.
 */
const countingTriggers = (
  [
    ['counted_in', 'INSERT', 'REFERENCING NEW TABLE AS new_rows', deltas('new_rows', 1)],
    ['counted_out', 'DELETE', 'REFERENCING OLD TABLE AS old_rows', deltas('old_rows', -1)],
    [
      'recounted',
      'UPDATE',
      'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
      `${deltas('new_rows', 1)} UNION ALL ${deltas('old_rows', -1)}`,
    ],
  ] as const
)
  .map(
    ([name, event, referencing, changes]) => `
   CREATE FUNCTION cxkit_responses_${name}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO daily_counts (day, touchpoint, kind, scale_max, score, n)
       SELECT day, touchpoint, kind, scale_max, score, sum(delta) FROM (${changes}) AS changes
        GROUP BY day, touchpoint, kind, scale_max, score HAVING sum(delta) <> 0
        ORDER BY day, touchpoint, kind, scale_max, score
     ON CONFLICT (day, touchpoint, kind, scale_max, score) DO UPDATE SET n = daily_counts.n + excluded.n;
     RETURN NULL;
   END $$;
   CREATE TRIGGER responses_${name} AFTER ${event} ON responses ${referencing}
     FOR EACH STATEMENT EXECUTE FUNCTION cxkit_responses_${name}();`,
  )
  .join('');

export const postgresMigrations: readonly string[] = [
  // 1: responses with the columns reads need, and the per-day rollup a trigger keeps exact in every write's transaction
  `CREATE TABLE responses (
     id text PRIMARY KEY,
     kind text NOT NULL,
     score smallint NOT NULL,
     scale_max smallint NOT NULL,
     touchpoint text NOT NULL,
     answered_at timestamptz NOT NULL,
     answered_at_claimed text,
     received_at timestamptz NOT NULL,
     partial boolean NOT NULL,
     comment text,
     user_id text,
     anonymous_id text NOT NULL,
     body jsonb NOT NULL
   );
   -- few indexes, each earning its insert cost: time order (pages, edge days, comments) and a touchpoint's comments
   CREATE INDEX responses_by_time ON responses (answered_at, id);
   CREATE INDEX responses_comments_by_touchpoint ON responses (touchpoint, answered_at, id) WHERE comment IS NOT NULL;
   CREATE TABLE daily_counts (
     day date NOT NULL,
     touchpoint text NOT NULL,
     kind text NOT NULL,
     scale_max smallint NOT NULL,
     score smallint NOT NULL,
     n bigint NOT NULL,
     PRIMARY KEY (day, touchpoint, kind, scale_max, score)
   );
   ${countingTriggers}`,
];
