// The handshake between the script tag's core (dist/cxkit-core.js) and its touchpoint engine
// (dist/cxkit-touchpoints.js), which the core loads only for a config that has touchpoints.
import type { StartTouchpoints } from '../touchpoints/touchpoints.js';

/** The core's hidden entry point on window.cxkit, called by the touchpoints script. */
export const connectTouchpointsKey = '__cxkitConnectTouchpoints';

export type ConnectTouchpoints = (start: StartTouchpoints) => void;
