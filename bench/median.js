// The figure every bench reports: the middle of a run's samples (the upper middle for an even count).

/** @param {readonly number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;
