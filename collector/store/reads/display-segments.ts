// Displays counted by day and by a segment they carry — the device they were shown on, the page's path, the language,
// a new or returning visitor, a segment trait — as both stores ask it: whole days from a rollup (everyone's, or that
// dimension's), the partial days at the edges from the display rows themselves.
import type { RangedQuery } from './day-range.js';
import { dimensionLiteral } from '../ingest/segments.js';
import type { Segment } from '../store.js';

/** The dimensions displays carry besides traits, each counted in a rollup of its own. */
type BuiltInDimension = 'device' | 'path' | 'locale' | 'visitor';

/** What differs between the stores' SQL. */
export interface DisplaySql {
  /** A dimension's value in a display row: the device, the locale and the visitor from the JSON body, the path from its column. */
  readonly rowValue: Readonly<Record<BuiltInDimension, string>>;
  /** A segment trait's value in a display row (`name` a SQL literal), from the traits its body kept. */
  readonly traitValue: (name: string) => string;
  /** An aggregate as a number (PostgreSQL answers a bigint as text). */
  readonly integer: (aggregate: string) => string;
  /** A rollup row's day, and a display row's day in the store's time zone, each as YYYY-MM-DD. */
  readonly rollupDay: string;
  readonly rowDay: string;
}

/** Each built-in dimension's rollup and its column there ('' for displays without a value). */
const rollups: Readonly<Record<BuiltInDimension, { readonly table: string; readonly column: string }>> = {
  device: { table: 'display_device_counts', column: 'device' },
  path: { table: 'display_path_counts', column: 'path' },
  locale: { table: 'display_locale_counts', column: 'locale' },
  visitor: { table: 'display_visitor_counts', column: 'visitor' },
};

const isBuiltIn = (dimension: string): dimension is BuiltInDimension => Object.hasOwn(rollups, dimension);

/**
 * Where a dimension's displays are counted: the rollup, its value column, the condition that keeps the dimension's
 * rollup rows (traits share one rollup), and the value in a display row.
 */
function placeOf(sql: DisplaySql, dimension: string) {
  if (isBuiltIn(dimension)) return { ...rollups[dimension], only: null, rowValue: sql.rowValue[dimension] };
  const trait = dimensionLiteral(dimension.replace(/^trait:/, ''));
  return {
    table: 'display_trait_counts',
    column: 'value',
    only: `dimension = ${dimensionLiteral(dimension)}`,
    rowValue: sql.traitValue(trait),
  };
}

/** Where one segment's displays are counted, and the conditions that keep its rollup rows and its display rows. */
function within(sql: DisplaySql, segment: Segment) {
  const { table, column, only, rowValue } = placeOf(sql, segment.dimension);
  const value = dimensionLiteral(segment.value);
  return { table, rollupWhere: `${only ? `${only} AND ` : ''}${column} = ${value}`, rowWhere: `${rowValue} = ${value}` };
}

/** The condition over display rows (of a statement reading `displays` unaliased) that keeps one segment's. */
export const displayRowsIn = (sql: DisplaySql, segment: Segment): string => within(sql, segment).rowWhere;

/** Displays per value of the dimension and outcome; displays without a value left out. */
export function displaysBy(sql: DisplaySql, dimension: string): RangedQuery {
  const { table, column, only, rowValue: value } = placeOf(sql, dimension);
  return {
    rollup: {
      table,
      select: `${column} AS value, outcome, ${sql.integer('sum(n)')} AS n`,
      groupBy: `${column}, outcome`,
      where: `${only ? `${only} AND ` : ''}${column} <> ''`,
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
export function displaysIn(sql: DisplaySql, segment: Segment): RangedQuery {
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
export function displayDays(sql: DisplaySql, segment?: Segment): RangedQuery {
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
