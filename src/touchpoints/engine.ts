// Decides when a touchpoint's prompt shows: its trigger conditions on this page, then sampling, cooldowns,
// the session cap and one prompt at a time. The same rules answer `explain()`.
import type { Attributes } from '../schema/response.js';
import type { Recontact, Touchpoint } from '../schema/touchpoint.js';
import { pagePath } from '../sdk/page.js';
import { pageDialogClosed, pageDialogOpen, pageDialogReason } from './page-dialog.js';
import { watchPage } from './page-signals.js';
import { hiddenTabReason, pageVisited, prerendering, tabHidden, tabShown } from './tab-visibility.js';
import { TypingWatch } from './typing-watch.js';
import { compileUrlRule, type UrlRule } from './url-glob.js';
import { notInConfig, type Decision, type PromptHost, type StartTouchpoints, type Touchpoints } from './touchpoints.js';
import type { VisitorMemory, VisitorState } from './visitor-memory.js';

const dayMs = 86_400_000;

/** What happened on the page that could fire a touchpoint. */
type Signal =
  | { readonly type: 'view' | 'scroll' | 'exit'; readonly metadata?: undefined }
  | { readonly type: 'milestone'; readonly name: string; readonly metadata: Attributes | undefined };

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const openPrompt = 'another prompt is open';
/** What a milestone that found a prompt open waits for (explain() lists it instead of the `openPrompt` rule). */
const openPromptClosing = 'the open prompt to close';

export class TouchpointEngine implements Touchpoints {
  readonly #urlRules = new Map<string, UrlRule>();
  /** Touchpoints already fired on this page view: each fires at most once per view. */
  readonly #firedThisView = new Set<string>();
  #deepestScroll = 0;
  #exitIntentSeen = false;
  #stopWatching: (() => void) | null = null;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #typing = new TypingWatch();
  /** What each touchpoint that fell due is waiting for before it shows. */
  readonly #waitingOn = new Map<string, string>();
  /** Stopped for good (the client was destroyed): whatever waits gives up. */
  #halted = false;
  #stopEngine = () => {};
  readonly #stopped = new Promise<void>((resolve) => (this.#stopEngine = resolve));

  readonly #touchpoints: readonly Touchpoint[];
  readonly #recontact: Recontact;
  readonly #memory: VisitorMemory;
  readonly #prompts: PromptHost;

  constructor(touchpoints: readonly Touchpoint[], recontact: Recontact, memory: VisitorMemory, prompts: PromptHost) {
    this.#touchpoints = touchpoints;
    this.#recontact = recontact;
    this.#memory = memory;
    this.#prompts = prompts;
    for (const touchpoint of touchpoints) if (touchpoint.on.url) this.#urlRules.set(touchpoint.id, compileUrlRule(touchpoint.on.url));
  }

  /** Counts this page view and starts watching the page; resolves once the touchpoints have looked at it. */
  start(): Promise<void> {
    if (this.#stopWatching) return Promise.resolve();
    this.#typing.start();
    this.#stopWatching = watchPage(
      {
        navigated: (moved) => {
          // a query changed on the same page: URL rules with a query look again, and no page view is counted
          if (!moved) return void this.#signal({ type: 'view' });
          this.#firedThisView.clear();
          this.#deepestScroll = 0;
          this.#exitIntentSeen = false;
          void this.#view();
        },
        scrolled: (percent) => {
          this.#deepestScroll = percent;
          void this.#signal({ type: 'scroll' });
        },
        exitIntent: () => {
          this.#exitIntentSeen = true;
          void this.#signal({ type: 'exit' });
        },
      },
      {
        scroll: this.#touchpoints.some((t) => t.on.scrollPercent !== undefined),
        exitIntent: this.#touchpoints.some((t) => t.on.exitIntent),
      },
    );
    return this.#view();
  }

  stop(): void {
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.#typing.stop();
    this.#halted = true;
    this.#stopEngine();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #view(): Promise<void> {
    // a prerendered page is counted once the visitor goes to it: one never gone to was not viewed (read meanwhile, for explain())
    if (prerendering()) {
      await this.#memory.read();
      await pageVisited();
    }
    await this.#memory.pageView();
    await this.#signal({ type: 'view' });
  }

  /** A journey moment: resolves true if a prompt was shown for it. */
  async milestone(name: string, metadata?: Attributes): Promise<boolean> {
    return this.#signal({ type: 'milestone', name, metadata });
  }

  /** Logs decisions to the console while on (`?cxkit-debug`, `cxkit.debug(true)`); while off, no message is even built. */
  #debugging = false;

  setDebug(on: boolean): void {
    this.#debugging = on;
  }

  #log(touchpoint: Touchpoint | string, outcome: () => string): void {
    if (!this.#debugging) return;
    const name = typeof touchpoint === 'string' ? touchpoint : `touchpoint "${touchpoint.id}" (${touchpoint.prompt})`;
    console.info(`cxkit: ${name}: ${outcome()}`);
  }

  /** Offers a signal to every touchpoint in config order; the first that shows wins. */
  async #signal(signal: Signal): Promise<boolean> {
    let matched = false;
    for (const touchpoint of this.#touchpoints) {
      if (this.#firedThisView.has(touchpoint.id)) continue;
      const waiting = this.#unmet(touchpoint, signal);
      if (waiting.length) {
        if (signal.type === 'view') this.#log(touchpoint, () => `waiting for ${waiting.join(', ')}`);
        continue;
      }
      matched = true;
      this.#firedThisView.add(touchpoint.id);
      if (await this.#fire(touchpoint, signal)) return true;
    }
    if (!matched && signal.type === 'milestone') this.#log(`milestone "${signal.name}"`, () => 'no touchpoint fires on it here');
    return false;
  }

  /** The conditions of `on` that do not hold for this signal; momentary ones (milestone, exit intent) hold only during theirs. */
  #unmet(touchpoint: Touchpoint, signal: Signal | null): string[] {
    const { on } = touchpoint;
    const waiting: string[] = [];
    if (on.milestone !== undefined && !(signal?.type === 'milestone' && signal.name === on.milestone))
      waiting.push(`milestone "${on.milestone}"`);
    if (on.exitIntent && signal?.type !== 'exit' && !(signal === null && this.#exitIntentSeen)) waiting.push('exit intent');
    if (this.#offUrl(touchpoint)) waiting.push(`a URL matching ${on.url} (this page is ${pagePath()}${location.search})`);
    const views = this.#memory.snapshot.pageViews;
    if (on.pageViews !== undefined && views < on.pageViews) waiting.push(`page view ${on.pageViews} (this is ${views})`);
    if (on.scrollPercent !== undefined && this.#deepestScroll < on.scrollPercent) {
      waiting.push(`scrolling to ${on.scrollPercent}% (deepest so far ${Math.floor(this.#deepestScroll)}%)`);
    }
    return waiting;
  }

  /** Whether the page is not one the touchpoint's URL rule names (false when it has none). */
  #offUrl(touchpoint: Touchpoint): boolean {
    const urlRule = this.#urlRules.get(touchpoint.id);
    return !!urlRule && !urlRule(pagePath(), location.search);
  }

  /** The rules that keep a touchpoint from showing, judged on `state`. */
  #blockers(touchpoint: Touchpoint, state: VisitorState, now: number): string[] {
    const blocked: string[] = [];
    const memory = state.touchpoints[touchpoint.id];
    if (memory?.sampledIn === false) blocked.push(`sampled out (sample ${touchpoint.sample})`);
    const { afterAnswerDays, afterDismissDays, maxPromptsPerSession } = this.#recontact;
    if (memory?.answeredAt !== undefined && now < memory.answeredAt + afterAnswerDays * dayMs) {
      blocked.push(`answered on ${isoDate(memory.answeredAt)}: cooldown until ${isoDate(memory.answeredAt + afterAnswerDays * dayMs)}`);
    }
    if (memory?.dismissedAt !== undefined && now < memory.dismissedAt + afterDismissDays * dayMs) {
      blocked.push(`dismissed on ${isoDate(memory.dismissedAt)}: cooldown until ${isoDate(memory.dismissedAt + afterDismissDays * dayMs)}`);
    }
    if (state.session.prompts >= maxPromptsPerSession)
      blocked.push(`${state.session.prompts} of ${maxPromptsPerSession} prompts per session already shown`);
    if (this.#prompts.isOpen()) blocked.push(openPrompt);
    const consent = this.#prompts.consentBlocker();
    if (consent) blocked.push(consent);
    return blocked;
  }

  /**
   * Checks the rules against fresh state (other tabs may have answered), waits delayMs, waits for the visitor to stop
   * typing, for the page's own dialog to close and for a hidden tab to be shown (and, for a milestone, for an open
   * prompt to close), checks again, shows.
   */
  async #fire(touchpoint: Touchpoint, signal: Signal): Promise<boolean> {
    if (!(await this.#ready(touchpoint, signal))) return false;
    if (touchpoint.delayMs) {
      this.#log(touchpoint, () => `conditions met; showing in ${touchpoint.delayMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          resolve();
        }, touchpoint.delayMs);
        this.#timers.add(timer);
      });
      if (!(await this.#ready(touchpoint, signal))) return false;
    }
    return this.#show(touchpoint, signal.metadata);
  }

  /**
   * Waits until nothing but time stands between the touchpoint and the screen; false when a rule says no. A milestone
   * waits for an open prompt to close (the app named a moment that happened); a page's own touchpoints do not, their
   * moment has passed. Everything waits for a typing visitor (milestones ahead of the page's touchpoints), for a
   * dialog of the page's own to close, and for a hidden tab to be shown.
   */
  async #ready(touchpoint: Touchpoint, signal: Signal): Promise<boolean> {
    const milestone = signal.type === 'milestone';
    for (;;) {
      if (this.#halted) return false;
      // the visitor may have navigated away from the URL while we waited
      if (this.#offUrl(touchpoint)) {
        this.#log(touchpoint, () => `not shown: the visitor left for ${pagePath()} while it waited`);
        return false;
      }
      const blocked = await this.#blockedNow(touchpoint);
      if (milestone && blocked.length === 1 && blocked[0] === openPrompt) {
        await this.#wait(touchpoint, openPromptClosing, this.#prompts.whenClosed());
        continue;
      }
      if (blocked.length) {
        this.#log(touchpoint, () => `not shown: ${blocked.join('; ')}`);
        return false;
      }
      const holdUp = this.#holdUp(touchpoint, milestone);
      if (!holdUp) return true;
      await this.#wait(touchpoint, ...holdUp);
    }
  }

  /** What the visitor is in the middle of, which a prompt waits for, and when it is over; null when nothing. */
  #holdUp(touchpoint: Touchpoint, milestone: boolean): [reason: string, over: Promise<void>] | null {
    const modal = touchpoint.mode === 'modal';
    const typing = this.#typing.busy(modal);
    if (typing) return [typing, this.#typing.idle(modal, milestone)];
    if (pageDialogOpen()) return [pageDialogReason, pageDialogClosed(() => this.#halted)];
    if (tabHidden()) return [hiddenTabReason, tabShown(() => this.#halted)];
    return null;
  }

  /** Waits on `until`, which explain() and the debug log name; gives up when the engine stops. */
  async #wait(touchpoint: Touchpoint, reason: string, until: Promise<void>): Promise<void> {
    this.#log(touchpoint, () => `waiting for ${reason}`);
    this.#waitingOn.set(touchpoint.id, reason);
    try {
      await Promise.race([until, this.#stopped]);
    } finally {
      this.#waitingOn.delete(touchpoint.id);
    }
  }

  #show(touchpoint: Touchpoint, metadata: Attributes | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      let shown = false;
      let answered = false;
      this.#prompts
        .show(
          touchpoint,
          () => {
            shown = true;
            this.#log(touchpoint, () => `shown as ${touchpoint.mode ?? 'popover'}`);
            void this.#memory.shown();
            resolve(true);
          },
          // remembered the moment a score is chosen (its answer is stored then), well before the thank-you, so that a
          // visitor who reloads at once is not asked again; closing afterwards still counts as answered
          () => {
            answered = true;
            void this.#memory.answered(touchpoint.id);
          },
          metadata,
        )
        .then((response) =>
          answered
            ? undefined
            : response
              ? this.#memory.answered(touchpoint.id)
              : shown
                ? this.#memory.dismissed(touchpoint.id)
                : undefined,
        )
        .catch((error: unknown) => console.error(error))
        .finally(() => resolve(shown));
    });
  }

  /**
   * The rules that keep the touchpoint from showing, on fresh state. Judged after the last storage round trip, so that
   * nothing can open a prompt between this answer and a show() that follows it at once.
   */
  async #blockedNow(touchpoint: Touchpoint): Promise<string[]> {
    const sample = touchpoint.sample ?? 1;
    const state = sample < 1 ? await this.#memory.drawSample(touchpoint.id, sample) : await this.#memory.read();
    return this.#blockers(touchpoint, state, Date.now());
  }

  /** Why `id` would or would not show now, from what this page knows (synchronous: no storage round trip). */
  explain(id: string): Decision {
    const touchpoint = this.#touchpoints.find((t) => t.id === id);
    if (!touchpoint) return notInConfig(id);
    const waitingOn = this.#waitingOn.get(id);
    const blockedBy = this.#blockers(touchpoint, this.#memory.snapshot, Date.now()).filter(
      (rule) => !(rule === openPrompt && waitingOn === openPromptClosing),
    );
    const waitingFor = waitingOn ? [waitingOn] : this.#unmet(touchpoint, null);
    if (this.#firedThisView.has(id) && !waitingFor.length) blockedBy.push('already fired on this page view');
    return { touchpoint: id, eligible: blockedBy.length === 0, waitingFor, blockedBy };
  }
}

export const startTouchpointEngine: StartTouchpoints = (touchpoints, recontact, memory, host) =>
  new TouchpointEngine(touchpoints, recontact, memory, host);
