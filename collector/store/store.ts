// The storage interface the handler depends on, kept by two adapters with one behaviour: SQLite (embedded default) and
// PostgreSQL (production). Reads answer aggregate questions; rows are only ever read a page at a time.
import type { Display, DisplayOutcome } from '../../src/schema/display.js';
import type { Attributes, PromptKind, Response } from '../../src/schema/response.js';
import type { Band, ScoreCount } from '../../src/sdk/scores.js';
import type { TimeZone } from '../time-zone.js';
import type { CopiedRow, CopiedTable, CopiedValue } from './schema/copied-tables.js';

/** Which responses a query covers; every field is optional. */
/** How much of the follow-up figures to read, and of which kinds of answer (every kind when none are named). */
export interface FollowUpReadOptions {
  readonly medians?: boolean;
  readonly kinds?: readonly PromptKind[] | undefined;
}

export interface ResponseFilter {
  readonly touchpoint?: string | undefined;
  /** A journey stage: the answers of the touchpoints that said they belong to it. */
  readonly stage?: string | undefined;
  /** ISO 8601: answers at or after this instant. */
  readonly since?: string | undefined;
  /** ISO 8601: answers before this instant. */
  readonly until?: string | undefined;
  /**
   * Only the answers in one segment: a value of one of the store's `segmentDimensions`. The answer counts by day and by
   * touchpoint, the drill-down, the inbox and the follow-up figures take it; figures the segment rollup does not count
   * (displays, comments, drafts, another dimension's breakdown) are never asked for with it.
   */
  readonly segment?: Segment | undefined;
}

/** One value of one segment dimension: `{ dimension: 'device', value: 'mobile' }`. */
export interface Segment {
  readonly dimension: string;
  readonly value: string;
}

export interface InsertResult {
  /** Responses stored now. */
  readonly accepted: number;
  /** Responses whose id was already stored: not stored again (a complete answer replacing a partial one counts as accepted). */
  readonly duplicates: number;
  /** Responses the database refused although they were valid, kept in the quarantine table (when there were any). */
  readonly quarantined?: number;
  /** The same for displays, when the batch had any (a final outcome replacing an `open` copy counts as accepted). */
  readonly displays?: { readonly accepted: number; readonly duplicates: number; readonly quarantined?: number };
}

export interface InsertExtras {
  /** Displays of the same batch, stored in the same transaction. */
  readonly displays?: readonly Display[] | undefined;
  /** Marks newly stored answers for the webhook fan-out (when webhooks are configured). */
  readonly notify?: boolean;
  /**
   * When the client sent the batch, by its own clock (the batch's `sentAt`): a clock more than five minutes off the
   * collector's has the batch's answer and display times moved by as much, the claims kept beside them.
   */
  readonly sentAt?: string | undefined;
  /** Answers and displays from before this are stored anonymised (`--anonymise-days`). */
  readonly anonymiseBefore?: Date | undefined;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * What a webhook is posted for: a new answer, a change of an answer's follow-up (where it stands, who has it), an
 * unhappy customer nobody has reached within the team's promise, or last week's figures (each Monday).
 */
export const webhookEvents = ['response.created', 'follow_up.changed', 'follow_up.overdue', 'digest.weekly'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** Which due deliveries an instance claims (`ResponseStore.claimDeliveries`). */
export interface DeliveriesToClaim {
  readonly targets: readonly string[];
  readonly strayBefore: Date;
}

/**
 * A delivery the fan-out, a follow-up change, the walk past the promise or the weekly digest plans: one event (of one
 * answer, but a digest's) to one target, with the payload every attempt sends.
 */
export interface NewDelivery {
  /** The Standard Webhooks `webhook-id`, the same on every attempt. */
  readonly id: string;
  readonly event: WebhookEvent;
  /** The target's URL. */
  readonly target: string;
  /** The answer the event is about, and whose it is (erasing them erases it); null for a digest, which is nobody's. */
  readonly responseId: string | null;
  readonly userId: string | null;
  readonly anonymousId: string | null;
  readonly payload: string;
}

export interface ClaimedDelivery {
  readonly id: string;
  readonly target: string;
  readonly payload: string;
  /** Attempts including this one. */
  readonly attempts: number;
}

export type AttemptResult =
  | { readonly delivered: true; readonly status: number }
  | { readonly delivered: false; readonly status: number | null; readonly error: string; readonly retryAt: Date | null };

/** Which deliveries a listing takes: of one status, changed since an instant (walked along the time of change), how many. */
export interface DeliveryFilter {
  readonly status?: DeliveryStatus | undefined;
  /** ISO 8601: only those last changed at or after it. */
  readonly since?: string | undefined;
  /** Only those posted to this target (its whole URL). */
  readonly target?: string | undefined;
  readonly limit: number;
}

/** A delivery as the deliveries endpoint lists it (no payload: the answer, and the follow-up as its history keeps it). */
export interface DeliveryRecord {
  readonly id: string;
  readonly event: WebhookEvent;
  readonly target: string;
  /** Null for a digest. */
  readonly responseId: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due, for pending deliveries. */
  readonly nextAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
}

export const followUpStatuses = ['open', 'contacted', 'closed'] as const;
/** Where following up an answer stands: nobody has yet, someone reached the customer, done. */
export type FollowUpStatus = (typeof followUpStatuses)[number];

export interface FollowUpChange {
  readonly status: FollowUpStatus;
  readonly note?: string | undefined;
  /** Who made the change, as they call themselves. */
  readonly by?: string | undefined;
  /** Who the customer is left to from now on; null: nobody; absent: whoever it was left to before. */
  readonly assignee?: string | null | undefined;
}

export interface FollowUp {
  readonly responseId: string;
  readonly status: FollowUpStatus;
  readonly note: string | null;
  readonly by: string | null;
  /** Who the customer is left to, as the team calls them; null: nobody yet. */
  readonly assignee: string | null;
  readonly changedAt: string;
}

/** A follow-up as a change left it, where it stood before (open and nobody's before its first change), and its answer. */
export interface FollowUpChanged {
  readonly followUp: FollowUp;
  readonly previous: Pick<FollowUp, 'status' | 'assignee'>;
  readonly response: Response;
}

/** An answer that needs someone (NPS 0–6, CSAT 1–2, CES 1–3), with where its follow-up stands. */
export interface InboxItem {
  readonly response: Response;
  /** `open` with no note when nobody has touched it yet. */
  readonly followUp: Omit<FollowUp, 'responseId' | 'changedAt'> & { readonly changedAt: string | null };
}

export interface InboxFilter extends ResponseFilter {
  readonly status?: FollowUpStatus | undefined;
  /** Only the customers left to this person; null: only those left to nobody. */
  readonly assignee?: string | null | undefined;
  /** Only this answer (in lower case), when it needs someone: one customer opened from elsewhere. */
  readonly responseId?: string | undefined;
  readonly limit: number;
  /** Newest answers first (the default), or those waiting longest. */
  readonly order?: TimeOrder | undefined;
}

export interface FollowUpFigures {
  /** Answers in the range that need someone. */
  readonly needingAttention: number;
  readonly open: number;
  readonly contacted: number;
  readonly closed: number;
  /** Median hours from the answer to its follow-up being closed; null when none is closed. */
  readonly medianHoursToClose: number | null;
  /**
   * Median hours from the answer to the first time someone marked its follow-up contacted or closed (how soon an
   * unhappy customer is reached); null when nobody has been yet.
   */
  readonly medianHoursToFirstContact: number | null;
  /**
   * The same answers by whom they are left to (`assignee` null: nobody), each person with any of them, the most open
   * first; nobody's open ones include those no one has touched yet.
   */
  readonly owners: readonly FollowUpOwner[];
}

/** How many of the answers needing someone in a range one person has, by where they stand. */
export interface FollowUpOwner {
  readonly assignee: string | null;
  readonly open: number;
  readonly contacted: number;
  readonly closed: number;
}

export type Person = { readonly userId: string } | { readonly anonymousId: string };

/** One change of a follow-up, as its history keeps it. */
export interface FollowUpChangeRecord {
  readonly status: FollowUpStatus;
  readonly note: string | null;
  readonly by: string | null;
  readonly assignee: string | null;
  readonly changedAt: string;
}

/**
 * Everything a store holds about a person, as an access request is answered — what `erase` would erase: their answers
 * and displays (for a user id, also those of the anonymous ids they were seen with), oldest first, the follow-ups of
 * their answers with each change, and what the quarantine keeps of theirs (as it arrived).
 */
export interface PersonData {
  /** The anonymous ids their rows were found by (for a user id: every one they were seen with). */
  readonly anonymousIds: readonly string[];
  readonly answers: readonly Response[];
  readonly displays: readonly Display[];
  readonly followUps: ReadonlyArray<
    FollowUpChangeRecord & { readonly responseId: string; readonly history: readonly FollowUpChangeRecord[] }
  >;
  readonly quarantined: ReadonlyArray<{ readonly ref: string; readonly receivedAt: string; readonly error: string; readonly body: string }>;
}

/** What an erasure removed. */
export interface Erasure {
  readonly responses: number;
  readonly displays: number;
  readonly webhookDeliveries: number;
  readonly followUps: number;
  /** Their answers and displays kept in the quarantine table. */
  readonly quarantined: number;
}

/** What one step of anonymising changed. */
export interface Anonymisation {
  readonly responses: number;
  readonly displays: number;
  /** Answers and displays the quarantine received then: erased, as a body refused as it came cannot be anonymised. */
  readonly quarantined: number;
}

/** How a touchpoint's prompts of one kind fared in a range: displays by outcome, and its answers. */
export interface EngagementCount {
  readonly touchpoint: string;
  readonly kind: PromptKind;
  /** Displays, whatever their outcome. */
  readonly shown: number;
  readonly answered: number;
  readonly dismissed: number;
  readonly ignored: number;
  /** Displays whose outcome is not known yet. */
  readonly open: number;
  /** Answers stored (with or without a display: inline elements and `record()` have none). */
  readonly answers: number;
  readonly commented: number;
  readonly partials: number;
}

/** Answers that gave one score on one day (UTC). */
export interface DayScoreCount extends ScoreCount {
  /** YYYY-MM-DD, UTC. */
  readonly day: string;
}

export interface TouchpointScoreCount extends ScoreCount {
  readonly touchpoint: string;
}

/** Answers that gave one score, per value of one segment dimension. */
export interface SegmentScoreCount extends ScoreCount {
  readonly value: string;
}

/** How a store is opened, beside where its data is. */
export interface StoreOptions {
  /**
   * The traits answers are segmented by (`plan`, `country`…), besides device, locale, page path and visitor. Default
   * `defaultSegmentTraits`. Changing the list works the segments of every stored answer out again at the next start.
   */
  readonly segmentTraits?: readonly string[] | undefined;
  /**
   * Opens the store as it is (a copy's source or target, which a collector may be running on): its answers keep the
   * segments they were worked out with, and answers it is given are segmented by the same traits; `segmentTraits` is
   * then only for a store that has none yet.
   */
  readonly asStored?: boolean | undefined;
  /**
   * Opens only a database a collector has written (a copy's source): anything else — a missing file, an empty
   * database, another program's — is refused with an error, and nothing is created in it.
   */
  readonly existing?: boolean | undefined;
  /**
   * The time zone days are counted in (an IANA name; default UTC): the rollups' days, a range's whole days, the trends'
   * days. Changing it counts the rollups' days again at the next start. With `asStored`, only for a store with no
   * answers or displays yet: one that has some keeps the zone they are counted in.
   */
  readonly timeZone?: string | undefined;
  /** How often a running store looks whether another instance has changed the time zone (ms). Default 10 s. */
  readonly zoneCheckMs?: number | undefined;
}

/** A touchpoint whose answers or displays said they belong to a journey stage. */
export interface TouchpointStage {
  readonly stage: string;
  readonly touchpoint: string;
}

/** Displays shown on one day (in the store's time zone, YYYY-MM-DD) that ended with one outcome. */
export interface DayDisplayCount {
  readonly day: string;
  readonly outcome: DisplayOutcome;
  readonly n: number;
}

export interface SegmentDisplayCount {
  readonly value: string;
  readonly outcome: DisplayOutcome;
  readonly n: number;
}

export interface TouchpointList {
  readonly listed: string[];
  readonly total: number;
}

/** A comment as the dashboard lists it. */
export interface CommentRow {
  readonly id: string;
  readonly kind: PromptKind;
  readonly score: number;
  readonly touchpoint: string;
  readonly answeredAt: string;
  readonly comment: string;
  /** Who wrote it, when the site identified them. */
  readonly userId: string | null;
  /** The browser it was written in: whom that browser was signed in as, for an anonymous comment. */
  readonly anonymousId: string;
}

/** How the drill-down orders answers: by time, or by score (then newest first within a score). */
export const answerOrders = ['newest', 'oldest', 'lowest', 'highest'] as const;
export type AnswerOrder = (typeof answerOrders)[number];
/** The orders a store reads along its time index; the score orders are made of them, a score at a time. */
export type TimeOrder = Extract<AnswerOrder, 'newest' | 'oldest'>;

/** One identified customer asked at one touchpoint, not answering there. */
export interface UnansweredPerson {
  readonly userId: string;
  readonly touchpoint: string;
  /** How often the prompt was shown to them there and dismissed or left unanswered. */
  readonly asked: number;
  readonly lastAskedAt: string;
}

/** Where a page of the unanswered ends: its last customer and touchpoint. */
export type UnansweredCursor = Pick<UnansweredPerson, 'lastAskedAt' | 'userId' | 'touchpoint'>;

export interface UnansweredList {
  /** The most recently asked first, at most the limit asked for. */
  readonly people: readonly UnansweredPerson[];
  /** How many customer and touchpoint pairs there are in all. */
  readonly total: number;
  /** Where the next page starts, or null when this is the last. */
  readonly next: UnansweredCursor | null;
}

/** Unhappy answers of identified customers, and what those customers said the next time they answered the same question. */
export interface RecoveryCount {
  /** Unhappy answers in the range by customers the site identified. */
  readonly unhappy: number;
  /** Of them, those whose customer later answered the same kind of question (NPS after NPS) again. */
  readonly answeredAgain: number;
  /** Of those, the ones whose next answer was not unhappy. */
  readonly recovered: number;
}

/** Whether reaching unhappy customers helps: those someone reached (contacted or closed) against those nobody did. */
export interface RecoveryCounts {
  readonly reached: RecoveryCount;
  readonly notReached: RecoveryCount;
}

/** A prompt shown to a customer that they did not answer, as their history lists it. */
export interface UnansweredDisplay {
  readonly touchpoint: string;
  readonly kind: PromptKind;
  readonly shownAt: string;
  readonly outcome: Exclude<DisplayOutcome, 'answered'>;
}

/**
 * One identified customer's history, all of it whatever the dashboard's filter: their answers with their follow-ups and
 * the prompts they were shown and left unanswered, each newest first and at most the limit asked for, with how many there
 * are in all.
 */
/** Who a browser was signed in as: the user id and the traits an identified answer or display of it carried. */
export interface BrowserIdentity {
  readonly userId: string;
  readonly traits: Attributes | null;
}

/** Whom browsers (by anonymous id) were signed in as: those the site identified. */
export type SignedInBrowsers = ReadonlyMap<string, BrowserIdentity>;

export interface CustomerHistory {
  readonly userId: string;
  readonly answers: readonly AnswerRow[];
  /** How many answers they gave in all. */
  readonly answered: number;
  readonly unanswered: readonly UnansweredDisplay[];
  /** How many prompts they were shown in all, and how each ended. */
  readonly shown: Readonly<Record<DisplayOutcome, number>>;
}

/** The answers behind a figure: the read filter narrowed by kind, band or score, a segment, a comment, a follow-up status. */
export interface AnswerFilter extends ResponseFilter {
  readonly kind?: PromptKind | undefined;
  readonly band?: Band | undefined;
  readonly score?: number | undefined;
  /** Only answers with one of these scores (not empty): how a score order reads several scores in one walk. */
  readonly scores?: readonly number[] | undefined;
  /** Only answers with a comment. */
  readonly commented?: boolean | undefined;
  /** Only answers whose comment contains this text, ignoring case. */
  readonly text?: string | undefined;
  /** Only answers that need someone and whose follow-up stands so (`open` includes untouched ones). */
  readonly status?: FollowUpStatus | undefined;
}

/** An answer as the drill-down lists it: the response, its segments, and its follow-up when it has or needs one. */
export interface AnswerRow {
  readonly response: Response;
  readonly segments: Readonly<Record<string, string>>;
  /** Null for an answer nobody needs to follow up and nobody has. */
  readonly followUp: InboxItem['followUp'] | null;
}

/** Where a page of the drill-down ends, in its order. */
export interface AnswerCursor {
  readonly score: number;
  readonly answeredAt: string;
  readonly id: string;
}

export interface AnswerPage {
  readonly answers: AnswerRow[];
  /** Each answer's place in the order, as `after` takes it: a page may end at any of them. */
  readonly cursors: AnswerCursor[];
  /** Null on the last page. */
  readonly next: AnswerCursor | null;
}

export interface ResponseStore {
  /** The dimensions answers are segmented by: the built-in ones, then `trait:` and each trait the store was given. */
  readonly segmentDimensions: readonly string[];
  /** The time zone its days are counted in. */
  readonly timeZone: TimeZone;
  /**
   * Stores each response once by id (ids compared in lower case; a complete answer replaces its partial twin, every
   * column of it), atomically: all of the batch or none.
   */
  insert(responses: readonly Response[], receivedAt: Date, extras?: InsertExtras): Promise<InsertResult>;
  /** Answers per day × kind × scale × score, oldest day first: the summary, trend and distribution all derive from it. */
  countsByDay(filter: ResponseFilter): Promise<DayScoreCount[]>;
  /** Answers per touchpoint, kind, scale and score for the filter: every touchpoint's figures in one question. */
  countsByTouchpoint(filter: ResponseFilter): Promise<TouchpointScoreCount[]>;
  /** Answers per value of one segment dimension (one of `segmentDimensions`), kind, scale and score for the filter. */
  countsBySegment(filter: ResponseFilter, dimension: string): Promise<SegmentScoreCount[]>;
  /**
   * Displays per value of a dimension displays carry (device class, page path) and outcome for the filter (displays
   * without a value left out).
   */
  displaysBySegment(filter: ResponseFilter, dimension: string): Promise<SegmentDisplayCount[]>;
  /**
   * The displays of one device class or page per touchpoint and kind, for its response rates (its answers' counts are
   * zero: `engagement` counts those for everyone).
   */
  engagementInSegment(filter: ResponseFilter, segment: Segment): Promise<EngagementCount[]>;
  /** Displays per day and outcome for the filter, everyone's or one device class's or page's, oldest day first. */
  displaysByDay(filter: ResponseFilter, segment?: Segment): Promise<DayDisplayCount[]>;
  /** Every (stage, touchpoint) pair answers and displays have reported. */
  touchpointStages(): Promise<TouchpointStage[]>;
  /** Displays and answers per touchpoint and kind, for response, comment and partial rates. */
  engagement(filter: ResponseFilter): Promise<EngagementCount[]>;
  /** The newest comments, newest first. */
  latestComments(filter: ResponseFilter, limit: number): Promise<CommentRow[]>;
  /**
   * Up to `limit` answers matching the filter after `after`, in time `order`, with their segments and follow-ups. Once
   * `signal` aborts (the client hung up) it stops as soon as it can, rejecting with the signal's reason.
   */
  answers(filter: AnswerFilter, order: TimeOrder, after: AnswerCursor | null, limit: number, signal?: AbortSignal): Promise<AnswerPage>;
  /**
   * The `limit` touchpoints with the most answers, alphabetically, for the dashboard's filter, and how many touchpoints
   * have answers in all (a site may name one per product or help article).
   */
  touchpoints(limit: number): Promise<TouchpointList>;
  /**
   * The identified customers shown a prompt in the filter's range who dismissed it or left it and gave no answer at that
   * touchpoint in the range, the most recently asked first, `limit` of them after `after`.
   */
  unanswered(filter: ResponseFilter, limit: number, after?: UnansweredCursor | null): Promise<UnansweredList>;
  /** How many answers the database refused although they were valid, kept in the quarantine table. */
  quarantinedAnswers(): Promise<number>;
  /**
   * Takes up to `limit` answers stored with `notify` and not yet fanned out, oldest first, and in the same transaction
   * stores the deliveries `plan` makes of them; with several instances each answer is taken by one. With `planOverdue`,
   * those of them needing someone and still open that `fanOutOverdue` has already walked past (they reached the
   * collector later than the promise) are announced too, each once. Each plan is given whom the anonymous answers'
   * browsers were signed in as (`signedInBrowsers`), read in the same transaction. Answers how many answers were taken.
   */
  fanOut(
    limit: number,
    plan: (responses: readonly Response[], browsers: SignedInBrowsers) => NewDelivery[],
    now: Date,
    planOverdue?: (items: readonly InboxItem[], browsers: SignedInBrowsers) => readonly NewDelivery[],
  ): Promise<number>;
  /**
   * Takes up to `limit` answers that need someone and came past the team's promise since the last call — answered
   * before `before`, after the last one taken — and in the same transaction stores the deliveries `plan` makes of those
   * still open; with several instances each answer is taken by one. The first call only marks where to start (a
   * backlog is not announced). Answers not yet fanned out are left to `fanOut`. Answers how many answers were taken.
   */
  fanOutOverdue(
    before: Date,
    limit: number,
    plan: (items: readonly InboxItem[], browsers: SignedInBrowsers) => readonly NewDelivery[],
    now: Date,
  ): Promise<number>;
  /**
   * Stores `planned` and sets the setting `mark` to `key`, in one transaction, unless `mark` already holds `key` or a
   * later one (compared as text): of instances planning the same key, one stores its deliveries. Answers whether it did.
   */
  planOnce(mark: string, key: string, planned: readonly NewDelivery[], now: Date): Promise<boolean>;
  /** What the setting `mark` holds (as `planOnce` left it), or null: whether there is anything left to plan. */
  markOf(mark: string): Promise<string | null>;
  /** Whether any answer or prompt shown is stored from before `at` (along the time indexes, one row at most). */
  storedBefore(at: Date): Promise<boolean>;
  /**
   * Claims up to `limit` due deliveries for `leaseMs` (one attempt each; another instance will not take them meanwhile):
   * those to the instance's own `targets` — an instance not given a target leaves its deliveries to one that is — and
   * those planned before `strayBefore` to any target, which no instance has taken since, to be failed.
   */
  claimDeliveries(limit: number, now: Date, leaseMs: number, mine: DeliveriesToClaim): Promise<ClaimedDelivery[]>;
  /** Records an attempt's result: delivered, due again at `retryAt`, or failed for good when `retryAt` is null. */
  settleDelivery(id: string, result: AttemptResult, now: Date): Promise<void>;
  /**
   * Erases up to `limit` deliveries settled (delivered or failed) before `before`, the longest settled first: their
   * payloads are copies of answers, kept as long as the listing's history needs them. Answers how many went.
   */
  eraseSettledDeliveries(before: Date, limit: number): Promise<number>;
  /** The most recently changed deliveries, newest first. */
  deliveries(filter: DeliveryFilter): Promise<DeliveryRecord[]>;
  /**
   * Sets where following up an answer stands, and records who changed it, with the deliveries `plan` makes of the
   * change in the same transaction; null when no such answer is stored.
   */
  setFollowUp(
    responseId: string,
    change: FollowUpChange,
    now: Date,
    plan?: (changed: FollowUpChanged) => readonly NewDelivery[],
  ): Promise<FollowUp | null>;
  /** Answers that need someone, newest first, with their follow-up. */
  inbox(filter: InboxFilter): Promise<InboxItem[]>;
  /**
   * For the range's unhappy answers by identified customers, split by whether someone reached them: how many, how many of
   * those customers answered the same kind of question again later, and how many of those next answers were not unhappy.
   */
  recovery(filter: ResponseFilter, signal?: AbortSignal): Promise<RecoveryCounts>;
  /** One identified customer's answers and unanswered prompts, the newest `limit` of each, read by the tables' user id indexes. */
  customer(userId: string, limit: number): Promise<CustomerHistory>;
  /**
   * Of these browsers (anonymous ids), those the site identified in an answer or a display, each as the newest of
   * those said: who an anonymous answer's browser was signed in as, read by the identified rows' index (migration 21).
   */
  signedInBrowsers(anonymousIds: readonly string[]): Promise<SignedInBrowsers>;
  /**
   * How many answers in the range need someone, where their follow-ups stand, and how long closing took (with
   * `medians: false`, the counts alone: the medians are null, and the read about a third as long). With `kinds`, the
   * answers of those kinds alone (a digest of one metric's).
   */
  followUps(filter: ResponseFilter, options?: FollowUpReadOptions): Promise<FollowUpFigures>;
  /**
   * Erases a person: every answer and display with their user id or anonymous id (for a user id, also those of the
   * anonymous ids they were seen with), their webhook deliveries and follow-ups, in one transaction.
   */
  erase(person: Person): Promise<Erasure>;
  /** Everything held about a person, found as `erase` finds it. */
  personData(person: Person): Promise<PersonData>;
  /**
   * The retention period's work, a batch at a time: erases the `limit` oldest answers given before `before` with their
   * follow-ups, follow-up history and webhook deliveries, the `limit` oldest displays shown before it, and the `limit`
   * oldest answers and displays the quarantine received before it. Answers how many of each went (fewer than `limit`
   * of each: nothing that old is left).
   */
  eraseBefore(before: Date, limit: number): Promise<Erasure>;
  /**
   * The anonymising period's work, a batch at a time: anonymises the next `limit` answers given before `before` (their
   * follow-up notes cleared, their webhook deliveries erased) and the next `limit` displays shown before it, walking on
   * from where the step before stopped, and erases the `limit` oldest rows the quarantine received before it. Answers how
   * many of each it took (fewer than `limit` of each: it has caught up). What arrives later from before a step's
   * `before` is anonymised as it is stored (`InsertExtras.anonymiseBefore`).
   */
  anonymiseBefore(before: Date, limit: number): Promise<Anonymisation>;
  /** Up to `limit` rows of a table `cxkit-collector copy` carries, after the key `after` (null: from the first), in key order. */
  copiedRows(table: CopiedTable, after: CopiedValue, limit: number): Promise<CopiedRow[]>;
  /**
   * Stores rows a copy carries (as `copiedRows` read them from another store), in one transaction: a row new to this
   * store is inserted, a stored one replaced only where the table says. Answers how many rows were stored.
   */
  storeCopiedRows(table: CopiedTable, rows: readonly CopiedRow[]): Promise<number>;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Every response matching the filter, read page by page: for tests and small exports, never for the dashboard. */
export async function* allResponses(store: ResponseStore, filter: ResponseFilter = {}, pageSize = 1000): AsyncGenerator<Response> {
  let after: AnswerCursor | null = null;
  do {
    const page: AnswerPage = await store.answers(filter, 'oldest', after, pageSize);
    yield* page.answers.map((row) => row.response);
    after = page.next;
  } while (after);
}

export async function readAll(store: ResponseStore, filter: ResponseFilter = {}): Promise<Response[]> {
  const all: Response[] = [];
  for await (const r of allResponses(store, filter)) all.push(r);
  return all;
}
