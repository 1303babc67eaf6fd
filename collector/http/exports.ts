// Exports of the answers behind any figure, as CSV or JSON, and of who did not answer, as CSV, streamed a page at a time
// with backpressure: memory stays flat however many match, and the export of answers holds exactly what the drill-down
// lists for the same filter.
import type { ServerResponse } from 'node:http';
import { csvHeader, toCsvRow, unansweredCsvHeader, unansweredCsvRow } from '../analytics/csv.js';
import { answerReader } from '../analytics/drill-down.js';
import { whileConnected } from './guards/body.js';
import type {
  AnswerCursor,
  AnswerFilter,
  AnswerOrder,
  AnswerRow,
  ResponseFilter,
  ResponseStore,
  UnansweredCursor,
  UnansweredPerson,
} from '../store/store.js';
import type { TimeZone } from '../time-zone.js';

const pageSize = 1000;
/** Each page of the unanswered reads the range's displays and answers again: pages as long as memory allows. */
const unansweredPageSize = 5000;

export type ExportFormat = 'csv' | 'json';

/**
 * A UTF-8 byte order mark before the header: Excel, which a CX team opens the download with, reads a CSV without one in
 * the machine's legacy code page (Windows-1252 and the like), and every accent and non-Latin comment comes out garbled.
 * Spreadsheets, browsers' decoders and pandas skip it; Python's csv module wants `encoding='utf-8-sig'`.
 */
const byteOrderMark = '\uFEFF';

interface Format {
  readonly type: string;
  readonly start: string;
  /** One answer; `zone` the collector's time zone, which a spreadsheet's times are written in. */
  readonly row: (row: AnswerRow, first: boolean, zone: TimeZone) => string;
  readonly end: string;
}

const formats: Record<ExportFormat, Format> = {
  csv: {
    type: 'text/csv',
    start: byteOrderMark + csvHeader,
    row: (row, _, zone) => `${toCsvRow(row.response, row.followUp?.status ?? null, zone, row.followUp?.assignee ?? null)}\r\n`,
    end: '',
  },
  json: { type: 'application/json', start: '[', row: (row, first) => `${first ? '\n' : ',\n'}${JSON.stringify(row)}`, end: '\n]\n' },
};

/** Resolves once the response can take more, or has closed; leaves no listener behind (one a page piled up). */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      res.off('drain', go).off('close', go);
      resolve();
    };
    res.on('drain', go).on('close', go);
  });
}

/** A page of what a file holds, and where the next starts (null after the last). */
interface Page<Item, Cursor> {
  readonly items: readonly Item[];
  readonly next: Cursor | null;
}

/** A download: its media type and name, what comes before the first item and after the last, and how an item reads. */
interface File<Item> {
  readonly type: string;
  readonly name: string;
  readonly start: string;
  readonly row: (item: Item, first: boolean) => string;
  readonly end: string;
}

/** Writes `file`'s items a page at a time as `read` gives them, waiting while the client is slower than the reads. */
async function streamPages<Item, Cursor>(
  res: ServerResponse,
  file: File<Item>,
  read: (after: Cursor | null) => Promise<Page<Item, Cursor>>,
): Promise<void> {
  // the first page is read before the headers go out, so that a failing store still gets a proper error answer
  let page = await read(null);
  res.writeHead(200, {
    'Content-Type': `${file.type}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${file.name}"`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(file.start);
  let first = true;
  for (;;) {
    const text = page.items
      .map((item) => {
        const line = file.row(item, first);
        first = false;
        return line;
      })
      .join('');
    if (!res.write(text)) await drainedOrClosed(res);
    // SQLite reads hold the event loop, and a socket that takes a page at once says so on nextTick: without a turn of
    // the loop here an export of 200,000 answers kept posts and health checks waiting 3 s, the whole export
    await new Promise((resolve) => setImmediate(resolve));
    if (res.destroyed) return;
    if (!page.next) break;
    page = await read(page.next);
  }
  res.end(file.end);
}

/** The answers `filter` selects, in `order`, as a CSV or JSON download. */
export async function streamExport(
  res: ServerResponse,
  store: ResponseStore,
  filter: AnswerFilter,
  order: AnswerOrder,
  format: ExportFormat,
  name = 'cxkit-answers',
): Promise<void> {
  const { type, start, row, end } = formats[format];
  const reader = await answerReader(store, filter, order, { signal: whileConnected(res) });
  const file: File<AnswerRow> = { type, name: `${name}.${format}`, start, row: (item, first) => row(item, first, store.timeZone), end };
  return streamPages(res, file, async (after: AnswerCursor | null) => {
    const page = await reader(after, pageSize);
    return { items: page.answers, next: page.next };
  });
}

/** Who was asked and did not answer in `filter`'s range, all of them up to `limit`, as a CSV download. */
export async function streamUnanswered(res: ServerResponse, store: ResponseStore, filter: ResponseFilter, limit: number): Promise<void> {
  let left = limit;
  const file: File<UnansweredPerson> = {
    type: 'text/csv',
    name: 'cxkit-unanswered.csv',
    start: byteOrderMark + unansweredCsvHeader,
    row: (person) => unansweredCsvRow(person, store.timeZone),
    end: '',
  };
  return streamPages(res, file, async (after: UnansweredCursor | null) => {
    const list = await store.unanswered(filter, Math.min(unansweredPageSize, left), after);
    left -= list.people.length;
    return { items: list.people, next: left > 0 ? list.next : null };
  });
}
