// What scripts/build-validation-plans.js writes plans for (plans.generated.ts): every schema the browser checks input
// against, and the functions their refinements call, which the plans call by name.
export * as refinements from '../schema/refinements.js';
export { clientConfigSchema, consentSchema } from '../schema/config.js';
export { displaySchema } from '../schema/display.js';
export { identitySchema, recordInputSchema, responseSchema } from '../schema/response.js';
export { milestoneOptionsSchema, milestoneSchema, showInputSchema } from '../schema/show.js';
