// The follow-up inbox over HTTP: `GET /v1/inbox` lists the answers that need someone (read key), and
// `PATCH /v1/responses/{id}/follow-up` records that someone did (admin key only).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod/mini';
import { toValidationIssues } from '../../src/schema/issues.js';
import { followUpStatuses, type ResponseStore } from '../store/store.js';
import { BodyRefused, readBody, sendJson } from './body.js';
import { parseFilter } from './query.js';

const changeSchema = z.strictObject({
  status: z.enum(followUpStatuses),
  note: z.optional(z.string().check(z.maxLength(2000))),
  by: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export const followUpPath = /^\/v1\/responses\/([^/]+)\/follow-up$/;

export async function changeFollowUp(req: IncomingMessage, res: ServerResponse, store: ResponseStore, encodedId: string): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    return sendJson(res, 400, { error: 'the id in the path is not valid percent-encoding' });
  }
  let text: string;
  try {
    text = await readBody(req, 16 * 1024, 10_000);
  } catch (error) {
    if (error instanceof BodyRefused && error.reason === 'aborted') return void req.destroy();
    return sendJson(res, 413, { error: 'body larger than 16384 bytes or too slow' });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sendJson(res, 400, { error: 'invalid JSON', issues: [{ path: 'body', message: 'expected JSON' }] });
  }
  const parsed = changeSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return sendJson(res, 400, { error: 'invalid follow-up', issues: toValidationIssues('body', parsed.error.issues) });
  const changed = await store.setFollowUp(id, parsed.data, new Date());
  if (!changed) return sendJson(res, 404, { error: `no answer with id ${id}` });
  sendJson(res, 200, changed);
}

export async function listInbox(res: ServerResponse, store: ResponseStore, url: URL): Promise<void> {
  const params = new URLSearchParams(url.searchParams);
  const status = params.get('status') ?? undefined;
  const limit = Number(params.get('limit') ?? 50);
  params.delete('status');
  params.delete('limit');
  const parsed = parseFilter(params);
  const issues = [
    ...('issues' in parsed ? parsed.issues : []),
    ...(status !== undefined && !(followUpStatuses as readonly string[]).includes(status)
      ? [{ path: 'query.status', message: `expected one of ${followUpStatuses.join(', ')}, got ${status}` }]
      : []),
    ...(!Number.isInteger(limit) || limit < 1 || limit > 500
      ? [{ path: 'query.limit', message: 'expected a whole number from 1 to 500' }]
      : []),
  ];
  if (issues.length || 'issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues });
  const items = await store.inbox({ ...parsed.filter, status: status as (typeof followUpStatuses)[number] | undefined, limit });
  sendJson(res, 200, { items });
}
