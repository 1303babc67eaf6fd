// The browser checks input with validation plans instead of zod: on thousands of inputs, each plan must accept what
// its schema accepts with the same output, and refuse what it refuses with the same issues in the same order.
import { expect } from '@esm-bundle/chai';
import type { z } from 'zod/mini';
import { toValidationIssues } from '../../src/schema/issues.js';
import * as plans from '../../src/validation/plans.generated.js';
import type { PlanNode } from '../../src/validation/plan.js';
import { runPlan, type PlanResult } from '../../src/validation/run.js';
import * as sources from '../../src/validation/sources.js';

const beforeSend = (response: unknown) => response;
const touchpoint = {
  id: 'checkout',
  prompt: 'nps',
  on: { milestone: 'paid', url: '/help/**', scrollPercent: 50, exitIntent: true, pageViews: 2 },
  mode: 'modal',
  stage: 'buy',
  delayMs: 10,
  sample: 0.5,
  question: 'How was it?',
};
const page = { url: 'https://shop.example/cart', title: 'Cart' };
const sdk = { name: 'cxkit', version: '0.1.0' };
const id = '0b8e3a52-5a54-4c4b-9d36-6f1f6a1b2c3d';

/** For each plan, inputs it must accept; every variant of them below is tried too. */
const samples: Record<keyof typeof plans, unknown[]> = {
  clientConfigPlan: [
    { endpoint: '/v1/responses' },
    {
      endpoint: 'https://collector.example/v1/responses',
      writeKey: 'key',
      headers: { 'x-site': 'shop' },
      locale: 'fr-FR',
      touchpoints: [touchpoint, { id: 'help', prompt: 'ces', on: { url: '/help' } }],
      recontact: { afterAnswerDays: 1, afterDismissDays: 2, maxPromptsPerSession: 3 },
      fullPageUrl: true,
      consent: 'pending',
      respectPrivacySignals: true,
      promptsBeforeConsent: true,
      draftTimeoutMs: 5000,
      flushDelayMs: 0,
      beforeSend,
      beforeSendDisplay: beforeSend,
      batch: { maxResponses: 10, maxBytes: 2048 },
      retry: { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 3, timeoutMs: 1000 },
      storage: { name: 'site', maxResponses: 10, maxAgeDays: 0.5, maxRejected: 0 },
    },
  ],
  consentPlan: ['granted', 'denied'],
  displayPlan: [
    {
      id,
      touchpoint: 'checkout',
      kind: 'csat',
      mode: 'popover',
      trigger: 'milestone',
      shownAt: '2026-12-02T08:00:00.000Z',
      outcome: 'answered',
      responseId: id,
      page,
      anonymousId: 'anon',
      userId: 'user-1',
      stage: 'buy',
      device: 'mobile',
      sdk,
    },
  ],
  identityPlan: [{ userId: 'user-1', traits: { plan: 'pro', seats: 3, trial: false } }, { userId: null }],
  recordInputPlan: [
    { kind: 'nps', score: 9, touchpoint: 'checkout' },
    {
      kind: 'ces',
      score: 5,
      touchpoint: 'help',
      comment: 'Fine',
      metadata: { order: 'A-1' },
      question: 'Was it easy?',
      locale: 'de',
      scale: { min: 1, max: 5 },
      partial: true,
      stage: 'get-help',
    },
  ],
  responsePlan: [
    {
      id,
      kind: 'nps',
      score: 10,
      scale: { min: 0, max: 10 },
      touchpoint: 'checkout',
      comment: 'Great tea',
      question: 'How likely…?',
      locale: 'en',
      answeredAt: '2026-12-02T08:00:00+01:00',
      page,
      anonymousId: 'anon',
      userId: 'user-1',
      traits: { plan: 'pro' },
      metadata: { order: 7 },
      partial: false,
      stage: 'buy',
      device: 'desktop',
      visitor: 'returning',
      sdk,
    },
  ],
  showInputPlan: [{ kind: 'nps', touchpoint: 'checkout', mode: 'inline', question: 'Q?', metadata: { ticket: 'T-1', reopened: 2 } }],
  milestonePlan: ['paid'],
  milestoneOptionsPlan: [{}, { metadata: { order: 'A-1', total: 42.5, gift: true } }],
};

/** Values that break a field in the ways input breaks: missing, the wrong type, out of bounds, too long, odd strings. */
const replacements: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  101,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  '/',
  'no glob',
  'x'.repeat(36),
  'x'.repeat(5001),
  '😀'.repeat(18),
  '😀'.repeat(101),
  'javascript:alert(1)',
  true,
  false,
  [],
  ['x'],
  {},
  { extra: 1 },
  beforeSend,
];

function paths(value: unknown, at: PropertyKey[] = []): PropertyKey[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((item, index) => paths(item, [...at, index]))];
  if (value && typeof value === 'object') return [at, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...at, key]))];
  return [at];
}

function replaced(value: unknown, path: readonly PropertyKey[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [key, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<PropertyKey, unknown>;
  if (replacement === undefined && !rest.length && !Array.isArray(value)) delete copy[key!];
  else copy[key!] = replaced(copy[key!], rest, replacement);
  return copy;
}

function* variants(sample: unknown): Generator<unknown> {
  yield sample;
  // an own key named __proto__, as JSON.parse makes it
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) yield JSON.parse(JSON.stringify({ ...sample, ['__proto__']: 1 }));
  for (const path of paths(sample)) {
    for (const replacement of replacements) yield replaced(sample, path, replacement);
  }
}

/** Cases the replacements do not reach, tried as they are: rules that look across fields, and size caps. */
const crossField: Partial<Record<keyof typeof plans, unknown[]>> = {
  clientConfigPlan: [
    { endpoint: '/v1', touchpoints: [touchpoint, touchpoint, touchpoint] },
    { endpoint: '/v1', touchpoints: Array.from({ length: 201 }, (_, i) => ({ ...touchpoint, id: `t${i}` })) },
    { endpoint: '/v1', touchpoints: [{ id: 'a', prompt: 'nps', on: {} }] },
    { endpoint: '/v1', touchpoints: [{ id: 'a', prompt: 'nps', on: { surplus: 1 } }] },
  ],
  recordInputPlan: [
    { kind: 'nps', score: 11, touchpoint: 't' },
    { kind: 'csat', score: 3, touchpoint: 't', scale: { min: 0, max: 10 } },
    { kind: 'ces', score: 7, touchpoint: 't', scale: { min: 1, max: 5 } },
    { kind: 'nps', score: 1.5, touchpoint: 't' },
    { kind: 'nope', score: 1, touchpoint: 't', surplus: true },
    { kind: 'nps', score: 1, touchpoint: 't', metadata: { ['k'.repeat(101)]: 1, ok: null } },
  ],
};

/** What a caller sees of a result: success and output, or each issue's path and cxkit's message. */
type Outcome = { data: unknown } | { issues: { path: readonly PropertyKey[]; message: string }[] };

function schemaOutcome(result: ReturnType<z.ZodMiniType['safeParse']>): Outcome {
  if (result.success) return { data: result.data };
  const messages = toValidationIssues('', result.error.issues);
  return { issues: result.error.issues.map((issue, index) => ({ path: issue.path, message: messages[index]!.message })) };
}

const planOutcome = (result: PlanResult<unknown>): Outcome => (result.success ? { data: result.data } : { issues: result.issues });

describe('validation plans', () => {
  for (const [planName, inputs] of Object.entries(samples) as [keyof typeof plans, unknown[]][]) {
    const schemaName = planName.replace(/Plan$/, 'Schema') as keyof typeof sources;
    it(`${planName} agrees with ${schemaName} on every input`, () => {
      const schema = sources[schemaName] as unknown as z.ZodMiniType;
      const plan = plans[planName] as PlanNode;
      let tried = 0;
      let refused = 0;
      const corpus = [...inputs.flatMap((sample) => [...variants(sample)]), ...(crossField[planName] ?? [])];
      for (const input of corpus) {
        const expected = schemaOutcome(schema.safeParse(input, { reportInput: true }));
        const actual = planOutcome(runPlan(plan, input));
        expect(actual, `${schemaName} on ${JSON.stringify(input)?.slice(0, 300)}`).to.deep.equal(expected);
        tried += 1;
        if ('issues' in expected) refused += 1;
      }
      // the corpus reaches both sides: most variants are refused, the samples themselves are accepted
      expect(refused).to.be.greaterThan(tried / 2);
      expect(tried - refused).to.be.greaterThan(0);
    });
  }

  it('every plan is tried', () => {
    expect(Object.keys(samples).sort()).to.deep.equal(Object.keys(plans).sort());
  });
});
