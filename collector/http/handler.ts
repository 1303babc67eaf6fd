// The collector as a node:http request handler (contract sections 7 and 8): accepts batches, dedupes by id, answers the
// summary, the CSV export, the dashboard's report, health checks and the dashboard itself. Usable from node:http,
// Express, Fastify, Hono. It never rejects and never throws, whatever a client sends.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { batchSchema } from '../../src/schema/batch.js';
import { toValidationIssues } from '../../src/schema/issues.js';
import { buildJourney } from '../analytics/journey.js';
import { defaultPromiseHours, followUpSummary } from '../analytics/follow-up-promise.js';
import { periodOf } from '../analytics/period.js';
import { buildReport, latestComments, listedTouchpoints, withIntervals } from '../analytics/report.js';
import { listAnswers } from '../analytics/drill-down.js';
import { buildSegments } from '../analytics/segments.js';
import { buildThemes } from '../analytics/themes/themes.js';
import { buildTrends } from '../analytics/trends.js';
import { weeklyDigest } from '../analytics/weekly-digest.js';
import type { DeliveryRecord, DeliveryStatus, ResponseStore } from '../store/store.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.js';
import { targetSaid } from '../webhooks/target-said.js';
import { shownTarget, type WebhookTarget } from '../webhooks/targets.js';
import { logWhenDone, type AccessLog } from './access-log.js';
import { parseJson } from '../storable-text.js';
import { periodStart } from '../ageing.js';
import { BodyRefused, ClientGone, readBody, sendJson, sendJsonAndClose, whileConnected } from './guards/body.js';
import { clientAddress } from './guards/client-address.js';
import { streamExport, streamUnanswered } from './exports.js';
import { changeFollowUp, followUpPath, listInbox } from './follow-ups.js';
import { keyMatches, presentedKey } from './guards/keys.js';
import { erasePerson, exportPerson, personExportPath, personPath, showCustomer } from './people.js';
import { buildRecovery } from '../analytics/recovery.js';
import { serveDashboard } from './dashboard-files.js';
import { loaderFile, scriptFiles, scriptsPath } from './script-files.js';
import { originPolicy } from './guards/origins.js';
import {
  encodeAnswerCursor,
  encodeUnansweredCursor,
  parseAnswerQuery,
  parseDigestQuery,
  parseFilter,
  parseListing,
  parseSegmentedFilter,
  parseSegmentQuery,
  parseUnansweredQuery,
} from './query.js';
import { RateLimiter } from './guards/rate-limit.js';

export interface CollectorOptions {
  readonly store: ResponseStore;
  /** Origins allowed to post from browsers (CORS), e.g. `https://shop.example`; `*` allows any. Default none. */
  readonly origins?: readonly string[];
  /** The collector's own origin(s), e.g. `https://collect.example`: browser posts from there are same-origin. Default none. */
  readonly publicOrigin?: string | readonly string[];
  /** When set, posts must carry it as the `key` query parameter (or an `X-Cxkit-Key` header). */
  readonly writeKey?: string | undefined;
  /** When set, the summary, CSV and report need it as `key` (or `Authorization: Bearer …`). */
  readonly readKey?: string | undefined;
  /** Needed for every change over HTTP (follow-ups, erasure), as `Authorization: Bearer …`; also reads. Default none: no changes. */
  readonly adminKey?: string | undefined;
  /** Largest request body read, in bytes. Default 128 KiB (the SDK sends at most 60 KiB). */
  readonly maxBodyBytes?: number;
  /** A body not fully received this long after the request began gets `408` and the connection closed. Default 10 s. */
  readonly bodyTimeoutMs?: number;
  /**
   * Requests a minute per client address (`perIp`) and per key presented (`perKey`), bursting up to that many; beyond,
   * `429` with `Retry-After`. 0 turns a limit off. Default 1200 per address, 12000 per key. Health checks are not limited.
   */
  readonly rateLimit?: { readonly perIp?: number; readonly perKey?: number };
  /** Behind a reverse proxy: take the client's address from the last `X-Forwarded-For` hop. Default false. */
  readonly trustProxy?: boolean;
  /** Called once per request the collector answers (JSON lines in the CLI). Default none. */
  readonly accessLog?: AccessLog | undefined;
  /** Folder of the built dashboard. Default `dist/dashboard` beside the built collector. */
  readonly dashboardDir?: string;
  /** Folder of the script tag's files, served at `/cxkit/`. Default `dist/`, where the built collector sits. */
  readonly scriptsDir?: string;
  /** The journey's stages in order; stages not named follow alphabetically (step-2 before step-10). Default discover, choose, buy, get-help, stay. */
  readonly stageOrder?: readonly string[] | undefined;
  /** Posts new answers to webhook targets; the handler marks answers for it and nudges it. `startCollectorServer` starts and stops it. */
  readonly webhooks?: WebhookDispatcher | undefined;
  /**
   * Answers and displays older than this many days keep no trace of the person (`anonymisedResponse`): those arriving
   * that old are stored so; `startCollectorServer` anonymises the stored ones at start, then hourly. Default never.
   */
  readonly anonymiseDays?: number | undefined;
  /** Hours within which the team means to reach an unhappy customer: those waiting longer are overdue. Default 48. */
  readonly followUpHours?: number | undefined;
}

/** `GET /v1/setup`: where the script tag's files and the endpoint are (paths on this collector), who may post, with what. */
export interface Setup {
  /** The tag's src, or null when this collector has no built script files to serve. */
  readonly script: string | null;
  readonly endpoint: string;
  /** The sites allowed to post from browsers (`*`: any); none but the collector's own pages when empty. */
  readonly origins: readonly string[];
  /** Whether posts need the write key. */
  readonly writeKey: boolean;
}

/** A delivery as `/v1/webhooks/deliveries` lists it: its target's URL cut, and named when the config names it. */
export type ListedDelivery = Omit<DeliveryRecord, 'target'> & { readonly target: string; readonly name?: string };

/** A webhook target as `/v1/webhooks/targets` lists it: never its whole URL, which is often its credential. */
export interface ListedTarget {
  readonly name: string | null;
  /** Its URL cut after the first path segment. */
  readonly target: string;
  readonly format: WebhookTarget['format'];
  /** What it is posted, in words ("new answers (NPS, scores 0 to 6)"). */
  readonly gets: string;
  /** Its most recently changed delivery, or null when none is kept (settled ones are erased after `--webhook-keep-days`). */
  readonly last: Pick<DeliveryRecord, 'event' | 'status' | 'updatedAt' | 'nextAttemptAt' | 'lastStatus' | 'lastError'> | null;
}

export type CollectorHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** A Host header that is a host name or address with an optional port; anything else is a malformed request. */
const validHost = (host: string | undefined) => host === undefined || /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._~%-]+)(:\d{1,5})?$/.test(host);

const reads = {
  '/v1/summary': 'summary',
  '/v1/responses.csv': 'csv',
  '/v1/report': 'report',
  '/v1/journey': 'journey',
  '/v1/trends': 'trends',
  '/v1/segments': 'segments',
  '/v1/answers': 'answers',
  '/v1/answers.csv': 'answers.csv',
  '/v1/answers.json': 'answers.json',
  '/v1/themes': 'themes',
  '/v1/webhooks/deliveries': 'deliveries',
  '/v1/webhooks/targets': 'targets',
  '/v1/inbox': 'inbox',
  '/v1/follow-ups': 'follow-ups',
  '/v1/recovery': 'recovery',
  '/v1/digest': 'digest',
  '/v1/setup': 'setup',
  '/v1/unanswered': 'unanswered',
  '/v1/unanswered.csv': 'unanswered.csv',
} as const;
const deliveryStatuses: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];
type Read = (typeof reads)[keyof typeof reads];

/** Lets the requesting page read an answer that carries nothing but a refusal. */
const readableBy = (req: IncomingMessage): Record<string, string> =>
  req.headers.origin ? { 'Access-Control-Allow-Origin': req.headers.origin, Vary: 'Origin' } : {};

/** Creates the handler; it resolves false for requests that are not the collector's, so that another handler can take them. */
export function createCollectorHandler(options: CollectorOptions): CollectorHandler {
  const { store } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 128 * 1024;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  const promiseHours = options.followUpHours ?? defaultPromiseHours;
  const dashboardDir = options.dashboardDir ?? fileURLToPath(new URL('../dashboard/', import.meta.url));
  const scripts = scriptFiles(options.scriptsDir ?? fileURLToPath(new URL('../', import.meta.url)));
  const publicOrigins = typeof options.publicOrigin === 'string' ? [options.publicOrigin] : (options.publicOrigin ?? []);
  const cors = originPolicy(options.origins ?? [], publicOrigins);
  const perIp = options.rateLimit?.perIp ?? 1200;
  const perKey = options.rateLimit?.perKey ?? 12_000;
  const ipLimiter = perIp > 0 ? new RateLimiter(perIp) : null;
  const keyLimiter = perKey > 0 ? new RateLimiter(perKey) : null;

  /** Seconds to wait when this request is over a limit, else 0. */
  function limited(ip: string, key: string | undefined): number {
    const byIp = ipLimiter?.take(ip) ?? 0;
    if (byIp) return byIp;
    return key && keyLimiter ? keyLimiter.take(key) : 0;
  }

  /** Reads need the read key when one is set; the admin key reads too. */
  function readAllowed(req: IncomingMessage, url: URL): boolean {
    if (!options.readKey) return true;
    const key = presentedKey(req, url);
    return keyMatches(options.readKey, key) || (options.adminKey !== undefined && keyMatches(options.adminKey, key));
  }

  /** Changes need the admin key, always: with none configured nothing can be changed over HTTP. */
  function changeRefused(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (!options.adminKey) {
      sendJson(res, 403, { error: 'changes are disabled: start the collector with --admin-key (CXKIT_ADMIN_KEY)' });
      return true;
    }
    if (keyMatches(options.adminKey, presentedKey(req, url))) return false;
    sendJson(res, 401, { error: 'missing or wrong admin key (the read key cannot change anything)' });
    return true;
  }

  async function acceptBatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const corsHeaders = cors(req);
    // the refusal itself is readable by the page (it holds no data), so that the SDK reports it instead of retrying blind
    if (corsHeaders === null)
      return sendJsonAndClose(req, res, 403, { error: `origin ${req.headers.origin} is not allowed` }, readableBy(req));
    if (
      options.writeKey &&
      !keyMatches(options.writeKey, url.searchParams.get('key') ?? (req.headers['x-cxkit-key'] as string | undefined))
    ) {
      return sendJsonAndClose(req, res, 401, { error: 'missing or wrong write key' }, corsHeaders);
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json' && type !== 'text/plain') {
      return sendJsonAndClose(req, res, 415, { error: 'expected Content-Type application/json or text/plain' }, corsHeaders);
    }
    let text: string;
    try {
      text = await readBody(req, maxBodyBytes, bodyTimeoutMs);
    } catch (error) {
      const reason = error instanceof BodyRefused ? error.reason : 'aborted';
      if (reason === 'too-large') return sendJsonAndClose(req, res, 413, { error: `body larger than ${maxBodyBytes} bytes` }, corsHeaders);
      if (reason === 'too-slow')
        return sendJsonAndClose(req, res, 408, { error: `body not received within ${bodyTimeoutMs} ms` }, corsHeaders);
      return void req.destroy();
    }
    let body: unknown;
    try {
      body = parseJson(text);
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON', issues: [{ path: 'body', message: 'expected JSON' }] }, corsHeaders);
    }
    const parsed = batchSchema.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      // all or nothing: one bad response refuses the batch, so that a client never has half a batch stored
      const issues = toValidationIssues('body', parsed.error.issues);
      return sendJson(res, 400, { error: 'invalid batch', issues }, corsHeaders);
    }
    const notify = options.webhooks !== undefined;
    const { responses, displays, sentAt } = parsed.data;
    const now = new Date();
    const anonymiseBefore = options.anonymiseDays ? periodStart(options.anonymiseDays, now) : undefined;
    const result = await store.insert(responses, now, { displays, notify, sentAt, anonymiseBefore });
    sendJson(res, 202, result, corsHeaders);
    if (notify && result.accepted) options.webhooks!.nudge();
  }

  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const corsHeaders = cors(req);
    if (!corsHeaders || !corsHeaders['Access-Control-Allow-Origin']) return void res.writeHead(403).end();
    res
      .writeHead(204, {
        ...corsHeaders,
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
        'Access-Control-Max-Age': '86400',
      })
      .end();
  }

  async function listDeliveries(res: ServerResponse, url: URL): Promise<void> {
    const { status, limit, issues, rest } = parseListing(url.searchParams, deliveryStatuses, { fallback: 100, max: 1000 });
    // `since`: those changed since (the dashboard asks for the last week's failures, never a walk of every delivery)
    const range = parseFilter(rest, store.timeZone);
    if (issues.length || 'issues' in range)
      return sendJson(res, 400, { error: 'invalid query', issues: [...issues, ...('issues' in range ? range.issues : [])] });
    const deliveries = (await store.deliveries({ status, since: range.filter.since, limit })).map(
      ({ target, ...delivery }): ListedDelivery => {
        const name = options.webhooks?.targetName(target);
        return { ...delivery, target: shownTarget(target), ...(name === undefined ? {} : { name }) };
      },
    );
    sendJson(res, 200, { deliveries });
  }

  /**
   * Who was asked and did not answer, in the journey's period: the range, or the last 28 days (all of time is a long
   * read); as JSON, or as a CSV file for the team's mail or CRM tool.
   */
  async function unanswered(res: ServerResponse, url: URL, asFile: boolean): Promise<void> {
    const parsed = parseUnansweredQuery(url.searchParams, store, asFile);
    if ('issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues: parsed.issues });
    const period = periodOf(parsed.filter, new Date());
    const [since, until] = [new Date(period.since).toISOString(), new Date(period.until).toISOString()];
    const filter = { ...parsed.filter, since, until };
    if (asFile) return streamUnanswered(res, store, filter, parsed.limit);
    const { people, total, next } = await store.unanswered(filter, parsed.limit, parsed.after);
    sendJson(res, 200, { since, until, people, total, next: next && encodeUnansweredCursor(next) });
  }

  async function segments(res: ServerResponse, url: URL): Promise<void> {
    const parsed = parseSegmentQuery(url.searchParams, store);
    if ('issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues: parsed.issues });
    sendJson(res, 200, await buildSegments(store, parsed.filter, parsed.query));
  }

  /** The drill-down: a page of the answers behind a figure, all of them as CSV or JSON, or their comments' themes. */
  async function answers(res: ServerResponse, url: URL, answer: 'answers' | 'answers.csv' | 'answers.json' | 'themes'): Promise<void> {
    const query = parseAnswerQuery(url.searchParams, store);
    if ('issues' in query) return sendJson(res, 400, { error: 'invalid query', issues: query.issues });
    const connected = whileConnected(res);
    if (answer === 'themes') return sendJson(res, 200, await buildThemes(store, query.filter, connected));
    if (answer === 'answers') return sendJson(res, 200, await listAnswers(store, query, encodeAnswerCursor, connected));
    return streamExport(res, store, query.filter, query.order, answer === 'answers.csv' ? 'csv' : 'json');
  }

  /** Where alerts go: each target as the config names it (its URL cut), what it is posted, and its latest delivery. */
  async function listTargets(res: ServerResponse): Promise<void> {
    const targets = options.webhooks?.targets ?? [];
    const latest = await Promise.all(targets.map(async ({ url }) => (await store.deliveries({ target: url, limit: 1 }))[0]));
    sendJson(res, 200, {
      targets: targets.map((target, i): ListedTarget => {
        const last = latest[i];
        return {
          name: target.name ?? null,
          target: shownTarget(target.url),
          format: target.format,
          gets: targetSaid(target),
          last: last
            ? {
                event: last.event,
                status: last.status,
                updatedAt: last.updatedAt,
                nextAttemptAt: last.nextAttemptAt,
                lastStatus: last.lastStatus,
                lastError: last.lastError,
              }
            : null,
        };
      }),
    });
  }

  /** The weekly digest a `digest.weekly` target is posted, for a week's Monday (by default the week due now). */
  async function digest(res: ServerResponse, url: URL): Promise<void> {
    const now = new Date();
    const parsed = parseDigestQuery(url.searchParams, store, now);
    if ('issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues: parsed.issues });
    sendJson(res, 200, await weeklyDigest(store, parsed.week, promiseHours, now, parsed.scope));
  }

  async function read(res: ServerResponse, url: URL, answer: Read): Promise<void> {
    // PostgreSQL cannot compare text with a NUL in it: a touchpoint=%00 was a 503 "storage unavailable"
    const withNul = [...url.searchParams].find(([, value]) => value.includes('\0'));
    if (withNul)
      return sendJson(res, 400, {
        error: 'invalid query',
        issues: [{ path: `query.${withNul[0]}`, message: 'expected text without NUL characters' }],
      });
    if (answer === 'setup') return sendJson(res, 200, setup());
    if (answer === 'unanswered' || answer === 'unanswered.csv') return unanswered(res, url, answer === 'unanswered.csv');
    if (answer === 'deliveries') return listDeliveries(res, url);
    if (answer === 'targets') return listTargets(res);
    if (answer === 'inbox') return listInbox(res, store, url, promiseHours);
    if (answer === 'segments') return segments(res, url);
    if (answer === 'digest') return digest(res, url);
    if (answer === 'answers' || answer === 'answers.csv' || answer === 'answers.json' || answer === 'themes')
      return answers(res, url, answer);
    // the journey, the trends, the follow-up figures and the recovery read one segment's answers alone when asked (`by` and `value`)
    const segmented = answer === 'journey' || answer === 'trends' || answer === 'follow-ups' || answer === 'recovery';
    const parsed = segmented ? parseSegmentedFilter(url.searchParams, store) : parseFilter(url.searchParams, store.timeZone);
    if ('issues' in parsed) return sendJson(res, 400, { error: 'invalid query', issues: parsed.issues });
    const { filter } = parsed;
    if (answer === 'csv') return streamExport(res, store, filter, 'oldest', 'csv', 'cxkit-responses');
    if (answer === 'journey') return sendJson(res, 200, await buildJourney(store, filter, new Date(), options.stageOrder));
    if (answer === 'trends') return sendJson(res, 200, await buildTrends(store, filter, new Date()));
    if (answer === 'follow-ups') return sendJson(res, 200, await followUpSummary(store, filter, promiseHours, new Date()));
    if (answer === 'recovery') return sendJson(res, 200, await buildRecovery(store, filter, whileConnected(res)));
    const [counts, engaged, followUp] = await Promise.all([
      store.countsByDay(filter),
      store.engagement(filter),
      followUpSummary(store, filter, promiseHours, new Date()),
    ]);
    if (answer === 'summary') return sendJson(res, 200, { ...withIntervals(counts, engaged), followUp });
    const [comments, touchpoints, quarantinedAnswers] = await Promise.all([
      latestComments(store, filter, 20),
      store.touchpoints(listedTouchpoints),
      store.quarantinedAnswers(),
    ]);
    sendJson(
      res,
      200,
      buildReport(counts, engaged, followUp, { comments, touchpoints, timeZone: store.timeZone.name, quarantinedAnswers }),
    );
  }

  /** What a site's script tag needs to send here: the dashboard writes the tag to paste from it. */
  function setup(): Setup {
    return {
      script: scripts.built ? `${scriptsPath}${loaderFile}` : null,
      endpoint: '/v1/responses',
      origins: options.origins ?? [],
      writeKey: options.writeKey !== undefined,
    };
  }

  async function ready(res: ServerResponse): Promise<void> {
    try {
      await store.ping();
      sendJson(res, 200, { status: 'ready' });
    } catch {
      sendJson(res, 503, { status: 'unavailable', error: 'storage does not answer' });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, ip: string): Promise<void> {
    const path = url.pathname;
    if (path === '/healthz' || path === '/readyz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
      return path === '/healthz' ? sendJson(res, 200, { status: 'ok' }) : ready(res);
    }
    // static and public, read from memory: a page view's files do not count against the posts' limits
    if (path.startsWith(scriptsPath)) return scripts.serve(req, res, path);
    const wait = limited(ip, presentedKey(req, url));
    if (wait) {
      const headers = { 'Retry-After': String(wait), ...(path === '/v1/responses' ? cors(req) : {}) };
      return sendJsonAndClose(req, res, 429, { error: `too many requests: retry in ${wait} s` }, headers);
    }
    const followUp = followUpPath.exec(path);
    const person = personPath.exec(path);
    const personExport = personExportPath.exec(path);
    if (personExport) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
      if (!readAllowed(req, url)) return sendJson(res, 401, { error: 'missing or wrong read key' });
      return exportPerson(res, store, personExport);
    }
    if (person && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!readAllowed(req, url)) return sendJson(res, 401, { error: 'missing or wrong read key' });
      return showCustomer(res, store, person, url.searchParams);
    }
    if (followUp || person) {
      const method = followUp ? 'PATCH' : 'DELETE';
      const allowed = followUp ? 'PATCH' : 'GET, DELETE';
      if (req.method !== method) return sendJson(res, 405, { error: `use ${allowed.replace(', ', ' or ')}` }, { Allow: allowed });
      if (changeRefused(req, res, url)) return;
      return followUp ? changeFollowUp(req, res, store, followUp[1]!, options.webhooks) : erasePerson(res, store, person!);
    }
    if (path === '/v1/responses') {
      if (req.method === 'POST') return acceptBatch(req, res, url);
      if (req.method === 'OPTIONS') return preflight(req, res);
      return sendJson(res, 405, { error: 'use POST' }, { Allow: 'POST, OPTIONS' });
    }
    if (path.startsWith('/v1/') && !(path in reads)) {
      // a mistyped endpoint is named, readably for the page, so that the site owner finds it in the SDK's `rejected` event
      return sendJson(res, 404, { error: `no endpoint ${path}: answers go to POST /v1/responses` }, readableBy(req));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
    if (path in reads) {
      if (!readAllowed(req, url)) return sendJson(res, 401, { error: 'missing or wrong read key' });
      return read(res, url, reads[path as keyof typeof reads]);
    }
    return serveDashboard(res, dashboardDir, path);
  }

  const owns = (path: string) =>
    path.startsWith('/v1/') ||
    path.startsWith(scriptsPath) ||
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/dashboard' ||
    path.startsWith('/dashboard/');

  return async (req, res) => {
    let url: URL;
    try {
      if (!validHost(req.headers.host)) throw new TypeError('bad Host');
      // a fixed base: the Host header is the client's to set and never decides anything here
      url = new URL(req.url ?? '/', 'http://collector.invalid');
    } catch {
      sendJsonAndClose(req, res, 400, { error: 'malformed request: bad Host header or URL' });
      return true;
    }
    if (!owns(url.pathname)) return false;
    const ip = clientAddress(req, options.trustProxy ?? false);
    if (options.accessLog) logWhenDone(req, res, url.pathname, ip, options.accessLog);
    try {
      await route(req, res, url, ip);
    } catch (error) {
      if (error instanceof ClientGone) return true;
      // the store failed (a database restarting, a disk full): the client keeps the answers and retries later
      console.error(`cxkit collector: ${req.method} ${url.pathname} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 503, { error: 'storage unavailable, retry later' }, { 'Retry-After': '5', ...(cors(req) ?? {}) });
      else res.destroy();
    }
    return true;
  };
}
