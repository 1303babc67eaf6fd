// The script tag's <cx-csat> (dist/cxkit-csat.js), loaded beside the prompt UI when a CSAT prompt shows. Its build
// (`kindFile` in vite.config.ts) takes Lit and the prompt element from the prompt UI and hands this module to the core.
import { CxCsat } from './elements/csat/csat.js';
import { defineElement } from './elements/define-element.js';

defineElement('cx-csat', CxCsat);
