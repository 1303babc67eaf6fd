// Durable, at-least-once webhook delivery from the collector's own database: answers stored with `notify` are fanned
// out into deliveries (one per matching target, in one transaction), a follow-up change plans its own in the
// transaction that makes it (`planFollowUp`), unhappy customers nobody reached within the team's promise are announced
// once each (`follow_up.overdue`), last week's figures are posted each Monday once (`digest.weekly`), and due
// deliveries are claimed, posted and settled, with exponential backoff and jitter and a final `failed` state (settled
// ones are erased after `keepSettledDays`). Any number of collector instances may run one each: claims are leases in
// the database, so a delivery is attempted by one instance at a time, and one killed mid-attempt is retried by whoever
// claims it next.
import { createHash } from 'node:crypto';
import type { Response } from '../../src/schema/response.js';
import { defaultPromiseHours, overdueBefore } from '../analytics/follow-up-promise.js';
import { dueWeek, weeklyDigest, type DigestScope, type WeeklyDigest } from '../analytics/weekly-digest.js';
import { segmentTraitsOf } from '../store/ingest/segments.js';
import { addDays, timeZone, type TimeZone } from '../time-zone.js';
import { signedInAs } from '../store/reads/signed-in-browsers.js';
import type {
  ClaimedDelivery,
  FollowUpChanged,
  InboxItem,
  NewDelivery,
  ResponseStore,
  SignedInBrowsers,
  WebhookEvent,
} from '../store/store.js';
import { slackBody, slackFollowUpBody, slackOverdueBody, standardBody, standardFollowUpBody, standardOverdueBody } from './payloads.js';
import { teamsBody, teamsFollowUpBody, teamsOverdueBody } from './teams-payloads.js';
import { slackDigestBody, standardDigestBody, teamsDigestBody } from './digest-payloads.js';
import { post } from './sender.js';
import { newWebhookId, signedHeaders } from './signature.js';
import { digestScopeOf, digestTraitProblem, matches, shownTarget, takes, WebhookConfigError, type WebhookTarget } from './targets.js';

export interface DispatcherOptions {
  readonly store: ResponseStore;
  readonly targets: readonly WebhookTarget[];
  /** Lets targets on loopback and private addresses be reached (development, tests). Default false. */
  readonly allowPrivate?: boolean;
  /** The dashboard's URL, linked from Slack messages. */
  readonly dashboardUrl?: string | undefined;
  /** First retry after about this long, doubling each time up to `maxDelayMs`. Default 30 s. */
  readonly baseDelayMs?: number;
  /** Default 6 hours. */
  readonly maxDelayMs?: number;
  /** Attempts before a delivery is `failed`. Default 12 (about a day with the default delays). */
  readonly maxAttempts?: number;
  /** How often due deliveries are looked for when nothing nudges. Default 1 s. */
  readonly pollMs?: number;
  /** One attempt's deadline. Default 10 s. */
  readonly timeoutMs?: number;
  /** Hours within which the team means to reach an unhappy customer (`follow_up.overdue` after). Default 48. */
  readonly promiseHours?: number | undefined;
  /** How often customers newly past the promise are looked for, when a target asks for `follow_up.overdue`. Default 1 min. */
  readonly overdueEveryMs?: number;
  /** The time the weekly digest's week and its overdue customers are worked out by (tests move it). Default the system clock. */
  readonly clock?: () => Date;
  /** Days a delivered or failed delivery is kept (the listing's history; its payload is a copy of the answer). Default 30. */
  readonly keepSettledDays?: number | undefined;
}

/** How often settled deliveries past their keeping are looked for. */
const settledSweepEveryMs = 3_600_000;
/** Deliveries one statement of the sweep erases: a few milliseconds of the event loop. */
const settledSweepBatch = 500;
export const defaultKeepSettledDays = 30;

/**
 * An instance claims the deliveries to its own targets alone: one not given a target — a config rolled out an instance
 * at a time, a target added or taken away — leaves them to one that is (it failed them before session 40). One that no
 * instance has taken in this many days (a target taken away from all) is failed by whichever looks.
 */
const strayDays = 7;

/** How long a week found with nothing to tell is taken as still so: answers stored meanwhile wait as long for its digest. */
const emptyWeekRecheckMs = 5_000;

/** The payload in the target's format: each format's body, one of which is written. */
const inFormat = (target: WebhookTarget, bodies: { readonly [F in WebhookTarget['format']]: () => string }) => bodies[target.format]();

/**
 * The setting holding the first day of the last week whose digest was planned (YYYY-MM-DD): each target's since
 * session 40 (a target added after a Monday gets that week's at once, not the next), the whole collector's before,
 * and still moved for an instance of an earlier version on the same database.
 */
const digestPlannedThrough = 'digest_planned_through';
/** The same for one target, told by where it goes, in what format and what its digest is of. */
const digestPlannedFor = (t: WebhookTarget) =>
  `${digestPlannedThrough}:${createHash('sha256')
    .update(JSON.stringify([t.url, t.format, digestScopeOf(t.when)]))
    .digest('hex')
    .slice(0, 16)}`;
/** Set once each target has a mark of its own: until then, a target without one had the whole collector's week. */
const digestMarksPerTarget = 'digest_marks_per_target';

export class WebhookDispatcher {
  private readonly byUrl: ReadonlyMap<string, WebhookTarget>;
  private readonly targetUrls: readonly string[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Whether any target asks for customers waiting past the promise, and when to look for them next. */
  private readonly escalates: boolean;
  private overdueDueAt = 0;
  /** The targets posted a digest each Monday, and the last week this instance saw each one's digest planned. */
  private readonly digestTargets: readonly WebhookTarget[];
  private readonly digestPlanned = new Map<WebhookTarget, string>();
  /** Weeks found with nothing stored from before their end, and until when that is taken as still so. */
  private readonly digestEmptyUntil = new Map<string, number>();
  /** The time zone each digest target given one of its own is posted in. */
  private readonly digestZones: ReadonlyMap<WebhookTarget, TimeZone>;
  private digestRetryAt = 0;
  /** Once seen set, the database's `digest_marks_per_target`, which is never unset. */
  private digestMarksAreTheirOwn = false;
  private settledSweepDueAt = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.byUrl = new Map(options.targets.map((t) => [t.url, t]));
    this.targetUrls = [...this.byUrl.keys()];
    this.escalates = options.targets.some((t) => takes(t.when, 'follow_up.overdue'));
    this.digestTargets = options.targets.filter((t) => takes(t.when, 'digest.weekly'));
    this.digestZones = new Map(this.digestTargets.flatMap((t) => (t.digestTimeZone ? [[t, timeZone(t.digestTimeZone)]] : [])));
    const problem = digestTraitProblem(this.digestTargets, segmentTraitsOf(options.store.segmentDimensions));
    if (problem) throw new WebhookConfigError(problem);
  }

  /** The name the config gives the target with this URL, if any. */
  targetName(url: string): string | undefined {
    return this.byUrl.get(url)?.name;
  }

  /** The targets, in the config's order. */
  get targets(): readonly WebhookTarget[] {
    return this.options.targets;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.nudge();
  }

  /** Looks for work now (after answers were stored). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  /** Stops looking for work and waits for attempts in flight; what is left stays queued in the database. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One delivery of `event` about answer `r` to each target whose rule takes it, with the payload in its format. */
  private deliveries(event: WebhookEvent, r: Response, payload: (target: WebhookTarget) => string): NewDelivery[] {
    return this.options.targets
      .filter((t) => matches(t.when, event, r))
      .map((t) => ({
        id: newWebhookId(),
        event,
        target: t.url,
        responseId: r.id,
        userId: r.userId ?? null,
        anonymousId: r.anonymousId,
        payload: payload(t),
      }));
  }

  private plan = (responses: readonly Response[], browsers: SignedInBrowsers): NewDelivery[] => {
    const now = new Date();
    const { dashboardUrl } = this.options;
    return responses.flatMap((r) =>
      this.deliveries('response.created', r, (t) =>
        inFormat(t, {
          slack: () => slackBody(r, dashboardUrl, signedInAs(r, browsers)),
          teams: () => teamsBody(r, dashboardUrl, signedInAs(r, browsers)),
          standard: () => standardBody(r, now),
        }),
      ),
    );
  };

  /** The deliveries of a follow-up change, for the store to keep with the change (the handler nudges afterwards). */
  planFollowUp = (changed: FollowUpChanged): NewDelivery[] => {
    const now = new Date();
    const { dashboardUrl } = this.options;
    return this.deliveries('follow_up.changed', changed.response, (t) =>
      inFormat(t, {
        slack: () => slackFollowUpBody(changed, dashboardUrl, t.mentions),
        teams: () => teamsFollowUpBody(changed, dashboardUrl, t.mentions),
        standard: () => standardFollowUpBody(changed, now),
      }),
    );
  };

  /** The deliveries of customers newly past the promise with nobody having reached them. */
  private planOverdue = (items: readonly InboxItem[], browsers: SignedInBrowsers): NewDelivery[] => {
    const now = new Date();
    const { dashboardUrl, promiseHours = defaultPromiseHours } = this.options;
    return items.flatMap((item) =>
      this.deliveries('follow_up.overdue', item.response, (t) =>
        inFormat(t, {
          slack: () => slackOverdueBody(item, promiseHours, dashboardUrl, t.mentions, signedInAs(item.response, browsers)),
          teams: () => teamsOverdueBody(item, promiseHours, dashboardUrl, t.mentions, signedInAs(item.response, browsers)),
          standard: () => standardOverdueBody(item, promiseHours, now),
        }),
      ),
    );
  };

  /**
   * Plans each target the digest of the week due now unless it has been: worked out here, stored by the one instance
   * whose store moves the target's mark first (the others' are dropped), so each target gets each week's once — and a
   * target added after a Monday gets that week's at once.
   */
  private async planDigest(): Promise<void> {
    const { store, dashboardUrl, promiseHours = defaultPromiseHours, clock = () => new Date() } = this.options;
    const now = clock();
    // each target's week: the one due in its own zone, where it has one; a week found empty is looked at again
    // seconds later, not at every poll
    const due = this.digestTargets
      .map((t) => ({ t, week: dueWeek(store.timeZone, now, this.digestZones.get(t) ?? store.timeZone) }))
      .filter(({ t, week }) => week > (this.digestPlanned.get(t) ?? '') && (this.digestEmptyUntil.get(week) ?? 0) <= Date.now());
    if (!due.length) return;
    await this.digestMarksOfTheirOwn();
    const marks = await Promise.all(due.map(async ({ t }) => (await store.markOf(digestPlannedFor(t))) ?? ''));
    // a week that ended before anything was stored (a collector started for the first time) has nothing to tell; it is
    // left unplanned, so that answers copied in later (`cxkit-collector copy`) still get it
    const told = new Map<string, Promise<boolean>>();
    const anythingIn = (week: string) => {
      if (!told.has(week)) {
        const stored = store.storedBefore(new Date(store.timeZone.startOf(addDays(week, 7))));
        told.set(
          week,
          stored.then((any) => {
            if (!any) this.digestEmptyUntil.set(week, Date.now() + emptyWeekRecheckMs);
            return any;
          }),
        );
      }
      return told.get(week)!;
    };
    // one digest a week and scope, however many targets share it
    const digests = new Map<string, Promise<WeeklyDigest>>();
    const digestFor = (week: string, scope: DigestScope) => {
      const key = JSON.stringify([week, scope]);
      if (!digests.has(key)) digests.set(key, weeklyDigest(store, week, promiseHours, now, scope));
      return digests.get(key)!;
    };
    for (const [i, { t, week }] of due.entries()) {
      // planned already (by another instance, or before a restart): nothing to work out
      if (week <= marks[i]!) {
        this.digestPlanned.set(t, week);
        continue;
      }
      if (!(await anythingIn(week))) continue;
      const digest = await digestFor(week, digestScopeOf(t.when));
      const delivery = {
        id: newWebhookId(),
        event: 'digest.weekly' as const,
        target: t.url,
        responseId: null,
        userId: null,
        anonymousId: null,
        payload: inFormat(t, {
          slack: () => slackDigestBody(digest, dashboardUrl),
          teams: () => teamsDigestBody(digest, dashboardUrl),
          standard: () => standardDigestBody(digest, new Date()),
        }),
      };
      await store.planOnce(digestPlannedFor(t), week, [delivery], new Date());
      await store.planOnce(digestPlannedThrough, week, [], new Date());
      this.digestPlanned.set(t, week);
    }
  }

  /**
   * Gives each target a mark of its own, once: the whole collector's week, which an earlier version planned every
   * target at once (a target it had not been told of gets it too: which were is not known).
   */
  private async digestMarksOfTheirOwn(): Promise<void> {
    const { store } = this.options;
    if (this.digestMarksAreTheirOwn) return;
    if ((await store.markOf(digestMarksPerTarget)) === null) {
      const whole = await store.markOf(digestPlannedThrough);
      if (whole !== null) for (const t of this.digestTargets) await store.planOnce(digestPlannedFor(t), whole, [], new Date());
      await store.planOnce(digestMarksPerTarget, 'yes', [], new Date());
    }
    this.digestMarksAreTheirOwn = true;
  }

  private async work(): Promise<void> {
    const { store } = this.options;
    if (this.digestTargets.length && Date.now() >= this.digestRetryAt) {
      // on its own: a digest that cannot be worked out never holds up the answers' deliveries
      try {
        await this.planDigest();
      } catch (error) {
        this.digestRetryAt = Date.now() + 60_000;
        console.error(
          `cxkit collector: weekly digest not planned, trying again in a minute: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    try {
      const planOverdue = this.escalates ? this.planOverdue : undefined;
      while (!this.stopped && (await store.fanOut(100, this.plan, new Date(), planOverdue)) === 100);
      if (this.escalates && Date.now() >= this.overdueDueAt) {
        this.overdueDueAt = Date.now() + (this.options.overdueEveryMs ?? 60_000);
        const before = overdueBefore(this.options.promiseHours ?? defaultPromiseHours, new Date());
        while (!this.stopped && (await store.fanOutOverdue(before, 100, this.planOverdue, new Date())) === 100);
      }
      if (Date.now() >= this.settledSweepDueAt) {
        this.settledSweepDueAt = Date.now() + settledSweepEveryMs;
        const before = new Date(Date.now() - (this.options.keepSettledDays ?? defaultKeepSettledDays) * 86_400_000);
        while (!this.stopped && (await store.eraseSettledDeliveries(before, settledSweepBatch)) === settledSweepBatch)
          await new Promise((resolve) => setImmediate(resolve));
      }
      for (;;) {
        if (this.stopped) return;
        // the lease outlives an attempt's deadline, so that no other instance retries a delivery still in flight
        const mine = { targets: this.targetUrls, strayBefore: new Date(Date.now() - strayDays * 86_400_000) };
        const claimed = await store.claimDeliveries(10, new Date(), (this.options.timeoutMs ?? 10_000) * 3, mine);
        if (!claimed.length) return;
        await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
      }
    } catch (error) {
      console.error(`cxkit collector: webhook delivery paused: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { store } = this.options;
    const target = this.byUrl.get(delivery.target);
    if (!target) {
      const error = `no instance configured with this target took it in ${strayDays} days`;
      return store.settleDelivery(delivery.id, { delivered: false, status: null, error, retryAt: null }, new Date());
    }
    const headers = signedHeaders(target.secret, delivery.id, Math.floor(Date.now() / 1000), delivery.payload);
    const outcome = await post(target.url, delivery.payload, headers, {
      allowPrivate: this.options.allowPrivate ?? false,
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
    const now = new Date();
    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
      return store.settleDelivery(delivery.id, { delivered: true, status: outcome.status }, now);
    }
    // 410 Gone: the receiver says never again
    const final = delivery.attempts >= (this.options.maxAttempts ?? 12) || outcome.status === 410;
    const maxDelay = this.options.maxDelayMs ?? 6 * 3_600_000;
    const delay = Math.min(maxDelay, (this.options.baseDelayMs ?? 30_000) * 2 ** (delivery.attempts - 1));
    // a receiver that says how long to wait (Slack's 429 does) is not asked again sooner, nor later than the cap
    const wait = Math.min(maxDelay, Math.max(delay / 2 + Math.random() * (delay / 2), outcome.retryAfterMs ?? 0));
    const retryAt = final ? null : new Date(now.getTime() + wait);
    const error = outcome.error ?? `answered ${outcome.status}`;
    if (final)
      console.error(
        `cxkit collector: webhook ${delivery.id} to ${target.name ?? shownTarget(target.url)} failed after ${delivery.attempts} attempts: ${error}`,
      );
    await store.settleDelivery(delivery.id, { delivered: false, status: outcome.status, error, retryAt }, now);
  }
}
