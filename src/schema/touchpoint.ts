// A touchpoint: which prompt to show, on which trigger, how often (contract section 5).
import { z } from 'zod/mini';
import { superRefine } from './super-refine.js';
import { promptKindSchema } from './response.js';
import { stageSchema } from './context.js';
import { hasTriggerCondition, triggerConditions, validGlob } from './refinements.js';
import { promptModes } from './scales.js';
export const promptModeSchema = z.lazy(() => z.enum(promptModes));
export type PromptMode = z.infer<typeof promptModeSchema>;

/** When a touchpoint fires: at the first moment all its conditions hold. */
export const triggerSchema = z.lazy(() =>
  z
    .strictObject({
      /** Fires when `cx.milestone(name)` is called with this name. */
      milestone: z.optional(z.string().check(z.minLength(1))),
      /** Path glob matched against the page path: `*` within a segment, `**` across segments, e.g. `/help/*`; a hash route after the path, e.g. `/#/checkout/*`; parameters the page's query must have, e.g. `/index.php?route=checkout/*`. */
      url: z.optional(z.string().check(superRefine(validGlob))),
      /** Fires once the visitor has scrolled this far down the page (0–100). */
      scrollPercent: z.optional(
        z.number().check(z.gte(0, 'expected a number between 0 and 100'), z.lte(100, 'expected a number between 0 and 100')),
      ),
      /** Fires when the pointer leaves through the top of the window (desktop only; touch devices have no equivalent). */
      exitIntent: z.optional(z.literal(true, 'expected true (leave it out for no exit intent)')),
      /** Fires on the visitor's Nth page view or later, counted across visits. */
      pageViews: z.optional(z.number().check(z.int('expected a whole number >= 1'), z.gte(1, 'expected a whole number >= 1'))),
    })
    .check(z.refine(hasTriggerCondition, `expected at least one of ${triggerConditions.join(', ')}`)),
);
export type Trigger = z.infer<typeof triggerSchema>;

export const touchpointSchema = z.lazy(() =>
  z.strictObject({
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    prompt: promptKindSchema,
    on: triggerSchema,
    /** How the prompt shows when the touchpoint fires. Default `popover`. */
    mode: z.optional(promptModeSchema),
    /** The journey stage the moment belongs to (`discover`, `buy`, `get-help` …), recorded with its answers and displays. */
    stage: z.optional(stageSchema),
    /** Wait this long after the trigger before showing. Default 0. */
    delayMs: z.optional(z.number().check(z.gte(0, 'expected a number of milliseconds >= 0'))),
    /** Share of visitors asked (0–1), decided once per visitor and touchpoint. Default 1. */
    sample: z.optional(z.number().check(z.gte(0, 'expected a number between 0 and 1'), z.lte(1, 'expected a number between 0 and 1'))),
    question: z.optional(z.string().check(z.minLength(1))),
  }),
);
export type Touchpoint = z.infer<typeof touchpointSchema>;

export const recontactSchema = z.lazy(() =>
  z.strictObject({
    /** Days before the same touchpoint may ask someone who answered. Default 90. */
    afterAnswerDays: z._default(z.number().check(z.gte(0)), 90),
    /** Days before the same touchpoint may ask someone who dismissed it. Default 14. */
    afterDismissDays: z._default(z.number().check(z.gte(0)), 14),
    /** Prompts shown at most per browser session. Default 1. */
    maxPromptsPerSession: z._default(z.number().check(z.int(), z.gte(0)), 1),
  }),
);
export type Recontact = z.infer<typeof recontactSchema>;
