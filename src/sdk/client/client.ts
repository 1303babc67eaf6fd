// A client on a page: records answers into the outbox and keeps delivering them for as long as the page lives. The
// outbox and delivery are parts it brings when they are needed (files of their own for the script tag).
import type { ClientConfig, Consent, ResolvedConfig } from '../../schema/config.js';
import type { Attributes, CheckedRecordInput, PromptKind, RecordInput, Response } from '../../schema/response.js';
import { defaultScales, promptKinds } from '../../schema/scales.js';
import type { MilestoneOptions, ShowOptions } from '../../schema/show.js';
import type { Trigger } from '../../schema/touchpoint.js';
import { standardQuestions } from '../../locales/standard-questions.js';
import { sdkInfo } from '../../version.js';
import type { ClientEventMap, FlushResult } from './client-events.js';
import { inCallersZone, outsideAppZone } from '../app-zone.js';
import { bytesAlone } from '../delivery/batches.js';
import { deferredDelivery } from '../delivery/deferred-delivery.js';
import { deviceClass } from '../device.js';
import { displayRecorder, type DisplayHandle, type ShownPrompt } from '../displays.js';
import type { Draft } from '../drafts.js';
import type { holdPageLock } from '../page-lock.js';
import { Emitter } from './emitter.js';
import { CxError, CxValidationError, parseOrThrow } from '../errors.js';
import { enqueueTime } from '../outbox/enqueue-time.js';
import { anonymousId, storeAnonymousId, uuid } from '../ids.js';
import { MetaStore } from '../outbox/meta-store.js';
import type { Outbox } from '../outbox/outbox.js';
import { isAnswer, type OutboxEntry } from '../outbox/store.js';
import type { StartDelivery } from '../delivery/deliverer.js';
import type { StoragePart } from '../storage-part.js';
import { currentPage } from '../page.js';
import { promptMounter, type MountRequest } from '../prompt-mounter.js';
import type { Decision, StartTouchpoints } from '../../touchpoints/touchpoints.js';
import { VisitorMemory } from '../../touchpoints/visitor-memory.js';
import { runPlan } from '../../validation/run.js';
import {
  clientConfigPlan,
  consentPlan,
  identityPlan,
  milestoneOptionsPlan,
  milestonePlan,
  showInputPlan,
} from '../../validation/plans.generated.js';

export interface CxClient {
  /** The configuration in force, defaults filled in. */
  readonly config: ResolvedConfig;
  /** Attaches a user id and traits to the answers that follow; `null` forgets them. */
  identify(userId: string | null, traits?: Attributes): void;
  /** Stores an answer durably and schedules its delivery; resolves once it is stored. Throws CxValidationError on bad input. */
  record(input: RecordInput): Promise<Response>;
  /**
   * Stores a score at once, before its follow-up, as a draft: finish() completes it (same id), abandon() — or leaving
   * the page, or `draftTimeoutMs` untouched — sends it as it is, marked partial. Resolves once the draft is stored.
   */
  draft(input: RecordInput): Promise<Draft>;
  /** Delivers what is due now. */
  flush(): Promise<FlushResult>;
  /**
   * Shows a prompt (popover by default) and resolves with the response once it is queued, or null if dismissed.
   * Needs the elements: load `cxkit/elements` or the script tag.
   */
  show(kind: PromptKind, options: ShowOptions): Promise<Response | null>;
  /**
   * A journey moment ("checkout-complete"): fires the touchpoints waiting for it; true if a prompt was shown. Its
   * `metadata` (the order's id) goes with that prompt's answer.
   */
  milestone(name: string, options?: MilestoneOptions): Promise<boolean>;
  /** Why a touchpoint would or would not show now. */
  explain(touchpointId: string): Decision;
  /**
   * Logs every touchpoint decision, and what delivery does, to the console as it happens (also on with `?cxkit-debug`
   * in the page URL).
   */
  debug(on: boolean): void;
  /**
   * Privacy consent. `pending`: nothing is stored or sent, answers wait in memory; `granted`: they are stored and
   * sent; `denied`: they are dropped and everything cxkit stored is erased. Throws CxValidationError on another value.
   */
  consent(state: Consent): void;
  /** How many answers wait for delivery. */
  pending(): Promise<number>;
  /** Listens to an event; returns the function that stops listening. */
  on<K extends keyof ClientEventMap>(event: K, listener: (payload: ClientEventMap[K]) => void): () => void;
  /** Stops delivery and listeners; stored answers stay for the next page. */
  destroy(): void;
}

/** What made a touchpoint fire, for its display: the moment-like condition when there is one, else the URL rule. */
function triggerOf(on: Trigger): ShownPrompt['trigger'] {
  return on.milestone !== undefined
    ? 'milestone'
    : on.exitIntent
      ? 'exitIntent'
      : on.scrollPercent !== undefined
        ? 'scrollPercent'
        : on.pageViews !== undefined
          ? 'pageViews'
          : 'url';
}

/** Global Privacy Control, or the older Do Not Track, is on. */
function privacySignalOn(): boolean {
  const navigator = globalThis.navigator as (Navigator & { globalPrivacyControl?: boolean }) | undefined;
  return navigator?.globalPrivacyControl === true || navigator?.doNotTrack === '1';
}

/**
 * Runs `task` once the next frame is painted and the page is idle (at most half a second later), so that the frame
 * after it is the page's own; at once in a hidden tab, which paints no frames and whose timers may wait for a minute
 * (it may be closed first); and as soon as the page is hidden or goes away, the last moments a page is sure to get.
 * Safari has no idle callback: there it runs just after that frame.
 */
function afterPaintWhenIdle(task: () => void): void {
  if (globalThis.document?.visibilityState !== 'visible' || typeof requestAnimationFrame !== 'function') return task();
  let done = false;
  const run = () => {
    removeEventListener('pagehide', run);
    document.removeEventListener('visibilitychange', run);
    if (done) return;
    done = true;
    task();
  };
  addEventListener('pagehide', run);
  document.addEventListener('visibilitychange', run);
  requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 500 }) : setTimeout(run)));
}

/** Whether the page's URL asks for debug mode (`?cxkit-debug`). */
const debugInUrl = () => !!globalThis.location && new URLSearchParams(location.search).has('cxkit-debug');

/** What runs a client's touchpoints, and brings what stores and delivers its answers. */
export interface ClientParts {
  readonly startTouchpoints: StartTouchpoints;
  /** The outbox, what records displays and drafts, the checks they pass; null when it cannot be had now (said in the console). */
  readonly loadStorage: () => Promise<StoragePart | null>;
  /** Delivery, once the outbox holds something to send; null when it cannot be had now. */
  readonly loadDelivery: () => Promise<StartDelivery | null>;
}

/** A client's outbox and what writes to it, once brought. */
interface Storage {
  readonly part: StoragePart;
  readonly outbox: Outbox;
}

/**
 * A client whose touchpoints and storage `parts` run: the script tag's core passes ones it loads as files of their
 * own, so that a page whose config has no touchpoints never loads the engine, and one with nothing to store or send
 * never loads the outbox and delivery.
 */
export function createClientWith(config: ClientConfig, parts: ClientParts): CxClient {
  // an app creates its client in its own zone (an Angular service); the listeners and timers the client starts are not the app's
  return outsideAppZone(() => clientOf(config, parts));
}

function clientOf(config: ClientConfig, { startTouchpoints, loadStorage, loadDelivery }: ClientParts): CxClient {
  const resolved = parseOrThrow(clientConfigPlan, config, 'config');
  const events = new Emitter<ClientEventMap>();
  let consent: Consent = resolved.respectPrivacySignals && privacySignalOn() ? 'pending' : resolved.consent;
  let degraded = false;
  const owner = uuid();
  /** Other tabs hold back this page's drafts while this lock says the page is open: taken with the first draft. */
  let pageLock: ReturnType<typeof holdPageLock> | null = null;

  /**
   * Set once brought: as the client starts (`bringOutbox`), after a prompt's paint, for an answer, for what an earlier
   * page left, or when IndexedDB fails.
   */
  let storage: Storage | null = null;
  let bringing: Promise<Storage | null> | null = null;
  const bringStorage = () =>
    (bringing ??= loadStorage().then((part) => {
      // a file the browser could not fetch while offline is asked for again at the next need
      if (!part) bringing = null;
      if (!part || destroyed) return null;
      storage ??= storageFrom(part);
      return storage;
    }));
  function storageFrom(part: StoragePart): Storage {
    const outbox = new part.Outbox(
      resolved.storage,
      {
        onDegraded(reason) {
          if (degraded) return;
          degraded = true;
          events.emit('degraded', { reason });
        },
        onExpired(entries, reason) {
          const responses = entries.filter(isAnswer).map((e) => e.response);
          if (responses.length) events.emit('expired', { responses, reason });
        },
      },
      consent === 'granted',
    );
    return { part, outbox };
  }
  /** The outbox for an answer; the answer is refused, by name, when it cannot be had. */
  async function storageFor(method: string): Promise<Storage> {
    const brought = await bringStorage();
    if (!brought) throw new CxError(`cxkit: ${method}() could not take the answer: cxkit's outbox could not be loaded (see the console)`);
    return brought;
  }
  /** The records read as the client starts (the visitor memory), and the outbox's count, without bringing the outbox. */
  const meta = new MetaStore(resolved.storage.name, consent === 'granted', () => void bringStorage());
  /** How many answers wait: the outbox is brought only when its database holds anything. */
  async function countAnswers(): Promise<number> {
    if (!storage && !(await meta.count())) return 0;
    // the outbox's file missing, its database still says how many answers wait
    return (await bringStorage())?.outbox.countAnswers() ?? meta.count(true);
  }
  const delivery = deferredDelivery({
    async start() {
      const brought = await bringStorage();
      const start = brought && (await loadDelivery());
      if (!brought || !start) return null;
      const { part, outbox } = brought;
      /** Whether a stored entry (an earlier page's, another tab's, an older SDK's) still validates. */
      const stillValid = (entry: OutboxEntry) =>
        isAnswer(entry) ? runPlan(part.plans.response, entry.response).success : runPlan(part.plans.display, entry.display).success;
      return start({ outbox, config: resolved, events, owner, stillValid });
    },
    count: () => (storage ? storage.outbox.count() : meta.count()),
    countAnswers,
    events,
  });
  /** Read when an answer or a display first needs it: a page's first localStorage read is slow, and most pages ask nothing. */
  let visitorId: string | undefined;
  const visitor = () => (visitorId ??= anonymousId(resolved.storage.name, consent === 'granted'));
  delivery.setPaused(consent !== 'granted');
  let identity: { userId: string | null; traits?: Attributes } = { userId: null };
  let destroyed = false;

  const onOnline = () => void delivery.flush();
  const onHidden = () => {
    if (document.visibilityState === 'hidden') delivery.sendOnUnload();
  };
  const onPageHide = () => delivery.sendOnUnload();
  globalThis.addEventListener?.('online', onOnline);
  globalThis.addEventListener?.('pagehide', onPageHide);
  globalThis.document?.addEventListener('visibilitychange', onHidden);
  // answers left by earlier pages go out at start-up
  delivery.schedule(0);

  /**
   * Brings the outbox as the client starts (after the touchpoints' first look at the page), so that an answer given
   * later, offline too, is stored at once; but neither while a prompt is open (its display brings it once it has
   * painted) nor while a prompt in the page waits for the prompt UI (then once it has painted), so that no prompt's
   * first paint waits for it.
   */
  function bringOutbox(): void {
    const waiting = document.querySelector(promptKinds.map((kind) => `cx-${kind}:not(:defined)`).join());
    if (waiting) void customElements.whenDefined(waiting.localName).then(() => afterPaintWhenIdle(bringOutbox));
    else if (!promptOpen && !destroyed) void bringStorage();
  }

  /** Page views and sessions, shared with the touchpoints: tells a returning visitor from a new one. */
  const memory = new VisitorMemory(meta);

  const recordDisplay = displayRecorder({
    // before the outbox is in (a page going away before it was ever idle), straight into its database
    add: (entry) => (storage ? storage.outbox.add(entry) : meta.add(entry)),
    owner,
    anonymousId: visitor,
    userId: () => identity.userId,
    visitor: () => memory.visitor,
    traits: () => identity.traits,
    consent: () => consent,
    fullPageUrl: resolved.fullPageUrl,
    beforeSendDisplay: resolved.beforeSendDisplay,
    // checked again with the outbox's plans once it is in; before, delivery checks what it finds stored
    revalidate: (display) => (storage ? parseOrThrow(storage.part.plans.display, display, 'beforeSendDisplay(display)') : display),
    queued: () => delivery.schedule(resolved.flushDelayMs),
  });

  function buildResponse(input: CheckedRecordInput): Response {
    const response: Response = {
      id: uuid(),
      kind: input.kind,
      score: input.score,
      scale: input.scale ?? { ...defaultScales[input.kind] },
      touchpoint: input.touchpoint,
      question: input.question ?? standardQuestions[input.kind],
      locale: input.locale ?? resolved.locale ?? globalThis.navigator?.language ?? 'en',
      answeredAt: new Date().toISOString(),
      page: currentPage(resolved.fullPageUrl),
      anonymousId: visitor(),
      sdk: { ...sdkInfo },
    };
    if (input.comment !== undefined) response.comment = input.comment;
    if (identity.userId !== null) response.userId = identity.userId;
    if (identity.traits) response.traits = identity.traits;
    if (input.metadata) response.metadata = input.metadata;
    if (input.partial !== undefined) response.partial = input.partial;
    const stage = input.stage ?? stageOf(input.touchpoint);
    if (stage) response.stage = stage;
    response.device = deviceClass();
    const visitorKind = memory.visitor;
    if (visitorKind) response.visitor = visitorKind;
    return response;
  }

  /** The journey stage the config gives a touchpoint id, if any. */
  const stages = new Map(resolved.touchpoints.flatMap((t) => (t.stage ? [[t.id, t.stage] as const] : [])));
  const stageOf = (touchpoint: string) => stages.get(touchpoint);

  /** One prompt on screen at a time, whoever asks for it; set before the first await, so that two callers cannot both pass. */
  let promptOpen = false;
  let closedWaiters: Array<() => void> = [];
  const whenClosed = () => (promptOpen ? new Promise<void>((resolve) => closedWaiters.push(resolve)) : Promise.resolve());
  async function showPrompt(
    request: Omit<MountRequest, 'client' | 'onDismissed' | 'onAnswer' | 'onShown'> & {
      readonly onShown: () => void;
      readonly trigger: ShownPrompt['trigger'];
      readonly onAnswered?: () => void;
    },
  ): Promise<Response | null> {
    const { trigger, onAnswered, ...shown } = request;
    // metadata no request could carry would have the answer refused once the customer has given it: refused first
    if (shown.metadata) fitsOneRequest(buildResponse({ ...shown, score: 0 }), trigger);
    if (promptOpen) return null;
    promptOpen = true;
    let display: Promise<DisplayHandle> | undefined;
    let scored = false;
    try {
      const mount = await promptMounter(request.kind);
      if (!mount) throw new CxError('cxkit: show() needs the prompt elements: import "cxkit/elements" or load cxkit.js');
      const response = await mount({
        ...shown,
        client,
        onShown: (locale) => {
          const shownAt = new Date();
          const prompt = {
            touchpoint: request.touchpoint,
            kind: request.kind,
            mode: request.mode,
            trigger,
            stage: stageOf(request.touchpoint),
            locale,
          };
          // recorded once the prompt's first frame is painted and the page is idle: no frame waits on bookkeeping (storage
          // and its file, the visitor id)
          display = new Promise((resolve) =>
            afterPaintWhenIdle(() => {
              resolve(recordDisplay(prompt, shownAt));
              void bringStorage();
              // nothing is stored or sent without consent: delivery comes with the first answer, or with consent
              if (consent === 'granted') delivery.getReady();
            }),
          );
          events.emit('shown', { touchpoint: request.touchpoint, kind: request.kind });
          request.onShown();
        },
        // a score chosen and then the prompt closed still answered it: the score is sent as a partial answer
        onAnswer: () => {
          scored = true;
          onAnswered?.();
        },
        onDismissed: () => events.emit('dismissed', { touchpoint: request.touchpoint, kind: request.kind }),
      });
      const outcome = response
        ? { outcome: 'answered' as const, responseId: response.id }
        : { outcome: scored ? ('answered' as const) : ('dismissed' as const) };
      void display?.then((shown) => shown.settle(outcome));
      return response;
    } finally {
      promptOpen = false;
      const waiters = closedWaiters;
      closedWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  const engine = startTouchpoints(resolved.touchpoints, resolved.recontact, memory, {
    isOpen: () => promptOpen,
    whenClosed,
    consentBlocker: () =>
      consent === 'denied' ? 'consent denied' : consent === 'pending' && !resolved.promptsBeforeConsent ? 'consent pending' : null,
    show: (touchpoint, onShown, onAnswered, metadata) =>
      showPrompt({
        kind: touchpoint.prompt,
        touchpoint: touchpoint.id,
        mode: touchpoint.mode ?? 'popover',
        question: touchpoint.question,
        metadata,
        trigger: triggerOf(touchpoint.on),
        onShown,
        onAnswered,
      }),
  });
  const setDebug = (on: boolean) => {
    engine.setDebug(on);
    delivery.setDebug(on);
  };
  if (debugInUrl()) setDebug(true);
  // the touchpoints start watching the page in a task of their own, so that creating the client stays a short task
  const engineStart =
    resolved.touchpoints.length && globalThis.document ? setTimeout(() => void engine.start().then(bringOutbox, bringOutbox)) : undefined;
  // without touchpoints nothing else reads the memory: read it once, so that answers can say new or returning
  if (engineStart === undefined) {
    void memory.read().catch(() => undefined);
    setTimeout(bringOutbox);
  }

  /** An answer as big as `response` can never be sent: refused now, by name, rather than stored for delivery to drop. */
  function fitsOneRequest(response: Response, root: string): Response {
    const bytes = bytesAlone(response);
    if (bytes > resolved.batch.maxBytes) {
      const message = `the answer is ${bytes} bytes as sent, over batch.maxBytes (${resolved.batch.maxBytes}): shorten its traits, metadata or comment`;
      throw new CxValidationError([{ path: root, message }]);
    }
    return response;
  }

  /** What beforeSend makes of a response: null when it drops it; a response it changed is validated again. */
  function redact(response: Response, { plans }: StoragePart): Response | null {
    const redacted = resolved.beforeSend ? resolved.beforeSend(response) : response;
    return redacted === null || redacted === response ? redacted : parseOrThrow(plans.response, redacted, 'beforeSend(response)');
  }

  /** An answer is stored and waits: announce it and schedule its (debounced) delivery. */
  function queued(response: Response): void {
    events.emit('queued', { response });
    delivery.schedule(resolved.flushDelayMs);
  }

  const client: CxClient = {
    config: resolved,
    identify(userId, traits) {
      const parsed = parseOrThrow(identityPlan, { userId, traits }, 'identify');
      identity = parsed.traits ? { userId: parsed.userId, traits: parsed.traits } : { userId: parsed.userId };
    },
    async record(input) {
      if (destroyed) throw new CxError('cxkit: record() called on a destroyed client');
      const { part, outbox } = await storageFor('record');
      // the whole answer is checked before it is stored: one the collector would refuse is refused here, by name
      const { plans } = part;
      const built = parseOrThrow(plans.response, buildResponse(parseOrThrow(plans.recordInput, input, 'record')), 'record');
      const response = redact(built, part);
      // dropped by beforeSend: nothing is stored or sent
      if (response === null) return built;
      fitsOneRequest(response, 'record');
      // consent denied: the answer is taken and dropped, like one beforeSend drops
      if (consent === 'denied') return response;
      // delivery starts while the answer is stored: the send as the page goes away needs it, and a visitor who answers
      // and leaves (an email's score link) may not wait for a slow first write
      if (consent === 'granted') delivery.getReady();
      await outbox.add({ id: response.id, response, enqueuedAt: enqueueTime(), attempts: 0, nextAttemptAt: Date.now() });
      delivery.checked(response.id);
      queued(response);
      return response;
    },
    async draft(input) {
      if (destroyed) throw new CxError('cxkit: draft() called on a destroyed client');
      const { part, outbox } = await storageFor('draft');
      const checked = parseOrThrow(part.plans.recordInput, input, 'draft');
      pageLock ??= part.holdPageLock(owner);
      // held before the draft is stored, so that no other tab takes it for one an abandoned page left
      await pageLock.held;
      const { draft, stored } = part.startDraft(buildResponse(checked), owner, resolved.draftTimeoutMs, {
        prepare: (response) => fitsOneRequest(parseOrThrow(part.plans.response, response, 'draft'), 'draft'),
        async put(entry) {
          if (consent === 'denied') return;
          const response = redact(entry.response, part);
          if (response === null) return outbox.remove([entry.id]);
          await outbox.add({ ...entry, response });
          delivery.checked(entry.id);
        },
        released: queued,
      });
      await stored;
      return draft;
    },
    async show(kind, options) {
      const request = parseOrThrow(showInputPlan, { kind, ...options }, 'show');
      return showPrompt({ ...request, mode: request.mode ?? 'popover', trigger: 'show', onShown: () => {} });
    },
    milestone(name, options = {}) {
      const parsed = parseOrThrow(milestonePlan, name, 'milestone');
      const { metadata } = parseOrThrow(milestoneOptionsPlan, options, 'milestone');
      return destroyed ? Promise.resolve(false) : engine.milestone(parsed, metadata);
    },
    explain: (touchpointId) => engine.explain(touchpointId),
    debug: (on) => setDebug(on === true),
    consent(state) {
      consent = parseOrThrow(consentPlan, state, 'consent');
      delivery.setPaused(consent !== 'granted');
      const apply =
        consent === 'granted'
          ? Promise.all([meta.persist(), storage?.outbox.persist()]).then(() => {
              storeAnonymousId(resolved.storage.name, visitor());
              delivery.schedule(0);
            })
          : consent === 'denied'
            ? Promise.all([meta.erase(), storage?.outbox.erase()]).then(() => storeAnonymousId(resolved.storage.name, null))
            : Promise.resolve();
      apply.catch((error: unknown) => console.error('cxkit: consent could not be applied', error));
    },
    flush: () => delivery.flush(),
    pending: countAnswers,
    on: (event, listener) => events.on(event, inCallersZone(listener)),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      delivery.stop();
      clearTimeout(engineStart);
      engine.stop();
      pageLock?.release();
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('pagehide', onPageHide);
      globalThis.document?.removeEventListener('visibilitychange', onHidden);
      events.clear();
      storage?.outbox.close();
      meta.close();
    },
  };
  return client;
}
