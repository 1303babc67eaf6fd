// The size limits of one delivery request, as plain constants: browser code uses them without loading zod.

/** Most responses a single request may carry. */
export const maxBatchResponses = 50;
/** Most displays a single request may carry. */
export const maxBatchDisplays = 100;
/** Most bytes a single request body may have: keepalive requests share a 64 KiB budget in flight. */
export const maxBatchBytes = 60 * 1024;
