// What both stores make of their ranged sums: counts per day and score, and engagement per touchpoint (answers with
// comments and partials from the answer rollup, displays by outcome from the display rollup); and the touchpoints with
// the most answers.
import type { DisplayOutcome } from '../../../src/schema/display.js';
import type { PromptKind } from '../../../src/schema/response.js';
import { mergeCounts } from './day-range.js';
import type {
  DayDisplayCount,
  DayScoreCount,
  SegmentDisplayCount,
  EngagementCount,
  SegmentScoreCount,
  TouchpointList,
  TouchpointScoreCount,
} from '../store.js';

/** The touchpoints with the most answers, with how many have answers (the rollup read both stores ask, then its limit). */
export const mostAnswered = `SELECT touchpoint, count(*) OVER () AS total FROM daily_counts GROUP BY touchpoint HAVING sum(n) > 0
  ORDER BY sum(n) DESC, touchpoint LIMIT`;

export interface TouchpointRow {
  readonly touchpoint: string;
  /** A bigint as text from PostgreSQL. */
  readonly total: number | string;
}

export function listOf(rows: readonly TouchpointRow[]): TouchpointList {
  return { listed: rows.map((row) => row.touchpoint).sort(), total: Number(rows[0]?.total ?? 0) };
}

/** Counts per day and score from the parts `ranged` queries answer, oldest day first. */
/** Oldest day first. */
const byDay = (a: { day: string }, b: { day: string }) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);

export function toDayCounts(parts: ReadonlyArray<readonly DayScoreCount[]>): DayScoreCount[] {
  return mergeCounts(parts, (c) => `${c.day}|${c.kind}|${c.scaleMax}|${c.score}`, ['n']).sort(byDay);
}

export function toTouchpointCounts(parts: ReadonlyArray<readonly TouchpointScoreCount[]>): TouchpointScoreCount[] {
  return mergeCounts(parts, (c) => `${c.touchpoint}|${c.kind}|${c.scaleMax}|${c.score}`, ['n']);
}

/** Displays per day and outcome from the parts `ranged` queries answer, oldest day first. */
export function toDayDisplays(parts: ReadonlyArray<readonly DayDisplayCount[]>): DayDisplayCount[] {
  return mergeCounts(parts, (c) => `${c.day}|${c.outcome}`, ['n']).sort(byDay);
}

export function toSegmentDisplays(parts: ReadonlyArray<readonly SegmentDisplayCount[]>): SegmentDisplayCount[] {
  return mergeCounts(parts, (c) => `${c.value}|${c.outcome}`, ['n']);
}

export function toSegmentCounts(parts: ReadonlyArray<readonly SegmentScoreCount[]>): SegmentScoreCount[] {
  return mergeCounts(parts, (c) => `${c.value}|${c.kind}|${c.scaleMax}|${c.score}`, ['n']);
}

export interface AnswerSums {
  readonly touchpoint: string;
  readonly kind: PromptKind;
  readonly answers: number;
  readonly commented: number;
  readonly partials: number;
}

export interface DisplaySums {
  readonly touchpoint: string;
  readonly kind: PromptKind;
  readonly outcome: DisplayOutcome;
  readonly n: number;
}

/** Engagement per touchpoint and kind from the parts `ranged` queries answer (rollup days and edge rows). */
export function toEngagement(
  answerParts: ReadonlyArray<readonly AnswerSums[]>,
  displayParts: ReadonlyArray<readonly DisplaySums[]>,
): EngagementCount[] {
  const answers = mergeCounts(answerParts, (a) => `${a.touchpoint}|${a.kind}`, ['answers', 'commented', 'partials']);
  const displays = mergeCounts(displayParts, (d) => `${d.touchpoint}|${d.kind}|${d.outcome}`, ['n']);
  const byKey = new Map<string, { -readonly [K in keyof EngagementCount]: EngagementCount[K] }>();
  const entry = ({ touchpoint, kind }: { touchpoint: string; kind: PromptKind }) => {
    let found = byKey.get(`${touchpoint}|${kind}`);
    if (!found) {
      found = { touchpoint, kind, shown: 0, answered: 0, dismissed: 0, ignored: 0, open: 0, answers: 0, commented: 0, partials: 0 };
      byKey.set(`${touchpoint}|${kind}`, found);
    }
    return found;
  };
  for (const a of answers) {
    const e = entry(a);
    e.answers += a.answers;
    e.commented += a.commented;
    e.partials += a.partials;
  }
  for (const d of displays) {
    const e = entry(d);
    e.shown += d.n;
    e[d.outcome] += d.n;
  }
  return [...byKey.values()].sort((a, b) =>
    a.touchpoint < b.touchpoint ? -1 : a.touchpoint > b.touchpoint ? 1 : a.kind < b.kind ? -1 : 1,
  );
}
