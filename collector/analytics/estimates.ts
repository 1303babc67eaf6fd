// Each metric as an estimate with its sampling variance, from counts of answers per score, and what follows from it:
// 95% intervals, the difference of two estimates with its interval, and a two-sided p-value (normal approximation).
import type { PromptKind } from '../../src/schema/response.js';
import { cesPoint, summarizeCounts, type ScoreCount } from '../../src/sdk/scores.js';

export interface Estimate {
  /** NPS (−100…100), CSAT % satisfied, or CES mean (1–7); null with no answers. */
  readonly value: number | null;
  readonly n: number;
  /** The variance of `value` as an estimate; null below two answers. */
  readonly variance: number | null;
}

export interface Difference {
  /** a − b; null when either has no answers. */
  readonly difference: number | null;
  /** Half-width of the difference's 95% interval; null when either has fewer than two answers. */
  readonly ci95: number | null;
  /** Two-sided p-value of "no difference"; null where the interval is, or when neither varies at all. */
  readonly p: number | null;
}

const z95 = 1.96;

/**
 * NPS: the variance of (promoter − detractor) indicators is p + d − (p − d)²; CSAT: a proportion, p(1 − p);
 * CES: the sample variance of the (1–7) scores. Each over n.
 */
export function estimate(kind: PromptKind, counts: Iterable<ScoreCount>): Estimate {
  const list = [...counts].filter((c) => c.kind === kind);
  const summary = summarizeCounts(list);
  if (kind === 'nps') {
    const { score, promoters, detractors, n } = summary.nps;
    const p = promoters / n;
    const d = detractors / n;
    return { value: score, n, variance: n > 1 ? (100 ** 2 * (p + d - (p - d) ** 2)) / n : null };
  }
  if (kind === 'csat') {
    const { score, n } = summary.csat;
    const p = (score ?? 0) / 100;
    return { value: score, n, variance: n > 1 ? (100 ** 2 * p * (1 - p)) / n : null };
  }
  const { mean, n } = summary.ces;
  let squares = 0;
  for (const c of list) squares += c.n * (cesPoint(c.score, c.scaleMax) - (mean ?? 0)) ** 2;
  return { value: mean, n, variance: n > 1 ? squares / (n - 1) / n : null };
}

/** A share in percent (prompts answered of those shown, say) as an estimate: a proportion's variance, p(1 − p), over n. */
export function proportion(part: number, whole: number): Estimate {
  if (!whole) return { value: null, n: 0, variance: null };
  const p = part / whole;
  return { value: 100 * p, n: whole, variance: whole > 1 ? (100 ** 2 * p * (1 - p)) / whole : null };
}

/** Half-width of the estimate's 95% interval; null below two answers. */
export const ci95 = (e: Estimate): number | null => (e.variance === null ? null : z95 * Math.sqrt(e.variance));

/** The standard normal distribution function, by Abramowitz and Stegun 7.1.26 (error under 1.5 × 10⁻⁷). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** a − b, its 95% interval and the p-value of a two-sided z-test that the two populations do not differ. */
export function difference(a: Estimate, b: Estimate): Difference {
  if (a.value === null || b.value === null) return { difference: null, ci95: null, p: null };
  const difference = a.value - b.value;
  if (a.variance === null || b.variance === null) return { difference, ci95: null, p: null };
  const se = Math.sqrt(a.variance + b.variance);
  if (se === 0) return { difference, ci95: 0, p: null };
  return { difference, ci95: z95 * se, p: 2 * (1 - normalCdf(Math.abs(difference / se))) };
}

/** A figure on fewer answers than this is shown as too thin to read a difference or a swing into. */
export const minAnswersPerPoint = 30;

/** A metric as the views show it: the value, its answers and interval, and whether it rests on too few answers. */
export interface Figure {
  /** NPS, CSAT % satisfied or CES mean (1–7); null with no answers. */
  readonly value: number | null;
  readonly n: number;
  /** Half-width of the 95% interval; null below two answers. */
  readonly ci95: number | null;
  /** Fewer than `minAnswersPerPoint` answers. */
  readonly sparse: boolean;
}

/** An estimate as a figure. */
export const asFigure = (e: Estimate): Figure => ({ value: e.value, n: e.n, ci95: ci95(e), sparse: e.n < minAnswersPerPoint });

export const figure = (kind: PromptKind, counts: Iterable<ScoreCount>): Figure => asFigure(estimate(kind, counts));
