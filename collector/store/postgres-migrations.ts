// The PostgreSQL schema as numbered steps, recorded in cxkit_migrations. Append, never edit: every collector instance
// applies what is missing at start, one at a time under an advisory lock.

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
   CREATE INDEX responses_by_time ON responses (answered_at, id);
   CREATE INDEX responses_by_touchpoint ON responses (touchpoint, answered_at, id);
   CREATE INDEX responses_comments ON responses (answered_at) WHERE comment IS NOT NULL;
   CREATE INDEX responses_comments_by_touchpoint ON responses (touchpoint, answered_at) WHERE comment IS NOT NULL;
   CREATE TABLE daily_counts (
     day date NOT NULL,
     touchpoint text NOT NULL,
     kind text NOT NULL,
     scale_max smallint NOT NULL,
     score smallint NOT NULL,
     n bigint NOT NULL,
     PRIMARY KEY (day, touchpoint, kind, scale_max, score)
   );
   CREATE FUNCTION cxkit_count_responses() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     -- rows at zero stay (deleting them would race with a concurrent insert of the same key); reads skip them
     IF TG_OP IN ('UPDATE', 'DELETE') THEN
       UPDATE daily_counts SET n = n - 1
        WHERE day = (OLD.answered_at AT TIME ZONE 'UTC')::date AND touchpoint = OLD.touchpoint AND kind = OLD.kind
          AND scale_max = OLD.scale_max AND score = OLD.score;
     END IF;
     IF TG_OP IN ('INSERT', 'UPDATE') THEN
       INSERT INTO daily_counts (day, touchpoint, kind, scale_max, score, n)
       VALUES ((NEW.answered_at AT TIME ZONE 'UTC')::date, NEW.touchpoint, NEW.kind, NEW.scale_max, NEW.score, 1)
       ON CONFLICT (day, touchpoint, kind, scale_max, score) DO UPDATE SET n = daily_counts.n + 1;
     END IF;
     RETURN NULL;
   END $$;
   CREATE TRIGGER responses_counted AFTER INSERT OR DELETE OR UPDATE OF answered_at, touchpoint, kind, scale_max, score
     ON responses FOR EACH ROW EXECUTE FUNCTION cxkit_count_responses();`,
];
