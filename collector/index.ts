// `cxkit/collector`: the Node reference collector. Never bundled into browser code.
export { createCollectorHandler, type CollectorHandler, type CollectorOptions } from './http/handler.js';
export { startCollectorServer, type RunningServer, type ServerOptions } from './http/server.js';
export { jsonLines, type AccessLog, type AccessLogEntry } from './http/access-log.js';
export { SqliteStore } from './store/sqlite.js';
// PostgresStore is reached through openStore so that `pg` is only needed by those who use it
export { openStore } from './store/open.js';
export type { PostgresStore, PostgresOptions } from './store/postgres.js';
export {
  allResponses,
  readAll,
  type AttemptResult,
  type ClaimedDelivery,
  type CommentRow,
  type DeliveryRecord,
  type DeliveryStatus,
  type EngagementCount,
  type Erasure,
  type FollowUp,
  type FollowUpChange,
  type FollowUpFigures,
  type FollowUpStatus,
  type InboxItem,
  type Person,
  type InsertExtras,
  type NewDelivery,
  type DayScoreCount,
  type InsertResult,
  type ResponseFilter,
  type ResponseStore,
  type StoreOptions,
  type SegmentScoreCount,
  type AnswerFilter,
  type AnswerOrder,
  type TimeOrder,
  type AnswerCursor,
  type AnswerPage,
  type AnswerRow,
} from './store/store.js';
export { defaultSegmentTraits, pagePath } from './store/ingest/segments.js';
export { answeredAtWindow } from './store/ingest/prepare.js';
export { WebhookDispatcher, type DispatcherOptions } from './webhooks/dispatcher.js';
export { parseTargets, matches, WebhookConfigError, type WebhookRule, type WebhookTarget } from './webhooks/targets.js';
export { signedHeaders } from './webhooks/signature.js';
export {
  buildReport,
  withIntervals,
  type CollectorSummary,
  type Engagement,
  type Report,
  type SummaryWithIntervals,
} from './analytics/report.js';
export { csvHeader, toCsvRow } from './analytics/csv.js';
export type { Trends, MetricTrend, BucketPoint, RollingPoint, PeriodChange } from './analytics/trends.js';
export type { Segments, SegmentFigures, SegmentComparison } from './analytics/segments.js';
export type { Themes, LanguageThemes, Theme } from './analytics/themes/themes.js';
export type { AnswerListing } from './analytics/drill-down.js';
export type { Figure, Difference } from './analytics/estimates.js';
export { demoSample, sampleDisplays, sampleResponses, type SampleFollowUp } from './sample-data.js';
export { jsonSchemas } from './json-schema.js';
