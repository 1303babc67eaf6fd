// Writes src/validation/plans.generated.ts from the zod schemas named in src/validation/sources.ts: the same rules as
// plain data, which the browser runs (src/validation/run.ts) instead of loading zod and building its schemas.
// `--check` writes nothing and fails when the file is out of date (npm run lint runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { runnerImport } from 'vite';

const target = fileURLToPath(new URL('../src/validation/plans.generated.ts', import.meta.url));
const { module: sources } = await runnerImport(fileURLToPath(new URL('../src/validation/sources.ts', import.meta.url)), {
  configFile: false,
  logLevel: 'silent',
});
const { refinements, ...schemas } = sources;
const { module: wording } = await runnerImport(fileURLToPath(new URL('../src/schema/issues.ts', import.meta.url)), {
  configFile: false,
  logLevel: 'silent',
});
const refinementNames = new Map(
  Object.entries(refinements).flatMap(([name, value]) => (typeof value === 'function' ? [[value, name]] : [])),
);

/**
 * A schema feature the plans do not run: named with where it is, so that the schema can change or run.ts learn it.
 * @param {string} path
 * @param {string} what
 * @returns {never}
 */
function unsupported(path, what) {
  throw new Error(`build-validation-plans: ${path}: ${what} has no validation plan (src/validation/run.ts)`);
}

/**
 * The schema's or check's own wording (`z.gte(0, 'expected …')`), when it has one.
 * @param {any} def a zod definition
 * @returns {{ message?: string }}
 */
function messageOf(def) {
  const error = def.error?.({});
  const message = typeof error === 'string' ? error : error?.message;
  return typeof message === 'string' ? { message } : {};
}

/**
 * @param {Function} fn
 * @param {string} path
 */
function refinement(fn, path) {
  if (!refinementNames.has(fn)) unsupported(path, 'a refinement that src/schema/refinements.ts does not export');
  return fn;
}

/**
 * @param {any} ch a zod check
 * @param {string} path
 * @returns {object}
 */
function check(ch, path) {
  const def = ch._zod.def;
  // a length bound's `when` is zod's own default (run on anything with a length), which run.ts follows
  const lengthBound = def.check === 'min_length' || def.check === 'max_length';
  if (def.abort || (def.when && !lengthBound)) unsupported(path, 'a check with `abort` or `when`');
  const message = messageOf(def);
  switch (def.check) {
    case 'min_length':
      return { k: 'minLength', n: def.minimum, ...message };
    case 'max_length':
      return { k: 'maxLength', n: def.maximum, ...message };
    case 'greater_than':
      return { k: def.inclusive ? 'gte' : 'gt', n: def.value, ...message };
    case 'less_than':
      return { k: def.inclusive ? 'lte' : 'lt', n: def.value, ...message };
    case 'number_format':
      if (def.format !== 'safeint') unsupported(path, `number format ${def.format}`);
      return { k: 'int', ...message };
    case 'string_format':
      return { k: 'format', format: def.format, pattern: def.pattern, ...message };
    case 'custom':
      // z.refine is a custom schema used as a check; a superRefine keeps its function there through src/schema/super-refine.ts
      if (!def.fn) unsupported(path, 'z.superRefine (use superRefine from src/schema/super-refine.ts)');
      return { k: def.type === 'custom' ? 'refine' : 'superRefine', fn: refinement(def.fn, path), ...message };
    default:
      return unsupported(path, `check ${def.check}`);
  }
}

/**
 * @param {any} schema a zod schema
 * @param {string} path where it is, for errors
 * @returns {any} a PlanNode
 */
function plan(schema, path) {
  const zod = schema._zod;
  const def = zod.def;
  if (def.type === 'lazy') return plan(zod.innerType, path);
  if (def.coerce) unsupported(path, 'coercion');
  const checks = [
    ...(def.check === 'string_format' ? [check(schema, path)] : []),
    ...(def.checks ?? []).map((/** @type {any} */ ch) => check(ch, path)),
  ];
  const common = {
    ...(zod.optin ? { optin: zod.optin } : {}),
    ...(zod.optout ? { optout: zod.optout } : {}),
    ...messageOf(def),
    ...(checks.length ? { checks } : {}),
  };
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return { k: def.type, ...common };
    case 'enum':
      return { k: 'enum', values: [...zod.values], ...common };
    case 'literal':
      return { k: 'literal', values: def.values, ...common };
    case 'optional':
    case 'nullable':
      return { k: def.type, inner: plan(def.innerType, path), ...common };
    case 'default':
    case 'prefault':
      return { k: def.type, inner: plan(def.innerType, path), value: def.defaultValue, ...common };
    case 'object': {
      const catchall = def.catchall?._zod.def.type;
      if (catchall && catchall !== 'never') unsupported(path, `an object with a catchall of ${catchall}`);
      /** @type {Record<string, any>} */
      const shape = Object.fromEntries(Object.entries(def.shape).map(([key, value]) => [key, plan(value, `${path}.${key}`)]));
      return { k: 'object', shape, strict: catchall === 'never', ...common };
    }
    case 'array':
      return { k: 'array', element: plan(def.element, `${path}[]`), ...common };
    case 'record':
      if (def.keyType._zod.values || def.mode === 'loose') unsupported(path, 'a record with enumerated or loose keys');
      return { k: 'record', key: plan(def.keyType, `${path}{key}`), value: plan(def.valueType, `${path}{}`), ...common };
    case 'union': {
      if (def.inclusive === false || def.discriminator) unsupported(path, 'an exclusive or discriminated union');
      const options = def.options.map((/** @type {any} */ option, /** @type {number} */ i) => plan(option, `${path}|${i}`));
      // a union of types alone (string | number | boolean) is worded here, once, as src/schema/issues.ts words zod's
      const typesOnly = options.every((/** @type {any} */ option) => ['string', 'number', 'boolean'].includes(option.k) && !option.message);
      const expected = typesOnly
        ? { expected: wording.expectedEither(options.map((/** @type {any} */ o) => wording.expectedType(o.k))) }
        : {};
      return { k: 'union', options, ...expected, ...common };
    }
    case 'custom':
      return { k: 'unknown', ...common, checks: [{ k: 'refine', fn: refinement(def.fn, path) }, ...checks] };
    default:
      return unsupported(path, `a ${def.type} schema`);
  }
}

/** The kinds of plan node (src/validation/plan.ts), as opposed to the checks inside them. */
const nodeKinds = new Set([
  'string',
  'number',
  'boolean',
  'unknown',
  'enum',
  'literal',
  'optional',
  'nullable',
  'default',
  'prefault',
  'object',
  'array',
  'record',
  'union',
]);

/**
 * The nodes that the schemas repeat, written as calls of helpers the generated file declares: the same objects, in
 * fewer bytes for the core. Each helper matches a value whose keys are exactly `keys`, in that order.
 */
const helpers = [
  {
    name: 'optional',
    keys: 'k,inner,optin,optout',
    matches: (/** @type {any} */ node) => node.k === 'optional' && node.optin === 'optional' && node.optout === 'optional',
    args: (/** @type {any} */ node) => [node.inner],
    code: "const optional = (inner: PlanNode): PlanNode => ({ k: 'optional', inner, optin: 'optional', optout: 'optional' });",
  },
  {
    name: 'withDefault',
    keys: 'k,inner,value,optin',
    matches: (/** @type {any} */ node) => node.k === 'default' && node.optin === 'defaulted',
    args: (/** @type {any} */ node) => [node.inner, node.value],
    code: "const withDefault = (inner: PlanNode, value: unknown): PlanNode => ({ k: 'default', inner, value, optin: 'defaulted' });",
  },
  {
    // src/schema/config.ts's count(): a whole number from min to max, in the schema's words
    name: 'count',
    keys: 'k,checks',
    matches: (/** @type {any} */ node) => node.k === 'number' && countOf(node) !== null,
    args: (/** @type {any} */ node) => countOf(node),
    code: [
      'const count = (min: number, max: number, what: string): PlanNode => {',
      '  const message = `expected ${min} to ${max} ${what}`;',
      "  const checks: PlanCheck[] = [{ k: 'int', message: `expected a whole number of ${what}` }, { k: 'gte', n: min, message }, { k: 'lte', n: max, message }];",
      "  return { k: 'number', checks };",
      '};',
    ].join('\n'),
  },
  {
    name: 'number',
    keys: 'k,checks',
    matches: (/** @type {any} */ node) => node.k === 'number',
    args: (/** @type {any} */ node) => node.checks,
    code: "const number = (...checks: PlanCheck[]): PlanNode => ({ k: 'number', checks });",
  },
  {
    name: 'oneOf',
    keys: 'k,values',
    matches: (/** @type {any} */ node) => node.k === 'enum',
    args: (/** @type {any} */ node) => node.values,
    code: "const oneOf = (...values: unknown[]): PlanNode => ({ k: 'enum', values });",
  },
];

/**
 * `[min, max, what]` for a number node that config.ts's count() made, or null.
 * @param {any} node
 * @returns {[number, number, string] | null}
 */
function countOf(node) {
  const [int, gte, lte, ...more] = node.checks ?? [];
  const what = /^expected a whole number of (.+)$/.exec(int?.message ?? '')?.[1];
  if (more.length || int?.k !== 'int' || gte?.k !== 'gte' || lte?.k !== 'lte' || Object.keys(int).join() !== 'k,message') return null;
  const message = `expected ${gte.n} to ${lte.n} ${what}`;
  return what && gte.message === message && lte.message === message ? [gte.n, lte.n, what] : null;
}

/** @param {any} value @returns {{ name: string, args: unknown[] } | null} */
function helperFor(value) {
  if (Array.isArray(value)) return null;
  const keys = Object.keys(value).join();
  const helper = helpers.find((candidate) => candidate.keys === keys && candidate.matches(value));
  return helper ? { name: helper.name, args: helper.args(value) } : null;
}

/**
 * Source code for a plan value: `full` with everything inline (what identifies a node), and `code` with the nodes
 * `hoist` chose to share replaced by their constant's name.
 * @param {any} value
 * @param {(full: string, code: string) => string} hoist
 * @returns {{ full: string, code: string }}
 */
function source(value, hoist) {
  if (typeof value === 'function') {
    const name = String(refinementNames.get(value));
    return { full: name, code: name };
  }
  if (value instanceof RegExp) return { full: value.toString(), code: value.toString() };
  if (value === undefined || value === null || typeof value !== 'object') {
    const literal = value === undefined ? 'undefined' : JSON.stringify(value);
    return { full: literal, code: literal };
  }
  const helper = helperFor(value);
  if (helper) {
    const args = helper.args.map((arg) => source(arg, hoist));
    const call = (/** @type {'full' | 'code'} */ pick) => `${helper.name}(${args.map((arg) => arg[pick]).join(', ')})`;
    return { full: call('full'), code: hoist(call('full'), call('code')) };
  }
  /** @type {[string, { full: string, code: string }][]} */
  const parts = Array.isArray(value)
    ? value.map((item) => ['', source(item, hoist)])
    : Object.entries(value).map(([key, item]) => [`${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: `, source(item, hoist)]);
  const join = (/** @type {'full' | 'code'} */ pick) => {
    const body = parts.map(([key, item]) => key + item[pick]).join(', ');
    return Array.isArray(value) ? `[${body}]` : `{ ${body} }`;
  };
  const full = join('full');
  const code = join('code');
  return { full, code: nodeKinds.has(value.k) ? hoist(full, code) : code };
}

const plans = Object.entries(schemas).map(([name, schema]) => [name.replace(/Schema$/, 'Plan'), name, plan(schema, name)]);
const occurrences = new Map();
for (const [, , node] of plans)
  source(node, (full, code) => {
    occurrences.set(full, (occurrences.get(full) ?? 0) + 1);
    return code;
  });
/** Shared nodes, in the order they were first met: a node's shared parts are met (and declared) before it. */
/** @type {Map<string, { name: string, code: string }>} */
const shared = new Map();
/** @type {(full: string, code: string) => string} */
const hoist = (full, code) => {
  if ((occurrences.get(full) ?? 0) < 2 || full.length < 40) return code;
  if (!shared.has(full)) shared.set(full, { name: `shared${shared.size}`, code });
  return shared.get(full)?.name ?? code;
};
const exported = plans.map(([planName, schemaName, node]) => {
  const { code } = source(node, hoist);
  return `export const ${planName}: Plan<z.output<typeof sources.${schemaName}>> = ${code};`;
});
const declarations = [...shared.values()].map(({ name, code }) => `const ${name}: PlanNode = ${code};`);
const used = [...refinementNames.values()].filter((name) =>
  [...declarations, ...exported].some((code) => new RegExp(`\\b${name}\\b`).test(code)),
);
const text = [
  '// Generated by scripts/build-validation-plans.js from the schemas in src/validation/sources.ts: do not edit.',
  "import type { z } from 'zod/mini';",
  `import { ${used.sort().join(', ')} } from '../schema/refinements.js';`,
  "import type { Plan, PlanCheck, PlanNode } from './plan.js';",
  "import type * as sources from './sources.js';",
  '',
  ...helpers.map((helper) => helper.code),
  ...declarations,
  ...exported,
].join('\n');
const formatted = await prettier.format(text, { ...(await prettier.resolveConfig(target)), filepath: target });

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== formatted) {
    console.error('src/validation/plans.generated.ts is out of date with the schemas: run `node scripts/build-validation-plans.js`');
    process.exit(1);
  }
} else writeFileSync(target, formatted);
