// The CSV export, streamed a page of rows at a time with backpressure: memory stays flat however many answers match.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { csvHeader, toCsvRow } from '../analytics/csv.js';
import type { PageCursor, ResponseFilter, ResponseStore } from '../store/store.js';

const pageSize = 1000;

export async function streamCsv(res: ServerResponse, store: ResponseStore, filter: ResponseFilter): Promise<void> {
  // the first page is read before the headers go out, so that a failing store still gets a proper error answer
  let page = await store.page(filter, null, pageSize);
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': 'attachment; filename="cxkit-responses.csv"',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(csvHeader);
  for (;;) {
    const text = page.responses.map((r) => `${toCsvRow(r)}\r\n`).join('');
    if (!res.write(text)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    if (res.destroyed) return;
    const next: PageCursor | null = page.next;
    if (!next) break;
    page = await store.page(filter, next, pageSize);
  }
  res.end();
}
