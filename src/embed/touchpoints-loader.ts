// Loads the touchpoint engine (dist/cxkit-touchpoints.js) only for a config that has touchpoints: a page that only
// records, calls show() or holds inline prompts never fetches, compiles or runs it.
import { idleTouchpoints, type StartTouchpoints, type Touchpoints } from '../touchpoints/touchpoints.js';
import { partLoader } from './part-loader.js';
import type { ScriptLoader } from './script-loader.js';

export interface TouchpointsLoader {
  /** Loads the engine for a config about to be used; resolves once it is there or could not be loaded (said once). */
  preload(): Promise<void>;
  /** What a client runs its touchpoints with: the engine once it is there, and until then a stand-in that waits for it. */
  readonly start: StartTouchpoints;
}

/** `api` is window.cxkit, where the touchpoints script finds the core. */
export function installTouchpointsLoader(scripts: ScriptLoader, api: object): TouchpointsLoader {
  const file = partLoader<StartTouchpoints>(scripts, api, 'touchpoints');
  let engine: StartTouchpoints | null = null;
  /** Why there is no engine, once that is known for good. */
  let missing: string | null = null;
  const preload = () =>
    file.load().then((loaded) => {
      engine = loaded;
      if (!loaded) missing = `the touchpoints could not be loaded (${file.src})`;
    });

  const start: StartTouchpoints = (touchpoints, recontact, memory, host) => {
    /** The touchpoints once the engine's fate is known: the engine's, or idle ones that say why there are none. */
    const settled = () => (engine ? engine(touchpoints, recontact, memory, host) : idleTouchpoints(touchpoints, missing ?? ''));
    // a client without touchpoints never needs the engine
    if (engine || missing !== null || !touchpoints.length) return settled();
    // the engine is not here: a client with touchpoints made before it arrived waits for it
    let running: Touchpoints | null = null;
    let stopped = false;
    let debugging = false;
    const ready = preload().then(() => {
      if (stopped) return;
      running = settled();
      running.setDebug(debugging);
    });
    const loadingStandIn = idleTouchpoints(touchpoints, 'the touchpoints are still loading');
    return {
      start: () => ready.then(() => running?.start()),
      stop() {
        stopped = true;
        running?.stop();
      },
      milestone: (name, metadata) => ready.then(() => running?.milestone(name, metadata) ?? false),
      explain: (id) => (running ?? loadingStandIn).explain(id),
      setDebug(on) {
        debugging = on;
        running?.setDebug(on);
      },
    };
  };

  return { preload, start };
}
