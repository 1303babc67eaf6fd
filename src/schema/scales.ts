// The prompt kinds and their scales as plain constants, so that browser code can use them without loading zod.

export const promptKinds = ['nps', 'csat', 'ces'] as const;

/** Where a prompt shows: in the page flow, as a corner card, or as a dialog. */
export const promptModes = ['inline', 'popover', 'modal'] as const;

/** The default scale of each kind; CES may also use 1–5. */
export const defaultScales = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
} as const;
