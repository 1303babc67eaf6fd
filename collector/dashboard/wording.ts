// How the dashboard says numbers: plurals by the language's rules, and intervals only where there is enough data,
// as a range that never leaves the scale.

const plurals = new Intl.PluralRules('en');

/** "20,000": a count with its thousands grouped, as a CX team with a year of answers reads it. */
export const whole = (n: number) => n.toLocaleString('en');

/** "1 answer", "20,000 answers". */
export const count = (n: number, one: string, other: string) => `${whole(n)} ${plurals.select(n) === 'one' ? one : other}`;

export const format = (value: number | null, digits = 0) => (value === null ? '–' : value.toFixed(digits));

/** Below this many answers a 95% interval says more about chance than about customers, so none is shown. */
export const fewestForInterval = 10;

/** " · 95% CI 12 to 41", clamped to the scale; or why there is none; or nothing when there are no answers. */
export function interval(
  value: number | null,
  halfWidth: number | null,
  n: number,
  [low, high]: readonly [number, number],
  digits = 0,
): string {
  if (value === null || n === 0) return '';
  if (n < fewestForInterval || halfWidth === null) return ` · too few answers for a 95% interval (under ${fewestForInterval})`;
  return ` · 95% CI ${bounds(value, halfWidth, [low, high], digits)}`;
}

/** "12 to 41": an interval around a value, clamped to the scale so that it never claims what the scale cannot hold. */
export const bounds = (value: number, halfWidth: number, [low, high]: readonly [number, number], digits = 0) =>
  `${format(Math.max(low, value - halfWidth), digits)} to ${format(Math.min(high, value + halfWidth), digits)}`;

/** Each metric's scale, for clamping intervals. */
export const metricScale = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] } as const;

/** "p = 0.03", "p < 0.001". */
export const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`);

/** How each metric is named in sentences, and its digits. */
export const metricName = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;
export const metricDigits = (kind: keyof typeof metricName) => (kind === 'ces' ? 2 : 0);

/** What a dimension is called on the page. */
export function dimensionLabel(dimension: string): string {
  const builtIn: Record<string, string> = { device: 'Device', locale: 'Locale', path: 'Page', visitor: 'New or returning' };
  return builtIn[dimension] ?? `Trait: ${dimension.replace(/^trait:/, '')}`;
}

/** A follow-up's last change as its line says it: "Left open by Maya" when it gave the customer an owner or a note, not a reach. */
export const changeNames = { open: 'Left open', contacted: 'Contacted', closed: 'Closed' } as const;

/** "+24", "−3", "0": a difference with its sign, to `digits` places (none that rounds to zero). */
export const signed = (v: number, digits = 0) =>
  format(Math.abs(v), digits) === format(0, digits) ? format(0, digits) : `${v > 0 ? '+' : '−'}${format(Math.abs(v), digits)}`;
