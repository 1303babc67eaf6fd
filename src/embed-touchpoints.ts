// The script tag's touchpoint engine (dist/cxkit-touchpoints.js), loaded by the core only when the config has
// touchpoints or the page is in debug mode: hands the core what decides when each touchpoint's prompt shows (and what
// debug mode logs).
import { connectTouchpointsKey, type ConnectTouchpoints } from './embed/touchpoints-bundle.js';
import { startTouchpointEngine } from './touchpoints/engine.js';

try {
  const connect = (window.cxkit as unknown as Record<string, ConnectTouchpoints | undefined> | undefined)?.[connectTouchpointsKey];
  if (connect) connect(startTouchpointEngine);
  else console.error('cxkit: cxkit-touchpoints.js is loaded by cxkit.js; load cxkit.js instead');
} catch (error) {
  console.error(error);
}
