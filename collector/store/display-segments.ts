// Displays counted by a segment they carry — the device they were shown on, the page's path — as both stores ask it:
// whole days from that dimension's rollup, the partial days at the edges from the display rows' own value.
import type { RangedQuery } from './day-range.js';
import { dimensionLiteral, type DisplayDimension } from './segments.js';
import type { DisplaySegment } from './store.js';

/** What differs between the stores' SQL. */
export interface DisplaySql {
  /** A dimension's value in a display row: the device from the JSON body, the path from its column. */
  readonly rowValue: Readonly<Record<DisplayDimension, string>>;
  /** An aggregate as a number (PostgreSQL answers a bigint as text). */
  readonly integer: (aggregate: string) => string;
}

/** Each dimension's rollup and its column there ('' for displays without a value). */
const rollups: Readonly<Record<DisplayDimension, { readonly table: string; readonly column: string }>> = {
  device: { table: 'display_device_counts', column: 'device' },
  path: { table: 'display_path_counts', column: 'path' },
};

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
  const { table, column } = rollups[segment.dimension];
  const select = `touchpoint, kind, outcome, ${sql.integer('sum(n)')} AS n`;
  return {
    rollup: { table, select, groupBy: 'touchpoint, kind, outcome', where: `${column} = ${dimensionLiteral(segment.value)}` },
    rows: {
      table: 'displays',
      time: 'shown_at',
      select: `touchpoint, kind, outcome, ${sql.integer('count(*)')} AS n`,
      groupBy: 'touchpoint, kind, outcome',
      where: `${sql.rowValue[segment.dimension]} = ${dimensionLiteral(segment.value)}`,
    },
  };
}
