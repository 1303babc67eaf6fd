// The handshake between the script tag's core (dist/cxkit.js) and its lazily loaded prompt UI (dist/cxkit-prompts.js).
import type { ClientAbsence } from '../elements/default-client.js';
import type { BuiltInLocale } from '../locales/registry.js';
import type { CxClient } from '../sdk/client.js';
import type { PromptMounter } from '../sdk/prompt-mounter.js';

/** What the prompt UI hands to the core when it has loaded. */
export interface PromptBundle {
  readonly mountPrompt: PromptMounter;
  setDefaultClient(client: CxClient | null): void;
  setDefaultClientAbsence(reason: ClientAbsence): void;
  /** How the UI fetches a language it does not carry (it carries English alone). */
  setLocaleSource(fetch: (locale: BuiltInLocale) => Promise<void>): void;
}

/** The core's hidden entry point on window.cxkit, called by the prompt UI script. */
export const connectKey = '__cxkitConnectPrompts';

export type ConnectPrompts = (bundle: PromptBundle) => void;
