// The default client's methods that window.cxkit forwards to the core, in one list for the loader and the core.

export const clientMethods = [
  'identify',
  'record',
  'draft',
  'show',
  'milestone',
  'explain',
  'debug',
  'consent',
  'flush',
  'pending',
  'on',
  'destroy',
] as const;
export type ClientMethod = (typeof clientMethods)[number];
