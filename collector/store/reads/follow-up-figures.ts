// What both stores make of their follow-ups in a range: how many of the answers needing someone are open, contacted or
// closed, and the same for each person they are left to (and for nobody), from the follow-ups counted by both.
import type { FollowUpFigures, FollowUpOwner, FollowUpStatus } from '../store.js';

/** Follow-ups of the range's answers that need someone, counted by status and owner (`n` a bigint as text from PostgreSQL). */
export interface FollowUpCount {
  readonly status: string;
  readonly assignee: string | null;
  readonly n: number | string;
}

/** The medians of a read that asked for the counts alone. */
export const withoutMedians = { medianHoursToClose: null, medianHoursToFirstContact: null } as const;

export function followUpFigures(
  needingAttention: number,
  counts: readonly FollowUpCount[],
  medians: Pick<FollowUpFigures, 'medianHoursToClose' | 'medianHoursToFirstContact'>,
): FollowUpFigures {
  const total = (status: FollowUpStatus, assignee?: string | null) =>
    counts
      .filter((c) => c.status === status && (assignee === undefined || c.assignee === assignee))
      .reduce((sum, c) => sum + Number(c.n), 0);
  // an answer nobody has touched has no follow-up yet: open, and nobody's
  const open = needingAttention - total('contacted') - total('closed');
  const named = [...new Set(counts.map((c) => c.assignee).filter((name): name is string => name !== null))];
  const loadOf = (assignee: string | null, open: number): FollowUpOwner => ({
    assignee,
    open,
    contacted: total('contacted', assignee),
    closed: total('closed', assignee),
  });
  const people = named.map((name) => loadOf(name, total('open', name)));
  const nobody = loadOf(null, open - people.reduce((sum, p) => sum + p.open, 0));
  const owners = [...people, ...(nobody.open + nobody.contacted + nobody.closed ? [nobody] : [])].sort(
    (a, b) => b.open - a.open || b.contacted - a.contacted || (a.assignee ?? '\uffff').localeCompare(b.assignee ?? '\uffff'),
  );
  return { needingAttention, open, contacted: total('contacted'), closed: total('closed'), ...medians, owners };
}
