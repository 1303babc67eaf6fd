// Loads the script tag's other files (the core, the touchpoint engine, the outbox, delivery, the prompt UI) from beside cxkit.js,
// as the site's CSP allows: the tag's nonce, its crossorigin, and a Trusted Types policy. One loader per page, so that
// the policy is created once.
import { reportError } from './report.js';

const loadTimeoutMs = 15_000;

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

export interface ScriptLoader {
  /**
   * The URL of a file beside the tag's: `cxkit.js` → `cxkit-core.js` for `core` (a renamed `feedback.js` →
   * `feedback-core.js`), unless the tag's `data-core-src` names it. Throws an error that says how to name it when the
   * tag has no src (an inlined cxkit.js), or how to load cxkit.js when there is no tag (a module).
   */
  urlOf(part: 'core' | 'prompts' | 'touchpoints' | 'outbox' | 'delivery'): string;
  /**
   * Runs the classic script at `src`; rejects with an error that names the file when it cannot be loaded or run (a
   * page served in its place), or has not loaded within 15 s. A `patient` load is not given up on for being slow (a
   * stalled mobile network is not a missing file: what waits for it keeps its place): it is named in the console, and
   * waited for.
   */
  load(src: string, patient?: boolean): Promise<void>;
}

export function scriptLoader(tag: HTMLScriptElement | null): ScriptLoader {
  /** URLs this page's cxkit may load: the Trusted Types policy passes these and nothing else. */
  const ours = new Set<string>();
  let policy: { createScriptURL(url: string): unknown } | null | undefined;

  /**
   * Under a Trusted Types CSP (`require-trusted-types-for 'script'`) a script URL must come from a policy: cxkit uses one
   * named `cxkit`. Sites that list policies add `cxkit` (and Lit's `lit-html`).
   */
  function trusted(src: string): unknown {
    const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    if (!factory) return src;
    if (policy === undefined) {
      try {
        policy = factory.createPolicy('cxkit', { createScriptURL: (url) => (ours.has(url) ? url : '') });
      } catch {
        policy = null; // the policy name is not allowed: the browser reports the refusal
      }
    }
    return policy ? policy.createScriptURL(src) : src;
  }

  return {
    urlOf(part) {
      const named = tag?.getAttribute(`data-${part}-src`);
      if (named) return new URL(named, document.baseURI).href;
      // no tag at all: the script ran as a module (or inside one, bundled), where the browser names no current script
      if (!tag?.src) {
        const fix = tag ? `add data-${part}-src to the script tag` : 'load cxkit.js with a classic <script src> (not type="module")';
        throw new Error(`cxkit: cannot tell where cxkit-${part}.js is: ${fix}`);
      }
      // the tag's src is absolute already: the last segment of its path (before any query or fragment) is the file.
      // Plain string work, no URL object: this runs in the page's first idle moment, where every first use costs
      return tag.src.replace(/[^/?#]*(?=[?#]|$)/, (file) => `${file.endsWith('.js') ? file.slice(0, -3) : 'cxkit'}-${part}.js`);
    },
    load(src, patient) {
      ours.add(src);
      return new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = trusted(src) as string;
        script.async = true;
        // a nonce-based CSP allows the next script only if it carries the first one's nonce
        if (tag?.nonce) script.nonce = tag.nonce;
        if (tag?.crossOrigin) script.crossOrigin = tag.crossOrigin;
        const timer = setTimeout(() => {
          const slow = `cxkit: ${src} did not load within ${loadTimeoutMs / 1000} s`;
          if (patient) reportError(`${slow}; still waiting for it`);
          else reject(new Error(slow));
        }, loadTimeoutMs);
        let broken: string | undefined;
        // a server that answers a missing file with a page (a single-page app's fallback) has the browser run the page
        // as script: the SyntaxError, reported while the script is the current one, is cxkit's to name, not the page's
        // (its error handlers and monitoring). Whatever else the file could throw, its own code catches
        const onRunError = (event: ErrorEvent) => {
          if (document.currentScript !== script) return;
          broken = event.message;
          event.preventDefault();
          event.stopImmediatePropagation();
        };
        addEventListener('error', onRunError, true);
        const settle = (error?: string) => {
          clearTimeout(timer);
          removeEventListener('error', onRunError, true);
          if (error) reject(new Error(`cxkit: ${src} ${error}`));
          else resolve();
        };
        script.addEventListener('load', () => settle(broken && `could not be run (${broken})`));
        script.addEventListener('error', () => settle('could not be loaded'));
        document.head.append(script);
      });
    },
  };
}
