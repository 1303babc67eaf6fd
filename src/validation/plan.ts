// A validation plan: a zod schema written out as plain data by scripts/build-validation-plans.js, so that the
// browser checks input exactly as the schema does without loading zod or building its schema objects.
import type { RefinementContext } from '../schema/refinements.js';

/** A check run after the node's type is known; `message` is the schema's own wording, when it has one. */
export type PlanCheck = { readonly message?: string } & (
  | { readonly k: 'minLength' | 'maxLength'; readonly n: number }
  | { readonly k: 'gte' | 'gt' | 'lte' | 'lt'; readonly n: number }
  | { readonly k: 'int' }
  | { readonly k: 'format'; readonly format: string; readonly pattern: RegExp }
  | { readonly k: 'refine'; readonly fn: (value: never) => boolean }
  | { readonly k: 'superRefine'; readonly fn: (value: never, ctx: RefinementContext) => void }
);

/** How a node treats a missing value, as zod's `optin`/`optout` say: it decides whether an object keeps the key. */
interface Presence {
  readonly optin?: 'optional' | 'defaulted';
  readonly optout?: 'optional';
  /** The schema's own wording for the issues it raises. */
  readonly message?: string;
  readonly checks?: readonly PlanCheck[];
}

export type PlanNode = Presence &
  (
    | { readonly k: 'string' | 'number' | 'boolean' | 'unknown' }
    | { readonly k: 'enum' | 'literal'; readonly values: readonly unknown[] }
    | { readonly k: 'optional' | 'nullable'; readonly inner: PlanNode }
    | { readonly k: 'default' | 'prefault'; readonly inner: PlanNode; readonly value: unknown }
    | { readonly k: 'object'; readonly shape: Readonly<Record<string, PlanNode>>; readonly strict: boolean }
    | { readonly k: 'array'; readonly element: PlanNode }
    | { readonly k: 'record'; readonly key: PlanNode; readonly value: PlanNode }
    /** `expected`: the words for a value that none of the options' types took, when the options are types alone. */
    | { readonly k: 'union'; readonly options: readonly PlanNode[]; readonly expected?: string }
  );

/** A plan whose output is `T` (the zod schema's output type): only a phantom, for `parseOrThrow`'s return type. */
export type Plan<T> = PlanNode & { readonly __output?: T };
