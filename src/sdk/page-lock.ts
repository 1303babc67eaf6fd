// Tells whether the page that owns a draft is still open: each page holds a Web Lock named after it for its whole
// life, and a lock dies with its tab. Where Web Locks are missing, callers fall back to the draft's age.

const prefix = 'cxkit-page:';

/** Holds this page's lock until `release` is called or the page goes away. */
export function holdPageLock(owner: string): () => void {
  const locks = globalThis.navigator?.locks;
  if (!locks) return () => {};
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  void locks.request(`${prefix}${owner}`, () => held).catch(() => undefined);
  return () => release();
}

/** The owners whose pages are open now, or null when Web Locks cannot tell. */
export async function liveOwners(): Promise<Set<string> | null> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return null;
  const { held = [] } = await locks.query();
  return new Set(held.flatMap((lock) => (lock.name?.startsWith(prefix) ? [lock.name.slice(prefix.length)] : [])));
}
