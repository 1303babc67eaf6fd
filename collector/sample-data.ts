// A realistic sample for a first look at the dashboard (`npm start -- --seed`): a month of answers across the demo
// shop's touchpoints, with comments, drawn from a seeded generator so that every run gives the same data; and for the
// demo, signed-in customers among them and a team working the inbox.
import type { Display, DisplayOutcome } from '../src/schema/display.js';
import type { PromptKind, Response } from '../src/schema/response.js';
import { defaultScales } from '../src/schema/scales.js';
import { bandOf } from '../src/sdk/scores.js';
import type { FollowUpChange } from './store/store.js';
import { dayMs } from './time-zone.js';

/** Mulberry32: small, fast, good enough for sample data, and repeatable. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each touchpoint's comments by mood, so that a low score never comes with praise (and a high one with a complaint). */
const touchpoints: ReadonlyArray<{
  id: string;
  kind: PromptKind;
  /** The journey stage, as the demo's config names it. */
  stage: string;
  weights: readonly number[];
  question: string;
  comments: { unhappy: readonly string[]; neutral: readonly string[]; happy: readonly string[] };
}> = [
  {
    id: 'checkout-complete',
    kind: 'nps',
    stage: 'buy',
    weights: [2, 1, 1, 2, 2, 4, 5, 10, 14, 22, 20],
    question: 'How likely are you to recommend us to a friend or colleague?',
    comments: {
      unhappy: ['Shipping costs were a surprise at the end.', 'The coupon field did not work.', 'Checkout asked for my address twice.'],
      neutral: ['Fine, but delivery took a while.', 'Good range, prices could be lower.'],
      happy: ['Fast delivery and easy checkout.', 'Great prices, I will be back!', 'Love the product range.'],
    },
  },
  {
    id: 'pricing-page',
    kind: 'csat',
    stage: 'choose',
    weights: [5, 8, 15, 35, 37],
    question: 'How satisfied are you with your experience?',
    comments: {
      unhappy: ['I could not tell which plan includes support.', 'Too many plans to compare.'],
      neutral: ['The annual discount is hard to find.'],
      happy: ['Plans are clear.', 'Cheaper than the competition.'],
    },
  },
  {
    id: 'help-article',
    kind: 'ces',
    stage: 'get-help',
    weights: [3, 4, 6, 10, 20, 30, 27],
    question: 'The company made it easy for me to handle my issue.',
    comments: {
      unhappy: ['Had to search a long time for the answer.', 'The article did not match what I saw on screen.'],
      neutral: ['Screenshots would help.'],
      happy: ['The return form was simple.', 'Clear steps, done in a minute.'],
    },
  },
];

/** A v4 UUID from the generator, so that seeding twice yields the same ids (and the collector stores them once). */
function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** `count` responses spread over the `days` days before `now`; the same seed gives the same answers and ids. */
export function sampleResponses(count = 400, days = 30, now = new Date(), seed = 7): Response[] {
  const random = generator(seed);
  const pick = (weights: readonly number[]) => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    return weights.findIndex((w) => (r -= w) < 0);
  };
  return Array.from({ length: count }, () => {
    const tp = touchpoints[Math.floor(random() * touchpoints.length)]!;
    const scale = defaultScales[tp.kind];
    const score = scale.min + pick(tp.weights);
    const answeredAt = new Date(now.getTime() - random() * days * dayMs).toISOString();
    const pool = tp.comments[bandOf(tp.kind, score, scale.max)];
    const comment = random() < 0.3 ? pool[Math.floor(random() * pool.length)] : undefined;
    // segments: more phones than desktops, some returning visitors, three plans in two countries
    const device = (['mobile', 'desktop', 'tablet'] as const)[pick([55, 35, 10])]!;
    const visitor = random() < 0.4 ? 'returning' : 'new';
    const traits = { plan: ['free', 'pro', 'team'][pick([60, 30, 10])]!, country: random() < 0.7 ? 'US' : 'DE' };
    return {
      id: uuid(random),
      kind: tp.kind,
      score,
      scale: { ...scale },
      touchpoint: tp.id,
      stage: tp.stage,
      ...(comment ? { comment } : {}),
      question: tp.question,
      locale: random() < 0.8 ? 'en' : 'de',
      answeredAt,
      page: { url: `http://127.0.0.1/${tp.id}` },
      anonymousId: uuid(random),
      traits,
      device,
      visitor,
      sdk: { name: 'cxkit-sample', version: '1' },
    };
  });
}

/**
 * The prompts shown to get those answers: one `answered` display per answer, and for every answer about two more
 * prompts that were dismissed or ignored, so that response rates look like a real site's (about a third). One missed
 * prompt in nine was shown to a customer the site had identified (`customer-1` …), whom the dashboard lists as asked
 * and not answering.
 */
export function sampleDisplays(answers: readonly Response[], seed = 7): Display[] {
  const random = generator(seed + 1);
  const outcomes: readonly DisplayOutcome[] = ['dismissed', 'dismissed', 'dismissed', 'ignored'];
  let missedCount = 0;
  const identified = () => (++missedCount % 9 === 0 ? { userId: `customer-${missedCount / 9}` } : {});
  // new visitors leave more prompts unanswered than returning ones (a count, not a draw: the sample's answers stay as they were)
  const missedVisitor = () => (missedCount % 3 === 0 ? ('returning' as const) : ('new' as const));
  return answers.flatMap((r) => {
    const base = {
      touchpoint: r.touchpoint,
      kind: r.kind,
      ...(r.stage ? { stage: r.stage } : {}),
      ...(r.device ? { device: r.device } : {}),
      // the prompt in the answer's language, to a customer of the answer's plan and country, as the SDK records them
      locale: r.locale,
      ...(r.traits ? { traits: r.traits } : {}),
      mode: 'popover' as const,
      trigger: 'milestone' as const,
      page: r.page,
      sdk: r.sdk,
    };
    const shown = (outcome: DisplayOutcome, at: string, anonymousId: string): Display => ({
      ...base,
      id: uuid(random),
      outcome,
      shownAt: at,
      anonymousId,
    });
    const missed = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      ...shown(
        outcomes[Math.floor(random() * outcomes.length)]!,
        new Date(Date.parse(r.answeredAt) - random() * dayMs).toISOString(),
        uuid(random),
      ),
      // a signed-in customer's own, when the answer is theirs: their history holds the questions they closed too
      ...identified(),
      ...(r.userId ? { userId: r.userId } : {}),
      visitor: missedVisitor(),
    }));
    return [
      {
        ...shown('answered', new Date(Date.parse(r.answeredAt) - 20_000).toISOString(), r.anonymousId),
        ...(r.visitor ? { visitor: r.visitor } : {}),
        ...(r.userId ? { userId: r.userId } : {}),
        responseId: r.id,
      },
      ...missed,
    ];
  });
}

/** Who works the demo team's inbox, and what they write when they have reached a customer. */
const team = ['Maya', 'Tom', 'Priya'] as const;
const notes = [
  'Called: refund on its way.',
  'Emailed an apology and a voucher.',
  'Explained the delay; the parcel is tracked now.',
  'Walked them through the return form.',
] as const;
const customers = ['olivia', 'liam', 'emma', 'noah', 'ava', 'lucas', 'mia', 'leon'] as const;

/** One change of a sample follow-up, at the time it was made. */
export interface SampleFollowUp {
  readonly responseId: string;
  readonly change: FollowUpChange;
  readonly at: Date;
}

/** Scores on each scale an unhappy customer's next answer takes: still unhappy, or better. */
const nextScores: Readonly<Record<PromptKind, { unhappy: readonly number[]; better: readonly number[] }>> = {
  nps: { unhappy: [2, 4, 5, 6], better: [7, 8, 9, 10] },
  csat: { unhappy: [1, 2], better: [3, 4, 5] },
  ces: { unhappy: [1, 2, 3], better: [5, 6, 7] },
};

/**
 * The demo shop's month (`npm start -- --seed`): the sample answers with every third customer signed in (a user id
 * that is an address, so the inbox can write to them), more of the unhappy ones, and a few answering signed out on a
 * browser that was signed in, the prompts shown, and a team working its inbox — most unhappy
 * customers of more than a week ago reached and closed, some of the last days contacted or left to someone, the
 * newest mostly untouched, and a few past the promise with nobody on them. Signed-in unhappy customers of more than
 * two days ago answered the same question again, those the team reached better more often (seven in ten against
 * three), so that "Does reaching them help?" has something to tell.
 */
export function demoSample(now = new Date()): { answers: Response[]; displays: Display[]; followUps: SampleFollowUp[] } {
  // forty customers answering three or four times in the month, so that a customer's history has a story
  const signedIn = (i: number) => Math.floor(i / 3) % 40;
  const unhappyWith = (r: Response) => bandOf(r.kind, r.score, r.scale.max) === 'unhappy';
  const sample = sampleResponses(400, 30, now);
  const answers = sample.map((r, i) =>
    i % 3 === 0 || (i % 3 === 2 && unhappyWith(r))
      ? { ...r, userId: `${customers[signedIn(i) % customers.length]}.${signedIn(i)}@example.com` }
      : // one anonymous answer in four of those beside a signed-in one came from that customer's browser, signed out
        i % 3 === 1 && signedIn(i) % 4 === 0
        ? { ...r, anonymousId: sample[i - 1]!.anonymousId }
        : r,
  );
  /** The team's work on the `i`th unhappy answer of the month. */
  const followUpsOf = (r: Response, i: number): SampleFollowUp[] => {
    const answered = Date.parse(r.answeredAt);
    const age = now.getTime() - answered;
    const owner = team[i % team.length]!;
    const note = notes[i % notes.length]!;
    // no change in the future, nor before the answer
    const after = (hours: number) => new Date(Math.min(answered + hours * 3_600_000, now.getTime() - 60_000));
    const reachedAfter = 4 + (i % 7) * 5;
    const given = { responseId: r.id, change: { status: 'open', assignee: owner, by: 'Maya' }, at: after(1) } as const;
    const contacted = { responseId: r.id, change: { status: 'contacted', note, by: owner }, at: after(reachedAfter) } as const;
    const closed = { responseId: r.id, change: { status: 'closed', note, by: owner }, at: after(reachedAfter + 24) } as const;
    if (age > 7 * dayMs) return i % 5 === 4 ? [] : [given, contacted, closed];
    if (age > 2 * dayMs) return [[given, contacted], [given], []][i % 3]!;
    return i % 4 === 0 ? [given] : [];
  };
  const random = generator(11);
  const sides = { reached: 0, notReached: 0 };
  /**
   * A signed-in unhappy customer's next answer to the same question — one they gave, or one a few days on — better
   * seven times in ten when the team reached them, three times otherwise; null when it would come after now.
   */
  const nextAnswer = (r: Response, reached: boolean, later: Response | undefined): Response | null => {
    const side = reached ? 'reached' : 'notReached';
    const scores = nextScores[r.kind][sides[side]++ % 10 < (reached ? 7 : 3) ? 'better' : 'unhappy'];
    const score = scores[Math.floor(random() * scores.length)]!;
    const pool = touchpoints.find((tp) => tp.id === r.touchpoint)?.comments[bandOf(r.kind, score, r.scale.max)] ?? [];
    const comment = random() < 0.5 ? pool[Math.floor(random() * pool.length)] : undefined;
    const at = Date.parse(r.answeredAt) + (2 + random() * 2) * dayMs;
    if (!later && at > now.getTime() - 3_600_000) return null;
    const { comment: _said, ...asBefore } = later ?? { ...r, id: uuid(random), answeredAt: new Date(at).toISOString() };
    return { ...asBefore, score, ...(comment ? { comment } : {}) };
  };
  // the month in order of time, each unhappy answer's story going on into the next answer of its customer's
  const all = [...answers].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  const followUps: SampleFollowUp[] = [];
  for (let index = 0, unhappy = 0; index < all.length; index++) {
    const r = all[index]!;
    if (!unhappyWith(r)) continue;
    const work = followUpsOf(r, unhappy++);
    followUps.push(...work);
    if (!r.userId) continue;
    const laterIndex = all.findIndex((a, at) => at > index && a.userId === r.userId && a.kind === r.kind);
    const next = nextAnswer(
      r,
      work.some((f) => f.change.status !== 'open'),
      all[laterIndex],
    );
    if (!next) continue;
    if (laterIndex >= 0) all[laterIndex] = next;
    else {
      const place = all.findIndex((a) => a.answeredAt > next.answeredAt);
      all.splice(place < 0 ? all.length : place, 0, next);
    }
  }
  return { answers: all, displays: sampleDisplays(all), followUps };
}
