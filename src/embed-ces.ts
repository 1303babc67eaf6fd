// The script tag's <cx-ces> (dist/cxkit-ces.js), loaded beside the prompt UI when a CES prompt shows. Its build
// (`kindFile` in vite.config.ts) takes Lit and the prompt element from the prompt UI and hands this module to the core.
import { CxCes } from './elements/ces/ces.js';
import { defineElement } from './elements/define-element.js';

defineElement('cx-ces', CxCes);
