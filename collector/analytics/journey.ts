// The journey view: the stages in order, each with its moments (touchpoints) — score, n, response rate, and the
// change against the period before — and the weakest moments of each metric called out.
import type { PromptKind } from '../../src/schema/response.js';
import type { EngagementCount, ResponseFilter, ResponseStore, TouchpointScoreCount } from '../store/store.js';
import { estimate, minAnswersPerPoint } from './estimates.js';
import { groupBy } from './group.js';
import { periodOf } from './period.js';
import { engagement } from './report.js';

/** Stages in this order come first; any other stage the answers name follows, alphabetically (step-2 before step-10). */
export const defaultStageOrder = ['discover', 'choose', 'buy', 'get-help', 'stay'] as const;
/** A moment with fewer answers than this is shown but not ranked: too few to call it the weakest (as thin as a thin figure). */
export const minAnswersToRank = minAnswersPerPoint;

export interface JourneyMoment {
  readonly touchpoint: string;
  /** The metric of most of its answers. */
  readonly kind: PromptKind;
  /** NPS score, CSAT % satisfied, or CES mean (1–7); null with no answers. */
  readonly score: number | null;
  readonly n: number;
  /** Answered displays per 100 shown; null without displays, and for a segment's moments but a device's or a page's. */
  readonly responseRate: number | null;
  readonly previous: { readonly score: number | null; readonly n: number };
  /** Score minus the previous period's; null when either has no answers. */
  readonly change: number | null;
}

export interface Journey {
  readonly since: string;
  readonly until: string;
  /** The period compared against: as long as this one, just before it. */
  readonly previousSince: string;
  /** Each stage's `listedMoments` most answered moments, and how many more it has. */
  readonly stages: ReadonlyArray<{ readonly stage: string; readonly moments: readonly JourneyMoment[]; readonly momentsLeftOut: number }>;
  /** Touchpoints with answers but no stage: the `listedMoments` most answered. */
  readonly unstaged: readonly JourneyMoment[];
  readonly unstagedLeftOut: number;
  /**
   * Per metric, the lowest-scoring moment among those with at least `minAnswersToRank` answers (CES: the lowest mean),
   * when at least two such moments compete.
   */
  readonly momentsOfTruth: readonly JourneyMoment[];
}

const byTouchpoint = (counts: readonly TouchpointScoreCount[]) => groupBy(counts, (c) => c.touchpoint);

/** The most moments a stage lists (a site may name a touchpoint per product: 50,000 made the journey 12.8 MB). */
export const listedMoments = 500;

/** The `listedMoments` most answered of `moments` in their order, and how many are left out. */
function mostAnswered(moments: readonly JourneyMoment[]): { moments: JourneyMoment[]; leftOut: number } {
  if (moments.length <= listedMoments) return { moments: [...moments], leftOut: 0 };
  const kept = new Set([...moments].sort((a, b) => b.n - a.n || b.previous.n - a.previous.n).slice(0, listedMoments));
  return { moments: moments.filter((m) => kept.has(m)), leftOut: moments.length - listedMoments };
}

/** The kind most of a touchpoint's answers were given in. */
function mainKind(counts: readonly TouchpointScoreCount[]): PromptKind {
  const totals = new Map<PromptKind, number>();
  for (const c of counts) totals.set(c.kind, (totals.get(c.kind) ?? 0) + c.n);
  return [...totals].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'nps';
}

/** Displays and answers per touchpoint for the filter's customers: everyone's, or one segment's displays. */
export function engagedIn(store: ResponseStore, filter: ResponseFilter): Promise<EngagementCount[]> {
  const { segment } = filter;
  return segment ? store.engagementInSegment({ ...filter, segment: undefined }, segment) : store.engagement(filter);
}

const stageCollator = new Intl.Collator('en', { numeric: true });

export async function buildJourney(
  store: ResponseStore,
  filter: ResponseFilter,
  now: Date,
  stageOrder: readonly string[] = defaultStageOrder,
): Promise<Journey> {
  const { since, until, previousSince } = periodOf(filter, now);
  const current = { ...filter, since: new Date(since).toISOString(), until: new Date(until).toISOString() };
  const before = { ...filter, since: new Date(previousSince).toISOString(), until: new Date(since).toISOString() };
  const [counts, previousCounts, engaged, pairs] = await Promise.all([
    store.countsByTouchpoint(current),
    store.countsByTouchpoint(before),
    // displays carry no segment but the device and the page: a device's or a page's moments have its response rates;
    // another segment's have none, and only its answers list them
    engagedIn(store, current),
    store.touchpointStages(),
  ]);
  const now_ = byTouchpoint(counts);
  const then = byTouchpoint(previousCounts);
  const rates = engagement(engaged).byTouchpoint;

  const moment = (touchpoint: string): JourneyMoment => {
    const mine = now_.get(touchpoint) ?? [];
    const theirs = then.get(touchpoint) ?? [];
    const kind = mainKind(mine.length ? mine : theirs);
    const { value: score, n } = estimate(kind, mine);
    const earlier = estimate(kind, theirs);
    const previous = { score: earlier.value, n: earlier.n };
    return {
      touchpoint,
      kind,
      score,
      n,
      responseRate: rates[touchpoint]?.responseRate ?? null,
      previous,
      change: score === null || previous.score === null ? null : score - previous.score,
    };
  };

  const known = [...new Set([...now_.keys(), ...Object.keys(rates)])].sort();
  const stagesOf = new Map<string, JourneyMoment[]>();
  // each touchpoint's moment once, even when it has been in two stages
  const moments = new Map(known.map((touchpoint) => [touchpoint, moment(touchpoint)]));
  for (const { stage, touchpoint } of pairs) {
    const found = moments.get(touchpoint);
    if (!found) continue;
    const inStage = stagesOf.get(stage);
    if (inStage) inStage.push(found);
    else stagesOf.set(stage, [found]);
  }
  const rank = (stage: string) => {
    const at = stageOrder.indexOf(stage);
    return at < 0 ? stageOrder.length : at;
  };
  const stages = [...stagesOf.keys()]
    // those not named in the order their words and numbers say ("step-2" before "step-10"), the same on every machine
    .sort((a, b) => rank(a) - rank(b) || stageCollator.compare(a, b))
    .map((stage) => {
      const listed = mostAnswered(stagesOf.get(stage) ?? []);
      return { stage, moments: listed.moments, momentsLeftOut: listed.leftOut };
    });
  const staged = new Set(pairs.map((p) => p.touchpoint));
  const unstaged = mostAnswered([...moments.values()].filter((m) => !staged.has(m.touchpoint)));

  const momentsOfTruth = (['nps', 'csat', 'ces'] as const).flatMap((kind) => {
    const ranked = [...moments.values()].filter((m) => m.kind === kind && m.score !== null && m.n >= minAnswersToRank);
    const weakest = ranked.sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
    return weakest && ranked.length > 1 ? [weakest] : [];
  });
  return {
    since: current.since,
    until: current.until,
    previousSince: new Date(previousSince).toISOString(),
    stages,
    unstaged: unstaged.moments,
    unstagedLeftOut: unstaged.leftOut,
    momentsOfTruth,
  };
}
