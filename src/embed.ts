// The script-tag entry (dist/cxkit.js): creates the default client from data-endpoint, sets window.cxkit, replays queued calls.
import { setDefaultClient } from './elements/default-client.js';
import './elements.js';
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

const clientMethods = ['identify', 'record', 'show', 'flush', 'pending', 'on'] as const;

function report(error: unknown): void {
  console.error(error instanceof Error ? error.message : `cxkit: ${String(error)}`);
}

function boot(): void {
  if (window.cxkit && !Array.isArray(window.cxkit)) return; // loaded twice: the first copy stays in charge
  const queued = Array.isArray(window.cxkit) ? window.cxkit : [];
  const script = document.currentScript as HTMLScriptElement | null;
  let client: CxClient | null = null;

  /** Calls a client method without ever throwing into the page; promise results that fail are reported, not raised. */
  function call(method: string, args: readonly unknown[]): unknown {
    if (!client) return report(`cxkit.${method}(): cxkit is not initialised (no valid data-endpoint or init() call)`);
    if (!(clientMethods as readonly string[]).includes(method)) return report(`cxkit: unknown method "${method}"`);
    try {
      const result = (client[method as (typeof clientMethods)[number]] as (...a: readonly unknown[]) => unknown)(...args);
      if (result instanceof Promise) return result.catch((error: unknown) => report(error));
      return result;
    } catch (error) {
      return report(error);
    }
  }

  const api: EmbedApi & Record<(typeof clientMethods)[number], (...args: unknown[]) => unknown> = {
    init(config) {
      try {
        const next = createClient(config);
        client?.destroy();
        client = next;
        setDefaultClient(next);
        return true;
      } catch (error) {
        report(error);
        return false;
      }
    },
    push(...calls) {
      for (const [method, ...args] of calls) {
        if (method === 'init') api.init(args[0] as ClientConfig);
        else call(method, args);
      }
    },
    get client() {
      return client;
    },
    identify: (...args) => call('identify', args),
    record: (...args) => call('record', args),
    show: (...args) => call('show', args),
    flush: (...args) => call('flush', args),
    pending: (...args) => call('pending', args),
    on: (...args) => call('on', args),
  };
  window.cxkit = api;
  const endpoint = script?.dataset.endpoint;
  if (endpoint) api.init({ endpoint });
  api.push(...queued);
}

try {
  boot();
} catch (error) {
  report(error);
}
