// The rollups both stores keep exact with triggers, defined once: for each source table, the key a row is counted
// under and what it adds to the counters. Reads sum the rollups; they never walk the rows.

interface Column {
  readonly name: string;
  /** The value for one row as a SQL expression; `row` is NEW, OLD, the source table or a transition table. */
  readonly sqlite: (row: string) => string;
  readonly postgres: (row: string) => string;
  readonly sqliteType: string;
  readonly postgresType: string;
}

export interface Rollup {
  readonly table: string;
  readonly source: string;
  readonly keys: readonly Column[];
  /** `n` first: a rollup row whose `n` reaches zero counts nothing. */
  readonly counters: readonly Column[];
  /** The source columns keys and counters read: an update of any other column leaves the rollup alone. */
  readonly watches: readonly string[];
  /**
   * For a rollup that counts a source row several times: a table-valued expression over the row, aliased `each`, whose
   * rows the keys may read (one count per row of it). Absent: one count per source row.
   */
  readonly each?: { readonly sqlite: (row: string) => string; readonly postgres: (row: string) => string };
  /** Names the triggers and functions; default the source table (one plain rollup per source). */
  readonly name?: string;
}

/** The day of a time, keying the rollups: SQLite keeps times as ISO text, PostgreSQL as timestamptz. */
type DayOf = (column: string) => Column;

/** The UTC day: the key of the rollups the migrations made before days were counted in the collector's time zone. */
const utcDay: DayOf = (column) => ({
  name: 'day',
  sqlite: (row) => `substr(${row}.${column}, 1, 10)`,
  postgres: (row) => `(${row}.${column} AT TIME ZONE 'UTC')::date`,
  sqliteType: 'TEXT',
  postgresType: 'date',
});

/** The SQLite table of the collector's time zone: from each instant on (ISO text), its offset from UTC in seconds. */
export const zoneOffsetsTable = 'cxkit_zone_offsets';

/**
 * The day of a time (the column of `row`) in the collector's time zone: SQLite, which knows no time zones, adds the
 * offset that `cxkit_zone_offsets` holds for the time; PostgreSQL takes the zone's name from `cxkit_time_zone()`.
 */
export const sqliteDayOf = (row: string, column: string) =>
  `substr(datetime(${row}.${column}, (SELECT seconds FROM ${zoneOffsetsTable} WHERE starts <= ${row}.${column} ORDER BY starts DESC LIMIT 1) || ' seconds'), 1, 10)`;
export const postgresDayOf = (row: string, column: string) => `(${row}.${column} AT TIME ZONE cxkit_time_zone())::date`;

/**
 * PostgreSQL: the function that names the collector's time zone, made again when it changes. A constant, so that the
 * planner folds it into every statement that reads it (read from a table instead, it cost each insert 20%); made
 * again, it makes every session plan those statements afresh.
 */
export const zoneFunction = (name: string) =>
  `CREATE OR REPLACE FUNCTION cxkit_time_zone() RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT '${name.replaceAll("'", "''")}'::text $$`;

const zonedDay: DayOf = (column) => ({
  name: 'day',
  sqlite: (row) => sqliteDayOf(row, column),
  postgres: (row) => postgresDayOf(row, column),
  sqliteType: 'TEXT',
  postgresType: 'date',
});

const plain = (name: string, sqliteType: string, postgresType: string): Column => ({
  name,
  sqlite: (row) => `${row}.${name}`,
  postgres: (row) => `${row}.${name}`,
  sqliteType,
  postgresType,
});
const counter = (name: string, sqlite: Column['sqlite'], postgres: Column['postgres']): Column => ({
  name,
  sqlite,
  postgres,
  sqliteType: 'INTEGER',
  postgresType: 'bigint',
});

/** `n`: one per source row (or per `each` row). */
const countOfRows = counter(
  'n',
  () => '1',
  () => '1',
);

/** A key read from the `each` rows of a rollup that explodes its source rows. */
const fromEach = (name: string, column: 'key' | 'value'): Column => ({
  name,
  sqlite: () => `each.${column}`,
  postgres: () => `each.${column}`,
  sqliteType: 'TEXT',
  postgresType: 'text',
});

/** Answers per day × touchpoint × kind × scale × score, with how many had a comment and how many were partial. */
const answerCounts = (day: DayOf): Rollup => ({
  table: 'daily_counts',
  source: 'responses',
  keys: [
    day('answered_at'),
    plain('touchpoint', 'TEXT', 'text'),
    plain('kind', 'TEXT', 'text'),
    plain('scale_max', 'INTEGER', 'smallint'),
    plain('score', 'INTEGER', 'smallint'),
  ],
  counters: [
    countOfRows,
    counter(
      'commented',
      (row) => `(${row}.comment IS NOT NULL)`,
      (row) => `(${row}.comment IS NOT NULL)::int`,
    ),
    counter(
      'partials',
      (row) => `${row}.partial`,
      (row) => `${row}.partial::int`,
    ),
  ],
  watches: ['answered_at', 'touchpoint', 'kind', 'scale_max', 'score', 'comment', 'partial'],
});

/** Displays per day × touchpoint × kind × outcome. */
const displayCounts = (day: DayOf): Rollup => ({
  table: 'display_counts',
  source: 'displays',
  keys: [day('shown_at'), plain('touchpoint', 'TEXT', 'text'), plain('kind', 'TEXT', 'text'), plain('outcome', 'TEXT', 'text')],
  counters: [countOfRows],
  watches: ['shown_at', 'touchpoint', 'kind', 'outcome'],
});

/**
 * Answers per day × segment (dimension × value, from each answer's `segments` object) × touchpoint × kind × scale ×
 * score: any figure broken down by device, locale, page, visitor or trait, without walking the rows. Day first, so
 * that an answer's counts land together at the end of the table: measured in time order on SQLite, 2.2× the ingest
 * of a dimension-first key (whose six scattered upserts split pages mid-tree). A breakdown reads its range's days
 * and keeps its dimension's rows.
 */
const segmentCounts = (day: DayOf): Rollup => ({
  table: 'segment_counts',
  source: 'responses',
  name: 'responses_segments',
  each: { sqlite: (row) => `json_each(${row}.segments)`, postgres: (row) => `jsonb_each_text(${row}.segments)` },
  keys: [
    day('answered_at'),
    fromEach('dimension', 'key'),
    fromEach('value', 'value'),
    plain('touchpoint', 'TEXT', 'text'),
    plain('kind', 'TEXT', 'text'),
    plain('scale_max', 'INTEGER', 'smallint'),
    plain('score', 'INTEGER', 'smallint'),
  ],
  counters: [countOfRows],
  watches: ['answered_at', 'touchpoint', 'kind', 'scale_max', 'score', 'segments'],
});

/**
 * Displays per day × touchpoint × kind × one value each display carries × outcome, named `value.name` ('' for a
 * display without one): `watched` is the source column the value is read from.
 */
const displaysByValue =
  (table: string, name: string, value: Omit<Column, 'sqliteType' | 'postgresType'>, watched: string) =>
  (day: DayOf): Rollup => ({
    table,
    source: 'displays',
    name,
    keys: [
      day('shown_at'),
      plain('touchpoint', 'TEXT', 'text'),
      plain('kind', 'TEXT', 'text'),
      { ...value, sqliteType: 'TEXT', postgresType: 'text' },
      plain('outcome', 'TEXT', 'text'),
    ],
    counters: [countOfRows],
    watches: ['shown_at', 'touchpoint', 'kind', 'outcome', watched],
  });

/** The response rate on phones, tablets and desktops: the device an answer's segments hold, from the display's own. */
const displayDeviceCounts = displaysByValue(
  'display_device_counts',
  'displays_devices',
  {
    name: 'device',
    sqlite: (row) => `coalesce(json_extract(${row}.body, '$.device'), '')`,
    postgres: (row) => `coalesce(${row}.body->>'device', '')`,
  },
  'body',
);

/**
 * The response rate on each page: the path as an answer's segments hold it, worked out by the store as a display is
 * stored ('' for one stored before paths were, until the store works it out).
 */
const displayPathCounts = displaysByValue(
  'display_path_counts',
  'displays_paths',
  { name: 'path', sqlite: (row) => `coalesce(${row}.path, '')`, postgres: (row) => `coalesce(${row}.path, '')` },
  'path',
);

/** The response rate in each language: the locale the prompt was shown in (SDKs before it say none: counted under ''). */
const displayLocaleCounts = displaysByValue(
  'display_locale_counts',
  'displays_locales',
  {
    name: 'locale',
    sqlite: (row) => `coalesce(json_extract(${row}.body, '$.locale'), '')`,
    postgres: (row) => `coalesce(${row}.body->>'locale', '')`,
  },
  'body',
);

/** Each built-in segment a display carries, as its key in the display segment rollup, and how a row holds it. */
const displaySegmentValues = {
  sqlite: (row: string) =>
    `'device', json_extract(${row}.body, '$.device'), 'locale', json_extract(${row}.body, '$.locale'),
     'visitor', json_extract(${row}.body, '$.visitor'), 'path', ${row}.path`,
  postgres: (row: string) =>
    `'device', ${row}.body->>'device', 'locale', ${row}.body->>'locale', 'visitor', ${row}.body->>'visitor', 'path', ${row}.path`,
};

/**
 * Displays per day × segment (dimension × value: the device, the page's path, the language, new or returning visitor,
 * and each segment trait the store kept, as `trait:plan`) × touchpoint × kind × outcome: the response rate for whom,
 * from one trigger (a rollup per dimension cost each a sixth of a display's insert). A row's segments are one JSON
 * object made from it — its values that are missing left out (JSON merge patch drops nulls) — which the rollup
 * explodes, as the answers' segment rollup explodes theirs.
 */
const displaySegmentCounts = (day: DayOf): Rollup => ({
  table: 'display_segment_counts',
  source: 'displays',
  name: 'displays_segments',
  each: {
    sqlite: (row) =>
      `json_each(json_patch(json_patch('{}', json_object(${displaySegmentValues.sqlite(row)})),
        coalesce((SELECT json_group_object('trait:' || t.key, t.value) FROM json_each(${row}.body, '$.traits') AS t), '{}')))`,
    postgres: (row) =>
      `jsonb_each_text(jsonb_strip_nulls(jsonb_build_object(${displaySegmentValues.postgres(row)}))
        || coalesce((SELECT jsonb_object_agg('trait:' || t.key, t.value) FROM jsonb_each_text(${row}.body->'traits') AS t), '{}'::jsonb))`,
  },
  keys: [
    day('shown_at'),
    fromEach('dimension', 'key'),
    fromEach('value', 'value'),
    plain('touchpoint', 'TEXT', 'text'),
    plain('kind', 'TEXT', 'text'),
    plain('outcome', 'TEXT', 'text'),
  ],
  counters: [countOfRows],
  watches: ['shown_at', 'touchpoint', 'kind', 'outcome', 'path', 'body'],
});

export interface Rollups {
  readonly answerCounts: Rollup;
  readonly displayCounts: Rollup;
  readonly segmentCounts: Rollup;
  readonly displayDeviceCounts: Rollup;
  readonly displayPathCounts: Rollup;
  readonly displayLocaleCounts: Rollup;
  readonly displaySegmentCounts: Rollup;
}

const keyedBy = (day: DayOf): Rollups => ({
  answerCounts: answerCounts(day),
  displayCounts: displayCounts(day),
  segmentCounts: segmentCounts(day),
  displayDeviceCounts: displayDeviceCounts(day),
  displayPathCounts: displayPathCounts(day),
  displayLocaleCounts: displayLocaleCounts(day),
  displaySegmentCounts: displaySegmentCounts(day),
});

/**
 * The rollups a store keeps today, which a new time zone counts again; the others are kept above as the migrations that
 * made them made them, and were dropped by a later one (displays by device, page and language, in the segment rollup).
 */
export const liveRollups = ({ answerCounts, displayCounts, segmentCounts, displaySegmentCounts }: Rollups): readonly Rollup[] => [
  answerCounts,
  displayCounts,
  segmentCounts,
  displaySegmentCounts,
];

/** The rollups as the migrations before the collector's time zone made them (keep them as they were). */
export const utcRollups = keyedBy(utcDay);
/** The rollups keyed by the day in the collector's time zone. */
export const rollups = keyedBy(zonedDay);

const names = (columns: readonly Column[]) => columns.map((c) => c.name).join(', ');

/** SQLite: the rollup's table, filled from the rows its source holds, and the triggers that keep it exact. */
export function sqliteRollup(rollup: Rollup): string {
  const { table, keys, counters } = rollup;
  return `
   CREATE TABLE ${table} (
     ${[...keys, ...counters].map((c) => `${c.name} ${c.sqliteType} NOT NULL`).join(',\n     ')},
     PRIMARY KEY (${names(keys)})
   ) WITHOUT ROWID;
   ${sqliteRefill(rollup)}
   ${sqliteTriggers(rollup)}`;
}

/** SQLite: counts the rows a source table holds into its (empty) rollup. */
export function sqliteRefill(rollup: Rollup): string {
  const { table, source, keys, counters, each } = rollup;
  return `INSERT INTO ${table} (${names(keys)}, ${names(counters)})
     SELECT ${[...keys.map((k) => k.sqlite(source)), ...counters.map((c) => `sum(${c.sqlite(source)})`)].join(', ')}
       FROM ${source}${each ? `, ${each.sqlite(source)} AS each` : ''} GROUP BY ${keys.map((_, i) => i + 1).join(', ')};`;
}

const sqliteTriggerNames = (rollup: Rollup) =>
  ['counted_in', 'counted_out', 'recounted'].map((t) => `${rollup.name ?? rollup.source}_${t}`);

function sqliteTriggers(rollup: Rollup): string {
  const { table, source, keys, counters, each } = rollup;
  const [countedIn, countedOut, recounted] = sqliteTriggerNames(rollup);
  const match = (row: string) =>
    each
      ? `(${names(keys)}) IN (SELECT ${keys.map((k) => k.sqlite(row)).join(', ')} FROM ${each.sqlite(row)} AS each)`
      : keys.map((k) => `${k.name} = ${k.sqlite(row)}`).join(' AND ');
  const newValues = [...keys, ...counters].map((c) => c.sqlite('NEW')).join(', ');
  // WHERE true: SQLite reads the ON CONFLICT of an INSERT … SELECT as a join's ON without it
  const countIn = `INSERT INTO ${table} (${names(keys)}, ${names(counters)})
      ${each ? `SELECT ${newValues} FROM ${each.sqlite('NEW')} AS each WHERE true` : `VALUES (${newValues})`}
      ON CONFLICT (${names(keys)}) DO UPDATE SET ${counters.map((c) => `${c.name} = ${c.name} + excluded.${c.name}`).join(', ')};`;
  const countOut = `UPDATE ${table} SET ${counters.map((c) => `${c.name} = ${c.name} - ${c.sqlite('OLD')}`).join(', ')}
      WHERE ${match('OLD')};
    DELETE FROM ${table} WHERE ${match('OLD')} AND n <= 0;`;
  return `
   CREATE TRIGGER ${countedIn} AFTER INSERT ON ${source} BEGIN ${countIn} END;
   CREATE TRIGGER ${countedOut} AFTER DELETE ON ${source} BEGIN ${countOut} END;
   CREATE TRIGGER ${recounted} AFTER UPDATE OF ${rollup.watches.join(', ')} ON ${source} BEGIN ${countOut} ${countIn} END;`;
}

/** SQLite: the triggers of a rollup whose table keeps its rows made again, to count by `rollup`'s keys from now on. */
export const sqliteRetriggered = (rollup: Rollup) =>
  `${sqliteTriggerNames(rollup)
    .map((name) => `DROP TRIGGER ${name};`)
    .join('\n   ')}
   ${sqliteTriggers(rollup)}`;

/** SQLite: a rollup a later one replaced, dropped: its triggers and its table. */
export const sqliteDropped = (rollup: Rollup) =>
  `${sqliteTriggerNames(rollup)
    .map((name) => `DROP TRIGGER ${name};`)
    .join('\n   ')}
   DROP TABLE ${rollup.table};`;

/**
 * PostgreSQL: statement triggers with transition tables, so that a batch is one grouped upsert in key order (two
 * instances' batches then lock rollup rows in one order). Rows at zero stay (deleting them would race with a
 * concurrent insert of the same key); reads skip them.
 */
export function postgresRollup(rollup: Rollup): string {
  const { table, source, keys, counters } = rollup;
  const name = rollup.name ?? source;
  return `
   CREATE TABLE ${table} (
     ${[...keys, ...counters].map((c) => `${c.name} ${c.postgresType} NOT NULL`).join(',\n     ')},
     PRIMARY KEY (${names(keys)})
   );
   ${postgresTriggerFunctions(rollup)}${postgresTriggers
     .map(
       ([trigger, event, referencing]) => `
   CREATE TRIGGER ${name}_${trigger} AFTER ${event} ON ${source} ${referencing}
     FOR EACH STATEMENT EXECUTE FUNCTION cxkit_${name}_${trigger}();`,
     )
     .join('')}`;
}

const postgresTriggers = [
  ['counted_in', 'INSERT', 'REFERENCING NEW TABLE AS new_rows'],
  ['counted_out', 'DELETE', 'REFERENCING OLD TABLE AS old_rows'],
  ['recounted', 'UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'],
] as const;

/** PostgreSQL: a rollup a later one replaced, dropped: its triggers, their functions and its table. */
export function postgresDropped(rollup: Rollup): string {
  const name = rollup.name ?? rollup.source;
  return `${postgresTriggers
    .map(([trigger]) => `DROP TRIGGER ${name}_${trigger} ON ${rollup.source}; DROP FUNCTION cxkit_${name}_${trigger}();`)
    .join('\n   ')}
   DROP TABLE ${rollup.table};`;
}

/** PostgreSQL: the functions a rollup's triggers call; made again, the triggers count by `rollup`'s keys from then on. */
export function postgresTriggerFunctions(rollup: Rollup): string {
  const { table, source, keys, counters, each } = rollup;
  const name = rollup.name ?? source;
  const changes = (rows: string, sign: '' | '-') =>
    `SELECT ${[...keys.map((k) => `${k.postgres(rows)} AS ${k.name}`), ...counters.map((c) => `${sign}${c.postgres(rows)} AS ${c.name}`)].join(', ')} FROM ${rows}` +
    (each ? ` CROSS JOIN LATERAL ${each.postgres(rows)} AS each` : '');
  const deltas = {
    counted_in: changes('new_rows', ''),
    counted_out: changes('old_rows', '-'),
    recounted: `${changes('new_rows', '')} UNION ALL ${changes('old_rows', '-')}`,
  };
  return postgresTriggers
    .map(
      ([trigger]) => `
   CREATE OR REPLACE FUNCTION cxkit_${name}_${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO ${table} (${names(keys)}, ${names(counters)})
       SELECT ${names(keys)}, ${counters.map((c) => `sum(${c.name})`).join(', ')} FROM (${deltas[trigger]}) AS changes
        GROUP BY ${names(keys)} HAVING ${counters.map((c) => `sum(${c.name}) <> 0`).join(' OR ')}
        ORDER BY ${names(keys)}
     ON CONFLICT (${names(keys)}) DO UPDATE SET ${counters.map((c) => `${c.name} = ${table}.${c.name} + excluded.${c.name}`).join(', ')};
     RETURN NULL;
   END $$;`,
    )
    .join('');
}

/** PostgreSQL: counts the rows a source table already holds into its (empty) rollup. */
export function postgresRefill(rollup: Rollup): string {
  const { table, source, keys, counters, each } = rollup;
  return `INSERT INTO ${table} (${names(keys)}, ${names(counters)})
     SELECT ${[...keys.map((k) => k.postgres(source)), ...counters.map((c) => `sum(${c.postgres(source)})`)].join(', ')}
       FROM ${source}${each ? ` CROSS JOIN LATERAL ${each.postgres(source)} AS each` : ''} GROUP BY ${keys.map((_, i) => i + 1).join(', ')};`;
}
