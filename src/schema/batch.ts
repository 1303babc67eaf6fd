// The body of one delivery request, POSTed to the collector endpoint.
import { z } from 'zod/mini';
import { responseSchema } from './response.js';

/** Most responses a single request may carry. */
export const maxBatchResponses = 50;
/** Most bytes a single request body may have: keepalive requests share a 64 KiB budget in flight. */
export const maxBatchBytes = 60 * 1024;

export const batchSchema = z.lazy(() =>
  z.object({
    v: z.literal(1),
    sentAt: z.iso.datetime({ offset: true }),
    responses: z.array(responseSchema).check(z.minLength(1), z.maxLength(maxBatchResponses)),
  }),
);
export type Batch = z.infer<typeof batchSchema>;
