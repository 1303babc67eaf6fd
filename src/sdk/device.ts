// The device an answer or a display was given on, for response rates and scores by device.
import type { Device } from '../schema/context.js';

/** Kept, as its `matches` follows the device: a new query on every answer cost a fifth of record()'s own time. */
let coarsePointer: MediaQueryList | undefined;

/** The device class from the viewport and the pointer: coarse and small is a phone, coarse and larger a tablet. */
export function deviceClass(): Device {
  const coarse = (coarsePointer ??= globalThis.matchMedia?.('(pointer: coarse)'))?.matches === true;
  const shortSide = Math.min(globalThis.innerWidth ?? 1024, globalThis.innerHeight ?? 768);
  return coarse ? (shortSide < 600 ? 'mobile' : 'tablet') : 'desktop';
}
