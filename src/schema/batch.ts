// The body of one delivery request, POSTed to the collector endpoint.
import { z } from 'zod/mini';
import { displaySchema } from './display.js';
import { responseSchema } from './response.js';
import { maxBatchDisplays, maxBatchResponses } from './batch-limits.js';

export { maxBatchBytes, maxBatchDisplays, maxBatchResponses } from './batch-limits.js';

export const batchSchema = z.lazy(() =>
  z
    .object({
      v: z.literal(1),
      sentAt: z.iso.datetime({ offset: true }),
      responses: z.array(responseSchema).check(z.maxLength(maxBatchResponses)),
      /** Optional: collectors that do not know displays ignore them. */
      displays: z.optional(z.array(displaySchema).check(z.maxLength(maxBatchDisplays))),
    })
    .check(
      z.refine((batch) => batch.responses.length > 0 || (batch.displays?.length ?? 0) > 0, {
        message: 'expected at least one response or display',
        path: ['responses'],
      }),
    ),
);
export type Batch = z.infer<typeof batchSchema>;
