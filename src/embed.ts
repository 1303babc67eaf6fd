// The script-tag entry (dist/cxkit.js): reads the config (data-endpoint, data-config, inline JSON), creates the
// default client, sets window.cxkit and replays the calls queued before it loaded. It never throws into the page.
import { connectKey } from './embed/prompt-bundle.js';
import { installPromptLoader } from './embed/prompt-loader.js';
import { createClient, type CxClient } from './sdk/client.js';
import type { ClientConfig } from './schema/config.js';

type Call = readonly [method: string, ...args: unknown[]];

/** window.cxkit: the default client's API plus init(); push() keeps working after load for the snippet's sake. */
export interface EmbedApi {
  init(config: ClientConfig): boolean;
  push(...calls: Call[]): void;
  readonly client: CxClient | null;
}

declare global {
  interface Window {
    cxkit?: EmbedApi | Call[];
  }
}

const clientMethods = [
  'identify',
  'record',
  'draft',
  'show',
  'milestone',
  'explain',
  'debug',
  'consent',
  'flush',
  'pending',
  'on',
  'destroy',
] as const;
type ClientMethod = (typeof clientMethods)[number];

function report(error: unknown): void {
  console.error(error instanceof Error ? error.message : `cxkit: ${String(error)}`);
}

/** The config named by the script tag: an inline JSON block, or the JSON at data-config; null if neither. */
async function readConfig(script: HTMLScriptElement | null): Promise<Record<string, unknown> | null> {
  // a blocking script in <head> runs before the inline config below it is parsed
  if (document.readyState === 'loading' && !script?.dataset.config) {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  const inline = document.querySelector('script[type="application/json"][data-cxkit-config]');
  const url = script?.dataset.config;
  let text: string;
  let source: string;
  if (inline) {
    text = inline.textContent ?? '';
    source = 'the inline <script data-cxkit-config>';
  } else if (url) {
    source = `data-config ${url}`;
    let response: globalThis.Response;
    try {
      // relative to the page, like any URL the site owner writes in its HTML
      response = await fetch(new URL(url, document.baseURI), { credentials: 'same-origin' });
    } catch (error) {
      throw new Error(`cxkit: ${source}: could not be loaded (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!response.ok) throw new Error(`cxkit: ${source}: could not be loaded (HTTP ${response.status})`);
    text = await response.text();
  } else {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`cxkit: ${source}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`cxkit: ${source}: expected a JSON object`);
  return parsed as Record<string, unknown>;
}

function boot(): void {
  if (window.cxkit && !Array.isArray(window.cxkit)) return; // loaded twice: the first copy stays in charge
  const queued: Call[] = Array.isArray(window.cxkit) ? [...window.cxkit] : [];
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  const prompts = installPromptLoader(script);
  let client: CxClient | null = null;
  /** Calls wait here while the config loads, so that they run in order once the client exists. */
  let waiting: Array<() => void> | null = [];

  /** Calls a client method without ever throwing into the page; failed promises are reported, not raised. */
  function call(method: string, args: readonly unknown[]): unknown {
    if (waiting) return new Promise((resolve) => waiting?.push(() => resolve(call(method, args))));
    if (!(clientMethods as readonly string[]).includes(method)) return report(`cxkit: unknown method "${method}"`);
    if (!client) return report(`cxkit.${method}(): cxkit is not initialised (no valid config; see the error above, or call cxkit.init())`);
    try {
      const result = (client[method as ClientMethod] as (...a: readonly unknown[]) => unknown)(...args);
      return result instanceof Promise ? result.catch((error: unknown) => report(error)) : result;
    } catch (error) {
      return report(error);
    }
  }

  /** Creates the default client; bad config is reported (naming the field) and leaves cxkit inert. */
  function init(config: unknown): boolean {
    try {
      const next = createClient(config as ClientConfig);
      client?.destroy();
      client = next;
      prompts.setClient(next);
      return true;
    } catch (error) {
      report(error);
      prompts.noClient('reported');
      return false;
    }
  }

  function run(calls: readonly Call[]): void {
    for (const [method, ...args] of calls) {
      if (method === 'init' && !waiting) init(args[0]);
      else if (method === 'init') waiting?.push(() => init(args[0]));
      else void call(method, args);
    }
  }

  const api = {
    init,
    push: (...calls: Call[]) => run(calls),
    get client() {
      return client;
    },
    ...Object.fromEntries(clientMethods.map((method) => [method, (...args: unknown[]) => call(method, args)])),
  } as EmbedApi;
  Object.defineProperty(api, connectKey, { value: prompts.connect, enumerable: false });
  window.cxkit = api;

  const endpoint = script?.dataset.endpoint;
  run(queued);
  readConfig(script)
    .then((fileConfig) => {
      if (fileConfig || endpoint) init({ ...fileConfig, ...(endpoint ? { endpoint } : {}) });
      else prompts.noClient('unset');
    })
    .catch((error: unknown) => {
      report(error);
      prompts.noClient('reported');
    })
    .finally(() => {
      const ready = waiting ?? [];
      waiting = null;
      for (const next of ready) next();
    });
}

try {
  boot();
} catch (error) {
  report(error);
}
