// The handshake between the script tag's core (dist/cxkit-core.js) and its lazily loaded prompt UI
// (dist/cxkit-prompts.js: Lit, the shared prompt element and <cx-nps>), and the files beside the prompt UI that each add
// to it: one more kind of prompt with the prompt UI's own Lit (dist/cxkit-csat.js, dist/cxkit-ces.js), or one more
// language (dist/cxkit-locale-fr.js …). Either may arrive before the prompt UI or after it.
import type * as lit from 'lit';
import type { ClientAbsence } from '../elements/default-client.js';
import type * as promptElement from '../elements/prompt-element.js';
import type * as registry from '../locales/registry.js';
import type { PromptKind } from '../schema/response.js';
import type { CxClient } from '../sdk/client/client.js';
import type { PromptMounter } from '../sdk/prompt-mounter.js';

interface KitModules {
  readonly lit: typeof lit;
  readonly promptElement: typeof promptElement;
  readonly registry: typeof registry;
}

/**
 * What a kind's or a language's file takes from the prompt UI instead of carrying its own copy: these exports of these
 * modules. The build of a kind's file (`kindFile` in vite.config.ts) reads the list, and fails on an import that is not
 * in it.
 */
export const promptKitExports = {
  lit: ['css', 'html', 'svg'],
  promptElement: ['CxPromptElement'],
  registry: ['plural', 'addEnglish', 'addTranslations'],
} as const satisfies { [M in keyof KitModules]: ReadonlyArray<keyof KitModules[M]> };

type KitExports = typeof promptKitExports;

export type PromptKit = {
  readonly [M in keyof KitModules]: Pick<KitModules[M], Extract<KitExports[M][number], keyof KitModules[M]>>;
};

/**
 * What a file beside the prompt UI hands over, to be run with the prompt UI's modules: a kind's file defines its
 * element, a language's file adds its strings.
 */
export type PromptUiAddition = (kit: PromptKit) => void;

/** The prompt kinds the prompt UI carries itself; every other kind is a file of its own. */
export const kindsInPromptUi: readonly PromptKind[] = ['nps'];

/** What the prompt UI hands to the core when it has loaded. */
export interface PromptBundle {
  readonly mountPrompt: PromptMounter;
  setDefaultClient(client: CxClient | null): void;
  setDefaultClientAbsence(reason: ClientAbsence): void;
  /** How the UI fetches a language it does not carry (it carries English alone); settles at once for one cxkit lacks. */
  setLocaleSource(fetch: (locale: string) => Promise<void>): void;
  /** Runs a file's addition with the prompt UI's modules. */
  add(addition: PromptUiAddition): void;
}

/** The core's hidden entry point on window.cxkit, called by the prompt UI script. */
export const connectKey = '__cxkitConnectPrompts';

export type ConnectPrompts = (bundle: PromptBundle) => void;

/** The core's hidden entry point on window.cxkit, called by a kind's file and a language's (`additionFile` in vite.config.ts). */
export const connectAdditionKey = '__cxkitAddToPrompts';

export type ConnectAddition = (addition: PromptUiAddition) => void;

/**
 * A file beside the prompt UI, named after it: `cxkit-prompts.js` → `cxkit-csat.js` for `csat`, `cxkit-locale-fr.js`
 * for `locale-fr` (a renamed `my-prompts.js` → `my-csat.js`); a query or fragment stays. The pattern is the script
 * loader's `urlOf`'s, written out again: shared, it cost both files bytes.
 */
export function besidePromptUi(promptsUrl: string, name: string): string {
  return promptsUrl.replace(/[^/?#]*(?=[?#]|$)/, (file) => `${/^(.*)-prompts\.js$/.exec(file)?.[1] ?? 'cxkit'}-${name}.js`);
}
