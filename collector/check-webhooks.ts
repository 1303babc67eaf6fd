// `cxkit-collector check-webhooks`: posts one test message to each webhook target the options name — a Slack message, a
// Teams card, or a signed Standard Webhooks event `webhook.test` — and says what each answered, before the collector
// is started with them: a mistyped URL, a removed channel or a wrong secret found at setup, not when an unhappy
// customer's alert goes nowhere. Nothing is stored; the exit code is 0 when every target took its message.
import { parseArgs } from 'node:util';
import { post } from './webhooks/sender.js';
import { newWebhookId, signedHeaders } from './webhooks/signature.js';
import { loadTargets, shownTarget, type WebhookTarget } from './webhooks/targets.js';
import { targetSaid } from './webhooks/target-said.js';
import { cardMessage, paragraph } from './webhooks/teams-payloads.js';

const checkUsage = `Usage: cxkit-collector check-webhooks [--webhook <url>]… [--webhook-secret <whsec_…>] [--webhook-config <file>]
  Posts a test message to each target, as the collector would be started with them, and says what each answered:
  exit code 0 when every one took it, 1 when one did not.
  --webhook <url>          a Standard Webhooks target; repeat for several
  --webhook-secret <whsec_…> signs the --webhook posts [CXKIT_WEBHOOK_SECRET]
  --webhook-config <file>  the targets' config, as the collector takes it
  --allow-private-webhooks allow targets on loopback or private addresses (development only)
  --timeout <ms>           how long each target has to answer (default 10000)
  -h, --help               this text`;

/** "cxkit test: this is where its collector will post new answers (NPS) and last week's digest on Mondays." */
const testSaid = (target: WebhookTarget) => `cxkit test: this is where its collector will post ${targetSaid(target)}.`;

function testBody(target: WebhookTarget, at: Date): string {
  const said = testSaid(target);
  if (target.format === 'slack') return JSON.stringify({ text: said });
  if (target.format === 'teams') return cardMessage([paragraph({ text: said, strong: true })], []);
  return JSON.stringify({
    type: 'webhook.test',
    timestamp: at.toISOString(),
    data: { message: said, events: target.when?.events ?? ['response.created'] },
  });
}

/** Why a status most likely came back, for the ones a setup meets. */
function statusHint(status: number): string {
  if (status === 404 || status === 410) return ': the URL is no longer valid (a removed channel, app or workflow) — make a new one';
  if (status === 401 || status === 403) return ': refused — a wrong secret, or no right to post there';
  if (status === 400) return ': the message was refused as sent — the URL may be of another kind of target than its format says';
  return '';
}

export async function checkWebhooksCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        webhook: { type: 'string', multiple: true, default: [] },
        'webhook-secret': { type: 'string', default: env.CXKIT_WEBHOOK_SECRET },
        'webhook-config': { type: 'string' },
        'allow-private-webhooks': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '10000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    return fail(`check-webhooks: ${(error as Error).message}`);
  }
  if (values.help) return console.log(checkUsage);
  const timeoutMs = Number(values.timeout);
  if (!/^\d+$/.test(values.timeout) || timeoutMs < 100)
    return fail(`check-webhooks: --timeout: expected a whole number of ms from 100, got ${values.timeout}`);
  let targets: WebhookTarget[];
  try {
    targets = await loadTargets(values.webhook, values['webhook-secret'], values['webhook-config'], values['allow-private-webhooks']);
  } catch (error) {
    return fail(`check-webhooks: ${(error as Error).message}`);
  }
  if (!targets.length) return fail('check-webhooks: no targets: give --webhook or --webhook-config');
  const results = await Promise.all(
    targets.map(async (target) => {
      const body = testBody(target, new Date());
      const headers = signedHeaders(target.secret, newWebhookId(), Math.floor(Date.now() / 1000), body);
      const outcome = await post(target.url, body, headers, { allowPrivate: values['allow-private-webhooks'], timeoutMs });
      const took = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      const answered =
        outcome.status === null ? (outcome.error ?? 'no answer') : `answered ${outcome.status}${took ? '' : statusHint(outcome.status)}`;
      // the URL cut as the deliveries listing cuts it: a Slack or Teams URL is its credential, and output is logged
      const who = `${target.name ? `${target.name} ` : ''}(${target.format}, ${shownTarget(target.url)})`;
      return { took, line: `${took ? 'ok  ' : 'FAIL'} ${who}: ${answered}` };
    }),
  );
  for (const { line } of results) console.log(line);
  if (results.some((result) => !result.took)) process.exitCode = 1;
}

function fail(message: string): void {
  console.error(`cxkit-collector: ${message}\n\n${checkUsage}`);
  process.exitCode = 2;
}
