// The team's promise to the unhappy customer (`--follow-up-hours`, 48 by default): how many of the range's customers
// needing someone have waited longer than that with nobody reaching them — what a CX lead chases first.
import type { FollowUpFigures, FollowUpOwner, FollowUpReadOptions, ResponseFilter, ResponseStore } from '../store/store.js';

/** One person's customers (or nobody's), with those of them waiting past the promise. */
export interface OwnerLoad extends FollowUpOwner {
  readonly overdue: number;
}

/** A range's follow-up figures with the promise and the customers waiting past it, in all and per owner. */
export interface FollowUpSummary extends Omit<FollowUpFigures, 'owners'> {
  /** Hours within which the team means to reach a customer who needs someone. */
  readonly promiseHours: number;
  /** Those still open (nobody marked them contacted or closed) and answered longer ago than that. */
  readonly overdue: number;
  readonly owners: readonly OwnerLoad[];
}

export const defaultPromiseHours = 48;

/** The instant before which an open follow-up is overdue. */
export const overdueBefore = (promiseHours: number, now: Date) => new Date(now.getTime() - promiseHours * 3_600_000);

export async function followUpSummary(
  store: ResponseStore,
  filter: ResponseFilter,
  promiseHours: number,
  now: Date,
  kinds?: FollowUpReadOptions['kinds'],
): Promise<FollowUpSummary> {
  const due = overdueBefore(promiseHours, now);
  const until = filter.until !== undefined && Date.parse(filter.until) < due.getTime() ? filter.until : due.toISOString();
  const none = filter.since !== undefined && Date.parse(filter.since) >= Date.parse(until);
  // the range up to the promise's edge: its open customers are those waiting past it, each owner's among them
  const [figures, late] = await Promise.all([
    store.followUps(filter, { kinds }),
    none ? null : store.followUps({ ...filter, until }, { medians: false, kinds }),
  ]);
  const overdueOf = (assignee: string | null) => late?.owners.find((o) => o.assignee === assignee)?.open ?? 0;
  return {
    ...figures,
    promiseHours,
    overdue: late?.open ?? 0,
    owners: figures.owners.map((owner) => ({ ...owner, overdue: overdueOf(owner.assignee) })),
  };
}
