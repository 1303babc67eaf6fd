// Registers cx-nps, cx-csat and cx-ces for the library (`cxkit/elements`); safe to load twice.
import { CxCes } from './elements/ces/ces.js';
import { CxCsat } from './elements/csat/csat.js';
import { defineElement } from './elements/define-element.js';
import { CxNps } from './elements/nps/nps.js';

defineElement('cx-nps', CxNps);
defineElement('cx-csat', CxCsat);
defineElement('cx-ces', CxCes);

declare global {
  interface HTMLElementTagNameMap {
    'cx-nps': CxNps;
    'cx-csat': CxCsat;
    'cx-ces': CxCes;
  }
}

export { CxCes, CxCsat, CxNps };
