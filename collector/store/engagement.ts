// What both stores make of their ranged sums: counts per day and score, and engagement per touchpoint (answers with
// comments and partials from the answer rollup, displays by outcome from the display rollup).
import type { DisplayOutcome } from '../../src/schema/display.js';
import { mergeCounts } from './day-range.js';
import type { DayScoreCount, EngagementCount } from './store.js';

/** Counts per day and score from the parts `ranged` queries answer, oldest day first. */
export function toDayCounts(parts: ReadonlyArray<readonly DayScoreCount[]>): DayScoreCount[] {
  return mergeCounts(parts, (c) => `${c.day}|${c.kind}|${c.scaleMax}|${c.score}`, ['n']).sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
}

export interface AnswerSums {
  readonly touchpoint: string;
  readonly answers: number;
  readonly commented: number;
  readonly partials: number;
}

export interface DisplaySums {
  readonly touchpoint: string;
  readonly outcome: DisplayOutcome;
  readonly n: number;
}

/** Engagement per touchpoint from the parts `ranged` queries answer (rollup days and edge rows). */
export function toEngagement(
  answerParts: ReadonlyArray<readonly AnswerSums[]>,
  displayParts: ReadonlyArray<readonly DisplaySums[]>,
): EngagementCount[] {
  const answers = mergeCounts(answerParts, (a) => a.touchpoint, ['answers', 'commented', 'partials']);
  const displays = mergeCounts(displayParts, (d) => `${d.touchpoint}|${d.outcome}`, ['n']);
  const byTouchpoint = new Map<string, { -readonly [K in keyof EngagementCount]: EngagementCount[K] }>();
  const entry = (touchpoint: string) => {
    let found = byTouchpoint.get(touchpoint);
    if (!found) {
      found = { touchpoint, shown: 0, answered: 0, dismissed: 0, ignored: 0, open: 0, answers: 0, commented: 0, partials: 0 };
      byTouchpoint.set(touchpoint, found);
    }
    return found;
  };
  for (const a of answers) {
    const e = entry(a.touchpoint);
    e.answers += a.answers;
    e.commented += a.commented;
    e.partials += a.partials;
  }
  for (const d of displays) {
    const e = entry(d.touchpoint);
    e.shown += d.n;
    e[d.outcome] += d.n;
  }
  return [...byTouchpoint.values()].sort((a, b) => (a.touchpoint < b.touchpoint ? -1 : 1));
}
