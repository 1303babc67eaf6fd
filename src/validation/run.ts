// Runs a validation plan as zod runs the schema it was written from: the same output, and the same issues in the same
// order, worded as src/schema/issues.ts words zod's (test/schema/plans.test.ts holds the two side by side). Only what
// cxkit's schemas use is here.
import { expectedFormat, expectedInKey, expectedOneOf, expectedSize, expectedType, gotValue, unknownFields } from '../schema/issues.js';
import type { Plan, PlanCheck, PlanNode } from './plan.js';

/**
 * An issue before its message is settled: `message` is the schema's own wording (or the whole of a message that names
 * no value), `expected` the generic words that the value found follows; `continue: true` marks one that does not stop
 * later checks, `continue: false` one that stops even the length checks.
 */
interface RawIssue {
  path: PropertyKey[];
  input: unknown;
  expected?: string;
  message?: string | undefined;
  continue?: boolean;
  /** A type issue says "but it is missing". */
  typed?: true;
}

interface Payload {
  value: unknown;
  issues: RawIssue[];
}

/** One problem in the input: its path from the input's root, and cxkit's message for it. */
export interface PlanIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export type PlanResult<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly issues: PlanIssue[] };

const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (!isObject(value)) return false;
  const ctor = value.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prototype: unknown = ctor.prototype;
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf');
}

/** An issue stops the checks that follow unless it says it may continue. */
const aborted = (issues: readonly RawIssue[]) => issues.some((issue) => issue.continue !== true);

function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

const lengthOrigin = (input: unknown) => (Array.isArray(input) ? 'array' : typeof input === 'string' ? 'string' : 'unknown');

function prefixed(key: PropertyKey, issues: RawIssue[]): RawIssue[] {
  for (const issue of issues) issue.path.unshift(key);
  return issues;
}

const typeIssue = (node: PlanNode, noun: string, input: unknown): RawIssue => ({
  path: [],
  input,
  expected: expectedType(noun),
  message: node.message,
  typed: true,
});

/** A length or bound check's issue; zod's checks never abort the checks after them. */
const sizeIssue = (tooSmall: boolean, origin: string, bound: number, inclusive: boolean, input: unknown): RawIssue => ({
  path: [],
  input,
  expected: expectedSize(tooSmall, origin, bound, inclusive),
  continue: true,
});

/** What one check finds wrong with `value`, if anything. */
function runCheck(check: PlanCheck, value: unknown, issues: RawIssue[]): void {
  switch (check.k) {
    case 'minLength':
    case 'maxLength': {
      const units = (value as { length: number }).length;
      const isMin = check.k === 'minLength';
      // zod measures strings in code points; counting them only matters near the bound
      const length =
        typeof value === 'string' && (isMin ? units >= check.n && units < check.n * 2 : units > check.n) ? codePointLength(value) : units;
      if (isMin ? length < check.n : length > check.n) issues.push(sizeIssue(isMin, lengthOrigin(value), check.n, true, value));
      return;
    }
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      const n = value as number;
      const inclusive = check.k === 'gte' || check.k === 'lte';
      const lower = check.k === 'gte' || check.k === 'gt';
      const ok = lower ? (inclusive ? n >= check.n : n > check.n) : inclusive ? n <= check.n : n < check.n;
      if (!ok) issues.push(sizeIssue(lower, 'number', check.n, inclusive, value));
      return;
    }
    case 'int':
      if (!Number.isInteger(value)) issues.push({ path: [], input: value, expected: expectedType('int'), continue: false, typed: true });
      else if (!Number.isSafeInteger(value)) {
        const big = (value as number) > 0;
        issues.push(sizeIssue(!big, 'int', big ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER, true, value));
      }
      return;
    case 'format':
      check.pattern.lastIndex = 0;
      if (!check.pattern.test(value as string))
        issues.push({ path: [], input: value, expected: expectedFormat(check.format), continue: true });
      return;
    case 'refine':
      if (!check.fn(value as never)) issues.push({ path: [], input: value, continue: true });
      return;
    case 'superRefine':
      check.fn(value as never, {
        addIssue: (issue) => issues.push({ path: [...(issue.path ?? [])], input: issue.input, message: issue.message, continue: true }),
      });
  }
}

/** Runs the node's checks the way zod does: a check with a length bound runs unless an issue says stop outright. */
function runChecks(node: PlanNode, payload: Payload): void {
  let isAborted = aborted(payload.issues);
  for (const check of node.checks ?? []) {
    const lengthBound = check.k === 'minLength' || check.k === 'maxLength';
    if (lengthBound) {
      if (payload.issues.some((issue) => issue.continue === false)) continue;
      const value = payload.value as { length?: unknown } | null | undefined;
      if (value === null || value === undefined || value.length === undefined) continue;
    } else if (isAborted) continue;
    const added = applyCheck(node, check, payload.value, payload.issues);
    if (!isAborted && added.length) isAborted = aborted(added);
  }
}

/** Runs one of `node`'s checks; what it finds takes the check's wording, else the node's. Returns the issues it added. */
function applyCheck(node: PlanNode, check: PlanCheck, value: unknown, issues: RawIssue[]): RawIssue[] {
  const before = issues.length;
  runCheck(check, value, issues);
  const added = issues.slice(before);
  const message = check.message ?? node.message;
  if (message) for (const issue of added) issue.message ??= message;
  return added;
}

/**
 * zod refuses an array longer than a leading `maxLength` before it reads a single item (10,000 touchpoints cost one
 * check, not 10,000 parses), and stops there.
 */
function refusedBySize(node: PlanNode, input: readonly unknown[], payload: Payload): boolean {
  for (const check of node.checks ?? []) {
    if (check.k !== 'maxLength' && check.k !== 'minLength') return false;
    if (check.k === 'minLength' || input.length <= check.n) continue;
    for (const issue of applyCheck(node, check, input, payload.issues)) issue.continue = false;
    return true;
  }
  return false;
}

function runNode(node: PlanNode, payload: Payload): Payload {
  parse(node, payload);
  if (node.checks?.length) runChecks(node, payload);
  return payload;
}

const fresh = (node: PlanNode, value: unknown) => runNode(node, { value, issues: [] });

const copyDefault = (value: unknown) => (Array.isArray(value) ? [...value] : isPlainObject(value) ? { ...value } : value);

/** Whether an object keeps a key, and with what, after its node ran: zod's `handlePropertyResult`. */
function settleProperty(result: Payload, target: Payload, key: string, input: Record<PropertyKey, unknown>, node: PlanNode): void {
  const present = key in input;
  const optionalOut = node.optout === 'optional';
  if (!present && optionalOut && node.optin === 'optional') return;
  if (result.issues.length) {
    if (node.optin !== undefined && optionalOut && !present) return;
    target.issues.push(...prefixed(key, result.issues));
  }
  const output = target.value as Record<string, unknown>;
  if (!present && node.optin === undefined) {
    if (!result.issues.length) target.issues.push({ path: [key], input: undefined, expected: expectedType('nonoptional'), typed: true });
    return;
  }
  if (result.value === undefined) {
    if (present || (node.optin === 'defaulted' && !optionalOut)) output[key] = undefined;
  } else output[key] = result.value;
}

function parse(node: PlanNode, payload: Payload): void {
  const input = payload.value;
  switch (node.k) {
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof input !== node.k || (node.k === 'number' && !Number.isFinite(input))) payload.issues.push(typeIssue(node, node.k, input));
      return;
    case 'unknown':
      return;
    case 'enum':
    case 'literal':
      if (!node.values.includes(input))
        payload.issues.push({ path: [], input, expected: expectedOneOf(node.values), message: node.message });
      return;
    case 'optional':
      if (input !== undefined) runNode(node.inner, payload);
      else if (node.inner.optin === 'defaulted') {
        const result = fresh(node.inner, undefined);
        payload.value = result.issues.length ? undefined : result.value;
      }
      return;
    case 'nullable':
      if (input !== null) runNode(node.inner, payload);
      return;
    case 'default':
      if (input === undefined) payload.value = copyDefault(node.value);
      else if (runNode(node.inner, payload).value === undefined) payload.value = copyDefault(node.value);
      return;
    case 'prefault':
      if (input === undefined) payload.value = copyDefault(node.value);
      runNode(node.inner, payload);
      return;
    case 'object': {
      if (!isObject(input)) return void payload.issues.push(typeIssue(node, 'object', input));
      payload.value = {};
      for (const [key, child] of Object.entries(node.shape))
        if (key !== '__proto__') settleProperty(fresh(child, input[key]), payload, key, input, child);
      if (!node.strict) return;
      // own keys only: a key a page added to Object.prototype is not the input's
      const unknown = Object.keys(input).filter((key) => !Object.prototype.hasOwnProperty.call(node.shape, key));
      if (unknown.length) payload.issues.push({ path: [], input, message: unknownFields(unknown), continue: true });
      return;
    }
    case 'array': {
      if (!Array.isArray(input)) return void payload.issues.push(typeIssue(node, 'array', input));
      if (refusedBySize(node, input, payload)) return;
      const output: unknown[] = (payload.value = Array(input.length));
      input.forEach((item, index) => {
        const result = fresh(node.element, item);
        payload.issues.push(...prefixed(index, result.issues));
        output[index] = result.value;
      });
      return;
    }
    case 'record': {
      if (!isPlainObject(input)) return void payload.issues.push(typeIssue(node, 'record', input));
      const output: Record<PropertyKey, unknown> = (payload.value = {});
      for (const key of Reflect.ownKeys(input)) {
        if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(input, key)) continue;
        const keyResult = fresh(node.key, key);
        if (keyResult.issues.length) {
          const { expected } = keyResult.issues[0]!;
          payload.issues.push({ path: [key], input: key, ...(expected && { expected: expectedInKey(expected) }) });
          continue;
        }
        const result = fresh(node.value, input[key]);
        payload.issues.push(...prefixed(key, result.issues));
        output[keyResult.value as PropertyKey] = result.value;
      }
      return;
    }
    case 'union': {
      const results = node.options.map((option) => fresh(option, input));
      const match = results.find((result) => !result.issues.length);
      if (match) return void (payload.value = match.value);
      const unaborted = results.filter((result) => !aborted(result.issues));
      if (unaborted.length === 1) {
        payload.value = unaborted[0]!.value;
        return void payload.issues.push(...unaborted[0]!.issues);
      }
      // reached by a union of types alone only when no option's type took the value
      payload.issues.push({ path: [], input, ...(node.expected && { expected: node.expected, typed: true as const }) });
    }
  }
}

/** The message a caller sees: the schema's own, else the generic words and the value found, else zod's default. */
function settled({ path, input, expected, message, typed }: RawIssue): PlanIssue {
  const words =
    message ?? (expected ? `${expected}, ${typed && input === undefined ? 'but ' : ''}${gotValue(path, input)}` : 'Invalid input');
  return { path, message: words };
}

/** Validates `input` against `plan`: its output (defaults filled, unknown keys of plain objects dropped), or its issues. */
export function runPlan<T>(plan: Plan<T>, input: unknown): PlanResult<T> {
  const { value, issues } = runNode(plan, { value: input, issues: [] });
  return issues.length ? { success: false, issues: issues.map(settled) } : { success: true, data: value as T };
}
