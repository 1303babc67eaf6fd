// Loads the prompt UI (dist/cxkit-prompts.js) only when a page needs it: a cx-* element in the page, or a prompt
// to show. Pages where nothing is asked pay for the core alone.
import type { CxClient } from '../sdk/client.js';
import { registerPromptLoader, registerPromptMounter } from '../sdk/prompt-mounter.js';
import type { PromptBundle } from './prompt-bundle.js';

const promptTags = ['cx-nps', 'cx-csat', 'cx-ces'] as const;
const loadTimeoutMs = 15_000;

export interface PromptLoader {
  /** Called by the prompt UI once it runs. */
  connect(bundle: PromptBundle): void;
  /** Tells the prompt UI which client prompts record with. */
  setClient(client: CxClient): void;
  /** Tells the prompt UI there is no client: none configured (`unset`), or a config error already reported. */
  noClient(reason: 'unset' | 'reported'): void;
}

/** `cxkit.js` → `cxkit-prompts.js` beside it, unless the tag names another file with data-prompts-src. */
function promptsUrl(script: HTMLScriptElement | null): string | null {
  if (script?.dataset.promptsSrc) return new URL(script.dataset.promptsSrc, document.baseURI).href;
  if (!script?.src) return null;
  const url = new URL(script.src);
  url.pathname = url.pathname.replace(/[^/]*$/, (file) =>
    file.endsWith('.js') ? file.replace(/\.js$/, '-prompts.js') : 'cxkit-prompts.js',
  );
  return url.href;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

/**
 * Under a Trusted Types CSP (`require-trusted-types-for 'script'`) a script URL must come from a policy: cxkit uses one
 * named `cxkit` that passes only the prompt UI's own URL. Sites that list policies add `cxkit` (and Lit's `lit-html`).
 */
function trustedScriptUrl(src: string): unknown {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return src;
  try {
    return factory.createPolicy('cxkit', { createScriptURL: (url) => (url === src ? url : '') }).createScriptURL(src);
  } catch {
    return src; // the policy name is not allowed: the browser reports the refusal
  }
}

export function installPromptLoader(script: HTMLScriptElement | null): PromptLoader {
  let bundle: PromptBundle | null = null;
  /** Until the config has been read, prompts in the page wait quietly for their client. */
  let client: CxClient | 'pending' | 'unset' | 'reported' = 'pending';
  let loading: Promise<void> | null = null;
  let connected: () => void = () => {};

  function load(): Promise<void> {
    loading ??= new Promise<void>((resolve, reject) => {
      const src = promptsUrl(script);
      if (!src) return reject(new Error('cxkit: cannot tell where cxkit-prompts.js is: add data-prompts-src to the script tag'));
      connected = resolve;
      const tag = document.createElement('script');
      tag.src = trustedScriptUrl(src) as string;
      tag.async = true;
      // a nonce-based CSP allows the second script only if it carries the first one's nonce
      if (script?.nonce) tag.nonce = script.nonce;
      if (script?.crossOrigin) tag.crossOrigin = script.crossOrigin;
      tag.addEventListener('error', () => reject(new Error(`cxkit: the prompt UI could not be loaded from ${src}`)));
      setTimeout(() => reject(new Error(`cxkit: the prompt UI did not load from ${src} within ${loadTimeoutMs / 1000} s`)), loadTimeoutMs);
      document.head.append(tag);
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
