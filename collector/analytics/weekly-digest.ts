// The week a team's channel is told of each Monday (`digest.weekly`): how each metric did against the week before and
// whether that is more than chance, how many of those asked answered, where the customers who needed someone stand,
// the moment of the journey that hurt most, and what unhappy customers wrote of — what a CX lead opens a week with,
// read as the dashboard reads it (the rollups, the follow-up figures, the journey, the comment themes); figures and
// words many customers used, never one customer's answer.
import { promptKinds, type PromptKind } from '../../src/schema/response.js';
import type { ResponseFilter, ResponseStore } from '../store/store.js';
import { addDays, utcStartOf, type TimeZone } from '../time-zone.js';
import { difference, estimate } from './estimates.js';
import { followUpSummary } from './follow-up-promise.js';
import { buildJourney, engagedIn, type JourneyMoment } from './journey.js';
import { engagement } from './report.js';
import { buildThemes, type LanguageThemes, type Theme } from './themes/themes.js';

/** The hour of Monday, in the collector's time zone, from which last week's digest is due. */
const digestHour = 9;

/** One metric's week against the week before. */
export interface DigestMetric {
  readonly kind: PromptKind;
  /** NPS, CSAT % satisfied or CES mean (1–7); null with no answers this week. */
  readonly score: number | null;
  readonly n: number;
  readonly previous: { readonly score: number | null; readonly n: number };
  /** Score minus the week before's; null when either week has no answers. */
  readonly change: number | null;
  /** The two-sided p-value of "no change" (under 0.05: more than chance would make); null when a week has under two answers. */
  readonly p: number | null;
}

/** What a digest is of: everyone's answers, or one touchpoint's, stage's or segment's, and every metric or some. */
export type DigestScope = Pick<ResponseFilter, 'touchpoint' | 'stage' | 'segment'> & { readonly kinds?: readonly PromptKind[] | undefined };

export interface WeeklyDigest {
  /** What it is of (the keys given alone). */
  readonly scope: DigestScope;
  /** Monday to Sunday in `timeZone`: `since` ≤ an answer's time < `until`. */
  readonly week: {
    readonly firstDay: string;
    readonly lastDay: string;
    readonly since: string;
    readonly until: string;
    readonly timeZone: string;
  };
  /** The metrics answered in either week. */
  readonly metrics: readonly DigestMetric[];
  /** Prompts shown this week and the share answered (percent), and that share the week before; null without displays. */
  readonly responseRate: { readonly shown: number; readonly rate: number | null; readonly previous: number | null };
  /** The week's answers that needed someone: reached (contacted or closed) or not, and those waiting past the promise now. */
  readonly followUp: {
    readonly needingAttention: number;
    readonly reached: number;
    readonly open: number;
    readonly overdue: number;
    readonly promiseHours: number;
    readonly medianHoursToFirstContact: number | null;
  };
  /** Per metric, the week's lowest-scoring moment among those with enough answers to rank (the journey's). */
  readonly weakestMoments: readonly JourneyMoment[];
  /**
   * What the week's unhappy customers wrote of more than its happy ones (the comment themes of the language most
   * comments were in), the strongest first, with how many unhappy comments used each; and the same in the next
   * languages that have any (a site asking in several).
   */
  readonly unhappyThemes: LanguageThemesSaid & { readonly otherLanguages: readonly LanguageThemesSaid[] };
}

/** One language's unhappy themes as a digest names them. */
export interface LanguageThemesSaid {
  readonly language: string | null;
  readonly themes: ReadonlyArray<Pick<Theme, 'term' | 'unhappy'>>;
}

/** Themes a digest names: a line's worth. */
const themesSaid = 5;
/** Languages besides the first whose themes a digest names. */
const otherLanguagesSaid = 3;

const themesOf = (language: LanguageThemes | undefined): LanguageThemesSaid => ({
  language: language?.language ?? null,
  themes: (language?.unhappyThemes ?? []).slice(0, themesSaid).map(({ term, unhappy }) => ({ term, unhappy })),
});

/**
 * The first day (YYYY-MM-DD) of the week whose digest is due at `now`: the last whole week, Monday to Sunday in `zone`,
 * once the first `digestHour` o'clock in `postedIn` (a target's zone) after its end has come — this Monday's in the
 * collector's own zone — and before that, the week before.
 */
export function dueWeek(zone: TimeZone, now: Date, postedIn: TimeZone = zone): string {
  const today = zone.dayOf(now.getTime());
  const monday = addDays(today, -((new Date(utcStartOf(today)).getUTCDay() + 6) % 7));
  return addDays(monday, now.getTime() >= postedFrom(zone.startOf(monday), postedIn) ? -7 : -14);
}

/** The first `digestHour` o'clock in `zone` at or after `weekEnd`: a zone ahead of the collector's gets it a day later. */
function postedFrom(weekEnd: number, zone: TimeZone): number {
  const day = zone.dayOf(weekEnd);
  const sameDay = zone.startOf(day) + digestHour * 3_600_000;
  return sameDay >= weekEnd ? sameDay : zone.startOf(addDays(day, 1)) + digestHour * 3_600_000;
}

export async function weeklyDigest(
  store: ResponseStore,
  firstDay: string,
  promiseHours: number,
  now: Date,
  scope: DigestScope = {},
): Promise<WeeklyDigest> {
  const zone = store.timeZone;
  const { kinds, ...narrowing } = scope;
  const at = (day: string) => new Date(zone.startOf(day)).toISOString();
  const week = { ...narrowing, since: at(firstDay), until: at(addDays(firstDay, 7)) };
  const before = { ...narrowing, since: at(addDays(firstDay, -7)), until: week.since };
  const [counts, previousCounts, engaged, previousEngaged, followUp, journey, themes] = await Promise.all([
    store.countsByDay(week),
    store.countsByDay(before),
    engagedIn(store, week),
    engagedIn(store, before),
    followUpSummary(store, week, promiseHours, now, kinds),
    buildJourney(store, week, now),
    buildThemes(store, week),
  ]);
  const [language, ...others] = themes.languages;
  const asked = (kind: PromptKind) => !kinds || kinds.includes(kind);
  const metrics = promptKinds.filter(asked).flatMap((kind): DigestMetric[] => {
    const current = estimate(kind, counts);
    const earlier = estimate(kind, previousCounts);
    if (!current.n && !earlier.n) return [];
    const change = difference(current, earlier);
    return [
      {
        kind,
        score: current.value,
        n: current.n,
        previous: { score: earlier.value, n: earlier.n },
        change: change.difference,
        p: change.p,
      },
    ];
  });
  const shown = engagement(engaged.filter((e) => asked(e.kind)));
  const shownBefore = engagement(previousEngaged.filter((e) => asked(e.kind)));
  const given = Object.fromEntries(Object.entries(scope).filter(([, value]) => value !== undefined)) as DigestScope;
  return {
    scope: given,
    week: { firstDay, lastDay: addDays(firstDay, 6), since: week.since, until: week.until, timeZone: zone.name },
    metrics,
    responseRate: { shown: shown.shown, rate: shown.responseRate, previous: shownBefore.responseRate },
    followUp: {
      needingAttention: followUp.needingAttention,
      reached: followUp.contacted + followUp.closed,
      open: followUp.open,
      overdue: followUp.overdue,
      promiseHours,
      medianHoursToFirstContact: followUp.medianHoursToFirstContact,
    },
    weakestMoments: journey.momentsOfTruth.filter((m) => asked(m.kind)),
    unhappyThemes: {
      ...themesOf(language),
      otherLanguages: others
        .filter((other) => other.unhappyThemes.length)
        .slice(0, otherLanguagesSaid)
        .map(themesOf),
    },
  };
}
