// An Angular app runs in a zone (zone.js): each event or timer started in it is a change detection of the whole app,
// and a timer pending in it keeps the app from being stable (its service worker registers only once it is). What
// cxkit starts for itself, its scroll, typing and page listeners and its timers, starts in zone.js's root zone; what
// the app gave cxkit to call back, its event listeners, runs in the app's zone, where what they change is seen.

interface Zone {
  run?<T>(fn: () => T): T;
}

interface ZoneJs {
  readonly __symbol__?: unknown;
  readonly root?: Zone;
  readonly current?: Zone;
}

/**
 * zone.js's root zone and the one running now, on a page that has zone.js: `Zone` may also be what a page named so
 * (an element with that id, a class of its own), and whatever it is, reading it throws nothing into the page.
 */
function zones(): { readonly root?: Zone | undefined; readonly current?: Zone | undefined } {
  try {
    const zone = (globalThis as { Zone?: ZoneJs }).Zone;
    if (typeof zone?.__symbol__ === 'function') return { root: zone.root, current: zone.current };
  } catch {}
  return {};
}

/** Runs `fn` in zone.js's root zone on a page that has zone.js, and as it is elsewhere. */
export function outsideAppZone<T>(fn: () => T): T {
  const { root } = zones();
  return typeof root?.run === 'function' ? root.run(fn) : fn();
}

/**
 * `fn`, to run later in the zone it is handed over in (an Angular app's: a listener that sets a component's field then
 * updates the view), or `fn` itself when that is the root zone or the page has no zone.js.
 */
export function inCallersZone<F>(fn: F): F {
  const { root, current } = zones();
  if (typeof fn !== 'function' || !current || current === root || typeof current.run !== 'function') return fn;
  return ((...args: unknown[]) => current.run!(() => (fn as (...a: unknown[]) => unknown)(...args))) as F;
}
