// The schemas' own checks, as plain functions in a module without zod: the zod schemas and the browser's validation
// plans (src/validation) both call these, so that a rule is written once and the script tag never loads zod.
import type { PromptKind, Scale } from './response.js';
import { defaultScales } from './scales.js';
import { globProblem } from '../touchpoints/url-glob.js';

/** What a refinement reports: zod's `ctx.addIssue`, or the validation plan's stand-in for it. */
export interface RefinementContext {
  addIssue(issue: { code: 'custom'; message: string; input: unknown; path?: PropertyKey[] }): void;
}

export function isHttpUrl(value: string): boolean {
  try {
    // where there is no page (a server rendering the app), a path is as good as it will be on the page
    const url = new URL(value, globalThis.location?.href ?? 'http://localhost');
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const isFunction = (value: unknown): boolean => typeof value === 'function';

const allowedScales: Record<PromptKind, readonly string[]> = { nps: ['0-10'], csat: ['1-5'], ces: ['1-7', '1-5'] };

/** Checks that the scale fits the kind and the score fits the scale, reported at `scale` and `score`. */
export function scoreOnScale(value: { kind: PromptKind; score: number; scale?: Scale | undefined }, ctx: RefinementContext): void {
  const scale = value.scale ?? defaultScales[value.kind];
  if (!allowedScales[value.kind].includes(`${scale.min}-${scale.max}`)) {
    ctx.addIssue({
      code: 'custom',
      path: ['scale'],
      message: `expected ${allowedScales[value.kind].map((s) => s.replace('-', '–')).join(' or ')} for ${value.kind}, got ${scale.min}–${scale.max}`,
      input: scale,
    });
  } else if (value.score < scale.min || value.score > scale.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['score'],
      message: `expected an integer from ${scale.min} to ${scale.max} for ${value.kind}, got ${value.score}`,
      input: value.score,
    });
  }
}

export const triggerConditions = ['milestone', 'url', 'scrollPercent', 'exitIntent', 'pageViews'] as const;

export const hasTriggerCondition = (on: Partial<Record<(typeof triggerConditions)[number], unknown>>): boolean =>
  triggerConditions.some((key) => on[key] !== undefined);

export function validGlob(pattern: string, ctx: RefinementContext): void {
  const problem = globProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: pattern });
}

export function uniqueTouchpointIds(touchpoints: readonly { readonly id: string }[], ctx: RefinementContext): void {
  const seen = new Set<string>();
  touchpoints.forEach((touchpoint, index) => {
    if (seen.has(touchpoint.id))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `expected a unique id, "${touchpoint.id}" is used twice`,
        input: touchpoint.id,
      });
    seen.add(touchpoint.id);
  });
}
