// One POST of one batch to the collector, and what its answer means for the answers in it.
import { isRetryableStatus, parseRetryAfter } from './retry.js';

export type SendResult =
  | { readonly outcome: 'delivered'; readonly status: number }
  | { readonly outcome: 'retry'; readonly status?: number; readonly retryAfterMs?: number; readonly error?: string }
  /** `reason` is what the event and the rejected store say: "collector answered 404: …" */
  | { readonly outcome: 'rejected'; readonly status: number; readonly reason: string }
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
  if (!isRetryableStatus(status)) return { outcome: 'rejected', status, reason: `collector answered ${status}` };
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now);
  return retryAfterMs === undefined ? { outcome: 'retry', status } : { outcome: 'retry', status, retryAfterMs };
}

/** The collector's own words for a refusal (`{"error": "…"}`, as the reference collector answers), when it gave any. */
function withReason(result: Extract<SendResult, { outcome: 'rejected' }>, body: string): SendResult {
  try {
    const error = (JSON.parse(body) as { error?: unknown } | null)?.error;
    return typeof error === 'string' && error ? { ...result, reason: `${result.reason}: ${error.slice(0, 300)}` } : result;
  } catch {
    return result;
  }
}

/** Whether a body is a collector's receipt for a batch, as the reference collector gives: `{"accepted": n, …}`. */
function acknowledges(body: string): boolean {
  try {
    return typeof (JSON.parse(body) as { accepted?: unknown } | null)?.accepted === 'number';
  } catch {
    return false;
  }
}

/**
 * A redirect was followed, and the 2xx at its end is no receipt: a 301, 302 or 303 turned the POST into a GET (fetch
 * cannot tell which status it followed), so the answers most likely never reached a collector. Refused rather than
 * retried: the same request would take the same road; the answers wait in the rejected store.
 */
function redirectedAway(response: globalThis.Response): SendResult {
  return {
    outcome: 'rejected',
    status: response.status,
    reason: `the endpoint redirected to ${response.url}, which did not acknowledge the answers (a 301, 302 or 303 redirect turns the POST into a GET): set the endpoint to the collector's own URL`,
  };
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
    if (result.outcome === 'delivered' && response.redirected && !acknowledges(text)) return redirectedAway(response);
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
