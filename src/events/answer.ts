// cx-answer: the customer chose a score (it may still change before submitting).
export interface CxAnswerDetail {
  readonly score: number;
}

export class CxAnswerEvent extends Event {
  static readonly type = 'cx-answer';
  constructor(readonly detail: CxAnswerDetail) {
    super(CxAnswerEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cx-answer': CxAnswerEvent;
  }
}
