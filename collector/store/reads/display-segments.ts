// Displays counted by day and by a segment they carry — the device they were shown on, the page's path, the language, a
// new or returning visitor — as both
// stores ask it: whole days from a rollup (everyone's, or that dimension's), the partial days at the edges from the
// display rows themselves.
import type { RangedQuery } from './day-range.js';
import { dimensionLiteral, type DisplayDimension } from '../ingest/segments.js';
import type { DisplaySegment } from '../store.js';

/** What differs between the stores' SQL. */
export interface DisplaySql {
  /** A dimension's value in a display row: the device, the locale and the visitor from the JSON body, the path from its column. */
  readonly rowValue: Readonly<Record<DisplayDimension, string>>;
  /** An aggregate as a number (PostgreSQL answers a bigint as text). */
  readonly integer: (aggregate: string) => string;
  /** A rollup row's day, and a display row's day in the store's time zone, each as YYYY-MM-DD. */
  readonly rollupDay: string;
  readonly rowDay: string;
}

/** Each dimension's rollup and its column there ('' for displays without a value). */
const rollups: Readonly<Record<DisplayDimension, { readonly table: string; readonly column: string }>> = {
  device: { table: 'display_device_counts', column: 'device' },
  path: { table: 'display_path_counts', column: 'path' },
  locale: { table: 'display_locale_counts', column: 'locale' },
  visitor: { table: 'display_visitor_counts', column: 'visitor' },
};

/** Where one segment's displays are counted, and the conditions that keep its rollup rows and its display rows. */
function within(sql: DisplaySql, segment: DisplaySegment) {
  const { table, column } = rollups[segment.dimension];
  const value = dimensionLiteral(segment.value);
  return { table, rollupWhere: `${column} = ${value}`, rowWhere: `${sql.rowValue[segment.dimension]} = ${value}` };
}

/** Displays per value of the dimension and outcome; displays without a value left out. */
export function displaysBy(sql: DisplaySql, dimension: DisplayDimension): RangedQuery {
  const { table, column } = rollups[dimension];
  const value = sql.rowValue[dimension];
  return {
    rollup: {
      table,
      select: `${column} AS value, outcome, ${sql.integer('sum(n)')} AS n`,
      groupBy: `${column}, outcome`,
      where: `${column} <> ''`,
    },
    rows: {
      table: 'displays',
      time: 'shown_at',
      select: `${value} AS value, outcome, ${sql.integer('count(*)')} AS n`,
      groupBy: '1, 2',
      where: `${value} IS NOT NULL`,
    },
  };
}

/** One segment's displays per touchpoint, kind and outcome. */
export function displaysIn(sql: DisplaySql, segment: DisplaySegment): RangedQuery {
  const { table, rollupWhere, rowWhere } = within(sql, segment);
  return {
    rollup: {
      table,
      select: `touchpoint, kind, outcome, ${sql.integer('sum(n)')} AS n`,
      groupBy: 'touchpoint, kind, outcome',
      where: rollupWhere,
    },
    rows: {
      table: 'displays',
      time: 'shown_at',
      select: `touchpoint, kind, outcome, ${sql.integer('count(*)')} AS n`,
      groupBy: 'touchpoint, kind, outcome',
      where: rowWhere,
    },
  };
}

/** Displays per day and outcome: everyone's, or one segment's. */
export function displayDays(sql: DisplaySql, segment?: DisplaySegment): RangedQuery {
  const only = segment ? within(sql, segment) : undefined;
  return {
    rollup: {
      table: only?.table ?? 'display_counts',
      select: `${sql.rollupDay} AS day, outcome, ${sql.integer('sum(n)')} AS n`,
      groupBy: 'day, outcome',
      ...(only && { where: only.rollupWhere }),
    },
    rows: {
      table: 'displays',
      time: 'shown_at',
      select: `${sql.rowDay} AS day, outcome, ${sql.integer('count(*)')} AS n`,
      groupBy: '1, 2',
      ...(only && { where: only.rowWhere }),
    },
  };
}
