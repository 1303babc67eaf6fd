// The PostgreSQL schema as numbered steps, recorded in cxkit_migrations. Append, never edit: every collector instance
// applies what is missing at start, one at a time under an advisory lock.
import { anonymisedThrough } from '../ingest/anonymised.js';
import { postgresDropped, postgresRefill, postgresRollup, postgresTriggerFunctions, rollups, utcRollups, zoneFunction } from './rollups.js';
import {
  displaysTable,
  followUpTables,
  postgresTypes,
  quarantineTable,
  settingsTable,
  touchpointStagesTable,
  webhookDeliveries,
} from './shared-tables.js';

/**
 * A batch's insert as a function (see migration 9): answers and displays as arrays of their columns, $13 when the batch
 * was received, $26 whether webhooks wait for it, $27 the answers' segments; with `paths`, $28 the displays' paths.
 */
function insertBatchFunction(paths: boolean): string {
  const path = (text: string) => (paths ? text : '');
  return `CREATE FUNCTION cxkit_insert_batch(text[], text[], smallint[], smallint[], text[], timestamptz[], text[], boolean[],
     text[], text[], text[], jsonb[], timestamptz, text[], text[], text[], text[], text[], timestamptz[], text[], text[],
     text[], text[], text[], jsonb[], boolean, jsonb[]${path(', text[]')})
   RETURNS TABLE (answers_stored integer, displays_stored integer) LANGUAGE plpgsql AS $$
   BEGIN
     RETURN QUERY
  WITH answers AS (
    INSERT INTO responses (id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, received_at, partial,
                           comment, user_id, anonymous_id, segments, body, webhook_pending)
    SELECT id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, $13, partial, comment, user_id,
           anonymous_id, segments, body, $26
      FROM unnest($1::text[], $2::text[], $3::smallint[], $4::smallint[], $5::text[], $6::timestamptz[], $7::text[],
                  $8::boolean[], $9::text[], $10::text[], $11::text[], $27::jsonb[], $12::jsonb[])
        AS batch (id, kind, score, scale_max, touchpoint, answered_at, answered_at_claimed, partial, comment, user_id,
                  anonymous_id, segments, body)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, score = excluded.score, scale_max = excluded.scale_max,
      touchpoint = excluded.touchpoint, answered_at = excluded.answered_at, answered_at_claimed = excluded.answered_at_claimed,
      received_at = excluded.received_at, partial = excluded.partial, comment = excluded.comment, user_id = excluded.user_id,
      anonymous_id = excluded.anonymous_id, segments = excluded.segments, body = excluded.body
    WHERE responses.partial AND NOT excluded.partial
    RETURNING 1
  ), shown AS (
    INSERT INTO displays (id, touchpoint, kind, mode, trigger, shown_at, shown_at_claimed, received_at, outcome, response_id,
                          anonymous_id, user_id, ${path('path, ')}body)
    SELECT id, touchpoint, kind, mode, trigger, shown_at, shown_at_claimed, $13, outcome, response_id, anonymous_id, user_id, ${path('path, ')}body
      FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::timestamptz[], $20::text[],
                  $21::text[], $22::text[], $23::text[], $24::text[], ${path('$28::text[], ')}$25::jsonb[])
        AS batch (id, touchpoint, kind, mode, trigger, shown_at, shown_at_claimed, outcome, response_id, anonymous_id,
                  user_id, ${path('path, ')}body)
    ON CONFLICT (id) DO UPDATE SET touchpoint = excluded.touchpoint, kind = excluded.kind, mode = excluded.mode,
      trigger = excluded.trigger, shown_at = excluded.shown_at, shown_at_claimed = excluded.shown_at_claimed,
      received_at = excluded.received_at, outcome = excluded.outcome, response_id = excluded.response_id,
      anonymous_id = excluded.anonymous_id, user_id = excluded.user_id, ${path('path = excluded.path, ')}body = excluded.body
    WHERE displays.outcome = 'open' AND excluded.outcome <> 'open'
    RETURNING 1
  )
  SELECT (SELECT count(*)::integer FROM answers), (SELECT count(*)::integer FROM shown);
   END $$;`;
}

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
   ${postgresRollup(utcRollups.answerCounts)}
   ${postgresRollup(utcRollups.displayCounts)}`,
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
   ${postgresRollup(utcRollups.segmentCounts)}`,
  // 6: the drill-down's score orders read an index instead of sorting every answer (score first, so that new answers
  // land at a dozen places that stay cached, not at random)
  `CREATE INDEX responses_by_score ON responses (score, answered_at DESC, id DESC);`,
  // 7: the segment rollup keyed day first (see rollups.ts), rebuilt from the stored answers' segments
  `DROP TRIGGER responses_segments_counted_in ON responses;
   DROP TRIGGER responses_segments_counted_out ON responses;
   DROP TRIGGER responses_segments_recounted ON responses;
   DROP FUNCTION cxkit_responses_segments_counted_in();
   DROP FUNCTION cxkit_responses_segments_counted_out();
   DROP FUNCTION cxkit_responses_segments_recounted();
   DROP TABLE segment_counts;
   ${postgresRollup(utcRollups.segmentCounts)}
   ${postgresRefill(utcRollups.segmentCounts)}`,
  // 8: the score index goes again: it cost every insert a third of its speed (measured in time order); the drill-down's
  // score orders read the time index a score at a time instead
  `DROP INDEX responses_by_score;`,
  // 9: a batch's insert as a function: PL/pgSQL keeps its plan on each server connection, so that a batch of one is
  // not planned again each time (a named statement would be kept too, but on one server connection, which a pooler in
  // transaction mode does not keep for a client); $13 is when it was received, $26 whether webhooks wait for it
  insertBatchFunction(false),
  // 10: answers and displays PostgreSQL refused although they were valid, kept aside instead of failing their batch
  `${quarantineTable(postgresTypes)}`,
  // 11: days counted in the collector's time zone (UTC until one is chosen, so that the rollups' rows stay as they
  // are), whose name a function holds (see zoneFunction); the rollups' trigger functions keyed by it
  `${zoneFunction('UTC')};
   ${postgresTriggerFunctions(rollups.answerCounts)}
   ${postgresTriggerFunctions(rollups.displayCounts)}
   ${postgresTriggerFunctions(rollups.segmentCounts)}`,
  // 12: displays by device too, for the response rate on phones, tablets and desktops
  `${postgresRollup(rollups.displayDeviceCounts)}
   ${postgresRefill(rollups.displayDeviceCounts)}`,
  // 13: displays by page too, for the response rate on each page: each display's path as the answers' segments hold it,
  // worked out in JS as it is stored (the batch function with the paths beside the one without, for instances of the
  // version before while they run) and for the stored displays by the store after the migrations (those without one
  // are indexed for it: none, once done); then the rollup, which counts a display without one under ''
  `ALTER TABLE displays ADD COLUMN path text;
   CREATE INDEX displays_without_path ON displays (id) WHERE path IS NULL;
   ${insertBatchFunction(true)};
   ${postgresRollup(rollups.displayPathCounts)}
   ${postgresRefill(rollups.displayPathCounts)}`,
  // 14: follow-ups left to someone: who has each customer, and in the history who had them after each change
  `ALTER TABLE follow_ups ADD COLUMN assignee text;
   ALTER TABLE follow_up_events ADD COLUMN assignee text;`,
  // 15: webhooks for follow-up changes too: what each delivery was posted for (those before were all new answers)
  `ALTER TABLE webhook_deliveries ADD COLUMN event text NOT NULL DEFAULT 'response.created';`,
  // 16: displays by the language they were shown in too, for the response rate in each
  `${postgresRollup(rollups.displayLocaleCounts)}
   ${postgresRefill(rollups.displayLocaleCounts)}`,
  // 17: displays by every segment they carry in one rollup — device, page, language, and now new or returning visitor
  // and the segment traits kept as they are stored (the response rate of each plan) — which replaces the rollups by
  // device, page and language: one statement's upsert where there were three
  `${postgresRollup(rollups.displaySegmentCounts)}
   ${postgresRefill(rollups.displaySegmentCounts)}
   ${postgresDropped(rollups.displayDeviceCounts)}
   ${postgresDropped(rollups.displayPathCounts)}
   ${postgresDropped(rollups.displayLocaleCounts)}`,
  // 18: a customer's history (the dashboard's customer view) read by their user id rather than a walk of every answer:
  // answers and displays indexed by it, only those that carry one (an identified customer's insert pays for it); an
  // operator may build them beforehand with CREATE INDEX CONCURRENTLY, which a migration's transaction cannot
  `CREATE INDEX IF NOT EXISTS responses_by_user ON responses (user_id, answered_at, id) WHERE user_id IS NOT NULL;
   CREATE INDEX IF NOT EXISTS displays_by_user ON displays (user_id, shown_at, id) WHERE user_id IS NOT NULL;`,
  // 19: when someone first reached each customer (the first change away from open) kept on the follow-up, by a trigger
  // whoever makes the change (an instance of the version before too, during a rolling upgrade), so that the time to
  // first contact is a column rather than a grouping of the whole history on every summary
  `ALTER TABLE follow_ups ADD COLUMN first_reached_at timestamptz;
   UPDATE follow_ups f SET first_reached_at = first.at
     FROM (SELECT response_id, min(changed_at) AS at FROM follow_up_events WHERE status <> 'open' GROUP BY response_id) first
    WHERE first.response_id = f.response_id;
   CREATE FUNCTION cxkit_follow_up_first_reached() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.first_reached_at IS NULL AND NEW.status <> 'open' THEN NEW.first_reached_at := NEW.changed_at; END IF;
     RETURN NEW;
   END $$;
   CREATE TRIGGER follow_ups_first_reached BEFORE INSERT OR UPDATE ON follow_ups
     FOR EACH ROW EXECUTE FUNCTION cxkit_follow_up_first_reached();`,
  // 20: each webhook target's latest delivery (the dashboard's "where alerts go") read along the target, not found among
  // the most recent deliveries of every target
  `CREATE INDEX IF NOT EXISTS webhook_deliveries_by_target ON webhook_deliveries (target, updated_at);`,
  // 21: who an anonymous answer's browser was signed in as (the inbox's "on a browser signed in as …"): the identified
  // answers and displays indexed by their anonymous id, only those that carry a user id (an identified customer's insert
  // pays for it, an anonymous one nothing)
  `CREATE INDEX IF NOT EXISTS responses_signed_in_browser ON responses (anonymous_id, answered_at) WHERE user_id IS NOT NULL;
   CREATE INDEX IF NOT EXISTS displays_signed_in_browser ON displays (anonymous_id, shown_at) WHERE user_id IS NOT NULL;`,
  // 22: anonymising takes e-mail addresses and long numbers out of comments too: the next sweep walks the answers
  // anonymised before from the start again (anonymising one twice leaves it as once), and takes them out of theirs
  `DELETE FROM cxkit_settings WHERE name = '${anonymisedThrough('responses')}';`,
];
