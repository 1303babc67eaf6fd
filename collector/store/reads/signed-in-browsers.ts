// Whom an anonymous answer's browser was signed in as: the site identified the same browser (its anonymous id) in
// another answer or a prompt shown, before or after — a customer who answered signed out, or on a page that does not
// call identify(). Read along two partial indexes on the identified rows' anonymous id (migration 21), so that an
// anonymous visitor's insert pays nothing for it. Said as the browser's, not the answer's: a shared computer is one
// browser, and the newest identity is the one named.
import type { Attributes, Response } from '../../../src/schema/response.js';
import type { BrowserIdentity, ResponseStore, SignedInBrowsers } from '../store.js';

/** The newest identified answer or display of a browser (`visitor`, a placeholder used twice): its user id and body. */
export const newestSignedIn = (visitor: string) =>
  `SELECT user_id AS "userId", body FROM (
     SELECT * FROM (SELECT user_id, body, answered_at AS at FROM responses
                     WHERE anonymous_id = ${visitor} AND user_id IS NOT NULL ORDER BY answered_at DESC LIMIT 1) a
     UNION ALL
     SELECT * FROM (SELECT user_id, body, shown_at AS at FROM displays
                     WHERE anonymous_id = ${visitor} AND user_id IS NOT NULL ORDER BY shown_at DESC LIMIT 1) d
   ) newest ORDER BY at DESC LIMIT 1`;

/** A browser's identity from its newest identified row (a body as each store reads it: PostgreSQL's parsed). */
export function browserIdentity({ userId, body }: { userId: string; body: string | { traits?: Attributes } }): BrowserIdentity {
  const { traits } = typeof body === 'string' ? (JSON.parse(body) as { traits?: Attributes }) : body;
  return { userId, traits: traits ?? null };
}

/** Who gave an answer as a row about it tells: the site's user id (none, or null as a store reads it) and the browser. */
type Answerer = Pick<Response, 'anonymousId'> & { readonly userId?: string | null | undefined };

/** The browsers of the anonymous answers among these, each once: those worth looking up. */
export const anonymousBrowsers = (answerers: readonly Answerer[]): string[] => [
  ...new Set(answerers.flatMap((r) => (r.userId == null ? [r.anonymousId] : []))),
];

/** Whom an answer's browser was signed in as, for an anonymous answer whose browser was identified. */
export const signedInAs = (r: Answerer, browsers: SignedInBrowsers): BrowserIdentity | undefined =>
  r.userId == null ? browsers.get(r.anonymousId) : undefined;

/** A row about an answer, with whom its browser was signed in as when the answer is anonymous and that is known. */
export type WithBrowser<T> = T & { readonly browserSignedInAs?: BrowserIdentity };

/**
 * These rows (the inbox's, the answers', the latest comments), each anonymous answer's with whom its browser was signed
 * in as; `answerer` reads who gave a row's answer.
 */
export async function withBrowsers<T extends object>(
  store: Pick<ResponseStore, 'signedInBrowsers'>,
  rows: readonly T[],
  answerer: (row: T) => Answerer,
): Promise<Array<WithBrowser<T>>> {
  const browsers = await store.signedInBrowsers(anonymousBrowsers(rows.map(answerer)));
  return rows.map((row) => {
    const browser = signedInAs(answerer(row), browsers);
    return browser ? { ...row, browserSignedInAs: browser } : row;
  });
}
