// ESM entry of `cxkit/elements`: registers cx-nps, cx-csat and cx-ces (side effect) and exports what goes with them.
import './define.js';
import './locales/all.js';
import { mountPrompt } from './elements/mount.js';
import { registerPromptMounter } from './sdk/prompt-mounter.js';

registerPromptMounter(mountPrompt);

export { CxCes, CxCsat, CxNps } from './define.js';
export { CxPromptElement } from './elements/prompt-element.js';
export { setDefaultClient, getDefaultClient } from './elements/default-client.js';
export type { CsatVariant } from './elements/csat/csat.js';
export { CxShowEvent, type CxShowDetail } from './events/show.js';
export { CxAnswerEvent, type CxAnswerDetail } from './events/answer.js';
export { CxSubmitEvent, type CxSubmitDetail } from './events/submit.js';
export { CxDismissEvent, type CxDismissDetail } from './events/dismiss.js';
export { registerTranslation, builtInLocales, type DeepPartial } from './locales/registry.js';
export type { Translation, PluralForms, Bands } from './locales/translation.js';
