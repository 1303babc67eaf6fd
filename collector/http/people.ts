// The collector's half of a right-to-erasure request: `DELETE /v1/people/{userId}` and
// `DELETE /v1/people/anonymous/{anonymousId}` (admin key) erase a person's answers, displays, webhook deliveries and
// follow-ups, and say what was erased. (The browser's half is `cx.consent('denied')`.)
import type { ServerResponse } from 'node:http';
import type { Person, ResponseStore } from '../store/store.js';
import { sendJson } from './guards/body.js';

export const personPath = /^\/v1\/people\/(?:(anonymous)\/)?([^/]+)$/;

export async function erasePerson(res: ServerResponse, store: ResponseStore, match: RegExpExecArray): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(match[2]!);
  } catch {
    return sendJson(res, 400, { error: 'the id in the path is not valid percent-encoding' });
  }
  if (!id || id.length > 200) return sendJson(res, 400, { error: 'expected an id of 1 to 200 characters' });
  // none is stored with one (a NUL arrives as U+FFFD), and PostgreSQL cannot compare text that holds one
  if (id.includes('\0')) return sendJson(res, 400, { error: 'expected an id without NUL characters' });
  const person: Person = match[1] ? { anonymousId: id } : { userId: id };
  sendJson(res, 200, { erased: await store.erase(person) });
}
