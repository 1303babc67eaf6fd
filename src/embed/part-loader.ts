// The script tag's optional files (the touchpoint engine, delivery): the core loads one the first time it is needed,
// and the file hands the core its part through a hidden entry point on window.cxkit.
import { reportError } from './report.js';
import type { ScriptLoader } from './script-loader.js';

/** A file the core loads only when a page needs it: dist/cxkit-touchpoints.js, dist/cxkit-outbox.js, dist/cxkit-delivery.js. */
export type OptionalPart = 'touchpoints' | 'outbox' | 'delivery';

const connectKey = (part: OptionalPart) => `__cxkitConnect-${part}`;

export interface PartLoader<T> {
  /**
   * Loads the file once; resolves with what it handed the core, or with null once it could not be (said once). A file
   * that could not be fetched while the browser was offline is fetched again at the next call.
   */
  load(): Promise<T | null>;
  /** The file's URL, or its name while the tag has not said where it is. */
  readonly src: string;
}

/**
 * `api` is window.cxkit. The core puts the entry point there itself (the prompt UI's goes through the loader), so that
 * the file on the page's critical path does not grow for it.
 */
export function partLoader<T>(scripts: ScriptLoader, api: object, part: OptionalPart): PartLoader<T> {
  let handed: T | null = null;
  let src = `cxkit-${part}.js`;
  let loading: Promise<T | null> | null = null;
  Object.defineProperty(api, connectKey(part), { value: (value: T) => (handed = value) });
  return {
    load: () =>
      (loading ??= (async () => {
        try {
          src = scripts.urlOf(part);
          // a slow file is waited for: touchpoints start late rather than never, answers go out from this page
          await scripts.load(src, true);
          if (!handed) throw new Error(`cxkit: ${src} loaded but did not start`);
        } catch (error) {
          // offline, the file is not missing: it is asked for again at the next need, and nothing is said
          if (globalThis.navigator?.onLine === false) loading = null;
          else reportError(error);
        }
        return handed;
      })()),
    get src() {
      return src;
    },
  };
}

/** What an optional file runs: hands the core its part, or says in the console that the file was loaded on its own. */
export function handToCore(part: OptionalPart, value: unknown): void {
  try {
    const connect = (window.cxkit as unknown as Record<string, ((value: unknown) => void) | undefined> | undefined)?.[connectKey(part)];
    if (connect) connect(value);
    else console.error(`cxkit: cxkit-${part}.js is loaded by cxkit.js; load cxkit.js instead`);
  } catch (error) {
    console.error(error);
  }
}
