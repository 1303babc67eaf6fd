// One POST of one batch to the collector, and what its answer means for the answers in it.
import { isRetryableStatus, parseRetryAfter } from './retry.js';

export type SendResult =
  | { readonly outcome: 'delivered'; readonly status: number }
  | { readonly outcome: 'retry'; readonly status?: number; readonly retryAfterMs?: number; readonly error?: string }
  | { readonly outcome: 'rejected'; readonly status: number; readonly reason?: string }
  | { readonly outcome: 'too-large'; readonly status: 413 };

export interface SendOptions {
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** Lets the request outlive the page; such bodies share a 64 KiB budget in flight. */
  readonly keepalive: boolean;
  readonly timeoutMs: number;
}

/** Adds the write key as the `key` query parameter: a header would force a preflight. */
export function deliveryUrl(endpoint: string, writeKey: string | undefined): string {
  const url = new URL(endpoint, globalThis.location?.href);
  if (writeKey) url.searchParams.set('key', writeKey);
  return url.href;
}

export function classify(response: { status: number; headers: { get(name: string): string | null } }, now: number): SendResult {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'delivered', status };
  if (status === 413) return { outcome: 'too-large', status };
  if (!isRetryableStatus(status)) return { outcome: 'rejected', status };
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now);
  return retryAfterMs === undefined ? { outcome: 'retry', status } : { outcome: 'retry', status, retryAfterMs };
}

/** The collector's own words for a refusal (`{"error": "…"}`, as the reference collector answers), when it gave any. */
function withReason(result: Extract<SendResult, { outcome: 'rejected' }>, body: string): SendResult {
  try {
    const error = (JSON.parse(body) as { error?: unknown } | null)?.error;
    return typeof error === 'string' && error ? { ...result, reason: error.slice(0, 300) } : result;
  } catch {
    return result;
  }
}

export async function sendBatch(url: string, body: string, options: SendOptions): Promise<SendResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      // text/plain keeps the request CORS-simple: no preflight, which could not finish during unload
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...options.headers },
      body,
      credentials: 'omit',
      keepalive: options.keepalive,
      signal: controller.signal,
    });
    // read the small body (WebKit frees the keepalive quota only once it has arrived); a refusal may say why
    const text = await response.text().catch(() => '');
    const result = classify(response, Date.now());
    return result.outcome === 'rejected' ? withReason(result, text) : result;
  } catch (error) {
    const reason = controller.signal.aborted
      ? `no answer within ${options.timeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    return { outcome: 'retry', error: reason };
  } finally {
    clearTimeout(timer);
  }
}
