// A person by the path `/v1/people/{userId}` or `/v1/people/anonymous/{anonymousId}`: `GET` (read key) answers an
// identified customer's history, for whoever reaches them; `GET …/export` (read key) everything held about the person,
// for an access request; `DELETE` (admin key) is the collector's half of a right-to-erasure request, erasing the
// person's answers, displays, webhook deliveries and follow-ups and saying what was erased. (The browser's half of an
// erasure is `cx.consent('denied')`.)
import type { ServerResponse } from 'node:http';
import type { Person, ResponseStore } from '../store/store.js';
import { sendJson } from './guards/body.js';
import { parseLimit } from './query.js';

export const personPath = /^\/v1\/people\/(?:(anonymous)\/)?([^/]+)$/;
export const personExportPath = /^\/v1\/people\/(?:(anonymous)\/)?([^/]+)\/export$/;

/** The person the path names, or why it names none. */
function personIn(match: RegExpExecArray): Person | { readonly error: string } {
  let id: string;
  try {
    id = decodeURIComponent(match[2]!);
  } catch {
    return { error: 'the id in the path is not valid percent-encoding' };
  }
  if (!id || id.length > 200) return { error: 'expected an id of 1 to 200 characters' };
  // none is stored with one (a NUL arrives as U+FFFD), and PostgreSQL cannot compare text that holds one
  if (id.includes('\0')) return { error: 'expected an id without NUL characters' };
  return match[1] ? { anonymousId: id } : { userId: id };
}

export async function erasePerson(res: ServerResponse, store: ResponseStore, match: RegExpExecArray): Promise<void> {
  const person = personIn(match);
  if ('error' in person) return sendJson(res, 400, person);
  sendJson(res, 200, { erased: await store.erase(person) });
}

/** A history is read by user id: an anonymous visitor's answers are not indexed by their id, and a browser is not a customer. */
export async function showCustomer(
  res: ServerResponse,
  store: ResponseStore,
  match: RegExpExecArray,
  query: URLSearchParams,
): Promise<void> {
  const person = personIn(match);
  if ('error' in person) return sendJson(res, 400, person);
  if (!('userId' in person)) {
    return sendJson(res, 404, { error: 'a history is kept for identified customers: GET /v1/people/{userId}' });
  }
  const { limit, issues } = parseLimit(query, { fallback: 100, max: 500 });
  if (issues.length) return sendJson(res, 400, { error: 'invalid query', issues });
  sendJson(res, 200, await store.customer(person.userId, limit));
}

/** What an erasure would erase, as one JSON file: the answer to an access request (GDPR article 15, say). */
export async function exportPerson(res: ServerResponse, store: ResponseStore, match: RegExpExecArray): Promise<void> {
  const person = personIn(match);
  if ('error' in person) return sendJson(res, 400, person);
  const exportedAt = new Date().toISOString();
  sendJson(
    res,
    200,
    { person, exportedAt, ...(await store.personData(person)) },
    {
      'Content-Disposition': 'attachment; filename="cxkit-person.json"',
    },
  );
}
