// An answer's traits or metadata as the collector shows them to people: the inbox and Slack alerts.
import type { Attributes } from '../src/schema/response.js';

/** Traits or metadata as `key: value` pairs. */
export const attributePairs = (attributes: Attributes): string[] => Object.entries(attributes).map(([key, value]) => `${key}: ${value}`);
