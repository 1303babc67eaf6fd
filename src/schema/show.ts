// What `cx.show(kind, options)` and `cx.milestone(name, options)` accept.
import { z } from 'zod/mini';
import { attributesSchema, promptKindSchema } from './response.js';
import { promptModeSchema } from './touchpoint.js';

export const showInputSchema = z.lazy(() =>
  z.strictObject({
    kind: promptKindSchema,
    touchpoint: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Default `popover`. */
    mode: z.optional(promptModeSchema),
    question: z.optional(z.string().check(z.minLength(1))),
    /** Goes with the answer (an order or ticket id): what the team needs to act on it. */
    metadata: z.optional(attributesSchema),
  }),
);
export type ShowOptions = Omit<z.input<typeof showInputSchema>, 'kind'>;

export const milestoneSchema = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(200)));

export const milestoneOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** Goes with the answer to the prompt the milestone shows, if any (the order that was just placed). */
    metadata: z.optional(attributesSchema),
  }),
);
export type MilestoneOptions = z.input<typeof milestoneOptionsSchema>;
