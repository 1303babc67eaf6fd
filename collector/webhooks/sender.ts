// One attempt at one webhook delivery: a POST with the Standard Webhooks headers, a deadline, and (unless private
// targets are allowed) a connection that refuses internal addresses whatever DNS answers.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseRetryAfter } from '../../src/sdk/delivery/retry.js';
import { guardedLookup } from './address-guard.js';

export interface AttemptOutcome {
  /** The HTTP status, or null when no answer came (refused, timed out, unreachable). */
  readonly status: number | null;
  readonly error?: string;
  /** How long a 429 or 503 asked the sender to wait (its Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
}

export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': 'cxkit-collector',
          ...headers,
        },
        timeout: options.timeoutMs,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        // the body is not needed, but reading it lets the socket be reused
        res.resume();
        const status = res.statusCode ?? 0;
        const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after'] ?? null, Date.now()) : undefined;
        const outcome = retryAfterMs === undefined ? { status } : { status, retryAfterMs };
        res.on('end', () => resolve(outcome));
        res.on('error', () => resolve(outcome));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) => resolve({ status: null, error: error.message }));
    req.end(body);
  });
}
