// Displays counted by day and by a segment they carry — the device they were shown on, the page's path, the language,
// a new or returning visitor, a segment trait — as both stores ask it: whole days from a rollup (everyone's, or the
// segment rollup's rows of that dimension), the partial days at the edges from the display rows themselves.
import type { RangedQuery } from './day-range.js';
import { builtInDimensions, dimensionLiteral } from '../ingest/segments.js';
import type { Segment } from '../store.js';

/** The dimensions displays carry besides traits: those answers have. */
type BuiltInDimension = (typeof builtInDimensions)[number];

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

const isBuiltIn = (dimension: string): dimension is BuiltInDimension => (builtInDimensions as readonly string[]).includes(dimension);

/** A dimension's value in a display row. */
const rowValueOf = (sql: DisplaySql, dimension: string) =>
  isBuiltIn(dimension) ? sql.rowValue[dimension] : sql.traitValue(dimensionLiteral(dimension.replace(/^trait:/, '')));

/** Where one segment's displays are counted, and the conditions that keep its rollup rows and its display rows. */
function within(sql: DisplaySql, { dimension, value }: Segment) {
  const literal = dimensionLiteral(value);
  return {
    table: 'display_segment_counts',
    rollupWhere: `dimension = ${dimensionLiteral(dimension)} AND value = ${literal}`,
    rowWhere: `${rowValueOf(sql, dimension)} = ${literal}`,
  };
}

/** The condition over display rows (of a statement reading `displays` unaliased) that keeps one segment's. */
export const displayRowsIn = (sql: DisplaySql, segment: Segment): string => within(sql, segment).rowWhere;

/** Displays per value of the dimension and outcome; displays without a value left out. */
export function displaysBy(sql: DisplaySql, dimension: string): RangedQuery {
  const value = rowValueOf(sql, dimension);
  return {
    rollup: {
      table: 'display_segment_counts',
      select: `value, outcome, ${sql.integer('sum(n)')} AS n`,
      groupBy: 'value, outcome',
      where: `dimension = ${dimensionLiteral(dimension)}`,
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
