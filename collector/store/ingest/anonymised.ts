// What an answer and a display keep once they are anonymised (`--anonymise-days`): everything the figures count —
// score, touchpoint, stage, device, locale, new or returning visitor, the page's path, the segment traits, the comment —
// and nothing that points at a person: no user id, visitor id, other traits, metadata (an order number finds the
// customer), page title, query and record ids in the page's address, or e-mail address or long number in the comment.
import type { Display } from '../../../src/schema/display.js';
import type { Response } from '../../../src/schema/response.js';
import { withoutContactDetails } from './contact-details.js';
import { pagePath } from './segments.js';

/** The visitor id an anonymised answer or display says it has, in its body. */
export const anonymisedVisitor = 'anonymised';
/**
 * The same in the `anonymous_id` column: a value no client can send (ids are 1–100 characters), so that no erasure of
 * a visitor's id matches the anonymised rows, and reads can tell them.
 */
export const anonymisedColumn = '';

/** The settings row holding where anonymising a table has got to: the time and id of the last row it took. */
export const anonymisedThrough = (table: 'responses' | 'displays') => `anonymised_${table}_through`;

/** Where anonymising each table has got to, as its settings row holds it (`[time, id]` in JSON), when it has begun. */
export interface SweptThrough {
  readonly responses?: string | undefined;
  readonly displays?: string | undefined;
}

/**
 * The instant before which a row arriving now is behind where anonymising `stored` (a settings row's value) got to:
 * the sweep walks on from there and never comes back for it, so it is anonymised as it is stored — by every instance
 * on the database, whether it was started with `--anonymise-days` or not.
 */
export function behindSweep(stored: string | undefined): Date | undefined {
  if (stored === undefined) return undefined;
  const [at] = JSON.parse(stored) as [string, string];
  // a row of the same millisecond as the last one taken may sort before it, by id
  return new Date(Date.parse(at) + 1);
}

/** The page as its path segment holds it, on its origin: `https://shop.example/orders/:id`. */
function anonymisedPage(url: string): { url: string } {
  let origin = '';
  try {
    origin = new URL(url).origin;
  } catch {
    // a relative or unreadable address: its path alone
  }
  return { url: `${origin === 'null' ? '' : origin}${pagePath(url)}` };
}

export function anonymisedResponse(response: Response, segmentTraits: readonly string[]): Response {
  const { userId, traits, metadata, page, anonymousId, comment, ...kept } = response;
  const segmentValues = Object.entries(traits ?? {}).filter(([name]) => segmentTraits.includes(name));
  return {
    ...kept,
    ...(comment !== undefined && { comment: withoutContactDetails(comment) }),
    page: anonymisedPage(page.url),
    anonymousId: anonymisedVisitor,
    ...(segmentValues.length ? { traits: Object.fromEntries(segmentValues) } : {}),
  };
}

export function anonymisedDisplay(display: Display): Display {
  const { userId, page, anonymousId, ...kept } = display;
  return { ...kept, page: anonymisedPage(page.url), anonymousId: anonymisedVisitor };
}
