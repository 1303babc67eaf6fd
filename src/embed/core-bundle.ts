// The handshake between the script tag's loader (dist/cxkit.js, on the page's critical path) and the core it loads
// when the browser is idle or something needs it (dist/cxkit-core.js).
import type { CxClient } from '../sdk/client/client.js';
import type { PromptBundle } from './prompt-bundle.js';
import type { ScriptLoader } from './script-loader.js';

/** A call as the pre-load queue holds it: `['milestone', 'checkout-complete']`. */
export type Call = readonly [method: string, ...args: unknown[]];

/** What the loader hands the core. */
export interface LoaderContext {
  readonly scripts: ScriptLoader;
  /** The script tag, whose data attributes name the config; null when the loader could not tell which it was. */
  readonly tag: HTMLScriptElement | null;
}

/** What the core gives back: the loader forwards window.cxkit's calls to it. */
export interface Core {
  /** Runs one method (`init` included); never throws, reports instead. */
  call(method: string, args: readonly unknown[]): unknown;
  readonly client: CxClient | null;
  connectPrompts(bundle: PromptBundle): void;
}

/** The loader's hidden entry point on window.cxkit, called by the core script once it runs. */
export const connectCoreKey = '__cxkitConnectCore';

export type ConnectCore = (start: (context: LoaderContext) => Core) => void;
