// The SDK's public surface: a deliberate list, no side effects (elements register from `cxkit/elements`).
export { createClient } from './sdk/client/create-client.js';
export type { CxClient } from './sdk/client/client.js';
export type { ClientEventMap, ClientEventName, FlushResult } from './sdk/client/client-events.js';
export { CxError, CxValidationError, isCxError } from './sdk/errors.js';
export { summarize, type Summary, type ScoredResponse } from './sdk/scores.js';
export { responseSchema, recordInputSchema, promptKinds, defaultScales } from './schema/response.js';
export type { Response, RecordInput, PromptKind, Scale, Attributes } from './schema/response.js';
export { batchSchema, maxBatchBytes, maxBatchResponses, type Batch } from './schema/batch.js';
export { clientConfigSchema, type ClientConfig, type ResolvedConfig, type BeforeSend } from './schema/config.js';
export type { Touchpoint, PromptMode, Recontact, Trigger } from './schema/touchpoint.js';
export type { MilestoneOptions, ShowOptions } from './schema/show.js';
export type { Decision } from './touchpoints/touchpoints.js';
export type { ValidationIssue } from './schema/issues.js';
export { sdkInfo } from './version.js';
