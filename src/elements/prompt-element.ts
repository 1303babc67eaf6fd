// The shared prompt: question → score → follow-up → thank-you, in inline, popover or modal mode.
import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { CxAnswerEvent } from '../events/answer.js';
import { CxDismissEvent } from '../events/dismiss.js';
import { CxShowEvent } from '../events/show.js';
import { CxSubmitEvent } from '../events/submit.js';
import { isLocaleReady, resolveLocale, whenLocaleReady } from '../locales/registry.js';
import type { Bands, Translation } from '../locales/translation.js';
import type { Attributes, PromptKind, RecordInput, Response, Scale } from '../schema/response.js';
import { promptModes } from '../schema/scales.js';
import type { PromptMode } from '../schema/touchpoint.js';
import type { CxClient } from '../sdk/client/client.js';
import type { Draft } from '../sdk/drafts.js';
import { defaultClientAbsence, getDefaultClient, watchDefaultClient } from './default-client.js';
import { digits } from './internal/digits.js';
import { closeIcon } from './internal/close-icon.js';
import { ScoreScale, type ScaleOption } from './internal/score-scale.js';
import { promptStyles } from './prompt-element.styles.js';

type Step = 'question' | 'follow-up' | 'saving' | 'thanks' | 'error';

/** How long the thank-you stays before a popover or modal closes itself. */
const thanksMs = 2500;

/** Set once a page has been told that its prompts have no client: one console error, however many prompts. */
let noClientReported = false;
/** The kinds (element names) of which a prompt has rendered: their templates are prepared. */
const renderedKinds = new Set<string>();

/** The element that has focus, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * The base of `<cx-nps>`, `<cx-csat>` and `<cx-ces>`: each subclass gives its kind, scale and option content.
 *
 * @fires cx-show - The prompt became visible. `detail: { kind, touchpoint }`
 * @fires cx-answer - A score was chosen. `detail: { score }`
 * @fires cx-submit - The answer is durably queued. `detail: { response }`
 * @fires cx-dismiss - Closed without submitting. `detail: { kind, touchpoint, score }`
 * @csspart panel - The card holding the prompt.
 * @csspart option - Each score on the scale.
 * @csspart submit - The follow-up's send button.
 * @csspart close - The close button.
 * @cssprop --cx-accent - Accent colour of chosen options, focus rings and the send button.
 * @cssprop --cx-bg - Background of the panel.
 * @cssprop --cx-fg - Text colour of the panel.
 * @cssprop --cx-radius - Corner radius of the panel.
 * @cssprop --cx-font - Font family; the page's font by default.
 */
export abstract class CxPromptElement extends LitElement {
  static formAssociated = true;
  static override styles = [promptStyles];
  // declared here rather than with decorators, which would add Lit's decorator code to every page that shows a prompt
  static override properties: PropertyDeclarations = {
    touchpoint: {},
    mode: { reflect: true },
    question: {},
    followUp: { attribute: 'follow-up' },
    locale: {},
    open: { type: Boolean, reflect: true },
    name: { reflect: true },
    client: { attribute: false },
    metadata: { attribute: false },
    step: { state: true },
    score: { state: true },
    comment: { state: true },
    closed: { state: true },
    announcement: { state: true },
  };

  /** Id of the moment being rated, e.g. `checkout-complete`. Required. */
  touchpoint = '';
  /** `inline` (in the page flow), `popover` (a corner card) or `modal` (a dialog). Default `inline`. */
  mode: PromptMode = 'inline';
  /** Replaces the default question of the locale. */
  question: string | undefined;
  /** `auto` asks why after a score, `off` submits right away, any other text is the follow-up question. Default `auto`. */
  followUp = 'auto';
  /** BCP 47 language tag; falls back to the base language, then English. Default: the client's locale, then `navigator.language`. */
  locale: string | undefined;
  /** Shows a popover or modal prompt; set to false to hide it. */
  open = false;
  /** Form field name: inside a `<form>` the score is submitted under it. */
  name: string | undefined;
  /** The client answers are recorded with. Default: the page's default client (`setDefaultClient`, or the script tag's). */
  client: CxClient | undefined;
  /** Goes with the answer (an order or ticket id, as `record()`'s `metadata`): what the team needs to act on it. */
  metadata: Attributes | undefined;

  private step: Step = 'question';
  private score: number | null = null;
  private comment = '';
  /** An inline prompt dismissed or finished stays out of the way. */
  private closed = false;
  /** What the popover's polite live region says: its question, once it has appeared. */
  private announcement = '';

  protected abstract readonly kind: PromptKind;
  /** The scale answers are recorded on. */
  protected abstract get range(): Scale;
  /**
   * The options to render, with their content and accessible labels: by default each number of the range in the
   * locale's digits. A loop, not `Array.from`: a page's may be a legacy library's (MooTools) that takes no map function.
   */
  protected options(_strings: Translation, locale: string, _selected: number | null): ScaleOption[] {
    const options: ScaleOption[] = [];
    for (let value = this.range.min; value <= this.range.max; value++) options.push({ value, content: this.digits(value, locale) });
    return options;
  }
  /** `n` in the locale's digits (ASCII until they are known; the prompt re-renders then). */
  protected digits(n: number, tag: string): string {
    return digits(n, tag, this.#rerender);
  }
  readonly #rerender = () => this.requestUpdate();

  /** Which follow-up question a score earns. */
  protected abstract band(score: number): keyof Bands;

  readonly #internals: ElementInternals;
  readonly #scaleControl = new ScoreScale(this, (value) => this.#choose(value));
  #restoreFocusTo: HTMLElement | null = null;
  /** Whether the prompt was visible at the last render, to notice it appearing and going. */
  #shown = false;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** The submitted response, once there is one. */
  response: Response | null = null;
  /** The chosen score, stored while the follow-up is open. */
  #draft: Promise<Draft> | null = null;

  /** The client answers go to: the `client` property, else the page's default client. */
  get #recorder(): CxClient | null {
    return this.client ?? getDefaultClient();
  }

  get #wantedLocale(): string {
    return this.locale ?? this.#recorder?.config.locale ?? navigator.language;
  }

  get #locale_(): { tag: string; strings: Translation } {
    return resolveLocale(this.#wantedLocale);
  }

  get #questionText(): string {
    return this.question ?? this.#locale_.strings.question[this.kind];
  }

  get #visible(): boolean {
    if (this.#inert_) return false;
    return this.#shownAs === 'inline' ? !this.closed : this.open;
  }

  /** The mode it is shown in: an unknown `mode` is warned about and shown inline. */
  get #shownAs(): PromptMode {
    return (promptModes as readonly string[]).includes(this.mode) ? this.mode : 'inline';
  }

  /** A prompt that could not record its answer offers nothing to answer: no touchpoint, or no client. */
  get #inert_(): boolean {
    return !this.touchpoint || !this.#recorder;
  }

  /** Attributes whose value must be one of a list; subclasses add theirs. */
  protected choices(): Record<string, { readonly value: string; readonly allowed: readonly string[]; readonly fallback: string }> {
    return { mode: { value: this.mode, allowed: promptModes, fallback: 'inline' } };
  }

  /** What the console has already been told about this element, so that each problem is said once. */
  readonly #reported = new Set<string>();

  #reportOnce(key: string, report: () => void): void {
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    report();
  }

  /** Tells the site owner, once each, what keeps this prompt from working as written. */
  #checkSetup(): void {
    const name = this.touchpoint ? `<${this.localName} touchpoint="${this.touchpoint}">` : `<${this.localName}>`;
    for (const [attribute, { value, allowed, fallback }] of Object.entries(this.choices())) {
      if (allowed.includes(value)) continue;
      this.#reportOnce(`${attribute}=${value}`, () =>
        console.warn(
          `cxkit: ${name} ${attribute}="${value}" is not one of ${allowed.map((a) => `"${a}"`).join(', ')}; using "${fallback}"`,
        ),
      );
    }
    if (!this.touchpoint) {
      this.#reportOnce('touchpoint', () =>
        console.error(`cxkit: ${name} needs a touchpoint attribute naming the moment being rated; it stays inert until it has one`),
      );
    } else if (!this.#recorder && defaultClientAbsence() === 'unset' && !noClientReported) {
      noClientReported = true;
      console.error(
        `cxkit: ${name} stays inert: it has no client to record answers with. Load cxkit.js with data-endpoint or a valid config, call setDefaultClient(cx), or set its client property`,
      );
    }
  }

  #stopWatchingClient: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // the script tag's client may come after the element (its config is still loading), or never
    this.#stopWatchingClient = watchDefaultClient(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatchingClient?.();
    this.#stopWatchingClient = null;
    clearTimeout(this.#closeTimer);
    // removed by the app (an SPA leaving the view) in the middle of the follow-up
    if (this.step !== 'thanks') this.#abandonDraft();
  }

  /** The render asked for once the visitor's language arrives; null when the prompt waits for no language. */
  #languageArrival: Promise<void> | null = null;

  /** A prompt shows in its visitor's language or not at all: the script tag fetches that language first. */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    const locale = this.#wantedLocale;
    if (isLocaleReady(locale)) {
      this.#languageArrival = null;
      return super.shouldUpdate(changed);
    }
    this.#languageArrival = whenLocaleReady(locale).then(() => this.requestUpdate());
    return false;
  }

  /**
   * A kind's first prompt renders in a task of its own. Creating and connecting the class's first instance (its shadow
   * root and style sheet, its templates prepared) and rendering it take tens of ms each on a slow phone; in one task
   * they made a long one. Once one has rendered, the kind's next prompts render at once, so that their first frame shows
   * them; two put in the page together (inline in its HTML) each still get a task.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || renderedKinds.has(this.localName)) return super.scheduleUpdate();
    return new Promise((resolve) => setTimeout(resolve, 0)).then(() => super.scheduleUpdate());
  }

  /**
   * `updateComplete` waits for the language too, so that it still means "rendered": also when it is asked before the
   * first render, which finds the language missing and asks for another render once it arrives.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#languageArrival) {
      await this.#languageArrival;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override willUpdate(): void {
    // judged at update, not at connect: a framework sets properties after it has put the element in the page
    this.#checkSetup();
    if (!this.#shown || this.#visible) return;
    // focus goes back before the prompt's buttons leave the page (and the modal dialog has let go of the page), and only
    // when it was ours to give: the visitor may be working elsewhere while a popover closes itself
    const hadFocus = this.matches(':focus-within');
    this.renderRoot.querySelector('dialog')?.close();
    if (hadFocus && this.#restoreFocusTo?.isConnected) this.#restoreFocusTo.focus();
  }

  protected override updated(): void {
    renderedKinds.add(this.localName);
    const visible = this.#visible;
    if (visible && !this.#shown) this.#onShown();
    else if (!visible && this.#shown) this.#onHidden();
    this.#shown = visible;
  }

  #onShown(): void {
    // only a modal takes focus: a popover opening by itself must not take keystrokes meant for the page
    if (this.#shownAs === 'modal') {
      this.#restoreFocusTo = deepActiveElement();
      this.renderRoot.querySelector('dialog')?.showModal();
      this.#scaleControl.focus();
    } else if (this.#shownAs === 'popover') {
      requestAnimationFrame(() => {
        // a live region announces only text that changes after it is in the page
        this.announcement = this.#visible ? this.#questionText : '';
        // a frame later, from the layout that frame made (the show's own task forces none): a fixed panel is placed
        // against an ancestor with a transform, filter, will-change or contain (the body, at times), off screen on a
        // long page, and the top layer places it against the window. Elsewhere it keeps to the page's stacking order,
        // beneath a consent banner the site puts above everything
        requestAnimationFrame(() => {
          const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
          if (panel?.offsetParent) {
            panel.popover = 'manual';
            panel.showPopover?.();
          }
        });
      });
    }
    this.dispatchEvent(new CxShowEvent({ kind: this.kind, touchpoint: this.touchpoint, locale: this.#locale_.tag }));
  }

  #onHidden(): void {
    clearTimeout(this.#closeTimer);
    this.#restoreFocusTo = null;
  }

  /** Remembers where the visitor came from when they move into a popover, to return them there when it closes. */
  #onFocusIn(event: FocusEvent): void {
    const from = event.relatedTarget;
    const inside = from instanceof Node && (from === this || this.contains(from) || this.renderRoot.contains(from));
    if (this.#shownAs === 'popover' && from instanceof HTMLElement && !inside) this.#restoreFocusTo = from;
  }

  #choose(value: number): void {
    this.score = value;
    this.#internals.setFormValue(String(value));
    this.dispatchEvent(new CxAnswerEvent({ score: value }));
    if (this.followUp === 'off') return void this.#submit();
    if (this.step === 'question' && this.#shownAs !== 'inline') void this.updateComplete.then(() => this.#bringFollowUpIntoSight());
    this.step = 'follow-up';
    void this.#keepScore(value);
  }

  /**
   * A popover or modal that scrolls (large text on a landscape phone) brings the follow-up it has just opened into
   * sight, once (the scale stays where it is for a visitor who scrolls back to change the score), by scrolling itself:
   * scrollIntoView may scroll the page too in some browsers.
   */
  #bringFollowUpIntoSight(): void {
    const followUp = this.renderRoot.querySelector('.follow-up');
    const scroller = followUp?.closest('dialog') ?? followUp?.closest('.panel');
    if (!followUp || !scroller) return;
    const shown = scroller.getBoundingClientRect();
    const wanted = followUp.getBoundingClientRect();
    if (wanted.bottom > shown.bottom) scroller.scrollTop += Math.min(wanted.bottom - shown.bottom, wanted.top - shown.top);
  }

  /** The client, or null after reporting that there is none. */
  #requireClient(): CxClient | null {
    const client = this.#recorder;
    if (!client) {
      console.error(
        `cxkit: <${this.localName}> has no client: load cxkit.js with data-endpoint, call setDefaultClient(cx), or set its client property`,
      );
      this.step = 'error';
    }
    return client;
  }

  #answer(): RecordInput {
    return {
      kind: this.kind,
      score: this.score ?? 0,
      touchpoint: this.touchpoint,
      question: this.#questionText,
      locale: this.#locale_.tag,
      scale: this.range,
      metadata: this.metadata,
    };
  }

  /** Stores the score as a draft the moment it is chosen, so that it survives an abandoned follow-up. */
  async #keepScore(score: number): Promise<void> {
    try {
      if (this.#draft) return await (await this.#draft).rescore(score);
      const client = this.#requireClient();
      if (!client) return;
      this.#draft = client.draft(this.#answer());
      await this.#draft;
    } catch (error) {
      console.error(error);
      this.#draft = null;
      this.step = 'error';
    }
  }

  /** Completes the answer through the client; `cx-submit` fires only once it is durably queued. */
  async #submit(withComment = true): Promise<void> {
    if (this.score === null || this.step === 'saving') return;
    const client = this.#requireClient();
    if (!client) return;
    // the button pressed goes away with the thank-you: focus that was in the prompt stays in it, on the close button
    const hadFocus = this.matches(':focus-within');
    this.step = 'saving';
    const comment = withComment ? this.comment.trim() : '';
    try {
      const draft = await this.#draft;
      const response = draft
        ? await draft.finish(comment ? { comment } : {})
        : await client.record({ ...this.#answer(), ...(comment ? { comment } : {}) });
      this.response = response;
      this.step = 'thanks';
      this.dispatchEvent(new CxSubmitEvent({ response }));
      if (hadFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="close"]')?.focus());
      if (this.#shownAs !== 'inline') this.#closeTimer = setTimeout(() => (this.open = false), thanksMs);
    } catch (error) {
      console.error(error);
      this.step = 'error';
    }
  }

  /** A chosen score whose follow-up will not come: send it as it is, marked partial. */
  #abandonDraft(): void {
    const draft = this.#draft;
    this.#draft = null;
    void draft?.then((d) => d.abandon()).catch((error: unknown) => console.error(error));
  }

  /** Closes the prompt without submitting and fires `cx-dismiss`. */
  dismiss(): void {
    if (!this.#visible) return;
    const answered = this.step === 'thanks';
    if (this.#shownAs === 'inline') this.closed = true;
    else this.open = false;
    if (answered) return;
    this.#abandonDraft();
    this.dispatchEvent(new CxDismissEvent({ kind: this.kind, touchpoint: this.touchpoint, score: this.score }));
  }

  formResetCallback(): void {
    this.#abandonDraft();
    this.score = null;
    this.comment = '';
    this.step = 'question';
    this.closed = false;
    this.#scaleControl.reset();
    this.#internals.setFormValue(null);
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.dismiss();
    } else if (event.key === 'Tab' && this.#shownAs === 'modal') {
      this.#trapFocus(event);
    }
  }

  /** Keeps Tab cycling inside a modal (a modal `<dialog>` alone would let it reach the browser's UI); a popover lets Tab move on. */
  #trapFocus(event: KeyboardEvent): void {
    const focusable = [...this.renderRoot.querySelectorAll<HTMLElement>('button:not([disabled]), textarea, [tabindex="0"]')].filter(
      (el) => el.tabIndex >= 0,
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    const current = this.shadowRoot?.activeElement;
    if (event.shiftKey && current === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  #renderFollowUp(strings: Translation): TemplateResult {
    const score = this.score ?? 0;
    const label = this.followUp === 'auto' ? strings.followUp[this.kind][this.band(score)] : this.followUp;
    const saving = this.step === 'saving';
    return html`<div class="follow-up">
      <label for="comment">${label}</label>
      <textarea
        id="comment"
        rows="3"
        maxlength="5000"
        placeholder=${strings.commentPlaceholder}
        .value=${this.comment}
        ?disabled=${saving}
        @input=${(event: Event) => {
          this.comment = (event.target as HTMLTextAreaElement).value;
          void this.#draft?.then((d) => d.touch());
        }}
      ></textarea>
      <div class="actions">
        <button type="button" class="skip" ?disabled=${saving} @click=${() => this.#submit(false)}>${strings.skip}</button>
        <button type="button" part="submit" class="submit" ?disabled=${saving} @click=${() => this.#submit()}>${strings.submit}</button>
      </div>
    </div>`;
  }

  #renderBody(strings: Translation, tag: string): TemplateResult {
    if (this.step === 'thanks') return html``;
    const [low, high] = strings.ends[this.kind];
    const { min, max } = this.range;
    return html`${this.#scaleControl.render({
        options: this.options(strings, tag, this.score),
        selected: this.score,
        labelledBy: 'question',
        describedBy: 'ends',
        dir: strings.dir,
      })}
      <div class="ends" id="ends">
        <span><span class="visually-hidden">${this.digits(min, tag)}: </span>${low}</span>
        <span><span class="visually-hidden">${this.digits(max, tag)}: </span>${high}</span>
      </div>
      ${this.step === 'follow-up' || (this.step === 'saving' && this.followUp !== 'off') ? this.#renderFollowUp(strings) : nothing}
      ${
        this.step === 'error'
          ? html`<p class="error" role="alert">
              ${strings.saveFailed} <button type="button" class="retry" @click=${() => this.#submit()}>${strings.retry}</button>
            </p>`
          : nothing
      }`;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.#visible) return nothing;
    const { tag, strings } = this.#locale_;
    const panel = html`<div
      part=${this.#shownAs === 'modal' ? nothing : 'panel'}
      class="panel"
      dir=${strings.dir}
      lang=${tag}
      role=${{ inline: 'group', popover: 'dialog', modal: nothing }[this.#shownAs]}
      aria-labelledby=${this.#shownAs === 'modal' ? nothing : 'question'}
      @keydown=${this.#onKeyDown}
      @focusin=${this.#onFocusIn}
    >
      <p class="question" id="question">${this.#questionText}</p>
      ${this.#renderBody(strings, tag)}
      <div class="thanks" role="status">
        ${this.step === 'thanks' ? strings.thanks : this.announcement ? html`<span class="visually-hidden">${this.announcement}</span>` : nothing}
      </div>
      <!-- last in tab order: Tab goes to the scale first; the button still sits in the top corner -->
      <button type="button" part="close" class="close" aria-label=${strings.close} @click=${() => this.dismiss()}>${closeIcon}</button>
    </div>`;
    if (this.#shownAs !== 'modal') return panel;
    return html`<dialog
      part="panel"
      aria-labelledby="question"
      dir=${strings.dir}
      @cancel=${(event: Event) => {
        // Escape: we close through dismiss() so that cx-dismiss fires and state stays in step
        event.preventDefault();
        this.dismiss();
      }}
    >
      ${panel}
    </dialog>`;
  }
}
