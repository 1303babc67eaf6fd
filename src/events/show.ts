// cx-show: a prompt became visible to the customer.
import type { PromptKind } from '../schema/response.js';

export interface CxShowDetail {
  readonly kind: PromptKind;
  readonly touchpoint: string;
  /** The language the prompt is shown in (the locale its answer records). */
  readonly locale: string;
}

export class CxShowEvent extends Event {
  static readonly type = 'cx-show';
  constructor(readonly detail: CxShowDetail) {
    super(CxShowEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-show': CxShowEvent;
  }
}
