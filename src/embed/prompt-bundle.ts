// The handshake between the script tag's core (dist/cxkit-core.js) and its lazily loaded prompt UI
// (dist/cxkit-prompts.js: Lit, the shared prompt element and <cx-nps>), and the files beside the prompt UI that each add
// one more kind of prompt (dist/cxkit-csat.js, dist/cxkit-ces.js) with the prompt UI's own Lit.
import type * as lit from 'lit';
import type { ClientAbsence } from '../elements/default-client.js';
import type * as promptElement from '../elements/prompt-element.js';
import type * as registry from '../locales/registry.js';
import type { BuiltInLocale } from '../locales/registry.js';
import type { PromptKind } from '../schema/response.js';
import type { CxClient } from '../sdk/client.js';
import type { PromptMounter } from '../sdk/prompt-mounter.js';

interface KitModules {
  readonly lit: typeof lit;
  readonly promptElement: typeof promptElement;
  readonly registry: typeof registry;
}

/**
 * What a kind's file takes from the prompt UI instead of carrying its own copy: these exports of these modules. The
 * build of a kind's file (`kindFile` in vite.config.ts) reads the list, and fails on an import that is not in it.
 */
export const promptKitExports = {
  lit: ['css', 'html', 'svg'],
  promptElement: ['CxPromptElement'],
  registry: ['plural', 'addEnglish'],
} as const satisfies { [M in keyof KitModules]: ReadonlyArray<keyof KitModules[M]> };

type KitExports = typeof promptKitExports;

export type PromptKit = {
  readonly [M in keyof KitModules]: Pick<KitModules[M], Extract<KitExports[M][number], keyof KitModules[M]>>;
};

/** What a kind's file hands over: it defines its element with the prompt UI's modules. */
export type KindDefinition = (kit: PromptKit) => void;

/** The prompt kinds the prompt UI carries itself; every other kind is a file of its own. */
export const kindsInPromptUi: readonly PromptKind[] = ['nps'];

/** What the prompt UI hands to the core when it has loaded. */
export interface PromptBundle {
  readonly mountPrompt: PromptMounter;
  setDefaultClient(client: CxClient | null): void;
  setDefaultClientAbsence(reason: ClientAbsence): void;
  /** How the UI fetches a language it does not carry (it carries English alone). */
  setLocaleSource(fetch: (locale: BuiltInLocale) => Promise<void>): void;
  /** Runs a kind's file's definition with the prompt UI's modules. */
  defineKind(definition: KindDefinition): void;
}

/** The core's hidden entry point on window.cxkit, called by the prompt UI script. */
export const connectKey = '__cxkitConnectPrompts';

export type ConnectPrompts = (bundle: PromptBundle) => void;

/** The core's hidden entry point on window.cxkit, called by a kind's file (see `kindFile` in vite.config.ts). */
export const connectKindKey = '__cxkitConnectPromptKind';

export type ConnectKind = (definition: KindDefinition) => void;

/**
 * A file beside the prompt UI, named after it: `cxkit-prompts.js` → `cxkit-csat.js` for `csat`, `cxkit-locale-fr.js`
 * for `locale-fr` (a renamed `my-prompts.js` → `my-csat.js`); a query or fragment stays. The pattern is the script
 * loader's `urlOf`'s, written out again: shared, it cost both files bytes.
 */
export function besidePromptUi(promptsUrl: string, name: string): string {
  return promptsUrl.replace(/[^/?#]*(?=[?#]|$)/, (file) => `${/^(.*)-prompts\.js$/.exec(file)?.[1] ?? 'cxkit'}-${name}.js`);
}
