// The response a customer gives, as stored, sent and collected; and the input `record()` accepts.
import { z } from 'zod/mini';
import { superRefine } from './super-refine.js';

import { deviceSchema, stageSchema, visitorSchema } from './context.js';
import { scoreOnScale } from './refinements.js';
import { defaultScales, promptKinds } from './scales.js';

export { defaultScales, promptKinds };
// Schemas are built on first use (z.lazy): constructing them costs main-thread time a host page should not pay at load.
export const promptKindSchema = z.lazy(() => z.enum(promptKinds));
/** Which metric a prompt asks: Net Promoter Score, Customer Satisfaction, Customer Effort Score. */
export type PromptKind = z.infer<typeof promptKindSchema>;

export const scaleSchema = z.lazy(() => z.object({ min: z.number().check(z.int()), max: z.number().check(z.int()) }));
export type Scale = z.infer<typeof scaleSchema>;

/** Values that traits and metadata may hold: flat, JSON-safe, small. */
export const attributesSchema = z.lazy(() =>
  z.record(z.string().check(z.maxLength(100)), z.union([z.string().check(z.maxLength(1000)), z.number(), z.boolean()])),
);
export type Attributes = z.infer<typeof attributesSchema>;

const touchpointId = () => z.string().check(z.minLength(1), z.maxLength(200));
/** The most UTF-16 code units a comment may hold. */
export const maxCommentLength = 5000;
const comment = () => z.string().check(z.maxLength(maxCommentLength));

export const responseSchema = z.lazy(() =>
  z
    .object({
      /** UUID made by the client: the idempotency key the collector dedupes by. */
      id: z.uuid(),
      kind: promptKindSchema,
      score: z.number().check(z.int()),
      scale: scaleSchema,
      touchpoint: touchpointId(),
      comment: z.optional(comment()),
      question: z.string().check(z.maxLength(500)),
      locale: z.string().check(z.minLength(1), z.maxLength(35)),
      answeredAt: z.iso.datetime({ offset: true }),
      page: z.object({ url: z.string().check(z.maxLength(2048)), title: z.optional(z.string().check(z.maxLength(500))) }),
      anonymousId: z.string().check(z.minLength(1), z.maxLength(100)),
      userId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      traits: z.optional(attributesSchema),
      metadata: z.optional(attributesSchema),
      /** True when the customer left before finishing the follow-up: the score counts, the comment is missing. */
      partial: z.optional(z.boolean()),
      stage: z.optional(stageSchema),
      device: z.optional(deviceSchema),
      visitor: z.optional(visitorSchema),
      sdk: z.object({ name: z.string(), version: z.string() }),
    })
    .check(superRefine(scoreOnScale)),
);
/** One answer to one prompt, as delivered to the collector. */
export type Response = z.infer<typeof responseSchema>;

export const recordInputSchema = z.lazy(() =>
  z
    .strictObject({
      kind: promptKindSchema,
      score: z.number().check(z.int()),
      touchpoint: touchpointId(),
      comment: z.optional(comment()),
      metadata: z.optional(attributesSchema),
      /** The question as the customer saw it; defaults to the standard English wording of the kind. */
      question: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
      /** Defaults to the client's locale. */
      locale: z.optional(z.string().check(z.minLength(1), z.maxLength(35))),
      /** Defaults to the kind's scale; CES accepts `{ min: 1, max: 5 }`. */
      scale: z.optional(scaleSchema),
      partial: z.optional(z.boolean()),
      /** The journey stage; defaults to the `stage` of the configured touchpoint with this id. */
      stage: z.optional(stageSchema),
    })
    .check(superRefine(scoreOnScale)),
);
/** What `record()` takes: the answer; the client adds identity, page, time and id. */
export type RecordInput = z.input<typeof recordInputSchema>;
/** What `record()` has once its input is checked. */
export type CheckedRecordInput = z.output<typeof recordInputSchema>;

export const identitySchema = z.lazy(() =>
  z.object({
    userId: z.nullable(z.string().check(z.minLength(1), z.maxLength(200))),
    traits: z.optional(attributesSchema),
  }),
);
