// What in a customer's comment reaches them — e-mail addresses, and numbers long enough to be a phone, card, account or
// order number — taken out when their answer is anonymised (`--anonymise-days`); the words around them stay, for the
// themes and for whoever reads them.
import { maxCommentLength } from '../../../src/schema/response.js';
import { cutText } from '../../../src/sdk/cut-text.js';

/** What an e-mail address in an anonymised comment becomes. */
export const removedAddress = '[e-mail removed]';
/** What a phone, card, account or order number in an anonymised comment becomes. */
export const removedNumber = '[number removed]';

/** From the start of a run of the characters an address's name may have: a 5,000-letter comment is read once, not once a letter. */
const eMailAddress = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * Digits in groups, in any script's digits: `+44 20 7946 0958`, `4111-1111-1111-1111`, `(555) 123.4567`, `A-1001234`'s
 * number; a single space may part two groups.
 */
const digitGroups = /\+?\(?\p{Nd}(?:[\p{Nd}()./-]|\s(?=\(?\p{Nd}))*\p{Nd}\)?/gu;
/** Fewer digits than a phone number's local part: a price, a quantity, a year, a time. */
const minDigits = 7;
/** A date in digits (`2026-12-01`, `01.12.2026`, `12/1/2026`): what happened when, not whom to reach. */
const date = /^(?:\p{Nd}{4}-\p{Nd}{1,2}-\p{Nd}{1,2}|\p{Nd}{1,2}[./-]\p{Nd}{1,2}[./-]\p{Nd}{2,4})$/u;

/** The comment with its e-mail addresses and long numbers replaced by what they were, no longer than a comment may be. */
export function withoutContactDetails(comment: string): string {
  const stripped = comment
    .replace(eMailAddress, removedAddress)
    .replace(digitGroups, (found) => ((found.match(/\p{Nd}/gu) ?? []).length >= minDigits && !date.test(found) ? removedNumber : found));
  // an address as short as `a@b.co` grows as it is replaced
  return cutText(stripped, maxCommentLength);
}
