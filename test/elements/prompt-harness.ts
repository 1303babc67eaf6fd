// Drives a prompt element the way a customer would, hiding shadow-DOM lookups from the tests.
import { sendKeys } from '@web/test-runner-commands';
import { setDefaultClient } from '../../src/elements/default-client.js';
import type { CxPromptElement } from '../../src/elements/prompt-element.js';
import { destroyTestClients } from '../support/clients.js';

/** After a test: its prompts out of the page, no default client, its clients destroyed. */
export function clearPromptPage(): void {
  document.body.replaceChildren();
  setDefaultClient(null);
  destroyTestClients();
}

export class PromptHarness {
  constructor(readonly element: CxPromptElement) {}

  private get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error('prompt has no shadow root');
    return root;
  }

  private query<T extends Element>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  async settled(): Promise<void> {
    await this.element.updateComplete;
  }

  get visible(): boolean {
    return this.query('.panel') !== null;
  }

  get question(): string {
    return this.query('#question')?.textContent?.trim() ?? '';
  }

  get group(): HTMLElement | null {
    return this.query('[role="radiogroup"]');
  }

  /** The options as a screen reader names them, in DOM order. */
  get optionNames(): string[] {
    return [...this.root.querySelectorAll('[role="radio"]')].map((o) => o.getAttribute('aria-label') ?? '');
  }

  get optionValues(): number[] {
    return [...this.root.querySelectorAll<HTMLElement>('[role="radio"]')].map((o) => Number(o.dataset.value));
  }

  get checked(): number | null {
    const option = this.query<HTMLElement>('[role="radio"][aria-checked="true"]');
    return option ? Number(option.dataset.value) : null;
  }

  /** The option that has focus, if focus is on the scale. */
  get focusedValue(): number | null {
    const active = this.root.activeElement as HTMLElement | null;
    return active?.getAttribute('role') === 'radio' ? Number(active.dataset.value) : null;
  }

  get endLabels(): string[] {
    return [...this.root.querySelectorAll('.ends > span')].map((s) => s.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  }

  get followUpQuestion(): string | null {
    return this.query('.follow-up label')?.textContent?.trim() ?? null;
  }

  get status(): string {
    return this.query('[role="status"]')?.textContent?.trim() ?? '';
  }

  get error(): string | null {
    return this.query('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
  }

  get direction(): string | null {
    return this.query('.panel')?.getAttribute('dir') ?? null;
  }

  async choose(score: number): Promise<void> {
    const option = this.query<HTMLElement>(`[role="radio"][data-value="${score}"]`);
    if (!option) throw new Error(`no option ${score}`);
    option.click();
    await this.settled();
  }

  async typeReason(text: string): Promise<void> {
    const textarea = this.query<HTMLTextAreaElement>('textarea');
    if (!textarea) throw new Error('no follow-up shown');
    textarea.focus();
    await sendKeys({ type: text });
    await this.settled();
  }

  async submit(): Promise<void> {
    this.query<HTMLButtonElement>('[part="submit"]')?.click();
    await this.settled();
  }

  async skip(): Promise<void> {
    this.query<HTMLButtonElement>('.skip')?.click();
    await this.settled();
  }

  async close(): Promise<void> {
    this.query<HTMLButtonElement>('[part="close"]')?.click();
    await this.settled();
  }

  /** Presses keys with the real keyboard, wherever focus is. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await sendKeys({ press: key });
      await this.settled();
    }
  }

  /** Waits for an event from the element. */
  next<K extends keyof HTMLElementEventMap>(type: K, timeoutMs = 3000): Promise<HTMLElementEventMap[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.element.addEventListener(
        type,
        (event) => {
          clearTimeout(timer);
          resolve(event);
        },
        { once: true },
      );
    });
  }
}
