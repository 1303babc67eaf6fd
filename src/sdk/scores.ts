// NPS, CSAT and CES from a list of responses, by the standard formulas.
import type { Response } from '../schema/response.js';

/** The fields summarize() reads: any stored response will do. */
export type ScoredResponse = Pick<Response, 'kind' | 'score'> & { readonly scale?: Response['scale'] };

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

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const percent = (part: number, whole: number) => (whole ? (100 * part) / whole : null);

/** CES on a 1–5 scale mapped onto 1–7, so that both scales share one mean. */
export const cesOnSeven = (r: ScoredResponse): number => (r.scale?.max === 5 ? 1 + ((r.score - 1) * 6) / 4 : r.score);

export function summarize(responses: readonly ScoredResponse[]): Summary {
  const nps = responses.filter((r) => r.kind === 'nps').map((r) => r.score);
  const csat = responses.filter((r) => r.kind === 'csat').map((r) => r.score);
  const ces = responses.filter((r) => r.kind === 'ces').map(cesOnSeven);
  const promoters = nps.filter((s) => s >= 9).length;
  const detractors = nps.filter((s) => s <= 6).length;
  return {
    nps: {
      score: percent(promoters - detractors, nps.length),
      promoters,
      passives: nps.length - promoters - detractors,
      detractors,
      n: nps.length,
    },
    csat: { score: percent(csat.filter((s) => s >= 4).length, csat.length), mean: mean(csat), n: csat.length },
    ces: { mean: mean(ces), easy: percent(ces.filter((s) => s >= 5).length, ces.length), n: ces.length },
  };
}
