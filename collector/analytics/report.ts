// The figures the summary endpoint and the dashboard show, from counts per day and score (never from rows):
// summarize()'s figures plus 95% confidence intervals, a trend by day, the score distribution and the latest comments.
import type { PromptKind } from '../../src/schema/response.js';
import { cesPoint, summarizeCounts, type ScoreCount, type Summary } from '../../src/sdk/scores.js';
import { ci95, estimate } from './estimates.js';
import { withBrowsers, type WithBrowser } from '../store/reads/signed-in-browsers.js';
import type { CommentRow, DayScoreCount, EngagementCount, ResponseFilter, ResponseStore, TouchpointList } from '../store/store.js';
import type { FollowUpSummary } from './follow-up-promise.js';

/** Half-width of a 95% confidence interval, in the metric's own unit; null below two answers. */
export interface Intervals {
  readonly nps: number | null;
  readonly csat: number | null;
  readonly ces: number | null;
}

/** How prompts fared: displays by outcome, and rates in percent (null when there is nothing to divide by). */
export interface Engagement {
  readonly shown: number;
  readonly answered: number;
  readonly dismissed: number;
  readonly ignored: number;
  readonly open: number;
  /** Answered displays per 100 shown. */
  readonly responseRate: number | null;
  /** Answers stored, with or without a display (inline elements and `record()` have none). */
  readonly answers: number;
  /** Answers with a comment per 100 answers. */
  readonly commentRate: number | null;
  /** Partial answers (follow-up abandoned) per 100 answers. */
  readonly partialRate: number | null;
}

/** The scores with their intervals, engagement overall, and engagement per touchpoint. */
export type SummaryWithIntervals = Summary & { readonly ci95: Intervals } & Engagement & {
    /** The `listedTouchpoints` touchpoints with the most displays and answers. */
    readonly byTouchpoint: Readonly<Record<string, Engagement>>;
    /** How many touchpoints `byTouchpoint` leaves out (a site may name one per product or help article). */
    readonly byTouchpointLeftOut: number;
    readonly byKind: Readonly<Partial<Record<PromptKind, Engagement>>>;
  };

/**
 * The most touchpoints a summary or report lists: a site naming one per product page had made each dashboard load
 * megabytes (22 MB at 50,000 touchpoints), and a filter of 50,000 options helps nobody.
 */
export const listedTouchpoints = 500;

const rate = (part: number, whole: number) => (whole ? (100 * part) / whole : null);

function engagementOf(c: Omit<EngagementCount, 'touchpoint' | 'kind'>): Engagement {
  const { shown, answered, dismissed, ignored, open, answers } = c;
  return {
    shown,
    answered,
    dismissed,
    ignored,
    open,
    responseRate: rate(answered, shown),
    answers,
    commentRate: rate(c.commented, answers),
    partialRate: rate(c.partials, answers),
  };
}

type Tally = { -readonly [K in Exclude<keyof EngagementCount, 'touchpoint' | 'kind'>]: number };
const emptyTally = (): Tally => ({ shown: 0, answered: 0, dismissed: 0, ignored: 0, open: 0, answers: 0, commented: 0, partials: 0 });

/**
 * Engagement overall, per touchpoint (the `listed` with the most displays and answers) and per kind, each the store's
 * per-touchpoint-and-kind counts added up.
 */
export function engagement(
  counts: readonly EngagementCount[],
  listed = Infinity,
): Engagement & {
  readonly byTouchpoint: Record<string, Engagement>;
  readonly byTouchpointLeftOut: number;
  readonly byKind: Partial<Record<PromptKind, Engagement>>;
} {
  const total = emptyTally();
  const touchpoints = new Map<string, Tally>();
  const kinds = new Map<PromptKind, Tally>();
  for (const c of counts) {
    const perTouchpoint = touchpoints.get(c.touchpoint) ?? emptyTally();
    const perKind = kinds.get(c.kind) ?? emptyTally();
    touchpoints.set(c.touchpoint, perTouchpoint);
    kinds.set(c.kind, perKind);
    for (const key of Object.keys(total) as Array<keyof Tally>) {
      total[key] += c[key];
      perTouchpoint[key] += c[key];
      perKind[key] += c[key];
    }
  }
  const kept = [...touchpoints].sort(([, a], [, b]) => b.shown + b.answers - (a.shown + a.answers)).slice(0, listed);
  return {
    ...engagementOf(total),
    byTouchpoint: Object.fromEntries(
      kept.sort(([a], [b]) => (a < b ? -1 : 1)).map(([touchpoint, tally]) => [touchpoint, engagementOf(tally)]),
    ),
    byTouchpointLeftOut: touchpoints.size - kept.length,
    byKind: Object.fromEntries([...kinds].map(([kind, tally]) => [kind, engagementOf(tally)])),
  };
}

/** The scores with the half-widths of their 95% intervals (see `estimate`), and engagement. */
export function withIntervals(counts: readonly ScoreCount[], engaged: readonly EngagementCount[] = []): SummaryWithIntervals {
  return {
    ...summarizeCounts(counts),
    ci95: { nps: ci95(estimate('nps', counts)), csat: ci95(estimate('csat', counts)), ces: ci95(estimate('ces', counts)) },
    ...engagement(engaged, listedTouchpoints),
  };
}

export interface DayFigures {
  /** YYYY-MM-DD, in the collector's time zone. */
  readonly day: string;
  readonly nps: number | null;
  readonly csat: number | null;
  readonly ces: number | null;
  readonly n: number;
}

/** What `GET /v1/summary` answers: the scores, engagement, and where follow-ups stand. */
export type CollectorSummary = SummaryWithIntervals & { readonly followUp: FollowUpSummary };

export interface Report {
  readonly summary: CollectorSummary;
  readonly trend: readonly DayFigures[];
  /** Answers per score, index 0 being the lowest score of the scale (NPS 0–10, CSAT 1–5, CES 1–7). */
  readonly distribution: Readonly<Record<PromptKind, readonly number[]>>;
  readonly comments: readonly ReportComment[];
  /** The `listedTouchpoints` touchpoints with the most answers, alphabetically. */
  readonly touchpoints: readonly string[];
  /** How many touchpoints with answers `touchpoints` leaves out. */
  readonly touchpointsLeftOut: number;
  /** The IANA time zone the days (of `trend`, and of a range's dates) are counted in. */
  readonly timeZone: string;
  /** Answers the database refused although they were valid, kept aside and not counted (PostgreSQL's quarantine). */
  readonly quarantinedAnswers: number;
}

/** What a report says besides the figures: the latest comments, the touchpoints, the zone, the quarantine. */
export interface ReportContext {
  readonly comments: readonly ReportComment[];
  readonly touchpoints: TouchpointList;
  readonly timeZone: string;
  readonly quarantinedAnswers: number;
}

/** A latest comment as the report gives it: an anonymous one's with whom its browser was signed in as, not the browser. */
export type ReportComment = WithBrowser<Omit<CommentRow, 'anonymousId'>>;

/** The `limit` latest comments in the filter, newest first. */
export async function latestComments(
  store: Pick<ResponseStore, 'latestComments' | 'signedInBrowsers'>,
  filter: ResponseFilter,
  limit: number,
): Promise<ReportComment[]> {
  const comments = await withBrowsers(store, await store.latestComments(filter, limit), (comment) => comment);
  return comments.map(({ anonymousId, ...comment }) => comment);
}

/** `counts` oldest day first, as `ResponseStore.countsByDay` gives them. */
export function buildReport(
  counts: readonly DayScoreCount[],
  engaged: readonly EngagementCount[],
  followUp: FollowUpSummary,
  { comments, touchpoints, timeZone, quarantinedAnswers }: ReportContext,
): Report {
  const trend: DayFigures[] = [];
  for (let start = 0; start < counts.length;) {
    const day = counts[start]!.day;
    let end = start;
    while (end < counts.length && counts[end]!.day === day) end++;
    const answers = counts.slice(start, end);
    const { nps, csat, ces } = summarizeCounts(answers);
    trend.push({ day, nps: nps.score, csat: csat.score, ces: ces.mean, n: nps.n + csat.n + ces.n });
    start = end;
  }
  const distribution = { nps: new Array<number>(11).fill(0), csat: new Array<number>(5).fill(0), ces: new Array<number>(7).fill(0) };
  for (const c of counts) {
    // CES on 1–5 is counted on its own points mapped to the nearest 1–7 point, so the bars share one axis
    const point = c.kind === 'ces' ? Math.round(cesPoint(c.score, c.scaleMax)) - 1 : c.kind === 'nps' ? c.score : c.score - 1;
    const bars = distribution[c.kind];
    if (point >= 0 && point < bars.length) bars[point] = (bars[point] ?? 0) + c.n;
  }
  return {
    summary: { ...withIntervals(counts, engaged), followUp },
    trend,
    distribution,
    comments,
    touchpoints: touchpoints.listed,
    touchpointsLeftOut: touchpoints.total - touchpoints.listed.length,
    timeZone,
    quarantinedAnswers,
  };
}
