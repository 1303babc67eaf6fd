// Drafts keep the score when the follow-up is abandoned: the answer is stored, marked partial, the moment a score is
// chosen; finishing replaces it (same id, so one answer stays one response); dismissing, leaving the page or letting
// it sit untouched sends it as it is.
import type { Response } from '../schema/response.js';
import { enqueueTime } from './outbox/enqueue-time.js';
import type { AnswerEntry } from './outbox/store.js';

export interface Draft {
  /** The answer as stored now: partial until finished. */
  readonly response: Response;
  /** Changes the score while the follow-up is open. */
  rescore(score: number): Promise<void>;
  /** The customer is still at it (typing): restarts the untouched-timeout. */
  touch(): void;
  /** Completes the answer, with the comment if any, and releases it for delivery. */
  finish(extra?: { readonly comment?: string }): Promise<Response>;
  /** Gives up on the follow-up: the score is released for delivery as it is, marked partial. */
  abandon(): Promise<Response>;
}

export interface DraftStorage {
  /** Validates (and redacts) a version of the answer; throws CxValidationError when it does not fit. */
  prepare(response: Response): Response;
  /** Stores an entry durably, replacing any with the same id. */
  put(entry: AnswerEntry): Promise<void>;
  /** The answer is complete or abandoned: announce it and schedule its delivery. */
  released(response: Response): void;
}

export function startDraft(
  partial: Response,
  owner: string,
  timeoutMs: number,
  storage: DraftStorage,
): { draft: Draft; stored: Promise<void> } {
  const enqueuedAt = enqueueTime();
  let response = storage.prepare({ ...partial, partial: true });
  /** `open` while the follow-up may still come; `abandoned` once released as partial; `finished` once complete. */
  let state: 'open' | 'abandoned' | 'finished' = 'open';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const entry = (): AnswerEntry => ({
    id: response.id,
    response,
    enqueuedAt,
    attempts: 0,
    nextAttemptAt: Date.now(),
    ...(state === 'open' ? { draft: { owner } } : {}),
  });
  let writes = storage.put(entry());
  /** Writes in order, so that a late rescore never overwrites the finished answer. */
  const write = () => (writes = writes.then(() => storage.put(entry())));
  const restartTimer = () => {
    clearTimeout(timer);
    if (state === 'open') timer = setTimeout(() => void draft.abandon().catch(() => undefined), timeoutMs);
  };
  restartTimer();
  const draft: Draft = {
    get response() {
      return response;
    },
    async rescore(score) {
      if (state === 'finished') return;
      response = storage.prepare({ ...response, score });
      restartTimer();
      await write();
    },
    touch: restartTimer,
    async finish(extra = {}) {
      if (state === 'finished') return response;
      // finishing after the partial went out still sends the complete answer: the collector keeps the complete one
      const { partial: _partial, comment: _comment, ...complete } = response;
      response = storage.prepare({ ...complete, ...(extra.comment ? { comment: extra.comment } : {}) });
      state = 'finished';
      clearTimeout(timer);
      await write();
      storage.released(response);
      return response;
    },
    async abandon() {
      if (state !== 'open') return response;
      state = 'abandoned';
      clearTimeout(timer);
      await write();
      storage.released(response);
      return response;
    },
  };
  return { draft, stored: writes };
}
