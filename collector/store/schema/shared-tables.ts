// Tables both stores create alike but for a few column types: displays, the webhook delivery queue and the follow-up
// inbox (answers differ more: SQLite keeps the first collector's table in its history). And the rule for which answers
// need someone: NPS detractors (0–6), CSAT 1–2, CES 1–3 on the 1–7 scale (1–2 on 1–5).
import type { PromptKind } from '../../../src/schema/response.js';
import { promptKinds } from '../../../src/schema/scales.js';
import { bandOf, type Band } from '../../../src/sdk/scores.js';

/** The column types that differ between the stores. */
export interface Dialect {
  readonly time: string;
  readonly integer: string;
  readonly serial: string;
  readonly json: string;
  /** A display's own key: SQLite tables get a rowid to insert in order, the UUID stays unique. */
  readonly key: string;
}

export const sqliteTypes: Dialect = {
  time: 'TEXT',
  integer: 'INTEGER',
  serial: 'INTEGER PRIMARY KEY',
  json: 'TEXT',
  key: 'seq INTEGER PRIMARY KEY,\n     id TEXT NOT NULL UNIQUE',
};
export const postgresTypes: Dialect = {
  time: 'timestamptz',
  integer: 'integer',
  serial: 'bigserial PRIMARY KEY',
  json: 'jsonb',
  key: 'id text PRIMARY KEY',
};

/** Every scale answers may be on: NPS 0–10, CSAT 1–5, CES 1–7 and 1–5. */
const scales = [
  ['nps', 0, 10],
  ['csat', 1, 5],
  ['ces', 1, 7],
  ['ces', 1, 5],
] as const;

/**
 * Over a `responses` row (optionally aliased): true when the answer's score is in `band` of its kind, as `bandOf` says
 * (CES 1–5 mapped onto 1–7), of the `kinds` given. Written as score lists per scale, which the planners estimate from
 * their statistics.
 */
export function inBand(band: Band, r = '', kinds: readonly PromptKind[] = promptKinds): string {
  const clauses = scales
    .filter(([kind]) => kinds.includes(kind))
    .map(([kind, min, max]) => {
      const scores: number[] = [];
      for (let score = min; score <= max; score++) if (bandOf(kind, score, max) === band) scores.push(score);
      const scale = kind === 'ces' ? ` AND ${r}scale_max ${max === 5 ? '= 5' : '<> 5'}` : '';
      return `(${r}kind = '${kind}'${scale} AND ${r}score IN (${scores.join(', ')}))`;
    });
  return clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE';
}

/** True when the answer belongs in the inbox: NPS detractors, CSAT 1–2, CES 1–3 (1–2 on 1–5); of some kinds only when named. */
export const needsAttention = (r = '', kinds?: readonly PromptKind[]) => inBand('unhappy', r, kinds);

/** The settings row holding the last answer announced as overdue (its time and id): the walk goes on from there. */
export const overdueThrough = 'overdue_announced_through';

const answersWithFollowUps = `SELECT r.id, r.answered_at AS at, r.body, coalesce(f.status, 'open') AS status, f.note, f.changed_by AS "by",
          f.assignee, f.changed_at AS "changedAt"
     FROM responses r LEFT JOIN follow_ups f ON f.response_id = r.id`;

/**
 * The answers needing someone answered before `before` and after the mark (`fromAt`, `fromId`), oldest first, with
 * their follow-ups, `limit` of them: the next to announce as overdue (each argument a bound parameter). Answers not yet
 * fanned out are left to the fan-out, which announces those the walk has passed (`arrivedOverdue`): each once.
 */
export const overdueAnswers = (before: string, fromAt: string, fromId: string, limit: string) =>
  `${answersWithFollowUps}
    WHERE r.answered_at < ${before} AND (r.answered_at, r.id) > (${fromAt}, ${fromId}) AND NOT r.webhook_pending
      AND ${needsAttention('r.')}
    ORDER BY r.answered_at, r.id LIMIT ${limit}`;

/**
 * Of the answers being fanned out (`taken`, a condition on `r.id`), those needing someone that the overdue walk has already passed
 * (at or before the mark `throughAt`, `throughId`): they reached the collector later than the promise, and are announced
 * as they arrive.
 */
export const arrivedOverdue = (taken: string, throughAt: string, throughId: string) =>
  `${answersWithFollowUps}
    WHERE ${taken} AND (r.answered_at, r.id) <= (${throughAt}, ${throughId}) AND ${needsAttention('r.')}`;

/** One row per prompt shown, settled once by its final outcome; indexed by time (not by person: see responses). */
export const displaysTable = ({ time, json, key }: Dialect) => `
   CREATE TABLE displays (
     ${key},
     touchpoint TEXT NOT NULL,
     kind TEXT NOT NULL,
     mode TEXT NOT NULL,
     trigger TEXT,
     shown_at ${time} NOT NULL,
     shown_at_claimed TEXT,
     received_at ${time} NOT NULL,
     outcome TEXT NOT NULL,
     response_id TEXT,
     anonymous_id TEXT NOT NULL,
     user_id TEXT,
     body ${json} NOT NULL
   );
   CREATE INDEX displays_by_time ON displays (shown_at, id);`;

/** One row per delivery of one answer to one target: its fixed payload, its attempts, and where it stands. */
export const webhookDeliveries = ({ time, integer }: Dialect) => `
   CREATE TABLE webhook_deliveries (
     id TEXT PRIMARY KEY,
     target TEXT NOT NULL,
     response_id TEXT NOT NULL,
     user_id TEXT,
     anonymous_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending',
     attempts ${integer} NOT NULL DEFAULT 0,
     next_attempt_at ${time} NOT NULL,
     claimed_until ${time},
     last_status ${integer},
     last_error TEXT,
     created_at ${time} NOT NULL,
     updated_at ${time} NOT NULL,
     delivered_at ${time}
   );
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
   CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (updated_at);
   CREATE INDEX webhook_deliveries_by_response ON webhook_deliveries (response_id);
   CREATE INDEX webhook_deliveries_by_user ON webhook_deliveries (user_id) WHERE user_id IS NOT NULL;
   CREATE INDEX webhook_deliveries_by_visitor ON webhook_deliveries (anonymous_id);`;

/**
 * Where each answer that needs someone stands, and the history of who changed it. The inbox has no index of its own:
 * open items are read newest first along the time index (about one answer in five needs someone), the others from
 * the follow-ups, which are few.
 */
export const followUpTables = ({ time, serial }: Dialect) => `
   CREATE TABLE follow_ups (
     response_id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     note TEXT,
     changed_by TEXT,
     changed_at ${time} NOT NULL,
     closed_at ${time}
   );
   CREATE TABLE follow_up_events (
     seq ${serial},
     response_id TEXT NOT NULL,
     status TEXT NOT NULL,
     note TEXT,
     changed_by TEXT,
     changed_at ${time} NOT NULL
   );
   CREATE INDEX follow_up_events_by_response ON follow_up_events (response_id);`;

/**
 * Which journey stage each touchpoint's answers and displays said they belong to, kept by triggers as they arrive. A
 * `stage=` filter reads it as the set of that stage's touchpoints, so that the per-touchpoint rollups answer it too.
 */
export const touchpointStagesTable = `CREATE TABLE touchpoint_stages (
     stage TEXT NOT NULL,
     touchpoint TEXT NOT NULL,
     PRIMARY KEY (stage, touchpoint)
   )`;

/** Over a row with a `touchpoint` column (optionally aliased): true when the touchpoint belongs to the stage at `placeholder`. */
export const inStage = (alias: string, placeholder: string) =>
  `${alias}touchpoint IN (SELECT touchpoint FROM touchpoint_stages WHERE stage = ${placeholder})`;

/**
 * Answers and displays the database refused although they were valid (PostgreSQL: a data exception nobody foresaw),
 * kept as the JSON text they arrived as, which any text column holds, with the database's words: the client was told
 * they are kept and does not send them again. `ref` is `response:` or `display:` and the id.
 */
export const quarantineTable = ({ time }: Dialect) => `
   CREATE TABLE quarantine (
     ref TEXT PRIMARY KEY,
     received_at ${time} NOT NULL,
     error TEXT NOT NULL,
     user_id TEXT,
     anonymous_id TEXT NOT NULL,
     body TEXT NOT NULL
   );`;

/** Whether a store holds any answer or display yet (1 or true as `counted`): one that does keeps the zone they are counted in. */
export const holdsRows = `SELECT EXISTS (SELECT 1 FROM responses) OR EXISTS (SELECT 1 FROM displays) AS counted`;

/** How many answers (not displays) the quarantine keeps. */
export const quarantinedAnswers = `SELECT CAST(count(*) AS integer) AS n FROM quarantine WHERE ref LIKE 'response:%'`;

/** The setting that names the time zone a SQLite file's days are counted in (absent: UTC). */
export const timeZoneSetting = 'time-zone';

/** Settings a store keeps about its own data: which traits the stored segments were worked out with, the time zone. */
export const settingsTable = `CREATE TABLE cxkit_settings (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   )`;
