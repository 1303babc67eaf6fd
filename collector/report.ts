// The figures the summary endpoint and the dashboard show: summarize() plus 95% confidence intervals, a trend by
// day, the score distribution and the latest comments.
import type { PromptKind, Response } from '../src/schema/response.js';
import { cesOnSeven, summarize, type Summary } from '../src/sdk/scores.js';

/** Half-width of a 95% confidence interval, in the metric's own unit; null below two answers. */
export interface Intervals {
  readonly nps: number | null;
  readonly csat: number | null;
  readonly ces: number | null;
}

export type SummaryWithIntervals = Summary & { readonly ci95: Intervals };

const z95 = 1.96;

/**
 * NPS: the variance of (promoter − detractor) indicators is p + d − (p − d)²; CSAT: a proportion, p(1 − p);
 * CES: the sample variance of the (1–7) scores. Each over n, as a normal approximation.
 */
export function withIntervals(responses: readonly Response[]): SummaryWithIntervals {
  const summary = summarize(responses);
  const { nps, csat, ces } = summary;
  const npsCi = () => {
    const p = nps.promoters / nps.n;
    const d = nps.detractors / nps.n;
    return 100 * z95 * Math.sqrt((p + d - (p - d) ** 2) / nps.n);
  };
  const csatCi = () => {
    const p = (csat.score ?? 0) / 100;
    return 100 * z95 * Math.sqrt((p * (1 - p)) / csat.n);
  };
  const cesCi = () => {
    const scores = responses.filter((r) => r.kind === 'ces').map(cesOnSeven);
    const mean = ces.mean ?? 0;
    const variance = scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (scores.length - 1);
    return z95 * Math.sqrt(variance / scores.length);
  };
  return {
    ...summary,
    ci95: { nps: nps.n > 1 ? npsCi() : null, csat: csat.n > 1 ? csatCi() : null, ces: ces.n > 1 ? cesCi() : null },
  };
}

export interface DayFigures {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
  readonly nps: number | null;
  readonly csat: number | null;
  readonly ces: number | null;
  readonly n: number;
}

export interface Report {
  readonly summary: SummaryWithIntervals;
  readonly trend: readonly DayFigures[];
  /** Answers per score, index 0 being the lowest score of the scale (NPS 0–10, CSAT 1–5, CES 1–7). */
  readonly distribution: Readonly<Record<PromptKind, readonly number[]>>;
  readonly comments: ReadonlyArray<Pick<Response, 'id' | 'kind' | 'score' | 'touchpoint' | 'answeredAt' | 'comment'>>;
  readonly touchpoints: readonly string[];
}

export function buildReport(responses: readonly Response[], touchpoints: readonly string[], latestComments = 20): Report {
  const byDay = new Map<string, Response[]>();
  for (const r of responses) {
    const day = new Date(r.answeredAt).toISOString().slice(0, 10);
    const answers = byDay.get(day);
    if (answers) answers.push(r);
    else byDay.set(day, [r]);
  }
  const trend = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, answers]) => {
      const { nps, csat, ces } = summarize(answers);
      return { day, nps: nps.score, csat: csat.score, ces: ces.mean, n: answers.length };
    });
  const distribution = { nps: new Array<number>(11).fill(0), csat: new Array<number>(5).fill(0), ces: new Array<number>(7).fill(0) };
  for (const r of responses) {
    // CES on 1–5 is counted on its own points mapped to the nearest 1–7 point, so the bars share one axis
    const point = r.kind === 'ces' ? Math.round(cesOnSeven(r)) - 1 : r.score - r.scale.min;
    const bars = distribution[r.kind];
    if (point >= 0 && point < bars.length) bars[point] = (bars[point] ?? 0) + 1;
  }
  const comments = responses
    .filter((r) => r.comment)
    .slice(-latestComments)
    .reverse()
    .map(({ id, kind, score, touchpoint, answeredAt, comment }) => ({ id, kind, score, touchpoint, answeredAt, comment }));
  return { summary: withIntervals(responses), trend, distribution, comments, touchpoints };
}
