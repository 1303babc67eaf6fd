// The script tag's byte budgets (gzip), shared by the build's size report and the bench.

/** What every page with the script tag pays on its critical path, before anything is asked. */
export const loaderBudget = { file: 'cxkit.js', bytes: 4_000 };

/**
 * Everything a page loads to show one NPS prompt in English by cxkit.show() or an inline element; a touchpoint's prompt
 * loads `touchpointsFile` too, within the same budget. The outbox and delivery come after the prompt has painted, with
 * its display: `outboxFile` and `deliveryFile`, reported beside the budget, not in it.
 */
export const npsPromptBudget = { files: ['cxkit.js', 'cxkit-core.js', 'cxkit-prompts.js'], bytes: 30_000 };

/** The touchpoint engine, loaded for a config that has touchpoints. */
export const touchpointsFile = 'cxkit-touchpoints.js';

/** The outbox: as the client starts, once the touchpoints have looked at the page, after the paint of a prompt due then. */
export const outboxFile = 'cxkit-outbox.js';

/** Loaded once the outbox holds something to send: after a prompt has painted, or at start-up for what waits. */
export const deliveryFile = 'cxkit-delivery.js';
