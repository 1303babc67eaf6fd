// The score scale: a radio group with a roving tabindex; arrows, Home and End move, Enter, Space or a click choose.
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface ScaleOption {
  readonly value: number;
  /** What a screen reader announces for the option, when its content alone is not enough (stars, emoji). */
  readonly label?: string;
  readonly content: TemplateResult | string;
}

export interface ScaleView {
  readonly options: readonly ScaleOption[];
  readonly selected: number | null;
  readonly labelledBy: string;
  readonly describedBy: string;
  readonly dir: 'ltr' | 'rtl';
}

type Host = ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ScoreScale implements ReactiveController {
  /** The option that Tab lands on; follows the arrows, and the choice. */
  #active: number | null = null;

  readonly #host: Host;
  readonly #onChoose: (value: number) => void;

  constructor(host: Host, onChoose: (value: number) => void) {
    this.#host = host;
    this.#onChoose = onChoose;
    host.addController(this);
  }

  hostConnected(): void {}

  reset(): void {
    this.#active = null;
  }

  #activeIndex(view: ScaleView): number {
    if (this.#active !== null) return this.#active;
    const chosen = view.options.findIndex((o) => o.value === view.selected);
    return chosen >= 0 ? chosen : 0;
  }

  /** Focuses the option that takes Tab: used when a popover or modal opens. */
  focus(): void {
    this.#host.renderRoot.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
  }

  async #move(view: ScaleView, to: number): Promise<void> {
    const count = view.options.length;
    this.#active = (to + count) % count;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.focus();
  }

  #onKeyDown(event: KeyboardEvent, view: ScaleView): void {
    const current = this.#activeIndex(view);
    // left and right follow reading direction: in RTL the scale runs right to left
    const forward = view.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = view.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const targets: Record<string, number> = {
      [forward]: current + 1,
      ArrowDown: current + 1,
      [backward]: current - 1,
      ArrowUp: current - 1,
      Home: 0,
      End: view.options.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    void this.#move(view, target);
  }

  render(view: ScaleView): TemplateResult {
    const active = this.#activeIndex(view);
    return html`<div
      class="scale"
      role="radiogroup"
      aria-labelledby=${view.labelledBy}
      aria-describedby=${view.describedBy}
      @keydown=${(event: KeyboardEvent) => this.#onKeyDown(event, view)}
    >
      ${view.options.map(
        (option, index) =>
          html`<button
            type="button"
            role="radio"
            part="option"
            class="option"
            aria-checked=${option.value === view.selected ? 'true' : 'false'}
            aria-label=${option.label ?? String(option.value)}
            tabindex=${index === active ? 0 : -1}
            data-value=${option.value}
            @click=${() => {
              this.#active = index;
              this.#onChoose(option.value);
            }}
          >
            ${option.content}
          </button>`,
      )}
    </div>`;
  }
}
