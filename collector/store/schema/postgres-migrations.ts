// The PostgreSQL schema as numbered steps, recorded in cxkit_migrations. Append, never edit: every collector instance
// applies what is missing at start, one at a time under an advisory lock.
import { answerCounts, displayCounts, postgresRefill, postgresRollup, segmentCounts } from './rollups.js';
import { displaysTable, followUpTables, postgresTypes, settingsTable, touchpointStagesTable, webhookDeliveries } from './shared-tables.js';

export const postgresMigrations: readonly string[] = [
  // 1: responses and displays with the columns reads need, and the per-day rollups triggers keep exact in every write's
  // transaction
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
   -- no index by person: each would cost every insert a random B-tree write (40% of an insert, measured) for the
   -- sake of erasure, a rare request that may read the table instead
   ${displaysTable(postgresTypes)}
   ${postgresRollup(answerCounts)}
   ${postgresRollup(displayCounts)}`,
  // 2: webhooks: answers waiting to be fanned out to the targets, and the deliveries with their attempts
  `ALTER TABLE responses ADD COLUMN webhook_pending boolean NOT NULL DEFAULT false;
   CREATE INDEX responses_webhook_pending ON responses (received_at) WHERE webhook_pending;
   ${webhookDeliveries(postgresTypes)}`,
  // 3: the follow-up inbox: where each answer that needs someone stands, and the history of who changed it
  `${followUpTables(postgresTypes)}`,
  // 4: journey stages: which touchpoints each stage has, from what answers and displays say, kept as they arrive (one
  // statement-level insert per batch, from its transition table)
  `${touchpointStagesTable};
   INSERT INTO touchpoint_stages (stage, touchpoint)
     SELECT body->>'stage', touchpoint FROM responses WHERE body ? 'stage'
     UNION SELECT body->>'stage', touchpoint FROM displays WHERE body ? 'stage'
     ON CONFLICT DO NOTHING;
   CREATE FUNCTION cxkit_touchpoint_stages() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO touchpoint_stages (stage, touchpoint)
       SELECT DISTINCT body->>'stage', touchpoint FROM new_rows WHERE body ? 'stage'
       ORDER BY 1, 2
       ON CONFLICT DO NOTHING;
     RETURN NULL;
   END $$;
   CREATE TRIGGER responses_stage AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cxkit_touchpoint_stages();
   CREATE TRIGGER displays_stage AFTER INSERT ON displays REFERENCING NEW TABLE AS new_rows
     FOR EACH STATEMENT EXECUTE FUNCTION cxkit_touchpoint_stages();`,
  // 5: segments: each answer's device, locale, page path, visitor and chosen traits, and their rollup (the store works
  // the segments of stored answers out after the migrations, and again whenever the chosen traits change)
  `ALTER TABLE responses ADD COLUMN segments jsonb;
   ${settingsTable};
   ${postgresRollup(segmentCounts)}`,
  // 6: the drill-down's score orders read an index instead of sorting every answer (score first, so that new answers
  // land at a dozen places that stay cached, not at random)
  `CREATE INDEX responses_by_score ON responses (score, answered_at DESC, id DESC);`,
  // 7: the segment rollup keyed day first (see segmentCounts), rebuilt from the stored answers' segments
  `DROP TRIGGER responses_segments_counted_in ON responses;
   DROP TRIGGER responses_segments_counted_out ON responses;
   DROP TRIGGER responses_segments_recounted ON responses;
   DROP FUNCTION cxkit_responses_segments_counted_in();
   DROP FUNCTION cxkit_responses_segments_counted_out();
   DROP FUNCTION cxkit_responses_segments_recounted();
   DROP TABLE segment_counts;
   ${postgresRollup(segmentCounts)}
   ${postgresRefill(segmentCounts)}`,
  // 8: the score index goes again: it cost every insert a third of its speed (measured in time order); the drill-down's
  // score orders read the time index a score at a time instead
  `DROP INDEX responses_by_score;`,
];
