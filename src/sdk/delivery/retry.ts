// When to try again: exponential backoff with full jitter, and the server's Retry-After.

export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Delay before attempt `attempt + 1` after `attempt` failures: uniform in [0, min(cap, base·2^(attempt-1))].
 * Full jitter spreads a crowd of clients that failed together (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
export function backoffDelay(attempt: number, { baseDelayMs, maxDelayMs }: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), or undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Statuses worth retrying: timeouts, "too early", rate limits and server errors; other 4xx will fail again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
