// What `cx.show(kind, options)` and `cx.milestone(name)` accept.
import { z } from 'zod/mini';
import { promptKindSchema } from './response.js';
import { promptModeSchema } from './touchpoint.js';

export const showInputSchema = z.lazy(() =>
  z.strictObject({
    kind: promptKindSchema,
    touchpoint: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Default `popover`. */
    mode: z.optional(promptModeSchema),
    question: z.optional(z.string().check(z.minLength(1))),
  }),
);
export type ShowOptions = Omit<z.input<typeof showInputSchema>, 'kind'>;

export const milestoneSchema = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(200)));
