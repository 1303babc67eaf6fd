// Registers cx-nps, cx-csat and cx-ces (the only file that calls customElements.define); safe to load twice.
import { CxCes } from './elements/ces/ces.js';
import { CxCsat } from './elements/csat/csat.js';
import { CxNps } from './elements/nps/nps.js';

const elements = { 'cx-nps': CxNps, 'cx-csat': CxCsat, 'cx-ces': CxCes } as const;

for (const [tag, element] of Object.entries(elements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'cx-nps': CxNps;
    'cx-csat': CxCsat;
    'cx-ces': CxCes;
  }
}

export { CxCes, CxCsat, CxNps };
