// The script tag's touchpoint engine (dist/cxkit-touchpoints.js), loaded by the core only when the config has
// touchpoints or the page is in debug mode: hands the core what decides when each touchpoint's prompt shows (and what
// debug mode logs).
import { handToCore } from './embed/part-loader.js';
import { startTouchpointEngine } from './touchpoints/engine.js';

handToCore('touchpoints', startTouchpointEngine);
