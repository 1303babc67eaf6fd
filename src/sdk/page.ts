// The page an answer was given on, without the query string and hash unless asked: they often carry personal data.
import type { Response } from '../schema/response.js';

export function currentPage(fullUrl: boolean): Response['page'] {
  const location = globalThis.location;
  if (!location) return { url: '' };
  const url = fullUrl ? location.href : `${location.origin}${location.pathname}`;
  const title = globalThis.document?.title;
  return title ? { url: url.slice(0, 2048), title: title.slice(0, 500) } : { url: url.slice(0, 2048) };
}
