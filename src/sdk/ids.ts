// Random ids: response UUIDs (idempotency keys) and the persistent anonymous visitor id.

/** RFC 4122 v4 UUID; `crypto.randomUUID` exists only in secure contexts, so plain-http pages use getRandomValues. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The visitor's anonymous id, kept in localStorage (no cookies) so that it survives reloads. With `persist: false`
 * (consent pending) an id already stored is reused but a new one is not written. Where storage is refused (some
 * private modes, sandboxed frames) it lasts for the page only.
 */
export function anonymousId(storageName: string, persist = true): string {
  try {
    const stored = localStorage.getItem(anonymousIdKey(storageName));
    // an id the page (or anything else) left in a shape answers cannot carry is replaced, not sent to be refused
    if (stored && stored.length <= 100) return stored;
    const fresh = uuid();
    if (persist) localStorage.setItem(anonymousIdKey(storageName), fresh);
    return fresh;
  } catch {
    return uuid();
  }
}

export const anonymousIdKey = (storageName: string) => `${storageName}:anonymous-id`;

/** Writes (consent granted) or removes (consent denied) the stored anonymous id; storage errors are ignored. */
export function storeAnonymousId(storageName: string, id: string | null): void {
  try {
    if (id) localStorage.setItem(anonymousIdKey(storageName), id);
    else localStorage.removeItem(anonymousIdKey(storageName));
  } catch {
    // nothing stored, nothing to remove
  }
}
