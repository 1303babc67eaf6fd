// Where new answers, follow-up changes, overdue customers and weekly digests are posted, and which: webhook targets as
// `--webhook` and `--webhook-config` give them, validated with messages that name the field, and the rule an event must
// match to be sent.
import { readFile } from 'node:fs/promises';
import { z } from 'zod/mini';
import { promptKinds, type Response } from '../../src/schema/response.js';
import { toValidationIssues } from '../../src/schema/issues.js';
import { webhookEvents, type WebhookEvent } from '../store/store.js';
import type { DigestScope } from '../analytics/weekly-digest.js';
import { traitDimension } from '../store/ingest/segments.js';
import { isTimeZone } from '../time-zone.js';
import { isInternalAddress } from './address-guard.js';
import { secretProblem } from './signature.js';

const ruleSchema = z.strictObject({
  /**
   * What the target is posted: new answers (`response.created`, the default), changes of their follow-ups
   * (`follow_up.changed`), customers waiting past the promise (`follow_up.overdue`), last week's figures each Monday
   * (`digest.weekly`), or several. The other rules are about the answer, whichever the event; a digest is narrowed by
   * `touchpoints`, `traits` and `kinds` (`digestScopeOf`).
   */
  events: z.optional(z.array(z.enum(webhookEvents)).check(z.minLength(1))),
  /** Only these kinds. */
  kinds: z.optional(z.array(z.enum(promptKinds)).check(z.minLength(1))),
  /** Scores from `scoreMin` to `scoreMax`, inclusive, on the answer's own scale. */
  scoreMin: z.optional(z.number()),
  scoreMax: z.optional(z.number()),
  touchpoints: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
  /** true: only answers with a comment; false: only answers without. */
  hasComment: z.optional(z.boolean()),
  /** true: only partial answers (follow-up abandoned); false: only complete ones. */
  partial: z.optional(z.boolean()),
  /**
   * Only customers whose traits have one of these values each (`{ "plan": ["enterprise"] }`, compared as text): a key
   * account team's channel hears of its own customers.
   */
  traits: z.optional(
    z.record(z.string().check(z.minLength(1), z.maxLength(100)), z.array(z.string().check(z.maxLength(1000))).check(z.minLength(1))),
  ),
});
export type WebhookRule = z.infer<typeof ruleSchema>;

const targetSchema = z.strictObject({
  url: z.string().check(z.refine((url) => /^https?:\/\//.test(url) && URL.canParse(url), 'expected an http(s) URL')),
  /** What the team calls it ("Slack #cx-alerts"), listed with its deliveries, where its URL — often a secret — is cut. */
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /**
   * `standard`: Standard Webhooks (signed when a secret is set); `slack`: a Slack incoming-webhook message; `teams`: an
   * Adaptive Card for a Microsoft Teams workflow's webhook trigger.
   */
  format: z._default(z.enum(['standard', 'slack', 'teams']), 'standard'),
  secret: z.optional(
    z.string().check(z.refine((s) => secretProblem(s) === null, 'expected whsec_ followed by a base64 key of 24–64 bytes')),
  ),
  when: z.optional(ruleSchema),
  /**
   * Where the team reads the weekly digest, when not in the collector's `--time-zone`: it is posted at the first 09:00
   * there after the week has ended in the collector's (the week itself stays the collector's, as its figures do).
   */
  digestTimeZone: z.optional(z.string().check(z.refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin'))),
  /**
   * The team's names (as owners are given in the inbox) and who they are in the target's tool — a Slack member id, or in
   * Teams a user principal name (their sign-in address) or Microsoft Entra object id — so that a customer left to them
   * mentions them, which notifies them, in the follow-up changes and overdue customers posted there.
   */
  mentions: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(200)), z.string().check(z.maxLength(320)))),
});
export type WebhookTarget = z.infer<typeof targetSchema>;

/** Who a mention may name, per format, and how the config is told when it names someone otherwise. */
const mentionable: Record<'slack' | 'teams', { readonly id: RegExp; readonly expected: string }> = {
  slack: { id: /^[UW][A-Z0-9]{2,}$/, expected: 'a Slack member id such as U024BE7LH (in Slack: a profile, ⋮, Copy member ID)' },
  teams: {
    id: /^([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i,
    expected: 'a user principal name (their sign-in address, ben@contoso.com) or a Microsoft Entra object id (a GUID)',
  },
};

const configSchema = z.strictObject({ webhooks: z.array(targetSchema) });

export class WebhookConfigError extends Error {}

/**
 * Validates targets from the command line and a config file; refuses loopback and private targets unless allowed
 * (a public collector must not be turned into a way to reach its own network).
 */
export function parseTargets(
  input: { urls: readonly string[]; secret?: string | undefined; file?: unknown },
  allowPrivate: boolean,
): WebhookTarget[] {
  const fromFlags = input.urls.map((url) => ({ url, ...(input.secret ? { secret: input.secret } : {}) }));
  const fromFile = input.file === undefined ? [] : checked(configSchema, input.file, 'webhook config').webhooks;
  const targets = [...checked(z.array(targetSchema), fromFlags, '--webhook'), ...fromFile];
  for (const [i, target] of targets.entries()) {
    const where = `webhook config.webhooks[${i - fromFlags.length}]`;
    if (target.mentions && target.format === 'standard') {
      throw new WebhookConfigError(`${where}.mentions: only a Slack or Teams target mentions people`);
    }
    for (const [name, id] of Object.entries(target.mentions ?? {})) {
      const { id: valid, expected } = mentionable[target.format as 'slack' | 'teams'];
      if (!valid.test(id)) throw new WebhookConfigError(`${where}.mentions.${name}: expected ${expected}, got ${id}`);
    }
    const { touchpoints, traits } = target.when ?? {};
    if (takes(target.when, 'digest.weekly') && touchpoints && touchpoints.length > 1) {
      throw new WebhookConfigError(`${where}.when.touchpoints: a digest is of one touchpoint at most; give each its own target`);
    }
    if (
      takes(target.when, 'digest.weekly') &&
      traits &&
      (Object.keys(traits).length > 1 || Object.values(traits).some((v) => v.length > 1))
    ) {
      throw new WebhookConfigError(
        `${where}.when.traits: a digest is of one segment at most, one trait with one value; give each its own target`,
      );
    }
    if (target.digestTimeZone !== undefined && !takes(target.when, 'digest.weekly')) {
      throw new WebhookConfigError(
        `${where}.digestTimeZone: only a target posted the weekly digest has one; add "digest.weekly" to its events`,
      );
    }
    const host = new URL(target.url).hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host))) {
      throw new WebhookConfigError(
        `webhook ${target.url}: a loopback or private address; pass --allow-private-webhooks to allow it (development only)`,
      );
    }
  }
  return targets;
}

/** The targets of `--webhook` (signed with `--webhook-secret`) and of the `--webhook-config` file, validated. */
export async function loadTargets(
  urls: readonly string[],
  secret: string | undefined,
  configFile: string | undefined,
  allowPrivate: boolean,
): Promise<WebhookTarget[]> {
  let file: unknown;
  if (configFile !== undefined) {
    try {
      file = JSON.parse(await readFile(configFile, 'utf8'));
    } catch (error) {
      throw new WebhookConfigError(`--webhook-config: could not read ${configFile}: ${(error as Error).message}`);
    }
  }
  return parseTargets({ urls, secret, file }, allowPrivate);
}

function checked<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = toValidationIssues(where, result.error.issues)[0]!;
  throw new WebhookConfigError(`${issue.path}: ${issue.message}`);
}

/** Why a digest target cannot be narrowed by its trait — the collector does not segment by it — or null. */
export function digestTraitProblem(targets: readonly WebhookTarget[], segmentTraits: readonly string[]): string | null {
  for (const target of targets) {
    const [trait] = Object.keys(target.when?.traits ?? {});
    if (!takes(target.when, 'digest.weekly') || trait === undefined || segmentTraits.includes(trait)) continue;
    return (
      `webhook ${target.name ?? shownTarget(target.url)}: a digest of customers by their ${trait} needs ${trait} among ` +
      `--segment-traits (now ${segmentTraits.join(', ') || 'none'})`
    );
  }
  return null;
}

/**
 * A target's URL as a listing shows it: its origin and first path segment, the rest cut — a Slack or Teams webhook's
 * URL is its credential (`/services/T…/B…/secret`, `?sig=…`), and whoever reads figures must not be able to post.
 */
export function shownTarget(url: string): string {
  const parsed = new URL(url);
  const [first, ...rest] = parsed.pathname.split('/').filter(Boolean);
  const cut = rest.length > 0 || parsed.search !== '' || parsed.username !== '' || parsed.password !== '';
  return `${parsed.origin}${first === undefined ? '' : `/${first}`}${cut ? '/…' : ''}`;
}

/**
 * What a digest target's rule narrows its digest to: its one touchpoint, the segment of its one trait's one value (as
 * `parseTargets` allows), its kinds; the rest of the rule is about answers, and a digest is figures.
 */
export function digestScopeOf(rule: WebhookRule | undefined): DigestScope {
  const [trait] = Object.entries(rule?.traits ?? {});
  return {
    touchpoint: rule?.touchpoints?.[0],
    segment: trait && { dimension: traitDimension(trait[0]), value: trait[1][0]! },
    kinds: rule?.kinds,
  };
}

/** Whether a target with this rule is posted `event` at all (new answers alone when the rule names no events). */
export const takes = (rule: WebhookRule | undefined, event: WebhookEvent) => (rule?.events ?? ['response.created']).includes(event);

export function matches(rule: WebhookRule | undefined, event: WebhookEvent, r: Response): boolean {
  if (!rule) return takes(rule, event);
  return (
    takes(rule, event) &&
    (!rule.kinds || rule.kinds.includes(r.kind)) &&
    (rule.scoreMin === undefined || r.score >= rule.scoreMin) &&
    (rule.scoreMax === undefined || r.score <= rule.scoreMax) &&
    (!rule.touchpoints || rule.touchpoints.includes(r.touchpoint)) &&
    (rule.hasComment === undefined || rule.hasComment === Boolean(r.comment)) &&
    (rule.partial === undefined || rule.partial === (r.partial === true)) &&
    (!rule.traits || Object.entries(rule.traits).every(([name, values]) => hasTrait(r, name, values)))
  );
}

/** Whether the answer's customer has trait `name` (their own, not Object's) with one of `values`, compared as text. */
function hasTrait(r: Response, name: string, values: readonly string[]): boolean {
  const value = r.traits && Object.hasOwn(r.traits, name) ? r.traits[name] : undefined;
  return value !== undefined && values.includes(String(value));
}
