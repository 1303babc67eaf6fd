// Tells whether the page that owns a draft is still open: each page holds a Web Lock named after it for its whole
// life, and a lock dies with its tab. Where Web Locks are missing, callers fall back to the draft's age.

const prefix = 'cxkit-page:';

/**
 * Holds this page's lock until `release` is called or the page goes away; `held` resolves once the lock is granted
 * (or cannot be: then other tabs fall back as they do without Web Locks).
 */
export function holdPageLock(owner: string): { release: () => void; held: Promise<void> } {
  const locks = globalThis.navigator?.locks;
  if (!locks) return { release: () => {}, held: Promise.resolve() };
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let granted: () => void = () => {};
  const held = new Promise<void>((resolve) => (granted = resolve));
  void locks
    .request(`${prefix}${owner}`, () => {
      granted();
      return released;
    })
    .catch(() => undefined)
    .finally(granted);
  return { release, held };
}

/** The owners whose pages are open now, or null when Web Locks cannot tell. */
export async function liveOwners(): Promise<Set<string> | null> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return null;
  const { held = [] } = await locks.query();
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])));
}
