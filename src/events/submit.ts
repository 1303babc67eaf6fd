// cx-submit: the answer is durably queued for delivery; detail.response is what will be sent.
import type { Response } from '../schema/response.js';

export interface CxSubmitDetail {
  readonly response: Response;
}

export class CxSubmitEvent extends Event {
  static readonly type = 'cx-submit';
  constructor(readonly detail: CxSubmitDetail) {
    super(CxSubmitEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-submit': CxSubmitEvent;
  }
}
