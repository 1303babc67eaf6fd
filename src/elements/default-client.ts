// The client prompts record with when they are not given one: the script tag's, or one set by the app.
import type { CxClient } from '../sdk/client.js';

let defaultClient: CxClient | null = null;

/** Makes `client` the one every prompt without a `client` property records with; `null` unsets it. */
export function setDefaultClient(client: CxClient | null): void {
  defaultClient = client;
}

export function getDefaultClient(): CxClient | null {
  return defaultClient;
}
