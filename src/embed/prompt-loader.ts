// Loads the prompt UI (dist/cxkit-prompts.js) only when a page needs it: a cx-* element in the page, or a prompt
// to show; and a kind the UI does not carry (dist/cxkit-csat.js, dist/cxkit-ces.js) only when a prompt of that kind
// shows, and the visitor's language when it is not English (dist/cxkit-locale-fr.js …), each fetched beside the UI
// rather than after it. Pages where nothing is asked pay for the core alone.
import { builtInLocales, languageOf, type BuiltInLocale } from '../locales/built-in-locales.js';
import type { PromptKind } from '../schema/response.js';
import { promptKinds } from '../schema/scales.js';
import type { CxClient } from '../sdk/client/client.js';
import { registerPromptLoader, registerPromptMounter } from '../sdk/prompt-mounter.js';
import {
  besidePromptUi,
  connectAdditionKey,
  kindsInPromptUi,
  type ConnectAddition,
  type PromptBundle,
  type PromptUiAddition,
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
  /** Files beside the prompt UI (kinds', languages'), each asked for once; one that failed is asked for again later. */
  const besideFiles = new Map<string, Promise<void>>();
  /** Additions from kinds' and languages' files that arrived before the prompt UI, which runs them. */
  const additions: PromptUiAddition[] = [];

  const connectAddition: ConnectAddition = (addition) => {
    additions.push(addition);
    addToPromptUi();
  };
  Object.defineProperty(api, connectAdditionKey, { value: connectAddition });

  function addToPromptUi(): void {
    if (bundle) for (const addition of additions.splice(0)) bundle.add(addition);
  }

  function loadBeside(name: string): Promise<void> {
    let file = besideFiles.get(name);
    if (!file) {
      besideFiles.set(name, (file = scripts.load(besidePromptUi(promptsUrl(), name))));
      file.catch(() => besideFiles.delete(name));
    }
    return file;
  }

  /** A language's file, when cxkit has one (`fr-CA`: `cxkit-locale-fr.js`); English (index 0) is in the prompt UI. */
  const loadLocale = (tag: string): Promise<void> => {
    const base = languageOf(tag) as BuiltInLocale;
    return builtInLocales.indexOf(base) > 0 ? loadBeside(`locale-${base}`) : Promise.resolve();
  };

  /**
   * The client's language, when the prompt UI has been asked for: requested with the UI, so that the first prompt waits
   * for one round trip rather than two (an element in the page's HTML asks for the UI before the config is read, and its
   * language once the client exists). A failure is said by the prompt UI, which asks for the same file when a prompt
   * needs it.
   */
  function loadLanguage(): void {
    if (typeof client === 'object' && promptsSrc) void loadLocale(client.config.locale ?? navigator.language);
  }

  function loadPromptUi(): Promise<void> {
    loading ??= new Promise<void>((resolve, reject) => {
      // an error thrown here (the UI's URL unknown) rejects the promise
      const src = promptsUrl();
      connected = resolve;
      scripts.load(src).then(() => bundle || reject(new Error(`cxkit: ${src} loaded but did not start`)), reject);
      // while the UI downloads, off the path to its first prompt
      lookUpPromptFonts();
    }).catch((error: unknown) => {
      loading = null; // a later prompt may try again
      throw error;
    });
    return loading;
  }

  /**
   * The prompt UI and, requested with it, what a prompt of `kind` needs beside it: the kind's file when the UI does not
   * carry the kind, the client's language when it is not English. Any of them may run first.
   */
  function load(kind: PromptKind): Promise<void> {
    const promptUi = loadPromptUi();
    // the UI's URL is known once the UI was asked for: without it, the UI's promise says why
    if (!promptsSrc) return promptUi;
    loadLanguage();
    return kindsInPromptUi.includes(kind)
      ? promptUi
      : Promise.all([promptUi, loadBeside(kind)]).then(() => {
          if (!customElements.get(`cx-${kind}`)) throw new Error(`cxkit: ${besidePromptUi(promptsUrl(), kind)} loaded but did not start`);
        });
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
      // an element's language of its own, beside the UI too (the client's is asked for by load())
      if (promptsSrc) for (const element of found) void loadLocale(element.getAttribute('locale') ?? '');
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
      addToPromptUi();
      // the first render waits for a task of its own, so that it does not add to the script's evaluation task
      setTimeout(connected, 0);
      // last, as it throws when the files cannot be told (and the console says how to name them): a prompt UI the page
      // loaded by itself beside such a cxkit.js still shows prompts, in English
      promptsUrl();
      next.setLocaleSource(loadLocale);
    },
    setClient(next) {
      client = next;
      if (bundle) hand(bundle);
      loadLanguage();
    },
    noClient(reason) {
      // a client that works stays: a failed cxkit.init() later does not take it away
      if (typeof client === 'object') return;
      client = reason;
      if (bundle) hand(bundle);
    },
  };
}
