import { expect } from '@esm-bundle/chai';
import { summarize } from '../../src/sdk/scores.js';

const answers = (kind: 'nps' | 'csat' | 'ces', scores: number[], scale?: { min: number; max: number }) =>
  scores.map((score) => (scale ? { kind, score, scale } : { kind, score }));

describe('summarize', () => {
  it('computes NPS as % promoters minus % detractors', () => {
    // 4 promoters (9, 10), 2 passives (7, 8), 4 detractors (0–6) of 10: 40% − 40% = 0
    const { nps } = summarize(answers('nps', [10, 9, 9, 10, 7, 8, 0, 6, 3, 5]));
    expect(nps).to.deep.equal({ score: 0, promoters: 4, passives: 2, detractors: 4, n: 10 });
    expect(summarize(answers('nps', [9, 10, 10, 8])).nps.score).to.equal(75);
    expect(summarize(answers('nps', [0])).nps.score).to.equal(-100);
  });

  it('computes CSAT as % of 4–5 and the mean', () => {
    const { csat } = summarize(answers('csat', [5, 4, 3, 1]));
    expect(csat).to.deep.equal({ score: 50, mean: 3.25, n: 4 });
  });

  it('computes CES as the mean and % of 5–7, mapping 1–5 answers onto 1–7', () => {
    const { ces } = summarize([...answers('ces', [7, 5, 2]), ...answers('ces', [5, 1], { min: 1, max: 5 })]);
    // 1–5 answers 5 and 1 count as 7 and 1
    expect(ces.n).to.equal(5);
    expect(ces.mean).to.be.closeTo((7 + 5 + 2 + 7 + 1) / 5, 1e-9);
    expect(ces.easy).to.equal(60);
  });

  it('gives null figures and n = 0 for a metric without answers, and keeps metrics apart', () => {
    const summary = summarize(answers('csat', [5]));
    expect(summary.nps).to.deep.equal({ score: null, promoters: 0, passives: 0, detractors: 0, n: 0 });
    expect(summary.ces).to.deep.equal({ mean: null, easy: null, n: 0 });
    expect(summary.csat.n).to.equal(1);
  });
});
