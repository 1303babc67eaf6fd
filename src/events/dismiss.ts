// cx-dismiss: the customer closed the prompt without submitting (close button, Escape).
import type { PromptKind } from '../schema/response.js';

export interface CxDismissDetail {
  readonly kind: PromptKind;
  readonly touchpoint: string;
  /** The score chosen before dismissing, if any. */
  readonly score: number | null;
}

export class CxDismissEvent extends Event {
  static readonly type = 'cx-dismiss';
  constructor(readonly detail: CxDismissDetail) {
    super(CxDismissEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-dismiss': CxDismissEvent;
  }
}
