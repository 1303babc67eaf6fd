// An Angular app runs in a zone (zone.js): each event or timer started in it is a change detection of the whole app,
// and a timer pending in it keeps the app from being stable (its service worker registers only once it is). What
// cxkit starts for itself, its scroll, typing and page listeners and its timers, starts in zone.js's root zone.

interface ZoneJs {
  readonly __symbol__?: unknown;
  readonly root?: { run?<T>(fn: () => T): T };
}

/** Runs `fn` in zone.js's root zone on a page that has zone.js, and as it is elsewhere. */
export function outsideAppZone<T>(fn: () => T): T {
  let root: ZoneJs['root'];
  try {
    // `Zone` may also be what a page named so (an element with that id, a class of its own): zone.js's has __symbol__
    const zone = (globalThis as { Zone?: ZoneJs }).Zone;
    if (typeof zone?.__symbol__ === 'function') root = zone.root;
  } catch {}
  return typeof root?.run === 'function' ? root.run(fn) : fn();
}
