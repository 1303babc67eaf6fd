// The client configuration accepted by createClient() and by the script tag's JSON config.
import { z } from 'zod/mini';
import { superRefine } from './super-refine.js';

/** More touchpoints than a page could sensibly ask about; each scroll and navigation is judged against all of them. */
export const maxTouchpoints = 200;
import { maxBatchBytes, maxBatchResponses } from './batch-limits.js';
import type { Display } from './display.js';
import type { Response } from './response.js';
import { isFunction, isHttpUrl, uniqueTouchpointIds } from './refinements.js';
import { recontactSchema, touchpointSchema } from './touchpoint.js';

export const consentStates = ['granted', 'pending', 'denied'] as const;
export const consentSchema = z.lazy(() => z.enum(consentStates));
export type Consent = (typeof consentStates)[number];

/** Redacts or drops a response before it is stored and sent; return `null` to drop it. */
export type BeforeSend = (response: Response) => Response | null;
/** Changes or drops a display before it is stored, as `beforeSend` does for answers. */
export type BeforeSendDisplay = (display: Display) => Display | null;

const count = (min: number, max: number, what: string) =>
  z
    .number()
    .check(
      z.int(`expected a whole number of ${what}`),
      z.gte(min, `expected ${min} to ${max} ${what}`),
      z.lte(max, `expected ${min} to ${max} ${what}`),
    );

export const batchOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** Responses per request, 1–50. Default 50. */
    maxResponses: z._default(count(1, maxBatchResponses, 'responses'), maxBatchResponses),
    /** Body bytes per request, 1 KiB–60 KiB. Default 60 KiB. */
    maxBytes: z._default(count(1024, maxBatchBytes, 'bytes'), maxBatchBytes),
  }),
);

export const retryOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** First retry waits up to this long; each further one doubles it (full jitter). Default 1000. */
    baseDelayMs: z._default(count(1, 3_600_000, 'milliseconds'), 1000),
    /** No wait is longer, `Retry-After` included. Default 5 minutes. */
    maxDelayMs: z._default(count(1, 86_400_000, 'milliseconds'), 300_000),
    /**
     * Attempts before an answer is given up and reported as `expired`. Default 500: about a day of a failing collector
     * in a tab kept open (full-jitter waits average half of `maxDelayMs`), so that an outage loses nothing; an answer
     * that waits for the visitor's next visit is not tried meanwhile, and `storage.maxAgeDays` ends every wait.
     */
    maxAttempts: z._default(count(1, 1000, 'attempts'), 500),
    /** A request that has not answered by then counts as a network error. Default 15 s. */
    timeoutMs: z._default(count(100, 600_000, 'milliseconds'), 15_000),
  }),
);

export const storageOptionsSchema = z.lazy(() =>
  z.strictObject({
    /** IndexedDB database name; one per site is right. Default `cxkit`. */
    name: z._default(z.string().check(z.minLength(1)), 'cxkit'),
    /** Most answers kept waiting; the oldest is expired past it. Default 1000. */
    maxResponses: z._default(count(1, 100_000, 'responses'), 1000),
    /** Answers older than this are expired instead of sent. Default 7 (Safari may clear storage after 7 idle days anyway). */
    maxAgeDays: z._default(z.number().check(z.gt(0, 'expected a number of days > 0')), 7),
    /** Most refused answers kept for inspection. Default 100. */
    maxRejected: z._default(count(0, 10_000, 'responses'), 100),
  }),
);

export const clientConfigSchema = z.lazy(() =>
  z.strictObject({
    /** Collector URL (absolute, or relative to the page); answers are POSTed here. */
    endpoint: z.string().check(z.refine(isHttpUrl, 'expected an http(s) URL')),
    /** Write key, sent as the endpoint's `key` query parameter so that requests stay CORS-simple. */
    writeKey: z.optional(z.string().check(z.minLength(1))),
    /** Extra request headers. They make every request preflighted, which can fail while a page unloads. */
    headers: z.optional(z.record(z.string(), z.string())),
    /** Locale recorded with answers and used by prompts. Default `navigator.language`. */
    locale: z.optional(z.string().check(z.minLength(1), z.maxLength(35))),
    touchpoints: z._default(
      // each signal (a scroll, a navigation) is judged against every touchpoint: the cap keeps that cost small
      z.array(touchpointSchema).check(z.maxLength(maxTouchpoints), superRefine(uniqueTouchpointIds)),
      [],
    ),
    recontact: z.prefault(recontactSchema, {}),
    /** Keep the query string and hash in `page.url`. Default false: they often carry personal data. */
    fullPageUrl: z._default(z.boolean(), false),
    /** Privacy consent: `pending` keeps answers in memory only (nothing stored, nothing sent) until `cx.consent('granted')`; `denied` drops them. Default `granted`. */
    consent: z._default(z.enum(consentStates), 'granted'),
    /** Treat Global Privacy Control or Do Not Track as "pending" until consent is granted. Default false. */
    respectPrivacySignals: z._default(z.boolean(), false),
    /** Let touchpoints show prompts while consent is pending (answers wait in memory). Default false. */
    promptsBeforeConsent: z._default(z.boolean(), false),
    /** A score whose follow-up sits untouched this long is sent without a comment, marked partial. Default 2 minutes. */
    draftTimeoutMs: z._default(count(1000, 3_600_000, 'milliseconds'), 120_000),
    /** Wait after an answer before sending, so that quick answers share a request. Default 500. */
    flushDelayMs: z._default(count(0, 60_000, 'milliseconds'), 500),
    beforeSend: z.optional(z.custom<BeforeSend>(isFunction, 'expected a function')),
    beforeSendDisplay: z.optional(z.custom<BeforeSendDisplay>(isFunction, 'expected a function')),
    batch: z.prefault(batchOptionsSchema, {}),
    retry: z.prefault(retryOptionsSchema, {}),
    storage: z.prefault(storageOptionsSchema, {}),
  }),
);
/** What createClient() accepts. */
export type ClientConfig = z.input<typeof clientConfigSchema>;
/** The configuration with every default filled in. */
export type ResolvedConfig = z.output<typeof clientConfigSchema>;
