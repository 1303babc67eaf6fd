// NPS, CSAT and CES by the standard formulas, from answers or from counts of answers per score (one definition for both,
// so that a collector aggregating in SQL gives exactly the figures summarize() gives).
import type { PromptKind, Response } from '../schema/response.js';

/** The fields summarize() reads: any stored response will do. */
export type ScoredResponse = Pick<Response, 'kind' | 'score'> & { readonly scale?: Response['scale'] };

/** How many answers gave one score on one scale. `scaleMax` tells CES 1–5 from 1–7; the kind's default when absent. */
export interface ScoreCount {
  readonly kind: PromptKind;
  readonly score: number;
  readonly scaleMax?: number | undefined;
  readonly n: number;
}

export interface Summary {
  /** Net Promoter Score, −100…100: % promoters (9–10) minus % detractors (0–6); null with no answers. */
  readonly nps: {
    readonly score: number | null;
    readonly promoters: number;
    readonly passives: number;
    readonly detractors: number;
    readonly n: number;
  };
  /** % of 4–5 answers on the 1–5 scale, and the mean; null with no answers. */
  readonly csat: { readonly score: number | null; readonly mean: number | null; readonly n: number };
  /** Mean on the 1–7 scale and % of 5–7 ("easy") answers; 1–5 answers are mapped linearly onto 1–7 first. */
  readonly ces: { readonly mean: number | null; readonly easy: number | null; readonly n: number };
}

const percent = (part: number, whole: number) => (whole ? (100 * part) / whole : null);

/** A CES score on a 1–5 scale mapped onto 1–7, so that both scales share one mean. */
export const cesPoint = (score: number, scaleMax: number | undefined): number => (scaleMax === 5 ? 1 + ((score - 1) * 6) / 4 : score);

/**
 * Where each kind's scale turns, on its standard scale (CES on 1–7): at or below `unhappyTo` unhappy (NPS detractors,
 * CSAT 1–2, CES 1–3), above `neutralTo` happy (promoters, satisfied, easy), neutral between.
 */
export const bands = {
  nps: { unhappyTo: 6, neutralTo: 8 },
  csat: { unhappyTo: 2, neutralTo: 3 },
  ces: { unhappyTo: 3, neutralTo: 4 },
} as const;

export type Band = 'unhappy' | 'neutral' | 'happy';

/** The band of a score; a CES score on 1–5 is mapped onto 1–7 first. */
export function bandOf(kind: PromptKind, score: number, scaleMax?: number): Band {
  const point = kind === 'ces' ? cesPoint(score, scaleMax) : score;
  return point <= bands[kind].unhappyTo ? 'unhappy' : point <= bands[kind].neutralTo ? 'neutral' : 'happy';
}

/** One answer as a count of one. */
export const countOf = (r: ScoredResponse): ScoreCount => ({ kind: r.kind, score: r.score, scaleMax: r.scale?.max, n: 1 });

export function summarizeCounts(counts: Iterable<ScoreCount>): Summary {
  let npsN = 0;
  let promoters = 0;
  let detractors = 0;
  let csatN = 0;
  let csatSum = 0;
  let satisfied = 0;
  let cesN = 0;
  let cesSum = 0;
  let easy = 0;
  // sums of whole (or, for CES 1–5, half) points are exact in floating point, so the order of addition cannot matter
  for (const { kind, score, scaleMax, n } of counts) {
    if (kind === 'nps') {
      npsN += n;
      if (score > bands.nps.neutralTo) promoters += n;
      else if (score <= bands.nps.unhappyTo) detractors += n;
    } else if (kind === 'csat') {
      csatN += n;
      csatSum += score * n;
      if (score > bands.csat.neutralTo) satisfied += n;
    } else {
      const point = cesPoint(score, scaleMax);
      cesN += n;
      cesSum += point * n;
      if (point > bands.ces.neutralTo) easy += n;
    }
  }
  return {
    nps: { score: percent(promoters - detractors, npsN), promoters, passives: npsN - promoters - detractors, detractors, n: npsN },
    csat: { score: percent(satisfied, csatN), mean: csatN ? csatSum / csatN : null, n: csatN },
    ces: { mean: cesN ? cesSum / cesN : null, easy: percent(easy, cesN), n: cesN },
  };
}

export function summarize(responses: readonly ScoredResponse[]): Summary {
  return summarizeCounts(responses.map(countOf));
}
