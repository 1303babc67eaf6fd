// z.superRefine keeps its function in a closure; this one also leaves it on the check's definition, where
// scripts/build-validation-plans.js finds it and names it in the browser's validation plans.
import { z } from 'zod/mini';

export function superRefine<T>(fn: (value: T, ctx: z.core.$RefinementCtx<T>) => void): z.core.$ZodCheck<T> {
  const check = z.superRefine(fn);
  Object.assign(check._zod.def, { fn });
  return check;
}
