// Which browser origins may post: the collector's own public origin(s) as same-origin, and the configured sites by CORS.
// Same-origin is decided by configuration, never by the Host header, which any client can set.
import type { IncomingMessage } from 'node:http';

/** CORS headers for an allowed request ({} when it needs none), or null for an origin that may not post. */
export type OriginPolicy = (req: IncomingMessage) => Record<string, string> | null;

export function originPolicy(allowed: readonly string[], publicOrigins: readonly string[]): OriginPolicy {
  const own = new Set(publicOrigins.map((origin) => new URL(origin).origin));
  return (req) => {
    const origin = req.headers.origin;
    if (!origin || own.has(origin)) return {};
    if (!allowed.includes('*') && !allowed.includes(origin)) return null;
    // Retry-After is not readable cross-origin unless exposed, and the SDK honours it when it can read it
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' };
  };
}
