// Makes sure only one tab delivers at a time: Web Locks where present, a lease in storage otherwise.
import type { Outbox } from '../outbox/outbox.js';

/** Called before each request; false means another tab took over and this one must stop. */
export type Renew = () => Promise<boolean>;

interface Lease {
  readonly owner: string;
  readonly expiresAt: number;
}

/** Takes the lease when it is free, expired or already ours, in one transaction so that two tabs cannot both win. */
async function claimLease(outbox: Outbox, owner: string, ttlMs: number): Promise<boolean> {
  const now = Date.now();
  const lease = await outbox.updateMeta<Lease | null>('lease', (current) =>
    !current || current.owner === owner || current.expiresAt <= now ? { owner, expiresAt: now + ttlMs } : current,
  );
  return lease?.owner === owner;
}

/**
 * Runs `task` while holding the delivery lock of `scope` (the database name), after any other tab's turn.
 * Without Web Locks (Safari < 15.4, insecure contexts) an expiring lease in IndexedDB stands in, renewed
 * before each request, so that a crashed tab's lease runs out instead of blocking delivery for ever.
 * Resolves null when another tab holds the lease.
 */
export async function withDeliveryLock<T>(
  scope: string,
  outbox: Outbox,
  owner: string,
  leaseMs: number,
  task: (renew: Renew) => Promise<T>,
): Promise<T | null> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(`cxkit-delivery:${scope}`, () => task(async () => true));
  const renew = () => claimLease(outbox, owner, leaseMs);
  if (!(await renew())) return null;
  try {
    return await task(renew);
  } finally {
    await outbox
      .updateMeta<Lease | null>('lease', (current) => (current?.owner === owner ? null : (current ?? null)))
      .catch(() => undefined);
  }
}
