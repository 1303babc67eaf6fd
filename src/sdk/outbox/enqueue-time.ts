// When an entry joins the outbox, by which the outbox orders what it expires first (overflow, a full disk).

let last = 0;

/**
 * The clock's time, but always later than the last entry this page stored: answers stored within one millisecond
 * would otherwise be equally old, and the first recorded might outlive a later one. Other tabs keep their own.
 */
export function enqueueTime(): number {
  return (last = Math.max(Date.now(), last + 1));
}
