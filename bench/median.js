// The figures every bench reports: the middle of a run's samples (the upper middle for an even count), and for figures
// whose run-to-run spread decides what a difference means, the middle half of them.

/** @param {readonly number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

/**
 * The lower and upper quartile: half the samples lie between them (two copies of one build measured side by side
 * differ by about this much).
 * @param {readonly number[]} values
 * @returns {[number, number]}
 */
export const middleHalf = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[sorted.length >> 2] ?? NaN, sorted[(sorted.length * 3) >> 2] ?? NaN];
};
