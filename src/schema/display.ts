// A display: one showing of a prompt to one visitor, and how it ended (contract section 8). Displays travel beside
// answers in delivery batches, so that a collector knows who was asked as well as who answered.
import { z } from 'zod/mini';
import { attributesSchema, promptKindSchema } from './response.js';
import { deviceSchema, stageSchema, visitorSchema } from './context.js';
import { promptModeSchema } from './touchpoint.js';

export const displayOutcomes = ['open', 'answered', 'dismissed', 'ignored'] as const;
export const displayOutcomeSchema = z.lazy(() => z.enum(displayOutcomes));
/** `open` while the prompt is on screen; `ignored` when the page was left with it still open. */
export type DisplayOutcome = z.infer<typeof displayOutcomeSchema>;

/** What made a prompt show: a touchpoint's trigger, or `show` for `cx.show()`. */
export const displayTriggers = ['milestone', 'url', 'scrollPercent', 'exitIntent', 'pageViews', 'show'] as const;

export const displaySchema = z.lazy(() =>
  z.object({
    /** UUID made by the client: a later copy with a final outcome replaces an `open` one. */
    id: z.uuid(),
    touchpoint: z.string().check(z.minLength(1), z.maxLength(200)),
    kind: promptKindSchema,
    mode: promptModeSchema,
    trigger: z.optional(z.enum(displayTriggers)),
    shownAt: z.iso.datetime({ offset: true }),
    outcome: displayOutcomeSchema,
    /** The answer given, when `outcome` is `answered`. */
    responseId: z.optional(z.uuid()),
    page: z.object({ url: z.string().check(z.maxLength(2048)), title: z.optional(z.string().check(z.maxLength(500))) }),
    anonymousId: z.string().check(z.minLength(1), z.maxLength(100)),
    userId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    stage: z.optional(stageSchema),
    device: z.optional(deviceSchema),
    /** Whether the prompt came in the visitor's first browser session, as its answer's `visitor`. */
    visitor: z.optional(visitorSchema),
    /** The customer's traits (`identify()`'s), for the response rate of each plan or country. */
    traits: z.optional(attributesSchema),
    /** The language the prompt was shown in, as its answer's `locale`. */
    locale: z.optional(z.string().check(z.minLength(1), z.maxLength(35))),
    sdk: z.object({ name: z.string(), version: z.string() }),
  }),
);
export type Display = z.infer<typeof displaySchema>;
