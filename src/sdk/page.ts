// The page an answer was given on, without the query string and hash unless asked: they often carry personal data.
// A hash router's route (`/#/checkout/done`) is the page's path there, and is kept.
import type { Response } from '../schema/response.js';
import { cutText } from './cut-text.js';

/**
 * The page's path as URL rules and answers see it: `location.pathname`, and after it a hash router's route (a hash
 * starting `#/` or `#!/`, as Angular's, Vue's and React's hash routers write them) without its query. Any other hash
 * is a place in the page (`#reviews`), not a page of its own.
 */
export const pagePath = (): string => location.pathname + hashRoute(location.hash);

/** A hash router's route in `hash` (`#/cart?coupon=X` → `#/cart`), or '' when the hash is a place in the page. */
export const hashRoute = (hash: string): string => (/^#!?\//.test(hash) ? hash.replace(/\?.*/, '') : '');

export function currentPage(fullUrl: boolean): Response['page'] {
  const location = globalThis.location;
  if (!location) return { url: '' };
  const url = fullUrl ? location.href : location.origin + pagePath();
  const title = globalThis.document?.title;
  return title ? { url: url.slice(0, 2048), title: cutText(title, 500) } : { url: url.slice(0, 2048) };
}
