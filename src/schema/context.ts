// Context recorded with answers and displays (contract section 8): the journey stage and the class of device.
import { z } from 'zod/mini';

/** The touchpoint's journey stage, as set in its config (`"stage": "buy"`). */
export const stageSchema = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(100)));

export const devices = ['mobile', 'tablet', 'desktop'] as const;
/** A device class the browser tells without fingerprinting (viewport and pointer, not the user agent's details). */
export const deviceSchema = z.lazy(() => z.enum(devices));
export type Device = z.infer<typeof deviceSchema>;

export const visitors = ['new', 'returning'] as const;
/** Whether the answer came in the visitor's first browser session (`new`) or a later one (`returning`). */
export const visitorSchema = z.lazy(() => z.enum(visitors));
export type Visitor = z.infer<typeof visitorSchema>;
