// The script tag's touchpoint engine (dist/cxkit-touchpoints.js), loaded by the core only when the config has
// touchpoints: hands the core what decides when each touchpoint's prompt shows.
import { handToCore } from './embed/part-loader.js';
import { startTouchpointEngine } from './touchpoints/engine.js';

handToCore('touchpoints', startTouchpointEngine);
