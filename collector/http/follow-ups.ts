// The follow-up inbox over HTTP: `GET /v1/inbox` lists the answers that need someone (read key) — all, those left to
// one person, those waiting past the team's promise, or one customer — and `PATCH /v1/responses/{id}/follow-up`
// records that someone did, or who has the customer (admin key only), telling the webhook targets that asked for it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod/mini';
import { toValidationIssues } from '../../src/schema/issues.js';
import { followUpStatuses, type InboxItem, type ResponseStore } from '../store/store.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.js';
import { overdueBefore } from '../analytics/follow-up-promise.js';
import { parseJson } from '../storable-text.js';
import { withBrowsers, type WithBrowser } from '../store/reads/signed-in-browsers.js';
import { BodyRefused, readBody, sendJson } from './guards/body.js';
import { parseListing, parseSegmentedFilter } from './query.js';

const changeSchema = z.strictObject({
  status: z.enum(followUpStatuses),
  note: z.optional(z.string().check(z.maxLength(2000))),
  by: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** Who the customer is left to: a name, or null for nobody; absent, it stays with whoever had it. */
  assignee: z.optional(
    z.nullable(
      z.string().check(
        z.minLength(1),
        z.maxLength(200),
        // the inbox's `assignee=none` lists the customers nobody has: nobody can be called that
        z.refine((name) => name !== 'none', 'expected a name other than "none", which the inbox reads as nobody'),
      ),
    ),
  ),
});

export const followUpPath = /^\/v1\/responses\/([^/]+)\/follow-up$/;

export async function changeFollowUp(
  req: IncomingMessage,
  res: ServerResponse,
  store: ResponseStore,
  encodedId: string,
  webhooks: WebhookDispatcher | undefined,
): Promise<void> {
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
    body = parseJson(text);
  } catch {
    return sendJson(res, 400, { error: 'invalid JSON', issues: [{ path: 'body', message: 'expected JSON' }] });
  }
  const parsed = changeSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) return sendJson(res, 400, { error: 'invalid follow-up', issues: toValidationIssues('body', parsed.error.issues) });
  const changed = await store.setFollowUp(id, parsed.data, new Date(), webhooks?.planFollowUp);
  if (!changed) return sendJson(res, 404, { error: `no answer with id ${id}` });
  webhooks?.nudge();
  sendJson(res, 200, changed);
}

export async function listInbox(res: ServerResponse, store: ResponseStore, url: URL, promiseHours: number): Promise<void> {
  const { status, limit, order, issues, rest } = parseListing(url.searchParams, followUpStatuses, { fallback: 50, max: 500 });
  // the open customers waiting longer than the team promised (answered before then, and in the range)
  const overdue = rest.get('overdue');
  rest.delete('overdue');
  if (overdue !== null && overdue !== '1') issues.push({ path: 'query.overdue', message: 'expected 1, or nothing' });
  if (overdue === '1' && status && status !== 'open') {
    issues.push({ path: 'query.overdue', message: `lists open follow-ups: it cannot be asked with status=${status}` });
  }
  // whose customers: a name as the follow-ups were left to it, or `none` for those left to nobody (as GitHub's issues)
  const named = rest.get('assignee') ?? undefined;
  rest.delete('assignee');
  if (named !== undefined && (!named || named.length > 200)) {
    issues.push({ path: 'query.assignee', message: 'expected a name of 1 to 200 characters, or none' });
  }
  const assignee = named === 'none' ? null : named;
  // one customer, opened from the answers
  const response = rest.get('response') ?? undefined;
  rest.delete('response');
  if (response !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(response)) {
    issues.push({ path: 'query.response', message: "expected an answer's id (a UUID)" });
  }
  // one segment's customers (a plan, a country): a key account team's own
  const parsed = parseSegmentedFilter(rest, store);
  if ('issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues: [...parsed.issues, ...issues] });
  if (issues.length) return sendJson(res, 400, { error: 'invalid query', issues });
  const { filter } = parsed;
  const due = overdueBefore(promiseHours, new Date()).toISOString();
  const until = overdue && (filter.until === undefined || Date.parse(filter.until) > Date.parse(due)) ? due : filter.until;
  const responseId = response?.toLowerCase();
  const items = await store.inbox({ ...filter, until, status: overdue ? 'open' : status, assignee, responseId, limit, order });
  // an anonymous unhappy customer may be reachable after all: their browser signed in, before or after they answered
  sendJson(res, 200, { items: await withBrowsers(store, items, (item) => item.response) });
}

/** An inbox item as `GET /v1/inbox` lists it: an anonymous answer with who its browser was signed in as, when it was. */
export type ListedInboxItem = WithBrowser<InboxItem>;
