// The collector as a node:http request handler (contract section 7): accepts batches, dedupes by id, answers the
// summary, the CSV export, the dashboard's report and the dashboard itself. Usable from node:http, Express, Fastify, Hono.
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchSchema } from '../src/schema/batch.js';
import { toValidationIssues } from '../src/schema/issues.js';
import { toCsv } from './csv.js';
import { BodyTooLarge, readBody, sendJson, sendJsonAndClose } from './http.js';
import { parseFilter } from './query.js';
import { buildReport, withIntervals } from './report.js';
import type { ResponseStore } from './storage.js';

export interface CollectorOptions {
  readonly store: ResponseStore;
  /** Origins allowed to post from browsers (CORS), e.g. `https://shop.example`; `*` allows any. Same-origin posts always work. Default none. */
  readonly origins?: readonly string[];
  /** When set, posts must carry it as the `key` query parameter (or an `X-Cxkit-Key` header). */
  readonly writeKey?: string | undefined;
  /** When set, the summary, CSV, report and dashboard need it as `key` (or `Authorization: Bearer …`). */
  readonly readKey?: string | undefined;
  /** Largest request body read, in bytes. Default 128 KiB (the SDK sends at most 60 KiB). */
  readonly maxBodyBytes?: number;
  /** Folder of the built dashboard. Default `dist/dashboard` beside the built collector. */
  readonly dashboardDir?: string;
}

export type CollectorHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

function keyMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Creates the handler; it resolves false for requests that are not the collector's, so that another handler can take them. */
export function createCollectorHandler(options: CollectorOptions): CollectorHandler {
  const { store } = options;
  const origins = options.origins ?? [];
  const maxBodyBytes = options.maxBodyBytes ?? 128 * 1024;
  const dashboardDir = options.dashboardDir ?? fileURLToPath(new URL('../dashboard/', import.meta.url));

  /** CORS headers for an allowed cross-origin request, null for a refused one, {} when there is no Origin. */
  function cors(req: IncomingMessage): Record<string, string> | null {
    const origin = req.headers.origin;
    if (!origin || origin === `http://${req.headers.host}` || origin === `https://${req.headers.host}`) return {};
    if (!origins.includes('*') && !origins.includes(origin)) return null;
    // Retry-After is not readable cross-origin unless exposed, and the SDK honours it when it can read it
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' };
  }

  function readAllowed(req: IncomingMessage, url: URL): boolean {
    if (!options.readKey) return true;
    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    return keyMatches(options.readKey, url.searchParams.get('key') ?? bearer);
  }

  async function acceptBatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const corsHeaders = cors(req);
    if (corsHeaders === null) return sendJsonAndClose(req, res, 403, { error: `origin ${req.headers.origin} is not allowed` });
    if (
      options.writeKey &&
      !keyMatches(options.writeKey, url.searchParams.get('key') ?? (req.headers['x-cxkit-key'] as string | undefined))
    ) {
      return sendJsonAndClose(req, res, 401, { error: 'missing or wrong write key' }, corsHeaders);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json' && type !== 'text/plain') {
      return sendJsonAndClose(req, res, 415, { error: 'expected Content-Type application/json or text/plain' }, corsHeaders);
    }
    let text: string;
    try {
      text = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        return sendJsonAndClose(req, res, 413, { error: `body larger than ${maxBodyBytes} bytes` }, corsHeaders);
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON', issues: [{ path: 'body', message: 'expected JSON' }] }, corsHeaders);
    }
    const parsed = batchSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      // all or nothing: one bad response refuses the batch, so that a client never has half a batch stored
      const issues = toValidationIssues('body', parsed.error.issues);
      return sendJson(res, 400, { error: 'invalid batch', issues }, corsHeaders);
    }
    const result = await store.insert(parsed.data.responses, new Date());
    sendJson(res, 202, result, corsHeaders);
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const corsHeaders = cors(req);
    if (!corsHeaders || !corsHeaders['Access-Control-Allow-Origin']) return void res.writeHead(403).end();
    res
      .writeHead(204, {
        ...corsHeaders,
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
        'Access-Control-Max-Age': '86400',
      })
      .end();
  }

  async function read(res: ServerResponse, url: URL, answer: 'summary' | 'csv' | 'report'): Promise<void> {
    const parsed = parseFilter(url.searchParams);
    if ('issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues: parsed.issues });
    const responses = await store.query(parsed.filter);
    if (answer === 'summary') return sendJson(res, 200, withIntervals(responses));
    if (answer === 'report') return sendJson(res, 200, buildReport(responses, await store.touchpoints()));
    const csv = toCsv(responses);
    res
      .writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="cxkit-responses.csv"',
        'Content-Length': Buffer.byteLength(csv),
      })
      .end(csv);
  }

  async function dashboard(res: ServerResponse, path: string): Promise<void> {
    const file = normalize(
      join(dashboardDir, path === '/dashboard' || path === '/dashboard/' ? 'index.html' : path.slice('/dashboard/'.length)),
    );
    if (!file.startsWith(normalize(dashboardDir))) return void res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res
        .writeHead(404, { 'Content-Type': 'text/plain' })
        .end(path === '/dashboard' ? 'dashboard not built: run npm run build' : 'not found');
    }
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const path = url.pathname;
    if (path === '/v1/responses') {
      if (req.method === 'POST') await acceptBatch(req, res, url);
      else if (req.method === 'OPTIONS') preflight(req, res);
      else sendJson(res, 405, { error: 'use POST' }, { Allow: 'POST, OPTIONS' });
      return true;
    }
    const reads = { '/v1/summary': 'summary', '/v1/responses.csv': 'csv', '/v1/report': 'report' } as const;
    const isRead = path in reads;
    if (!isRead && path !== '/dashboard' && !path.startsWith('/dashboard/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return (sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' }), true);
    // the dashboard page itself is public; the data it reads needs the key
    if (isRead && !readAllowed(req, url)) return (sendJson(res, 401, { error: 'missing or wrong read key' }), true);
    if (isRead) await read(res, url, reads[path as keyof typeof reads]);
    else await dashboard(res, path);
    return true;
  };
}
