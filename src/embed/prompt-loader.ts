// Loads the prompt UI (dist/cxkit-prompts.js) only when a page needs it: a cx-* element in the page, or a prompt
// to show. Pages where nothing is asked pay for the core alone.
import type { CxClient } from '../sdk/client.js';
import { registerPromptLoader, registerPromptMounter } from '../sdk/prompt-mounter.js';
import { localeUrl } from './locale-bundle.js';
import type { PromptBundle } from './prompt-bundle.js';
import type { ScriptLoader } from './script-loader.js';

const promptTags = ['cx-nps', 'cx-csat', 'cx-ces'] as const;

export interface PromptLoader {
  /** Called by the prompt UI once it runs. */
  connect(bundle: PromptBundle): void;
  /** Tells the prompt UI which client prompts record with. */
  setClient(client: CxClient): void;
  /** Tells the prompt UI there is no client: none configured (`unset`), or a config error already reported. */
  noClient(reason: 'unset' | 'reported'): void;
}

export function installPromptLoader(scripts: ScriptLoader): PromptLoader {
  let bundle: PromptBundle | null = null;
  /** Until the config has been read, prompts in the page wait quietly for their client. */
  let client: CxClient | 'pending' | 'unset' | 'reported' = 'pending';
  let loading: Promise<void> | null = null;
  let connected: () => void = () => {};
  /** Where the prompt UI (and, beside it, its language files) is: known once it is first needed. */
  let promptsSrc: string | null = null;
  const promptsUrl = () => (promptsSrc ??= scripts.urlOf('-prompts', 'promptsSrc'));

  function load(): Promise<void> {
    loading ??= new Promise<void>((resolve, reject) => {
      const src = promptsUrl();
      if (!src) return reject(new Error('cxkit: cannot tell where cxkit-prompts.js is: add data-prompts-src to the script tag'));
      connected = resolve;
      scripts.load(src).catch(reject);
    }).catch((error: unknown) => {
      loading = null; // a later prompt may try again
      throw error;
    });
    return loading;
  }
  registerPromptLoader(load);

  // elements written in the page (or added later by an app) need the UI too
  const collections = promptTags.map((tag) => document.getElementsByTagName(tag));
  const hasPromptElements = () => collections.some((c) => c.length > 0);
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      if (hasPromptElements()) void load().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
    });
  });
  const watch = () => {
    if (hasPromptElements()) void load().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
    else observer.observe(document.documentElement, { childList: true, subtree: true });
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
      observer.disconnect();
      const src = promptsUrl();
      if (src) next.setLocaleSource((locale) => scripts.load(localeUrl(src, locale)));
      registerPromptMounter(next.mountPrompt);
      hand(next);
      // the first render waits for a task of its own, so that it does not add to the script's evaluation task
      setTimeout(connected, 0);
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
