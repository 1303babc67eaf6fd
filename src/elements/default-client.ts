// The client prompts record with when they are not given one: the script tag's, or one set by the app.
import type { CxClient } from '../sdk/client/client.js';

/**
 * Why there is no default client: `unset` (nobody set one), `pending` (the script tag is still loading its config),
 * `reported` (the script tag's config failed and the console already says why).
 */
export type ClientAbsence = 'unset' | 'pending' | 'reported';

let defaultClient: CxClient | null = null;
let absence: ClientAbsence = 'unset';
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** Makes `client` the one every prompt without a `client` property records with; `null` unsets it. */
export function setDefaultClient(client: CxClient | null): void {
  defaultClient = client;
  absence = 'unset';
  changed();
}

/** The script tag's side: no client yet, and why. */
export function setDefaultClientAbsence(reason: ClientAbsence): void {
  defaultClient = null;
  absence = reason;
  changed();
}

export function getDefaultClient(): CxClient | null {
  return defaultClient;
}

export function defaultClientAbsence(): ClientAbsence {
  return defaultClient ? 'unset' : absence;
}

/** Calls `listener` whenever the default client changes; returns the function that stops. */
export function watchDefaultClient(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
