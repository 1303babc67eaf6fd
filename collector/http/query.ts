// The query string of the read endpoints: touchpoint, since and until, validated with a message naming the parameter.
import { z } from 'zod/mini';
import { toValidationIssues, type ValidationIssue } from '../../src/schema/issues.js';
import type { ResponseFilter } from '../store/store.js';

const instant = z
  .string()
  .check(
    z.refine(
      (value) => /^\d{4}-\d\d-\d\d([T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)?$/.test(value) && !Number.isNaN(Date.parse(value)),
      'expected a date (YYYY-MM-DD) or an ISO 8601 date-time',
    ),
  );

const filterSchema = z.strictObject({
  touchpoint: z.optional(z.string().check(z.minLength(1))),
  stage: z.optional(z.string().check(z.minLength(1))),
  since: z.optional(instant),
  until: z.optional(instant),
  /** The read key, when one is configured; not part of the filter. */
  key: z.optional(z.string()),
});

export function parseFilter(params: URLSearchParams): { filter: ResponseFilter } | { issues: ValidationIssue[] } {
  const result = filterSchema.safeParse(Object.fromEntries(params), { reportInput: true });
  if (!result.success) return { issues: toValidationIssues('query', result.error.issues) };
  const { touchpoint, stage, since, until } = result.data;
  return { filter: { touchpoint, stage, since, until } };
}

export interface Listing<S extends string> {
  readonly status: S | undefined;
  readonly limit: number;
  /** What is wrong with `status` or `limit`, by parameter; empty when nothing is. */
  readonly issues: ValidationIssue[];
  /** The other parameters, for a filter. */
  readonly rest: URLSearchParams;
}

/** The `status` (one of `statuses`) and `limit` of a listing endpoint, checked with messages that name the parameter. */
export function parseListing<S extends string>(
  params: URLSearchParams,
  statuses: readonly S[],
  limits: { readonly fallback: number; readonly max: number },
): Listing<S> {
  const rest = new URLSearchParams(params);
  const status = rest.get('status') ?? undefined;
  const limit = Number(rest.get('limit') ?? limits.fallback);
  rest.delete('status');
  rest.delete('limit');
  const issues: ValidationIssue[] = [];
  if (status !== undefined && !(statuses as readonly string[]).includes(status)) {
    issues.push({ path: 'query.status', message: `expected one of ${statuses.join(', ')}, got ${status}` });
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.max) {
    issues.push({ path: 'query.limit', message: `expected a whole number from 1 to ${limits.max}` });
  }
  return { status: status as S | undefined, limit, issues, rest };
}
