// Last week's digest (`digest.weekly`) as each format posts it: the Standard Webhooks event with the figures, or one
// message for a Slack or Teams channel — a line a metric with its change and whether that is more than chance, the
// share answered, where the customers who needed someone stand, the moment that hurt most, and the week in the dashboard.
import type { PromptKind } from '../../src/schema/response.js';
import type { DigestMetric, DigestScope, WeeklyDigest } from '../analytics/weekly-digest.js';
import { escape } from './payloads.js';
import { cardMessage, paragraph } from './teams-payloads.js';

export function standardDigestBody(digest: WeeklyDigest, at: Date): string {
  return JSON.stringify({ type: 'digest.weekly', timestamp: at.toISOString(), data: digest });
}

const names: Record<PromptKind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A metric's value as the dashboard writes it: NPS whole, CSAT a whole percent, CES to one decimal. */
const valueOf = (kind: PromptKind, value: number) =>
  kind === 'ces' ? value.toFixed(1) : `${Math.round(value)}${kind === 'csat' ? '%' : ''}`;

/** What a change's p-value says of it: nothing when it is clear. */
const doubt = (p: number | null) => (p === null ? ', too few answers to tell' : p >= 0.05 ? ', within chance' : '');

function metricLine({ kind, score, n, previous, change, p }: DigestMetric): string {
  const name = names[kind];
  if (score === null) return `${name}: no answers (${valueOf(kind, previous.score ?? 0)} the week before)`;
  const now = `${name} ${valueOf(kind, score)}`;
  if (change === null || previous.score === null) return `${now} · ${count(n, 'answer')}, none the week before`;
  // the change as the figures are written: CES to one decimal, the others whole
  const size = kind === 'ces' ? Math.round(Math.abs(change) * 10) / 10 : Math.round(Math.abs(change));
  const then = valueOf(kind, previous.score);
  const moved = size
    ? `${change > 0 ? 'up' : 'down'} ${kind === 'ces' ? size.toFixed(1) : size}${kind === 'csat' ? ' points' : ''} from ${then}${doubt(p)}`
    : `level with ${then}`;
  return `${now} · ${moved} · ${count(n, 'answer')}`;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** "German" for `de`; the code itself where it names no language English has a name for. */
function languageName(code: string | null): string {
  try {
    return (code && languageNames.of(code)) ?? 'another language';
  } catch {
    return code ?? 'another language';
  }
}

const hours = (h: number) => `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;

/** "23–29 Nov 2026": the week's days as a reader says them. */
function weekSaid({ firstDay, lastDay }: WeeklyDigest['week']): string {
  const day = (d: string, options: Intl.DateTimeFormatOptions) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC', ...options });
  const sameMonth = firstDay.slice(0, 7) === lastDay.slice(0, 7);
  const first = day(
    firstDay,
    sameMonth
      ? { day: 'numeric' }
      : { day: 'numeric', month: 'short', ...(firstDay.slice(0, 4) === lastDay.slice(0, 4) ? {} : { year: 'numeric' }) },
  );
  return `${first}–${day(lastDay, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** " at checkout for plan enterprise": what a narrowed digest is of, as its headline says it. */
function scopeSaid({ touchpoint, stage, segment }: DigestScope, text: (raw: string) => string): string {
  const segmentName = segment && `${segment.dimension === 'path' ? 'page' : segment.dimension.replace(/^trait:/, '')} ${segment.value}`;
  return [
    ...(touchpoint === undefined ? [] : [` at ${text(touchpoint)}`]),
    ...(stage === undefined ? [] : [` in ${text(stage)}`]),
    ...(segmentName === undefined ? [] : [` for ${text(segmentName)}`]),
  ].join('');
}

/** The digest as lines of a message, a touchpoint's name as `text` writes it (escaped for Slack's mrkdwn, say). */
function digestLines(digest: WeeklyDigest, text: (raw: string) => string): { headline: string; lines: string[] } {
  const { week, metrics, responseRate, followUp, weakestMoments } = digest;
  const answers = metrics.reduce((sum, m) => sum + m.n, 0);
  const headline = `Last week${scopeSaid(digest.scope, text)}, ${weekSaid(week)}: ${answers ? count(answers, 'answer') : 'no answers'}`;
  const rate =
    responseRate.rate === null
      ? []
      : [
          `${Math.round(responseRate.rate)}% of ${count(responseRate.shown, 'prompt')} shown answered` +
            (responseRate.previous === null ? '' : ` (${Math.round(responseRate.previous)}% the week before)`),
        ];
  const reached = followUp.needingAttention
    ? `${count(followUp.needingAttention, 'customer')} needed someone: ${followUp.reached.toLocaleString('en')} reached, ` +
      `${followUp.open.toLocaleString('en')} not yet` +
      (followUp.overdue ? `, ${followUp.overdue.toLocaleString('en')} of them waiting over ${followUp.promiseHours} h` : '') +
      (followUp.medianHoursToFirstContact === null ? '' : ` · first contact after ${hours(followUp.medianHoursToFirstContact)} (median)`)
    : 'Nobody needed following up';
  const weakest = weakestMoments.map(
    (m) =>
      `Lowest ${names[m.kind]}: ${text(m.touchpoint)}, ${valueOf(m.kind, m.score ?? 0)} from ${count(m.n, 'answer')}` +
      (m.change === null ? '' : ` (${valueOf(m.kind, m.previous.score ?? 0)} the week before)`),
  );
  const { otherLanguages, ...first } = digest.unhappyThemes;
  // the first language's themes as they are, each other's named: "of late (6), parcel (6); in German of Paket (3)"
  const said = [first, ...otherLanguages]
    .filter(({ themes }) => themes.length)
    .map(
      ({ language, themes }) =>
        `${language === first.language ? '' : `in ${text(languageName(language))} `}of ${themes.map((t) => `${text(t.term)} (${t.unhappy})`).join(', ')}`,
    );
  const wrote = said.length ? [`Unhappy customers wrote ${said.join('; ')}`] : [];
  return { headline, lines: [...metrics.map(metricLine), ...rate, reached, ...weakest, ...wrote] };
}

/** The dashboard opened on the digest's week (and touchpoint). */
function weekInDashboard(dashboardUrl: string, { week, scope }: WeeklyDigest): string {
  const url = new URL(dashboardUrl);
  if (scope.touchpoint !== undefined) url.searchParams.set('touchpoint', scope.touchpoint);
  url.searchParams.set('since', week.firstDay);
  url.searchParams.set('until', week.lastDay);
  return url.href;
}

const openTheWeek = 'Open the week in the dashboard';

export function slackDigestBody(digest: WeeklyDigest, dashboardUrl: string | undefined): string {
  const { headline, lines } = digestLines(digest, escape);
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.map((line) => `• ${line}`).join('\n') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Days in ${escape(digest.week.timeZone)}` }] },
    ...(dashboardUrl
      ? [
          {
            type: 'actions',
            elements: [{ type: 'button', text: { type: 'plain_text', text: openTheWeek }, url: weekInDashboard(dashboardUrl, digest) }],
          },
        ]
      : []),
  ];
  return JSON.stringify({ text: headline, blocks });
}

export function teamsDigestBody(digest: WeeklyDigest, dashboardUrl: string | undefined): string {
  const { headline, lines } = digestLines(digest, (raw) => raw);
  return cardMessage(
    [
      paragraph({ text: headline, strong: true }),
      ...lines.map((line) => paragraph({ text: line })),
      paragraph({ text: `Days in ${digest.week.timeZone}`, subtle: true }),
    ],
    dashboardUrl ? [[openTheWeek, weekInDashboard(dashboardUrl, digest)]] : [],
  );
}
