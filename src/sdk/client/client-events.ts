// The events a client emits through `cx.on(event, listener)`, with their payloads.
import type { PromptKind, Response } from '../../schema/response.js';
import type { ExpiryReason } from '../outbox/outbox.js';

export interface ClientEventMap {
  /** An answer is durably stored (or held in memory when degraded) and waits for delivery. */
  queued: { readonly response: Response };
  /** The collector accepted these answers (2xx). */
  sent: { readonly responses: readonly Response[]; readonly status: number };
  /** A request failed in a way worth retrying; the answers are kept and tried again after `delayMs`. */
  retry: {
    readonly responses: readonly Response[];
    readonly attempt: number;
    readonly delayMs: number;
    readonly status?: number;
    readonly error?: string;
  };
  /** The collector refused these for good (4xx), or a stored record no longer validates; kept in the rejected store. */
  rejected: { readonly responses: readonly unknown[]; readonly status: number; readonly reason: string };
  /** Answers dropped undelivered: too old, too many attempts, outbox full, or disk full. */
  expired: { readonly responses: readonly Response[]; readonly reason: ExpiryReason };
  /** Storage failed; answers are kept in memory for this page only. Emitted once. */
  degraded: { readonly reason: string };
  /** A prompt was shown to the customer. */
  shown: { readonly touchpoint: string; readonly kind: PromptKind };
  /** The customer closed a prompt without answering. */
  dismissed: { readonly touchpoint: string; readonly kind: PromptKind };
}

export type ClientEventName = keyof ClientEventMap;

/** What a flush did: answers delivered, answers that failed this time (retried later or rejected), answers still waiting. */
export interface FlushResult {
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
}
