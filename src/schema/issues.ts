// Turns zod issues into messages that name the field path and what was expected, shared by the SDK and the collector.
import type { z } from 'zod/mini';

/** One problem found in an input: where it is and what was expected there. */
export interface ValidationIssue {
  /** Dotted path from the input's root, e.g. `config.touchpoints[0].sample`. */
  readonly path: string;
  /** What was expected, e.g. `expected a number between 0 and 1`. */
  readonly message: string;
}

type ZodIssue = z.core.$ZodIssue;

/** `['touchpoints', 0, 'sample']` under root `config` → `config.touchpoints[0].sample`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return `${input.length} item${input.length === 1 ? '' : 's'}`;
  if (typeof input === 'string') return input.length > 40 ? 'a long string' : JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return typeof input === 'object' ? 'an object' : typeof input;
}

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function sizeLimit(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const word = issue.code === 'too_small' ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'string':
      return `expected ${word} ${bound} characters`;
    case 'array':
    case 'set':
      return `expected ${word} ${bound} items`;
    default: {
      const inclusive = issue.inclusive !== false;
      const op = issue.code === 'too_small' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      return `expected a number ${op} ${bound}`;
    }
  }
}

/** The human message for one issue; messages set in the schemas win over the generic ones. */
function describeIssue(issue: ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const got = issue.path.length > 0 && input === undefined ? 'it is missing' : `got ${describeValue(input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `expected ${article(issue.expected)}, but ${got}` : `expected ${article(issue.expected)}, ${got}`;
    case 'too_small':
    case 'too_big':
      return `${sizeLimit(issue)}, ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, ${got}`;
    case 'invalid_format':
      return `expected a valid ${issue.format}, ${got}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Flattens zod issues (including the nested ones of unions) into path + message pairs. */
export function toValidationIssues(root: string, issues: readonly ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const custom = issue.code === 'custom' || issue.message.startsWith('expected ');
    return { path: formatPath(root, issue.path), message: custom ? issue.message : describeIssue(issue) };
  });
}
