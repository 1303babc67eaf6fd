// Exports of the answers behind any figure, as CSV or JSON, streamed a page at a time with backpressure: memory stays
// flat however many answers match, and the export holds exactly what the drill-down lists for the same filter.
import type { ServerResponse } from 'node:http';
import { csvHeader, toCsvRow } from '../analytics/csv.js';
import { answerReader } from '../analytics/drill-down.js';
import { whileConnected } from './guards/body.js';
import type { AnswerCursor, AnswerFilter, AnswerOrder, AnswerRow, ResponseStore } from '../store/store.js';
import type { TimeZone } from '../time-zone.js';

const pageSize = 1000;

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

export async function streamExport(
  res: ServerResponse,
  store: ResponseStore,
  filter: AnswerFilter,
  order: AnswerOrder,
  format: ExportFormat,
  name = 'cxkit-answers',
): Promise<void> {
  const { type, start, row, end } = formats[format];
  // the first page is read before the headers go out, so that a failing store still gets a proper error answer
  const read = await answerReader(store, filter, order, { signal: whileConnected(res) });
  let page = await read(null, pageSize);
  res.writeHead(200, {
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${name}.${format}"`,
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(start);
  let first = true;
  for (;;) {
    const text = page.answers
      .map((answer) => {
        const line = row(answer, first, store.timeZone);
        first = false;
        return line;
      })
      .join('');
    if (!res.write(text)) await drainedOrClosed(res);
    // SQLite reads hold the event loop, and a socket that takes a page at once says so on nextTick: without a turn of
    // the loop here an export of 200,000 answers kept posts and health checks waiting 3 s, the whole export
    await new Promise((resolve) => setImmediate(resolve));
    if (res.destroyed) return;
    const next: AnswerCursor | null = page.next;
    if (!next) break;
    page = await read(next, pageSize);
  }
  res.end(end);
}
