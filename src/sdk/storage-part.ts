// What a client stores answers with, beyond what it needs to start: the outbox (idb and its stores), drafts, the page
// lock, and the checks an answer and a display pass before they are stored. The SDK bundles it; the script tag loads
// it as a file of its own (dist/cxkit-outbox.js) as the client starts, once the touchpoints have looked at the page —
// after the first paint of a prompt they show then — or at once for an answer, so that a prompt's first paint never
// waits for it.
import { startDraft } from './drafts.js';
import { Outbox } from './outbox/outbox.js';
import { holdPageLock } from './page-lock.js';
import { displayPlan, recordInputPlan, responsePlan } from '../validation/plans.generated.js';

export const storagePart = {
  Outbox,
  startDraft,
  holdPageLock,
  /** What an answer and a display are checked against before they are stored (and, stored, before they are sent). */
  plans: { recordInput: recordInputPlan, response: responsePlan, display: displayPlan },
};

export type StoragePart = typeof storagePart;
