// The script tag's core (dist/cxkit-core.js), loaded by dist/cxkit.js when the browser is idle or a call needs it:
// reads and checks the config, creates the default client (with the touchpoint engine, a file of its own, when the
// config has touchpoints, the outbox, another, as the client starts or for an answer, and delivery, a third, once there
// is something to send) and runs the calls the loader forwards, in order. It never throws into the page.
import { connectCoreKey, type ConnectCore, type Core, type LoaderContext } from './embed/core-bundle.js';
import { clientMethods, type ClientMethod } from './embed/methods.js';
import { partLoader } from './embed/part-loader.js';
import { installPromptLoader } from './embed/prompt-loader.js';
import { readConfig } from './embed/read-config.js';
import { reportError } from './embed/report.js';
import { installTouchpointsLoader } from './embed/touchpoints-loader.js';
import { inCallersZone, outsideAppZone } from './sdk/app-zone.js';
import { createClientWith, type CxClient } from './sdk/client/client.js';
import type { StartDelivery } from './sdk/delivery/deliverer.js';
import type { StoragePart } from './sdk/storage-part.js';
import type { ClientConfig } from './schema/config.js';

function startCore({ scripts, tag }: LoaderContext, api: object): Core {
  const prompts = installPromptLoader(scripts, api);
  const touchpoints = installTouchpointsLoader(scripts, api);
  const storage = partLoader<StoragePart>(scripts, api, 'outbox');
  const delivery = partLoader<StartDelivery>(scripts, api, 'delivery');
  let client: CxClient | null = null;
  /** Calls wait here while the config is read, so that they run in order once the client exists, each in its caller's zone. */
  let waiting: Array<() => void> | null = [];

  /** Creates the default client; bad config is reported (naming the field) and leaves cxkit inert. */
  function init(next: unknown): boolean {
    try {
      const created = createClientWith(next as ClientConfig, {
        startTouchpoints: touchpoints.start,
        loadStorage: storage.load,
        loadDelivery: delivery.load,
      });
      client?.destroy();
      client = created;
      prompts.setClient(created);
      return true;
    } catch (error) {
      reportError(error);
      prompts.noClient('reported');
      return false;
    }
  }

  /** Calls a client method without ever throwing into the page; failed promises are reported, not raised. */
  function call(method: string, args: readonly unknown[]): unknown {
    if (waiting) return new Promise((resolve) => waiting?.push(inCallersZone(() => resolve(call(method, args)))));
    if (method === 'init') return init(args[0]);
    if (!(clientMethods as readonly string[]).includes(method)) return reportError(`cxkit: unknown method "${method}"`);
    if (!client) {
      return reportError(`cxkit.${method}(): cxkit is not initialised (no valid config; see the error above, or call cxkit.init())`);
    }
    try {
      // called from an Angular app's zone, what the method starts (a file's request, its timers) is not the app's
      const target = client;
      // but a listener the app adds hears in the app's zone (the loader runs a queued call in the zone it was made in)
      const called = method === 'on' ? [args[0], inCallersZone(args[1])] : args;
      const result = outsideAppZone(() => (target[method as ClientMethod] as (...a: readonly unknown[]) => unknown)(...called));
      // any promise: an async method's is the browser's own, which is no instance of a Promise the page replaced (zone.js)
      return typeof (result as Partial<PromiseLike<unknown>> | undefined)?.then === 'function'
        ? (result as Promise<unknown>).then(undefined, (error: unknown) => reportError(error))
        : result;
    } catch (error) {
      return reportError(error);
    }
  }

  // evaluating this file and creating the client are tasks of their own, so that the page can breathe between them
  const nextTask = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 0));
  readConfig(tag)
    .then(nextTask)
    // a config with touchpoints asks for its engine in a task of its own (starting a request takes a few ms), and the
    // client does not wait for it: an answer recorded meanwhile is stored at once, not held in this page's memory
    .then((file) => {
      if (!Array.isArray(file?.['touchpoints']) || !file['touchpoints'].length) return file;
      void touchpoints.preload();
      return nextTask(file);
    })
    .then((fileConfig) => {
      if (fileConfig) init(fileConfig);
      else prompts.noClient('unset');
    })
    .catch((error: unknown) => {
      reportError(error);
      prompts.noClient('reported');
    })
    .finally(() => {
      const ready = waiting ?? [];
      waiting = null;
      for (const next of ready) next();
    });

  return {
    call,
    get client() {
      return client;
    },
    connectPrompts: prompts.connect,
  };
}

try {
  const api = window.cxkit as unknown as Record<string, ConnectCore | undefined> | undefined;
  const connect = api?.[connectCoreKey];
  if (api && connect) connect((context) => startCore(context, api));
  else console.error('cxkit: cxkit-core.js is loaded by cxkit.js; load cxkit.js instead');
} catch (error) {
  reportError(error);
}
