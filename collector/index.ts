// `cxkit/collector`: the Node reference collector. Never bundled into browser code.
export { createCollectorHandler, type CollectorHandler, type CollectorOptions } from './handler.js';
export { startCollectorServer, type RunningServer, type ServerOptions } from './server.js';
export { SqliteStore } from './sqlite-storage.js';
export type { InsertResult, ResponseFilter, ResponseStore } from './storage.js';
export { buildReport, withIntervals, type Report, type SummaryWithIntervals } from './report.js';
export { toCsv } from './csv.js';
export { sampleResponses } from './sample-data.js';
export { jsonSchemas } from './json-schema.js';
