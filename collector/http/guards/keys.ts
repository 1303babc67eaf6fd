// Which key a request presents, and whether it is the one configured: compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function keyMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The key of a request: `?key=`, `X-Cxkit-Key`, or `Authorization: Bearer …`. */
export const presentedKey = (req: IncomingMessage, url: URL): string | undefined =>
  url.searchParams.get('key') ??
  (req.headers['x-cxkit-key'] as string | undefined) ??
  req.headers.authorization?.replace(/^Bearer\s+/i, '');
