// Loads the prompt UI (dist/cxkit-prompts.js) only when a page needs it: a cx-* element in the page, or a prompt
// to show; and a kind the UI does not carry (dist/cxkit-csat.js, dist/cxkit-ces.js) only when a prompt of that kind
// shows, fetched beside the UI rather than after it. Pages where nothing is asked pay for the core alone.
import type { PromptKind } from '../schema/response.js';
import { promptKinds } from '../schema/scales.js';
import type { CxClient } from '../sdk/client.js';
import { registerPromptLoader, registerPromptMounter } from '../sdk/prompt-mounter.js';
import {
  besidePromptUi,
  connectKindKey,
  kindsInPromptUi,
  type ConnectKind,
  type KindDefinition,
  type PromptBundle,
} from './prompt-bundle.js';
import { lookUpPromptFonts } from './prompt-fonts.js';
import { reportError } from './report.js';
import type { ScriptLoader } from './script-loader.js';

export interface PromptLoader {
  /** Called by the prompt UI once it runs. */
  connect(bundle: PromptBundle): void;
  /** Tells the prompt UI which client prompts record with. */
  setClient(client: CxClient): void;
  /** Tells the prompt UI there is no client: none configured (`unset`), or a config error already reported. */
  noClient(reason: 'unset' | 'reported'): void;
}

/** `api` is window.cxkit, where a kind's file finds the core. */
export function installPromptLoader(scripts: ScriptLoader, api: object): PromptLoader {
  let bundle: PromptBundle | null = null;
  /** Until the config has been read, prompts in the page wait quietly for their client. */
  let client: CxClient | 'pending' | 'unset' | 'reported' = 'pending';
  let loading: Promise<void> | null = null;
  let connected: () => void = () => {};
  /** Where the prompt UI (and, beside it, its kind and language files) is: known once it is first needed. */
  let promptsSrc: string | undefined;
  const promptsUrl = () => (promptsSrc ??= scripts.urlOf('prompts'));
  const kindFiles = new Map<PromptKind, Promise<void>>();
  /** Kinds' definitions that arrived before the prompt UI, which runs them. */
  const definitions: KindDefinition[] = [];

  const connectKind: ConnectKind = (definition) => {
    definitions.push(definition);
    defineKinds();
  };
  Object.defineProperty(api, connectKindKey, { value: connectKind });

  function defineKinds(): void {
    if (bundle) for (const definition of definitions.splice(0)) bundle.defineKind(definition);
  }

  function loadPromptUi(): Promise<void> {
    loading ??= new Promise<void>((resolve, reject) => {
      // an error thrown here (the UI's URL unknown) rejects the promise
      const src = promptsUrl();
      connected = resolve;
      scripts.load(src).catch(reject);
      // while the UI downloads, off the path to its first prompt
      lookUpPromptFonts();
    }).catch((error: unknown) => {
      loading = null; // a later prompt may try again
      throw error;
    });
    return loading;
  }

  /** The prompt UI and, for a kind it does not carry, that kind's file: both requested at once, either may run first. */
  function load(kind: PromptKind): Promise<void> {
    const promptUi = loadPromptUi();
    if (kindsInPromptUi.includes(kind)) return promptUi;
    let file = kindFiles.get(kind);
    if (!file) {
      // known once the prompt UI was asked for: without it, the UI's promise says why
      const kindSrc = promptsSrc && besidePromptUi(promptsSrc, kind);
      file = kindSrc
        ? Promise.all([promptUi, scripts.load(kindSrc)]).then(() => {
            if (!customElements.get(`cx-${kind}`)) throw new Error(`cxkit: ${kindSrc} loaded but did not start`);
          })
        : promptUi;
      file.catch(() => kindFiles.delete(kind)); // a later prompt may try again
      kindFiles.set(kind, file);
    }
    return file;
  }
  registerPromptLoader(load);

  // elements written in the page (or added later by an app) need the UI too, and their kind's file; each is tried once
  const elements = promptKinds.map((kind) => ({ kind, found: document.getElementsByTagName(`cx-${kind}`) }));
  const tried = new Set<PromptKind>();
  const loadForElements = () => {
    for (const { kind, found } of elements) {
      if (found.length === 0 || tried.has(kind)) continue;
      tried.add(kind);
      void load(kind).catch(reportError);
    }
    if (tried.size === elements.length) observer.disconnect();
  };
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      loadForElements();
    });
  });
  const watch = () => {
    loadForElements();
    if (tried.size < elements.length) observer.observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch, { once: true });
  else watch();

  function hand(to: PromptBundle): void {
    if (typeof client === 'object') to.setDefaultClient(client);
    else to.setDefaultClientAbsence(client);
  }

  return {
    connect(next) {
      bundle = next;
      registerPromptMounter(next.mountPrompt);
      hand(next);
      defineKinds();
      // the first render waits for a task of its own, so that it does not add to the script's evaluation task
      setTimeout(connected, 0);
      // last: a prompt UI the page loaded by itself, beside a cxkit.js whose files cannot be told, still shows prompts
      // (in English), and the console says how to name the files
      const src = promptsUrl();
      next.setLocaleSource((locale) => scripts.load(besidePromptUi(src, `locale-${locale}`)));
    },
    setClient(next) {
      client = next;
      if (bundle) hand(bundle);
    },
    noClient(reason) {
      // a client that works stays: a failed cxkit.init() later does not take it away
      if (typeof client === 'object') return;
      client = reason;
      if (bundle) hand(bundle);
    },
  };
}
