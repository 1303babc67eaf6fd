// `cxkit/react`: the prompts as React components, with typed props and events (through @lit/react).
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { CxCes, CxCsat, CxNps } from './define.js';
import './locales/all.js';
import type { CxAnswerEvent } from './events/answer.js';
import type { CxDismissEvent } from './events/dismiss.js';
import type { CxShowEvent } from './events/show.js';
import type { CxSubmitEvent } from './events/submit.js';

/** React props for the prompts' events: `onCxSubmit={(event) => event.detail.response}`. */
const events = {
  onCxShow: 'cx-show' as EventName<CxShowEvent>,
  onCxAnswer: 'cx-answer' as EventName<CxAnswerEvent>,
  onCxSubmit: 'cx-submit' as EventName<CxSubmitEvent>,
  onCxDismiss: 'cx-dismiss' as EventName<CxDismissEvent>,
};

/** `<NpsPrompt touchpoint="checkout-complete" onCxSubmit={…} />` renders `<cx-nps>`. */
export const NpsPrompt = createComponent({ tagName: 'cx-nps', elementClass: CxNps, react: React, events });
/** `<CsatPrompt touchpoint="pricing-page" variant="emoji" />` renders `<cx-csat>`. */
export const CsatPrompt = createComponent({ tagName: 'cx-csat', elementClass: CxCsat, react: React, events });
/** `<CesPrompt touchpoint="help-article" scale="5" />` renders `<cx-ces>`. */
export const CesPrompt = createComponent({ tagName: 'cx-ces', elementClass: CxCes, react: React, events });

export { setDefaultClient } from './elements/default-client.js';
