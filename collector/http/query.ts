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
  since: z.optional(instant),
  until: z.optional(instant),
  /** The read key, when one is configured; not part of the filter. */
  key: z.optional(z.string()),
});

export function parseFilter(params: URLSearchParams): { filter: ResponseFilter } | { issues: ValidationIssue[] } {
  const result = filterSchema.safeParse(Object.fromEntries(params), { reportInput: true });
  if (!result.success) return { issues: toValidationIssues('query', result.error.issues) };
  const { touchpoint, since, until } = result.data;
  return { filter: { touchpoint, since, until } };
}
