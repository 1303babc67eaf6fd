// What a client needs of its touchpoints, however they arrive: built in (the SDK's createClient), or as a file of their
// own that the script tag loads only when the config has touchpoints (dist/cxkit-touchpoints.js).
import type { Attributes, Response } from '../schema/response.js';
import type { Recontact, Touchpoint } from '../schema/touchpoint.js';
import type { VisitorMemory } from './visitor-memory.js';

/** Why a touchpoint would or would not show right now. */
export interface Decision {
  readonly touchpoint: string;
  /** Nothing blocks it: it shows as soon as its trigger fires (at once, if it already has on this page). */
  readonly eligible: boolean;
  /** Conditions of its `on` that this page view has not met (yet). */
  readonly waitingFor: readonly string[];
  /** Rules that keep it from showing: sampling, cooldowns, the session cap, another open prompt. */
  readonly blockedBy: readonly string[];
}

/** How the touchpoints show a prompt and know whether one is open; the client provides it. */
export interface PromptHost {
  isOpen(): boolean;
  /** Resolves when no prompt is open (at once if none is). */
  whenClosed(): Promise<void>;
  /** Why consent keeps prompts away now (e.g. "consent pending"), or null when it does not. */
  consentBlocker(): string | null;
  /**
   * Shows the prompt; `onShown` runs once it is on screen, `onAnswered` once a score is chosen; resolves with the answer
   * (which carries `metadata`, the milestone's) or null.
   */
  show(touchpoint: Touchpoint, onShown: () => void, onAnswered: () => void, metadata: Attributes | undefined): Promise<Response | null>;
}

export interface Touchpoints {
  /**
   * Counts this page view and starts watching the page; resolves once the touchpoints have looked at it (the prompt of one
   * that fires on it shown, the rest waiting or blocked).
   */
  start(): Promise<void>;
  /** For good: whatever waits gives up. */
  stop(): void;
  /** A journey moment: resolves true if a prompt was shown for it, whose answer carries `metadata`. */
  milestone(name: string, metadata?: Attributes): Promise<boolean>;
  /** Why `id` would or would not show now, from what this page knows (synchronous: no storage round trip). */
  explain(id: string): Decision;
  /** Logs decisions to the console while on (`?cxkit-debug`, `cxkit.debug(true)`). */
  setDebug(on: boolean): void;
}

export type StartTouchpoints = (
  touchpoints: readonly Touchpoint[],
  recontact: Recontact,
  memory: VisitorMemory,
  host: PromptHost,
) => Touchpoints;

/** The decision for an id the config does not name. */
export const notInConfig = (id: string): Decision => ({
  touchpoint: id,
  eligible: false,
  waitingFor: [],
  blockedBy: [`no touchpoint "${id}" in the config`],
});

/**
 * Touchpoints that do nothing: none configured, or the code that runs them is not (yet) there, which `blocker` says to
 * whoever asks `explain()` about a configured one.
 */
export function idleTouchpoints(touchpoints: readonly Touchpoint[], blocker: string): Touchpoints {
  return {
    start: () => Promise.resolve(),
    stop() {},
    milestone: () => Promise.resolve(false),
    explain: (id) =>
      touchpoints.some((t) => t.id === id) ? { touchpoint: id, eligible: false, waitingFor: [], blockedBy: [blocker] } : notInConfig(id),
    setDebug() {},
  };
}
