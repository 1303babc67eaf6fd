// `cxkit-collector copy --from <file|url> --to <file|url>`: moves a collector's data to another store (from the
// embedded SQLite file to PostgreSQL when one process is no longer enough, or back), every answer, display, follow-up
// and webhook delivery with the times and history it was stored with, and what a PostgreSQL store kept aside. Run
// again, it copies what is new since and leaves what is there: a first pass while the old collector still runs, a last
// one after it has stopped.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isUrl, openStore, redactDatabase } from './store/open.js';
import { copiedTables, type CopiedValue } from './store/schema/copied-tables.js';
import { segmentTraitsOf } from './store/ingest/segments.js';
import type { ResponseStore, StoreOptions } from './store/store.js';

const copyUsage = `Usage: cxkit-collector copy --from <url|file> --to <url|file>
  Copies every answer, display, follow-up (with its history), webhook delivery and quarantined answer from one store
  to another: a SQLite file or a postgres:// URL each. What the target already has stays; run it again to copy what is
  new since.
  --from <url|file>        the store to copy from (left as it is)
  --to <url|file>          the store to copy into (created or brought up to date first)
  -h, --help               this text`;

/** How many rows of one table a copy read, and how many it stored (the others were there already). */
interface CopiedCount {
  readonly table: string;
  readonly read: number;
  readonly stored: number;
}

/** Rows read and stored at a time, each page in one transaction of the target. */
const pageSize = 1000;

/** Copies every table, a page of rows at a time; `progress` after each page. */
async function copyStore(from: ResponseStore, to: ResponseStore, progress: (count: CopiedCount) => void): Promise<CopiedCount[]> {
  const counts: CopiedCount[] = [];
  for (const table of copiedTables) {
    let count = { table: table.name, read: 0, stored: 0 };
    for (let after: CopiedValue = null; ;) {
      const rows = await from.copiedRows(table, after, pageSize);
      if (!rows.length) break;
      count = { ...count, read: count.read + rows.length, stored: count.stored + (await to.storeCopiedRows(table, rows)) };
      progress(count);
      after = rows.at(-1)![table.key]!;
    }
    counts.push(count);
  }
  return counts;
}

/** The same database named twice (a file by two paths, a URL twice): copying a store onto itself is refused. */
const sameDatabase = (a: string, b: string) => (isUrl(a) || isUrl(b) ? a === b : resolve(a) === resolve(b));

export async function copyCommand(argv: readonly string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    }));
  } catch (error) {
    return fail(`copy: ${(error as Error).message}`);
  }
  if (values.help) return console.log(copyUsage);
  const { from, to } = values;
  if (!from || !to) return fail(`copy: ${!from ? '--from' : '--to'} is missing: name a SQLite file or a postgres:// URL`);
  if (sameDatabase(from, to)) return fail(`copy: --from and --to are the same database (${redactDatabase(from)})`);
  const opened: ResponseStore[] = [];
  const open = async (option: string, database: string, options: StoreOptions) => {
    try {
      const store = await openStore(database, { asStored: true, ...options });
      opened.push(store);
      return store;
    } catch (error) {
      throw new Error(`${option}: could not open ${redactDatabase(database)}: ${(error as Error).message}`);
    }
  };
  try {
    const source = await open('--from', from, { existing: true });
    // a new target segments by the source's traits and counts days in its zone, as its collector is then likely started
    const traits = segmentTraitsOf(source.segmentDimensions);
    const target = await open('--to', to, { segmentTraits: traits, timeZone: source.timeZone.name });
    console.error(`cxkit-collector copy: from ${redactDatabase(from)} to ${redactDatabase(to)}`);
    let shown = Date.now();
    const counts = await copyStore(source, target, (count) => {
      if (Date.now() - shown < 2000) return;
      shown = Date.now();
      console.error(`cxkit-collector copy: ${count.table}: ${count.read.toLocaleString('en')} read so far`);
    });
    for (const { table, read, stored } of counts) {
      const there = read - stored;
      console.log(
        `${table}: ${stored.toLocaleString('en')} copied${there ? `, ${there.toLocaleString('en')} already there or newer there` : ''}`,
      );
    }
  } catch (error) {
    const message = (error as Error).message;
    return fail(opened.length < 2 ? `copy: ${message}` : `copy stopped: ${message} (what was copied stays; run it again to go on)`, false);
  } finally {
    await Promise.all(opened.map((store) => store.close()));
  }
}

function fail(message: string, showUsage = true): void {
  console.error(`cxkit-collector: ${message}${showUsage ? `\n\n${copyUsage}` : ''}`);
  process.exitCode = 2;
}
