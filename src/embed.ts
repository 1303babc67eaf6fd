// The script tag (dist/cxkit.js), the only file on the page's critical path: installs window.cxkit (calls made before
// it loaded, and while the rest loads, are kept and run in order), and loads the core (dist/cxkit-core.js) when the
// browser is idle a second after the page's load — or at once when a call or a prompt element needs it. The core reads
// the config, so nothing is read until then, and the prompt UI loads only when a prompt shows. It never throws into the
// page.
import { connectCoreKey, type Call, type ConnectCore, type Core } from './embed/core-bundle.js';
import { clientMethods, type ClientMethod } from './embed/methods.js';
import { connectKey, type ConnectPrompts } from './embed/prompt-bundle.js';
import { reportError } from './embed/report.js';
import { scriptLoader } from './embed/script-loader.js';
import { inCallersZone } from './sdk/app-zone.js';
import type { CxClient } from './sdk/client/client.js';
import type { ClientConfig } from './schema/config.js';

/**
 * A method as window.cxkit forwards it: it never throws (errors go to the console, and the answer is undefined) and a
 * promise it returns never rejects (a failure resolves to undefined). Called before the core runs, it is queued and
 * answers with a promise of its result.
 */
type Forwarded<Method> = Method extends (...args: infer Args) => infer Result
  ? (...args: Args) => Result | Promise<Awaited<Result> | undefined> | undefined
  : never;

type ForwardedMethods = { readonly [Method in ClientMethod]: Forwarded<CxClient[Method]> };

/** window.cxkit: the default client's API plus init(); push() keeps working after load for the snippet's sake. */
export interface EmbedApi extends ForwardedMethods {
  /** Creates the default client from a config (true), or names what is wrong with it in the console (false). */
  readonly init: Forwarded<(config: ClientConfig) => boolean>;
  push(...calls: Call[]): void;
  /** The default client once the core runs and has a config; null before. */
  readonly client: CxClient | null;
}

declare global {
  interface Window {
    cxkit?: EmbedApi | Call[];
  }
}

const methods = ['init', ...clientMethods];
const promptTags = 'cx-nps,cx-csat,cx-ces';
/** How long after the page's load the core waits before it asks for an idle moment. */
const settleMs = 1000;
/** How long an idle browser may keep the core waiting; a busy page gets it after this anyway. */
const idleTimeoutMs = 3000;

function boot(): void {
  // loaded twice: the first copy stays in charge. Anything else there is not cxkit's: an element with id="cxkit" (which
  // the window names), a frame named so (one from another site throws when looked into), or a page's own global; the
  // API takes the name over
  try {
    if ((window.cxkit as Partial<Record<string, unknown>> | undefined)?.[connectCoreKey]) return;
  } catch {}
  const tag = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  const scripts = scriptLoader(tag);
  let core: Core | null = null;
  /** Set once the core could not be loaded: said once, and every call after that is a quiet no-op. */
  let failed = false;
  /**
   * Calls made before the core runs, in order, with what each caller waits on; each runs in the zone it was made in (an
   * Angular app's, for one), as it would have had the core been there.
   */
  const queue: Array<{ readonly run: (core: Core) => unknown; readonly settle?: (result: unknown) => void }> = [];
  const enqueue = ([method, ...args]: Call, settle?: (result: unknown) => void) =>
    queue.push({ run: inCallersZone((core: Core) => core.call(method, args)), ...(settle && { settle }) });
  if (Array.isArray(window.cxkit)) for (const call of window.cxkit) enqueue(call);

  let loading = false;
  function loadCore(): void {
    if (loading) return;
    loading = true;
    let src: string;
    try {
      src = scripts.urlOf('core');
    } catch (error) {
      return giveUp(error);
    }
    // calls wait for the core however slow it is: they are dropped only when it cannot be loaded
    scripts.load(src, true).then(() => {
      if (!core) giveUp(new Error(`cxkit: ${src} loaded but did not start`));
    }, giveUp);
  }

  function giveUp(error: unknown): void {
    failed = true;
    reportError(error);
    for (const { settle } of queue.splice(0)) settle?.(undefined);
  }

  function call(method: string, args: readonly unknown[]): unknown {
    if (core) return core.call(method, args);
    if (failed) return undefined;
    // queued before the core is asked for: a core that cannot even be asked for settles it with the rest
    const result = new Promise((settle) => enqueue([method, ...args], settle));
    loadCore();
    return result;
  }

  const connectCore: ConnectCore = (start) => {
    if (core) return;
    core = start({ scripts, tag });
    for (const { run, settle } of queue.splice(0)) {
      const result = run(core);
      settle?.(result);
    }
  };
  const connectPrompts: ConnectPrompts = (bundle) => core?.connectPrompts(bundle);

  const api = {
    push: (...calls: Call[]) => {
      for (const [method, ...args] of calls) void call(method, args);
    },
    get client() {
      return core?.client ?? null;
    },
    ...Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => call(method, args)])),
  } as EmbedApi;
  Object.defineProperty(api, connectCoreKey, { value: connectCore });
  Object.defineProperty(api, connectKey, { value: connectPrompts });
  window.cxkit = api;

  if (queue.length) return loadCore();
  // a prompt written in the page needs the core now; anything else can wait for the browser to be idle
  const whenParsed = () => {
    if (document.querySelector(promptTags)) loadCore();
    else if (document.readyState === 'complete') whenIdle();
    else addEventListener('load', whenIdle, { once: true });
  };
  // the second after load is not idle even when the page's thread is: the browser still works on the load, and any
  // script then took about twice as long in the bench (`npm run bench`'s yardstick, at 4× throttling)
  const whenIdle = () =>
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(loadCore, { timeout: idleTimeoutMs });
      else loadCore(); // Safari: no requestIdleCallback
    }, settleMs);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', whenParsed, { once: true });
  else whenParsed();
}

try {
  boot();
} catch (error) {
  reportError(error);
}
