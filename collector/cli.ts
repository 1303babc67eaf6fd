// `npx cxkit-collector --port 8787 --database postgres://… --origin https://shop.example --write-key …`
import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { checkWebhooksCommand } from './check-webhooks.js';
import { copyCommand } from './copy.js';
import { jsonLines, type AccessLog } from './http/access-log.js';
import { startCollectorServer } from './http/server.js';
import { defaultSegmentTraits } from './store/ingest/segments.js';
import { defaultSqliteFile, openStore, redactDatabase } from './store/open.js';
import { isTimeZone } from './time-zone.js';
import { defaultKeepSettledDays, WebhookDispatcher } from './webhooks/dispatcher.js';
import { digestTraitProblem, loadTargets, type WebhookTarget } from './webhooks/targets.js';

const usage = `Usage: cxkit-collector [options]         (environment variables in brackets; an option wins over its variable)
       cxkit-collector copy --from <url|file> --to <url|file>   (moves the data to another store: copy --help)
       cxkit-collector check-webhooks --webhook-config <file>   (posts a test message to each target: check-webhooks --help)
  --port <n>               port to listen on (default 8787) [PORT]
  --host <address>         address to listen on (default 127.0.0.1; 0.0.0.0 for every interface) [HOST]
  --database <url|file>    postgres://user:pass@host/db for PostgreSQL, else a SQLite file
                           (default ${defaultSqliteFile}) [DATABASE_URL]; --db <file> is the same
  --origin <url>           a site allowed to post from the browser (CORS); repeat for several; * for any
                           [CXKIT_ORIGINS, comma-separated]
  --public-origin <url>    the collector's own origin as browsers see it, e.g. https://collect.example
                           (default: the address it listens on) [CXKIT_PUBLIC_ORIGIN]
  --write-key <key>        require this key on posts (the SDK's writeKey option) [CXKIT_WRITE_KEY]
  --read-key <key>         require this key to read the summary, CSV and dashboard data [CXKIT_READ_KEY]
  --admin-key <key>        needed for changes through the dashboard or API (follow-ups, erasure) [CXKIT_ADMIN_KEY]
  --trust-proxy            behind a reverse proxy: client address from X-Forwarded-For [CXKIT_TRUST_PROXY=1]
  --rate-limit-ip <n>      requests a minute per client address, 0 for none (default 1200)
  --rate-limit-key <n>     requests a minute per key, 0 for none (default 12000)
  --max-body <bytes>       largest request body read (default 131072)
  --access-log <file|-|off> JSON lines, one per request; - is stdout (default -)
  --webhook <url>          post each new answer there (Standard Webhooks); repeat for several
  --webhook-secret <whsec_…> sign --webhook posts with it [CXKIT_WEBHOOK_SECRET]
  --webhook-config <file>  JSON { "webhooks": [{ url, name, format: standard|slack|teams, secret, when: { events, kinds,
                           scoreMin, scoreMax, touchpoints, hasComment, partial, traits }, mentions }] } for rules,
                           Slack, Teams, follow-up changes, customers waiting past --follow-up-hours and last
                           week's figures each Monday 09:00 (events: ["follow_up.changed", "follow_up.overdue",
                           "digest.weekly"]) and owners mentioned in Slack and Teams
  --webhook-retry-base <ms> first retry after about this long, doubling up to 6 h; 12 attempts (default 30000)
  --webhook-keep-days <n>  days a delivered or failed webhook delivery is kept, with its copy of the answer (default 30)
  --allow-private-webhooks allow webhook targets on loopback or private addresses (development only)
  --stages <a,b,…>         the journey's stages in order (default discover,choose,buy,get-help,stay) [CXKIT_STAGES]
  --segment-traits <a,b,…> traits to break figures down by, besides device, locale, page and visitor
                           (default plan,country; a changed list re-segments stored answers at start) [CXKIT_SEGMENT_TRAITS]
  --time-zone <zone>       the IANA time zone days are counted in, e.g. America/New_York (default UTC; a change
                           counts the stored answers' days again at start) [CXKIT_TIME_ZONE]
  --follow-up-hours <n>    the team's promise: an unhappy customer nobody has reached this long after their answer
                           is overdue (default 48) [CXKIT_FOLLOW_UP_HOURS]
  --anonymise-days <n>     strip answers and displays older than this of what points at a person (user and visitor
                           ids, traits but the segment traits, metadata, page title and query, follow-up notes),
                           keeping the figures (at start, then hourly; default: never) [CXKIT_ANONYMISE_DAYS]
  --retention-days <n>     erase answers and displays older than this, with their follow-ups (at start, then
                           hourly; default: keep everything) [CXKIT_RETENTION_DAYS]
  -h, --help               this text`;

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (argv[0] === 'copy') return copyCommand(argv.slice(1));
  if (argv[0] === 'check-webhooks') return checkWebhooksCommand(argv.slice(1), env);
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: env.PORT ?? '8787' },
        host: { type: 'string', default: env.HOST ?? '127.0.0.1' },
        database: { type: 'string' },
        db: { type: 'string' },
        origin: { type: 'string', multiple: true, default: env.CXKIT_ORIGINS ? env.CXKIT_ORIGINS.split(',').map((o) => o.trim()) : [] },
        'public-origin': { type: 'string', default: env.CXKIT_PUBLIC_ORIGIN },
        stages: { type: 'string', default: env.CXKIT_STAGES },
        'segment-traits': { type: 'string', default: env.CXKIT_SEGMENT_TRAITS },
        'time-zone': { type: 'string', default: env.CXKIT_TIME_ZONE },
        'follow-up-hours': { type: 'string', default: env.CXKIT_FOLLOW_UP_HOURS },
        'anonymise-days': { type: 'string', default: env.CXKIT_ANONYMISE_DAYS },
        'retention-days': { type: 'string', default: env.CXKIT_RETENTION_DAYS },
        'write-key': { type: 'string', default: env.CXKIT_WRITE_KEY },
        'read-key': { type: 'string', default: env.CXKIT_READ_KEY },
        'admin-key': { type: 'string', default: env.CXKIT_ADMIN_KEY },
        'trust-proxy': { type: 'boolean', default: env.CXKIT_TRUST_PROXY === '1' || env.CXKIT_TRUST_PROXY === 'true' },
        'rate-limit-ip': { type: 'string', default: '1200' },
        'rate-limit-key': { type: 'string', default: '12000' },
        'max-body': { type: 'string', default: '131072' },
        'access-log': { type: 'string', default: '-' },
        webhook: { type: 'string', multiple: true, default: [] },
        'webhook-secret': { type: 'string', default: env.CXKIT_WEBHOOK_SECRET },
        'webhook-config': { type: 'string' },
        'webhook-retry-base': { type: 'string', default: '30000' },
        'webhook-keep-days': { type: 'string', default: String(defaultKeepSettledDays) },
        'allow-private-webhooks': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return console.log(usage);
  const wholeNumber = (name: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max)
      throw new RangeError(`--${name}: expected a whole number from ${min} to ${max}, got ${value}`);
    return n;
  };
  let port: number, maxBodyBytes: number, perIp: number, perKey: number, retryBase: number, keepSettledDays: number;
  let retentionDays: number | undefined;
  let anonymiseDays: number | undefined;
  let followUpHours: number | undefined;
  let targets: WebhookTarget[];
  try {
    retryBase = wholeNumber('webhook-retry-base', values['webhook-retry-base'], 10);
    keepSettledDays = wholeNumber('webhook-keep-days', values['webhook-keep-days'], 1, 36500);
    targets = await loadTargets(values.webhook, values['webhook-secret'], values['webhook-config'], values['allow-private-webhooks']);
    port = wholeNumber('port', values.port, 0, 65535);
    maxBodyBytes = wholeNumber('max-body', values['max-body'], 1024);
    perIp = wholeNumber('rate-limit-ip', values['rate-limit-ip'], 0);
    perKey = wholeNumber('rate-limit-key', values['rate-limit-key'], 0);
    const retention = values['retention-days'];
    retentionDays = retention === undefined ? undefined : wholeNumber('retention-days', retention, 1, 36_500);
    const promise = values['follow-up-hours'];
    followUpHours = promise === undefined ? undefined : wholeNumber('follow-up-hours', promise, 1, 8760);
    const anonymise = values['anonymise-days'];
    anonymiseDays = anonymise === undefined ? undefined : wholeNumber('anonymise-days', anonymise, 1, 36_500);
    if (anonymiseDays && retentionDays && anonymiseDays >= retentionDays) {
      throw new Error(
        `--anonymise-days: ${anonymiseDays} days is not before --retention-days ${retentionDays}: answers would be erased before they are anonymised`,
      );
    }
  } catch (error) {
    return fail((error as Error).message);
  }
  for (const origin of values.origin) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin))
      return fail(`--origin: expected an origin like https://shop.example (no path), got ${origin}`);
  }
  const publicOrigin = values['public-origin'];
  if (publicOrigin !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicOrigin)) {
    return fail(`--public-origin: expected an origin like https://collect.example (no path), got ${publicOrigin}`);
  }
  const stageOrder = values.stages?.split(',').map((stage) => stage.trim());
  if (stageOrder?.some((stage) => !stage)) return fail(`--stages: expected stage names separated by commas, got ${values.stages}`);
  const segmentTraits = values['segment-traits']?.split(',').map((trait) => trait.trim());
  if (segmentTraits?.some((trait) => !trait || trait.length > 100)) {
    return fail(`--segment-traits: expected trait names (1–100 characters) separated by commas, got ${values['segment-traits']}`);
  }
  const digestProblem = digestTraitProblem(targets, segmentTraits ?? defaultSegmentTraits);
  if (digestProblem) return fail(digestProblem);
  const zone = values['time-zone'];
  if (zone !== undefined && !isTimeZone(zone)) {
    return fail(`--time-zone: expected an IANA time zone such as Europe/Berlin or America/New_York, got ${zone}`);
  }
  const logTo = values['access-log'];
  let accessLog: AccessLog | undefined;
  if (logTo !== 'off') {
    try {
      // opened before it is needed, so that a path that cannot be written is named at start
      accessLog = jsonLines(logTo === '-' ? process.stdout : (await open(logTo, 'a')).createWriteStream(), logTo);
    } catch (error) {
      return fail(`--access-log: could not open ${logTo}: ${(error as Error).message}`, false);
    }
  }
  const database = values.database ?? values.db ?? env.DATABASE_URL ?? defaultSqliteFile;
  let store;
  try {
    store = await openStore(database, { segmentTraits, timeZone: zone });
  } catch (error) {
    return fail(`--database: could not open ${redactDatabase(database)}: ${error instanceof Error ? error.message : String(error)}`, false);
  }
  const dashboardUrl = `${(publicOrigin ?? `http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${port}`).replace(/\/$/, '')}/dashboard`;
  const webhooks = targets.length
    ? new WebhookDispatcher({
        store,
        targets,
        allowPrivate: values['allow-private-webhooks'],
        dashboardUrl,
        baseDelayMs: retryBase,
        promiseHours: followUpHours,
        keepSettledDays,
      })
    : undefined;
  let server;
  try {
    server = await startCollectorServer({
      port,
      host: values.host,
      store,
      origins: values.origin,
      ...(publicOrigin ? { publicOrigin } : {}),
      ...(stageOrder ? { stageOrder } : {}),
      writeKey: values['write-key'],
      readKey: values['read-key'],
      adminKey: values['admin-key'],
      trustProxy: values['trust-proxy'],
      rateLimit: { perIp, perKey },
      maxBodyBytes,
      webhooks,
      accessLog,
      retentionDays,
      anonymiseDays,
      followUpHours,
    });
  } catch (error) {
    await store.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') return fail(`port ${port} is already in use: choose another with --port or PORT`, false);
    return fail(`could not listen on ${values.host}:${port}: ${(error as Error).message}`, false);
  }
  console.error(`cxkit collector: ${server.url}v1/responses   dashboard: ${server.url}dashboard   data: ${redactDatabase(database)}`);
  if (targets.length)
    console.error(`cxkit collector: posting new answers to ${targets.length} webhook target${targets.length > 1 ? 's' : ''}`);
  if (anonymiseDays) console.error(`cxkit collector: anonymising answers and displays older than ${anonymiseDays} days (--anonymise-days)`);
  if (retentionDays) console.error(`cxkit collector: erasing answers and displays older than ${retentionDays} days (--retention-days)`);
  if (!loopback.has(values.host) && !values['read-key']) {
    console.error(
      'cxkit collector: warning: listening beyond this machine without --read-key: anyone who can reach it can read every answer',
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`cxkit collector: ${signal}: finishing requests in flight, then stopping`);
    void server
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

function fail(message: string, showUsage = true): void {
  console.error(`cxkit-collector: ${message}${showUsage ? `\n\n${usage}` : ''}`);
  process.exitCode = 2;
}
