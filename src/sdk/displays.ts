// Displays: each prompt shown is recorded, with what triggered it and how it ended, and travels through the outbox
// like an answer (same durability, consent and delivery), so that a collector knows who was asked, not only who answered.
import type { Consent } from '../schema/config.js';
import type { Visitor } from '../schema/context.js';
import type { Display, displayTriggers } from '../schema/display.js';
import type { Attributes, PromptKind } from '../schema/response.js';
import type { PromptMode } from '../schema/touchpoint.js';
import { sdkInfo } from '../version.js';
import { deviceClass } from './device.js';
import { enqueueTime } from './outbox/enqueue-time.js';
import { uuid } from './ids.js';
import type { OutboxEntry } from './outbox/store.js';
import { currentPage } from './page.js';

export interface ShownPrompt {
  readonly touchpoint: string;
  readonly kind: PromptKind;
  readonly mode: PromptMode;
  readonly trigger: (typeof displayTriggers)[number];
  readonly stage?: string | undefined;
  /** The language it was shown in, as its answer records it: response rates by language. */
  readonly locale: string;
}

export interface DisplayRecorderDeps {
  /** Stores an entry durably (the outbox, or its database before the outbox is in), replacing one with its id. */
  readonly add: (entry: OutboxEntry) => Promise<void>;
  /** This page: an open display is held back while its page lives, and sent as `ignored` once it is gone. */
  readonly owner: string;
  readonly anonymousId: () => string;
  readonly userId: () => string | null;
  /** Whether this is the visitor's first browser session: response rates of new and returning visitors. */
  readonly visitor: () => Visitor | undefined;
  /** The traits `identify()` gave: response rates by plan or country. */
  readonly traits: () => Attributes | undefined;
  readonly consent: () => Consent;
  readonly fullPageUrl: boolean;
  readonly beforeSendDisplay?: ((display: Display) => Display | null) | undefined;
  /**
   * A display beforeSendDisplay changed, validated again (throws CxValidationError) once the outbox's checks are in;
   * before, delivery checks it as it finds it stored.
   */
  readonly revalidate: (display: Display) => Display;
  /** A settled display waits for delivery. */
  readonly queued: () => void;
}

export interface DisplayHandle {
  /** Records how the prompt ended. */
  settle(outcome: { readonly outcome: 'answered'; readonly responseId?: string } | { readonly outcome: 'dismissed' }): void;
}

const nothing: DisplayHandle = { settle() {} };

/** Records displays; never throws into the prompt it describes (a display is bookkeeping, the prompt is the customer's). */
export function displayRecorder(deps: DisplayRecorderDeps): (prompt: ShownPrompt, shownAt: Date) => DisplayHandle {
  const report = (error: unknown) => console.error('cxkit: a display could not be recorded', error);
  return (prompt, shownAt) => {
    try {
      return record(prompt, shownAt);
    } catch (error) {
      report(error);
      return nothing;
    }
  };

  function record(prompt: ShownPrompt, shownAt: Date): DisplayHandle {
    // consent pending or denied: no display is stored or sent, as with answers
    if (deps.consent() !== 'granted') return nothing;
    const userId = deps.userId();
    const visitor = deps.visitor();
    const traits = deps.traits();
    const { stage, ...shown } = prompt;
    let display: Display = {
      id: uuid(),
      ...shown,
      ...(stage ? { stage } : {}),
      shownAt: shownAt.toISOString(),
      outcome: 'open',
      page: currentPage(deps.fullPageUrl),
      anonymousId: deps.anonymousId(),
      ...(userId ? { userId } : {}),
      device: deviceClass(),
      ...(visitor ? { visitor } : {}),
      ...(traits ? { traits } : {}),
      sdk: { ...sdkInfo },
    };
    const enqueuedAt = enqueueTime();
    const store = (draft: boolean) => {
      const redacted = deps.beforeSendDisplay ? deps.beforeSendDisplay(display) : display;
      if (redacted === null) return Promise.resolve();
      const checked = redacted === display ? display : deps.revalidate(redacted);
      return deps.add({
        id: display.id,
        display: checked,
        enqueuedAt,
        attempts: 0,
        nextAttemptAt: Date.now(),
        ...(draft ? { draft: { owner: deps.owner } } : {}),
      });
    };
    // in order, so that a quick settle never lands before the open copy
    let writes = store(true).catch(report);
    return {
      settle(outcome) {
        if (display.outcome !== 'open') return;
        display = { ...display, ...outcome };
        writes = writes
          .then(() => store(false))
          .then(deps.queued)
          .catch(report);
      },
    };
  }
}
