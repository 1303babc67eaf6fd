// Turns zod issues into messages that name the field path and what was expected, shared by the SDK and the collector.
// The browser's validation plans (src/validation/run.ts) word their issues with the same pieces.
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

/** `1 character`, `5,001 characters` (grouped without Intl, which a page may have replaced and costs a first use). */
const counted = (n: number, noun: string) => `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${noun}${n === 1 ? '' : 's'}`;

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return counted(input.length, 'item');
  // a long one is measured, not quoted: its length is what a length limit's reader needs
  if (typeof input === 'string') return input.length > 40 ? counted(input.length, 'character') : JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return typeof input === 'object' ? 'an object' : typeof input;
}

/** What was found where something else was expected: a field left out is missing; anything else is named. */
export const gotValue = (path: readonly PropertyKey[], input: unknown) =>
  path.length > 0 && input === undefined ? 'it is missing' : `got ${describeValue(input)}`;

/** `expected a string`, `expected an object`. */
export const expectedType = (noun: string) => `expected ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** A length or bound: `origin` is what zod measured (a string's characters, an array's items, else a number). */
export function expectedSize(tooSmall: boolean, origin: string, bound: number, inclusive: boolean): string {
  const word = tooSmall ? 'at least' : 'at most';
  if (origin === 'string') return `expected ${word} ${counted(bound, 'character')}`;
  if (origin === 'array' || origin === 'set') return `expected ${word} ${counted(bound, 'item')}`;
  return `expected a number ${tooSmall ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${bound}`;
}

/** `expected a string, a number or a boolean`: what each option of a union expected, in one phrase. */
export const expectedEither = (expectations: readonly string[]) =>
  `expected ${expectations
    .map((words) => words.replace(/^expected /, ''))
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1')}`;

/** `expected at most 100 characters in the key`: what a record's key expected. */
export const expectedInKey = (expected: string) => `${expected} in the key`;

export const expectedOneOf = (values: readonly unknown[]) => `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

export const expectedFormat = (format: string) => `expected a valid ${format}`;

export const unknownFields = (keys: readonly string[]) =>
  `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => JSON.stringify(k)).join(', ')}`;

/** The generic words for what an issue expected, or null for an issue that has only its own message. */
function expectation(issue: ZodIssue): string | null {
  switch (issue.code) {
    case 'invalid_type':
      return expectedType(issue.expected);
    case 'too_small':
      return expectedSize(true, issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return expectedSize(false, issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_value':
      return expectedOneOf(issue.values);
    case 'invalid_format':
      return expectedFormat(issue.format);
    case 'invalid_union': {
      // worded when each option only expected a type (string | number | boolean), as the validation plans word it
      const types = issue.errors.map(([only, ...more]) =>
        only?.code === 'invalid_type' && !only.path.length && !more.length ? only : null,
      );
      return types.every((only) => only && !ownMessage(only)) ? expectedEither(types.map((only) => expectation(only!)!)) : null;
    }
    case 'invalid_key': {
      // the first thing wrong with the key, as the validation plans word it
      const expected = issue.issues[0] ? expectation(issue.issues[0]) : null;
      return expected && expectedInKey(expected);
    }
    default:
      return null;
  }
}

/** Messages set in the schemas all say `expected …`; zod's own say something else. */
const ownMessage = (issue: ZodIssue) => issue.message.startsWith('expected ');

/** The human message for one issue; messages set in the schemas win over the generic ones. */
function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'custom' || ownMessage(issue)) return issue.message;
  if (issue.code === 'unrecognized_keys') return unknownFields(issue.keys);
  const expected = expectation(issue);
  if (expected === null) return issue.message;
  const input = (issue as { input?: unknown }).input;
  const typed = issue.code === 'invalid_type' || issue.code === 'invalid_union';
  return `${expected}, ${typed && input === undefined ? 'but ' : ''}${gotValue(issue.path, input)}`;
}

/** Flattens zod issues (including the nested ones of unions) into path + message pairs. */
export function toValidationIssues(root: string, issues: readonly ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(root, issue.path), message: describeIssue(issue) }));
}
