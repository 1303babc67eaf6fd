// Knows when the visitor is typing in the page, so that a prompt falling due waits instead of interrupting: focus in an
// editable field with a keystroke in the last few seconds, or an IME composition under way. Never throws into the page.

/** A pause this long in a focused field counts as having stopped typing. */
export const typingPauseMs = 3000;

/** Input types that take no typing: focus on them is not typing. */
const untyped = new Set(['button', 'checkbox', 'color', 'file', 'hidden', 'image', 'radio', 'range', 'reset', 'submit']);

/** The element that has focus, looking into shadow roots (a prompt's own fields included). */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function isTextField(element: Element | null): boolean {
  if (element instanceof HTMLInputElement) return !untyped.has(element.type) && !element.readOnly && !element.disabled;
  if (element instanceof HTMLTextAreaElement) return !element.readOnly && !element.disabled;
  return element instanceof HTMLElement && element.isContentEditable;
}

/** The events that tell us typing started, paused or moved on; captured at the window so a page's stopPropagation cannot hide them. */
const watched = ['keydown', 'input', 'compositionstart', 'compositionend', 'focusout'] as const;

interface Waiter {
  readonly modal: boolean;
  readonly urgent: boolean;
  readonly resolve: () => void;
}

export class TypingWatch {
  #lastKeyAt = Number.NEGATIVE_INFINITY;
  #composing = false;
  /** Waiting prompts, resolved in this order: urgent ones (milestones) first. */
  #waiters: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #listening = false;

  readonly #onEvent = (event: Event): void => {
    if (event.type === 'compositionstart') this.#composing = true;
    else if (event.type === 'compositionend' || event.type === 'focusout') this.#composing = false;
    if (event.type === 'keydown' || event.type === 'input') this.#lastKeyAt = Date.now();
    // focusout fires before focus lands elsewhere: judge once it has
    if (this.#waiters.length) setTimeout(() => this.#release(), 0);
  };

  start(): void {
    if (this.#listening) return;
    this.#listening = true;
    // keystrokes made before the watch began went unseen (the page's first second is left to the browser): focus
    // already in a field counts as typing just now, so that a prompt due at once still waits for a pause
    if (isTextField(focused())) this.#lastKeyAt = Date.now();
    for (const type of watched) window.addEventListener(type, this.#onEvent, { capture: true, passive: true });
  }

  stop(): void {
    for (const type of watched) window.removeEventListener(type, this.#onEvent, { capture: true });
    this.#listening = false;
    clearTimeout(this.#timer);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  /**
   * Why a prompt should not open now, or null. A popover waits for a pause; a modal, which takes focus, waits until
   * focus has left the field.
   */
  busy(modal: boolean): string | null {
    const field = focused();
    if (!isTextField(field)) return null;
    if (this.#composing) return 'the visitor to finish composing text in a field';
    if (modal) return 'focus to leave the field the visitor is in (a modal would take it)';
    if (Date.now() - this.#lastKeyAt < typingPauseMs) return 'the visitor to stop typing in a field';
    return null;
  }

  /** Resolves once `busy(modal)` is null (or the watch stops); urgent waiters are released before the others. */
  idle(modal: boolean, urgent: boolean): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { modal, urgent, resolve };
      const at = urgent ? this.#waiters.findIndex((w) => !w.urgent) : -1;
      if (at < 0) this.#waiters.push(waiter);
      else this.#waiters.splice(at, 0, waiter);
      this.#release();
    });
  }

  /** Resolves the waiters that may go now, in order, and checks again when the pause will have passed. */
  #release(): void {
    clearTimeout(this.#timer);
    const ready = this.#waiters.filter((w) => this.busy(w.modal) === null);
    this.#waiters = this.#waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
    // the pause running out is the one change no event announces; focus leaving and compositions ending are
    const pauseLeft = this.#lastKeyAt + typingPauseMs - Date.now();
    if (this.#waiters.length && pauseLeft > 0) this.#timer = setTimeout(() => this.#release(), pauseLeft + 10);
  }
}
