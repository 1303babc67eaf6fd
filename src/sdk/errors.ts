// The errors cxkit throws: one base class, and validation errors that name the field.
import { formatPath, type ValidationIssue } from '../schema/issues.js';
import type { Plan } from '../validation/plan.js';
import { runPlan } from '../validation/run.js';

const brand = Symbol.for('cxkit.error');

/** Base of every error cxkit throws. */
export class CxError extends Error {
  readonly [brand] = true;
  override name = 'CxError';
}

/** True for errors thrown by cxkit, also across bundle copies where `instanceof` fails. */
export function isCxError(error: unknown): error is CxError {
  return typeof error === 'object' && error !== null && brand in error;
}

/** Input that does not fit its schema; `message` names the first bad field, `issues` lists them all. */
export class CxValidationError extends CxError {
  override name = 'CxValidationError';
  constructor(readonly issues: readonly ValidationIssue[]) {
    const [first] = issues;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `cxkit: ${first.path}: ${first.message}${more}` : 'cxkit: invalid input');
  }
}

/** Parses `input` by its schema's plan or throws a CxValidationError whose paths start at `root` (e.g. `config`, `record`). */
export function parseOrThrow<T>(plan: Plan<T>, input: unknown, root: string): T {
  const result = runPlan(plan, input);
  if (!result.success) throw new CxValidationError(result.issues.map(({ path, message }) => ({ path: formatPath(root, path), message })));
  return result.data;
}
