// The SQLite schema as numbered steps; `PRAGMA user_version` records how many a file has had. Append, never edit:
// a file written by an older collector is brought up to date at start, with its answers kept.

import { anonymisedThrough } from '../ingest/anonymised.js';
import { rollups, sqliteDropped, sqliteRetriggered, sqliteRollup, utcRollups, zoneOffsetsTable } from './rollups.js';
import {
  displaysTable,
  followUpTables,
  quarantineTable,
  settingsTable,
  sqliteTypes,
  touchpointStagesTable,
  webhookDeliveries,
} from './shared-tables.js';

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
  // the stored JSON; displays; and the per-day rollups the dashboard reads
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
   -- no index by person: each would cost every insert a random B-tree write (40% of an insert, measured) for the
   -- sake of erasure, a rare request that may read the table instead
   ${displaysTable(sqliteTypes)}
   ${sqliteRollup(utcRollups.answerCounts)}
   ${sqliteRollup(utcRollups.displayCounts)}`,
  // 3: webhooks: answers waiting to be fanned out to the targets, and the deliveries with their attempts
  `ALTER TABLE responses ADD COLUMN webhook_pending INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX responses_webhook_pending ON responses (seq) WHERE webhook_pending = 1;
   ${webhookDeliveries(sqliteTypes)}`,
  // 4: the follow-up inbox: where each answer that needs someone stands, and the history of who changed it
  `${followUpTables(sqliteTypes)}`,
  // 5: journey stages: which touchpoints each stage has, from what answers and displays say, kept as they arrive
  `${touchpointStagesTable} WITHOUT ROWID;
   INSERT OR IGNORE INTO touchpoint_stages (stage, touchpoint)
     SELECT json_extract(body, '$.stage'), touchpoint FROM responses WHERE json_extract(body, '$.stage') IS NOT NULL
     UNION SELECT json_extract(body, '$.stage'), touchpoint FROM displays WHERE json_extract(body, '$.stage') IS NOT NULL;
   CREATE TRIGGER responses_stage AFTER INSERT ON responses WHEN json_extract(NEW.body, '$.stage') IS NOT NULL BEGIN
     INSERT OR IGNORE INTO touchpoint_stages (stage, touchpoint) VALUES (json_extract(NEW.body, '$.stage'), NEW.touchpoint);
   END;
   CREATE TRIGGER displays_stage AFTER INSERT ON displays WHEN json_extract(NEW.body, '$.stage') IS NOT NULL BEGIN
     INSERT OR IGNORE INTO touchpoint_stages (stage, touchpoint) VALUES (json_extract(NEW.body, '$.stage'), NEW.touchpoint);
   END;`,
  // 6: segments: each answer's device, locale, page path, visitor and chosen traits, and their rollup (the store works
  // the segments of stored answers out after the migrations, and again whenever the chosen traits change)
  `ALTER TABLE responses ADD COLUMN segments TEXT;
   ${settingsTable};
   ${sqliteRollup(utcRollups.segmentCounts)}`,
  // 7: the drill-down's score orders read an index instead of sorting every answer (score first, so that new answers
  // land at a dozen places that stay cached, not at random)
  `CREATE INDEX responses_by_score ON responses (score, answered_at DESC, id DESC);`,
  // 8: the segment rollup keyed day first (see rollups.ts), rebuilt from the stored answers' segments
  `DROP TRIGGER responses_segments_counted_in;
   DROP TRIGGER responses_segments_counted_out;
   DROP TRIGGER responses_segments_recounted;
   DROP TABLE segment_counts;
   ${sqliteRollup(utcRollups.segmentCounts)}`,
  // 9: the score index goes again: it cost every insert a third of its speed (measured in time order); the drill-down's
  // score orders read the time index a score at a time instead
  `DROP INDEX responses_by_score;`,
  // 10: what a PostgreSQL store kept aside (SQLite refuses no valid answer): here for a copy from one
  `${quarantineTable(sqliteTypes)}`,
  // 11: days counted in the collector's time zone (UTC until one is chosen, so that the rollups' rows stay as they
  // are): from each instant on, the offset SQLite adds to a time for its day; the rollups' triggers keyed by it
  `CREATE TABLE ${zoneOffsetsTable} (starts TEXT PRIMARY KEY, seconds INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO ${zoneOffsetsTable} (starts, seconds) VALUES ('0000-01-01T00:00:00.000Z', 0);
   ${sqliteRetriggered(rollups.answerCounts)}
   ${sqliteRetriggered(rollups.displayCounts)}
   ${sqliteRetriggered(rollups.segmentCounts)}`,
  // 12: displays by device too, for the response rate on phones, tablets and desktops
  `${sqliteRollup(rollups.displayDeviceCounts)}`,
  // 13: displays by page too, for the response rate on each page: each display's path as the answers' segments hold it
  // (worked out in JS: the store's cxkit_page_path), then the rollup counted from them
  `ALTER TABLE displays ADD COLUMN path TEXT;
   UPDATE displays SET path = cxkit_page_path(json_extract(body, '$.page.url'));
   ${sqliteRollup(rollups.displayPathCounts)}`,
  // 14: follow-ups left to someone: who has each customer, and in the history who had them after each change
  `ALTER TABLE follow_ups ADD COLUMN assignee TEXT;
   ALTER TABLE follow_up_events ADD COLUMN assignee TEXT;`,
  // 15: webhooks for follow-up changes too: what each delivery was posted for (those before were all new answers)
  `ALTER TABLE webhook_deliveries ADD COLUMN event TEXT NOT NULL DEFAULT 'response.created';`,
  // 16: displays by the language they were shown in too, for the response rate in each
  `${sqliteRollup(rollups.displayLocaleCounts)}`,
  // 17: displays by every segment they carry in one rollup — device, page, language, and now new or returning visitor
  // and the segment traits kept as they are stored (the response rate of each plan) — which replaces the rollups by
  // device, page and language: one trigger where each cost a sixth of a display's insert
  `${sqliteRollup(rollups.displaySegmentCounts)}
   ${sqliteDropped(rollups.displayDeviceCounts)}
   ${sqliteDropped(rollups.displayPathCounts)}
   ${sqliteDropped(rollups.displayLocaleCounts)}`,
  // 18: a customer's history (the dashboard's customer view) read by their user id rather than a walk of every answer:
  // answers and displays indexed by it, only those that carry one (an identified customer's insert pays for it)
  `CREATE INDEX IF NOT EXISTS responses_by_user ON responses (user_id, answered_at, id) WHERE user_id IS NOT NULL;
   CREATE INDEX IF NOT EXISTS displays_by_user ON displays (user_id, shown_at, id) WHERE user_id IS NOT NULL;`,
  // 19: when someone first reached each customer (the first change away from open) kept on the follow-up, by triggers
  // whoever makes the change, so that the time to first contact is a column rather than a look into the history for
  // every follow-up of a range on every summary
  `ALTER TABLE follow_ups ADD COLUMN first_reached_at TEXT;
   UPDATE follow_ups SET first_reached_at = (SELECT min(changed_at) FROM follow_up_events e
                                              WHERE e.response_id = follow_ups.response_id AND e.status <> 'open');
   CREATE TRIGGER follow_ups_first_reached AFTER INSERT ON follow_ups
     WHEN NEW.status <> 'open' AND NEW.first_reached_at IS NULL
     BEGIN UPDATE follow_ups SET first_reached_at = NEW.changed_at WHERE response_id = NEW.response_id; END;
   CREATE TRIGGER follow_ups_first_reached_later AFTER UPDATE OF status ON follow_ups
     WHEN NEW.status <> 'open' AND NEW.first_reached_at IS NULL
     BEGIN UPDATE follow_ups SET first_reached_at = NEW.changed_at WHERE response_id = NEW.response_id; END;`,
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
