// A touchpoint: which prompt to show, on which trigger, how often (contract section 5).
import { z } from 'zod/mini';
import { promptKindSchema } from './response.js';

export const promptModes = ['inline', 'popover', 'modal'] as const;
export const promptModeSchema = z.enum(promptModes);
export type PromptMode = z.infer<typeof promptModeSchema>;

export const triggerSchema = z.strictObject({
  milestone: z.optional(z.string().check(z.minLength(1))),
  /** Path glob: `*` matches within a segment run, e.g. `/help/*`. */
  url: z.optional(z.string().check(z.minLength(1))),
  scrollPercent: z.optional(z.number().check(z.gte(0, 'expected a number between 0 and 100'), z.lte(100, 'expected a number between 0 and 100'))),
  exitIntent: z.optional(z.boolean()),
  pageViews: z.optional(z.number().check(z.int(), z.gte(1, 'expected a whole number >= 1'))),
});

export const touchpointSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  prompt: promptKindSchema,
  on: triggerSchema,
  /** Default `inline`. */
  mode: z.optional(promptModeSchema),
  /** Wait this long after the trigger before showing. Default 0. */
  delayMs: z.optional(z.number().check(z.gte(0, 'expected a number of milliseconds >= 0'))),
  /** Share of visitors asked, decided once per visitor. Default 1. */
  sample: z.optional(z.number().check(z.gte(0, 'expected a number between 0 and 1'), z.lte(1, 'expected a number between 0 and 1'))),
  question: z.optional(z.string().check(z.minLength(1))),
});
export type Touchpoint = z.infer<typeof touchpointSchema>;

export const recontactSchema = z.strictObject({
  /** Days before the same touchpoint may ask someone who answered. Default 90. */
  afterAnswerDays: z._default(z.number().check(z.gte(0)), 90),
  /** Days before the same touchpoint may ask someone who dismissed it. Default 14. */
  afterDismissDays: z._default(z.number().check(z.gte(0)), 14),
  /** Prompts shown at most per browser session. Default 1. */
  maxPromptsPerSession: z._default(z.number().check(z.int(), z.gte(0)), 1),
});
export type Recontact = z.infer<typeof recontactSchema>;
