// Sends waiting answers: one flush at a time per tab, one tab at a time, with retries and unload sends.
import { maxBatchBytes } from '../../schema/batch-limits.js';
import type { ResolvedConfig } from '../../schema/config.js';
import { packBatches, stampedNow, type PackedBatch } from './batches.js';
import type { ClientEventMap, FlushResult } from '../client/client-events.js';
import type { Deliverer, DeliveryDeps, StartDelivery } from './deliverer.js';
import type { Emitter } from '../client/emitter.js';
import { withDeliveryLock } from './flush-lock.js';
import { liveOwners } from '../page-lock.js';
import type { Outbox } from '../outbox/outbox.js';
import { backoffDelay } from './retry.js';
import { traceDelivery } from './delivery-trace.js';
import { isAnswer, type OutboxEntry } from '../outbox/store.js';
import { deliveryUrl, sendBatch, type SendResult } from './transport.js';

const dayMs = 86_400_000;
/** When another tab holds the fallback lease, look again after this long. */
const leaseBusyRetryMs = 2000;
/**
 * Failures after which an entry goes in a request of its own: a collector that fails on one answer (an emoji its
 * database cannot store) then no longer takes the answers packed with it down too. Until then what failed together
 * goes out together, one request for all.
 */
const aloneAfterAttempts = 5;

interface Tally {
  sent: number;
  failed: number;
}

/** A batch the collector took, with the status it answered. */
interface DeliveredBatch {
  readonly entries: readonly OutboxEntry[];
  readonly status: number;
}

export class Delivery implements Deliverer {
  #running: Promise<FlushResult> | null = null;
  #queued: Promise<FlushResult> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  /** Answers in a request right now; the unload send skips those already sent with keepalive. */
  readonly #inFlight = new Map<string, 'flush' | 'keepalive'>();
  #stopped = false;
  /** While consent is not granted nothing is sent; answers wait. */
  #paused = false;
  /**
   * The page's Content-Security-Policy refuses the collector: every request would be refused before it left, and
   * reported to the site again, so none goes from this page; the answers wait for a page that allows it.
   */
  #refusedByPolicy = false;
  /** While the browser says it is offline: when a request may try anyway. */
  #offlineProbeAt = 0;
  /**
   * Answers this page checked and stored itself: their stored form is what it checked (only this page writes their
   * content), so a flush need not check them again. Anything else in the outbox (earlier pages', other tabs', an older
   * SDK's) is checked before it goes out.
   */
  readonly #checkedHere = new Set<string>();
  /**
   * Entries announced sent or rejected while another request for them may still be in flight (the unload send goes
   * beside a flush's request, and the page may live on): the second outcome is not announced again.
   */
  readonly #announced = new Set<string>();

  readonly #outbox: Outbox;
  readonly #config: ResolvedConfig;
  readonly #events: Emitter<ClientEventMap>;
  readonly #url: string;
  readonly #owner: string;
  readonly #stillValid: DeliveryDeps['stillValid'];
  /** Ends debug mode's log of delivery, while it runs. */
  #stopTrace: (() => void) | null = null;

  constructor({ outbox, config, events, owner, stillValid }: DeliveryDeps) {
    this.#outbox = outbox;
    this.#config = config;
    this.#events = events;
    this.#url = deliveryUrl(config.endpoint, config.writeKey);
    this.#owner = owner;
    this.#stillValid = stillValid;
    globalThis.document?.addEventListener('securitypolicyviolation', this.#onPolicyViolation);
  }

  readonly #onPolicyViolation = ({ disposition, effectiveDirective, blockedURI }: SecurityPolicyViolationEvent): void => {
    const { origin } = new URL(this.#url);
    // a policy that only reports lets the request go; a cross-origin URL is reported as its origin alone
    if (this.#refusedByPolicy || disposition !== 'enforce' || effectiveDirective !== 'connect-src' || !blockedURI.startsWith(origin))
      return;
    this.#refusedByPolicy = true;
    this.#cancelSchedule();
    console.error(`cxkit: the page's Content-Security-Policy refuses ${origin} (connect-src); answers wait for a page that allows it`);
  };

  checked(id: string): void {
    this.#checkedHere.add(id);
  }

  flush(): Promise<FlushResult> {
    if (!this.#running) {
      this.#running = this.#flushOnce().finally(() => {
        this.#running = null;
      });
      return this.#running;
    }
    this.#queued ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#queued = null;
        return this.flush();
      });
    return this.#queued;
  }

  schedule(delayMs: number): void {
    if (this.#stopped || this.#refusedByPolicy) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (at >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timerAt = Infinity;
      // nobody awaits a scheduled flush: what goes wrong is said in the console, never raised into the page
      this.flush().catch((error: unknown) => console.error('cxkit: delivery failed:', error));
    }, at - Date.now());
  }

  async #flushOnce(): Promise<FlushResult> {
    // this flush does what a scheduled one would; what comes later schedules itself again
    this.#cancelSchedule();
    if (this.#stopped || this.#paused || this.#refusedByPolicy || this.#offline())
      return { sent: 0, failed: 0, pending: await this.#outbox.countAnswers() };
    const tally: Tally = { sent: 0, failed: 0 };
    const leaseMs = this.#config.retry.timeoutMs + 5000;
    const ran = await withDeliveryLock(this.#config.storage.name, this.#outbox, this.#owner, leaseMs, async (renew) => {
      const due = await this.#prepare(Date.now());
      const { batches, oversized } = this.#pack(due);
      await this.#reject(oversized, 0, `larger than ${this.#config.batch.maxBytes} bytes even alone`, tally);
      const queue = [...batches];
      /** The batch delivered last, still stored: the next batch's claim removes it, one write for both. */
      let delivered: DeliveredBatch | null = null;
      for (let batch = queue.shift(); batch && !this.#stopped; batch = queue.shift()) {
        if (!(await renew())) break;
        const result = await this.#send(batch, delivered, tally);
        delivered = null;
        if (result.outcome === 'too-large' && batch.entries.length > 1) {
          queue.unshift(...this.#split(batch));
          continue;
        }
        if (result.outcome === 'delivered' && queue.length) {
          delivered = { entries: batch.entries, status: result.status };
          continue;
        }
        await this.#settle(batch.entries, result, tally);
        // a struggling server gets no more requests this round
        if (result.outcome === 'retry') break;
      }
      if (delivered) await this.#settle(delivered.entries, { outcome: 'delivered', status: delivered.status }, tally);
    });
    const remaining = await this.#outbox.list();
    if (ran === null) this.schedule(leaseBusyRetryMs);
    // drafts wake nobody: they are released (and scheduled) when finished or abandoned
    else this.#scheduleNextDue(remaining.filter((e) => !e.draft));
    return { ...tally, pending: remaining.filter(isAnswer).length };
  }

  /**
   * Expires what is over the cap, too old or tried too often, quarantines what no longer validates, returns what is due.
   * Each page keeps the outbox under its cap by its own count, which cannot see other tabs' answers: the oldest past
   * the cap go here, where every entry is listed.
   */
  async #prepare(now: number): Promise<OutboxEntry[]> {
    const listed = await this.#outbox.recover(await this.#outbox.list());
    const overflow = listed.slice(0, Math.max(0, listed.length - this.#config.storage.maxResponses));
    await this.#outbox.expire(overflow, 'overflow');
    const entries = listed.slice(overflow.length);
    const maxAge = this.#config.storage.maxAgeDays * dayMs;
    const tooOld = entries.filter((e) => now - e.enqueuedAt > maxAge);
    const triedOut = entries.filter((e) => !tooOld.includes(e) && e.attempts >= this.#config.retry.maxAttempts);
    await this.#outbox.expire(tooOld, 'age');
    await this.#outbox.expire(triedOut, 'attempts');
    const live = entries.filter((e) => !tooOld.includes(e) && !triedOut.includes(e));
    // what is no longer waiting is forgotten, so that the set stays as small as the outbox
    const waiting = new Set(listed.map((e) => e.id));
    for (const id of this.#checkedHere) if (!waiting.has(id)) this.#checkedHere.delete(id);
    for (const id of this.#announced) if (!this.#inFlight.has(id)) this.#announced.delete(id);
    const invalid = live.filter((e) => !this.#checkedHere.has(e.id) && !this.#stillValid(e));
    await this.#reject(invalid, 0, 'stored record no longer validates', { sent: 0, failed: 0 });
    const heldBack = await this.#draftsHeldBack(live, now);
    return live.filter((e) => !invalid.includes(e) && !heldBack.has(e.id) && e.nextAttemptAt <= now && !this.#inFlight.has(e.id));
  }

  /**
   * Drafts whose page still waits for the follow-up: this page's own, and other open pages' (their Web Lock is held).
   * Without Web Locks a draft counts as abandoned once older than the draft timeout and a minute's grace.
   */
  async #draftsHeldBack(entries: readonly OutboxEntry[], now: number): Promise<Set<string>> {
    const drafts = entries.filter((e) => e.draft);
    if (!drafts.length) return new Set();
    const live = await liveOwners();
    const isOpen = (owner: string, enqueuedAt: number) =>
      owner === this.#owner || (live ? live.has(owner) : now - enqueuedAt < this.#config.draftTimeoutMs + 60_000);
    return new Set(drafts.filter((e) => e.draft && isOpen(e.draft.owner, e.enqueuedAt)).map((e) => e.id));
  }

  /**
   * Claims the batch (its attempt counted, its next try pushed out, should the page die mid-request) before the
   * request, in the write that removes the batch delivered before it, which is announced as soon as that write is
   * done. One delay for the whole batch: what failed together is due together, and goes out in one request again.
   */
  async #send(batch: PackedBatch, before: DeliveredBatch | null, tally: Tally): Promise<SendResult> {
    const now = Date.now();
    const attempt = Math.max(...batch.entries.map((e) => e.attempts)) + 1;
    const retryAt = now + backoffDelay(attempt, this.#config.retry);
    const claimed = await this.#outbox.claim(batch.entries, retryAt, before?.entries);
    if (before) this.#delivered(before.entries, before.status, tally);
    for (const entry of batch.entries) this.#inFlight.set(entry.id, 'flush');
    try {
      const result = await sendBatch(this.#url, stampedNow(batch.body), {
        headers: this.#config.headers,
        keepalive: false,
        timeoutMs: this.#config.retry.timeoutMs,
      });
      if (result.outcome === 'retry') await this.#outbox.release(this.#retryTimes(claimed, result));
      return result;
    } finally {
      for (const entry of batch.entries) if (this.#inFlight.get(entry.id) === 'flush') this.#inFlight.delete(entry.id);
    }
  }

  /**
   * Whether to wait for the `online` event rather than spend an attempt: while the browser says it is offline, except
   * once every `retry.maxDelayMs`, since a browser can say so wrongly (a VPN's adapter, a webview) and never take it back.
   */
  #offline(): boolean {
    if (globalThis.navigator?.onLine !== false) {
      this.#offlineProbeAt = 0;
      return false;
    }
    const now = Date.now();
    if (this.#offlineProbeAt && now >= this.#offlineProbeAt) {
      this.#offlineProbeAt = now + this.#config.retry.maxDelayMs;
      return false;
    }
    this.#offlineProbeAt ||= now + this.#config.retry.maxDelayMs;
    this.schedule(this.#offlineProbeAt - now);
    return true;
  }

  /**
   * Batches for the due entries: those that have not failed often, packed together; then each that has, alone, the
   * least tried first, so that one the collector always fails on (tried most) does not end the round before the others.
   */
  #pack(due: readonly OutboxEntry[]): { batches: PackedBatch[]; oversized: OutboxEntry[] } {
    const sentAt = new Date().toISOString();
    const together = packBatches(
      due.filter((e) => e.attempts < aloneAfterAttempts),
      this.#config.batch,
      sentAt,
    );
    const struggling = due.filter((e) => e.attempts >= aloneAfterAttempts).sort((a, b) => a.attempts - b.attempts);
    const alone = packBatches(struggling, { ...this.#config.batch, maxResponses: 1 }, sentAt);
    return { batches: [...together.batches, ...alone.batches], oversized: [...together.oversized, ...alone.oversized] };
  }

  /** A server's Retry-After wins over our own backoff when it asks for longer; both are capped. */
  #retryTimes(entries: readonly OutboxEntry[], result: Extract<SendResult, { outcome: 'retry' }>): OutboxEntry[] {
    if (result.retryAfterMs === undefined) return [...entries];
    const now = Date.now();
    const wait = Math.min(result.retryAfterMs, this.#config.retry.maxDelayMs);
    return entries.map((e) => ({ ...e, nextAttemptAt: Math.max(e.nextAttemptAt, now + wait) }));
  }

  #split(batch: PackedBatch): PackedBatch[] {
    const half = Math.ceil(batch.entries.length / 2);
    const limits = { ...this.#config.batch, maxResponses: half };
    return packBatches(batch.entries, limits, new Date().toISOString()).batches;
  }

  /** Applies a request's outcome to the answers (and displays) it carried; tallies and events count answers only. */
  async #settle(entries: readonly OutboxEntry[], result: SendResult, tally: Tally): Promise<void> {
    const responses = entries.filter(isAnswer).map((e) => e.response);
    switch (result.outcome) {
      case 'delivered':
        await this.#outbox.removeSent(entries);
        return this.#delivered(entries, result.status, tally);
      case 'rejected':
      case 'too-large':
        await this.#reject(
          entries,
          result.status,
          result.outcome === 'rejected' ? result.reason : `collector answered ${result.status}`,
          tally,
        );
        return;
      case 'retry': {
        tally.failed += responses.length;
        // the entries as send() left them (attempt counted, next try set), from the outbox's own mirror: no storage read
        const current = this.#outbox.knownEntries().filter((e) => entries.some((sent) => sent.id === e.id));
        const exhausted = current.filter((e) => e.attempts >= this.#config.retry.maxAttempts);
        await this.#outbox.expire(exhausted, 'attempts');
        const retrying = current.filter(isAnswer).filter((e) => !exhausted.includes(e));
        if (!retrying.length) return;
        const next = Math.min(...retrying.map((e) => e.nextAttemptAt));
        this.#events.emit('retry', {
          responses: retrying.map((e) => e.response),
          attempt: Math.max(...retrying.map((e) => e.attempts)),
          delayMs: Math.max(0, next - Date.now()),
          ...(result.status === undefined ? {} : { status: result.status }),
          ...(result.error === undefined ? {} : { error: result.error }),
        });
      }
    }
  }

  /** Counts and announces a delivered batch, once it is out of the outbox. */
  #delivered(entries: readonly OutboxEntry[], status: number, tally: Tally): void {
    const responses = this.#news(entries)
      .filter(isAnswer)
      .map((e) => e.response);
    tally.sent += responses.length;
    if (responses.length) this.#events.emit('sent', { responses, status });
  }

  /** Moves entries to the rejected store; one this page has written anew since (a draft finished) stays, to go out so. */
  async #reject(refused: readonly OutboxEntry[], status: number, reason: string, tally: Tally): Promise<void> {
    const entries = this.#outbox.stillAsSent(refused);
    if (!entries.length) return;
    const rejectedAt = Date.now();
    await this.#outbox.reject(entries.map((e) => ({ id: e.id, response: e.response ?? e.display, status, reason, rejectedAt })));
    const responses = this.#news(entries)
      .filter(isAnswer)
      .map((e) => e.response);
    tally.failed += responses.length;
    if (responses.length) this.#events.emit('rejected', { responses, status, reason });
  }

  /** The entries whose outcome has not been announced yet, from now on announced. */
  #news(entries: readonly OutboxEntry[]): OutboxEntry[] {
    const news = entries.filter((e) => !this.#announced.has(e.id));
    for (const entry of news) this.#announced.add(entry.id);
    return news;
  }

  /** Wakes for the earliest retry; answers never tried yet keep their debounce, so that quick answers share a request. */
  #scheduleNextDue(remaining: readonly OutboxEntry[]): void {
    if (!remaining.length) return;
    const debounced = (e: OutboxEntry) =>
      e.attempts === 0 ? Math.max(e.nextAttemptAt, e.enqueuedAt + this.#config.flushDelayMs) : e.nextAttemptAt;
    this.schedule(Math.min(...remaining.map(debounced)) - Date.now());
  }

  #cancelSchedule(): void {
    clearTimeout(this.#timer);
    this.#timerAt = Infinity;
  }

  /**
   * The page is going away: send what this page knows is waiting with keepalive, synchronously, without the lock
   * or storage (neither may finish now). Keepalive bodies share 64 KiB in flight, so the rest waits for the next load.
   * Answers whose ordinary request is in flight go again: an unload may kill that request, and the collector dedupes.
   * Also while the browser says it is offline: a request that fails costs nothing here, and the browser may be wrong.
   */
  sendOnUnload(): void {
    if (this.#stopped || this.#paused || this.#refusedByPolicy) return;
    const now = Date.now();
    const candidates = this.#outbox
      .knownEntries()
      // this page's drafts go too, as the partial answers they are; other pages' drafts are theirs to send
      .filter((e) => !(e.draft && e.draft.owner !== this.#owner))
      .filter((e) => this.#inFlight.get(e.id) !== 'keepalive' && (e.nextAttemptAt <= now || this.#inFlight.get(e.id) === 'flush'));
    const { batches } = packBatches(candidates, this.#config.batch, new Date(now).toISOString());
    let budget = maxBatchBytes;
    for (const batch of batches) {
      if (batch.bytes > budget) break;
      budget -= batch.bytes;
      for (const entry of batch.entries) this.#inFlight.set(entry.id, 'keepalive');
      void sendBatch(this.#url, batch.body, { headers: this.#config.headers, keepalive: true, timeoutMs: this.#config.retry.timeoutMs })
        // if the page survives (bfcache, a hidden tab), the outcome is recorded like any other; a retry waits for the next flush
        .then((result) =>
          result.outcome === 'retry' || result.outcome === 'too-large'
            ? undefined
            : this.#settle(batch.entries, result, { sent: 0, failed: 0 }),
        )
        .catch(() => undefined)
        .finally(() => {
          for (const entry of batch.entries) this.#inFlight.delete(entry.id);
        });
    }
  }

  getReady(): void {
    // built in: ready already
  }

  setDebug(on: boolean): void {
    this.#stopTrace?.();
    this.#stopTrace = on ? traceDelivery(this.#events) : null;
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    if (paused) this.#cancelSchedule();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelSchedule();
    globalThis.document?.removeEventListener('securitypolicyviolation', this.#onPolicyViolation);
  }
}

export const startDelivery: StartDelivery = (deps) => new Delivery(deps);
