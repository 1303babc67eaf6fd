// The dashboard: tiles, trends, distributions and comments from /v1/report, filtered by touchpoint and dates.
import uPlot from 'uplot';
import type { PromptKind } from '../../src/schema/response.js';
import { bandOf } from '../../src/sdk/scores.js';
import type { Engagement, Report } from '../analytics/report.js';
import { refreshAlerts } from './views/alerts.js';
import { answersButton, openAnswers, refreshAnswers } from './views/answers.js';
import { css, draw, empty } from './charts.js';
import { addDays, isTimeZone, timeZone } from '../time-zone.js';
import { longText } from './long-text.js';
import { couldNotLoad, newestLoads } from './newest-loads.js';
import { refreshGetStarted } from './views/get-started.js';
import { browserCustomer, customerButton, onFollowUp, reopenCustomer } from './views/customer.js';
import { followUpOne, onInboxFilter, refreshInbox, showFollowUps, showOverdue } from './views/inbox.js';
import { refreshJourney } from './views/journey.js';
import { refreshSegments } from './views/segments.js';
import { refreshThemes } from './views/themes.js';
import { refreshTrends } from './views/trends.js';
import { refreshUnanswered } from './views/unanswered.js';
import { refreshWebhookTrouble } from './views/webhook-trouble.js';
import { landOnSection } from './section-nav.js';
import { restoreFromUrl } from './url-state.js';
import { count, format, interval, whole } from './wording.js';
import './styles.css';

const form = document.querySelector<HTMLFormElement>('#filters')!;
const status = document.querySelector<HTMLElement>('#status')!;
const readKey = new URLSearchParams(location.search).get('key');

/** The response rate of a kind's prompts, when any were shown. */
const responded = (e: Engagement | undefined) => (e && e.shown ? ` · response rate ${format(e.responseRate)}% of ${e.shown} shown` : '');

const dateField = (name: 'since' | 'until') => form.elements.namedItem(name) as HTMLInputElement;
const [sinceField, untilField] = [dateField('since'), dateField('until')];

/** The filters as the API takes them: To is a day the range holds, so `until` is the day after it. */
function query(): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value) params.set(name, value);
  if (untilField.value) params.set('until', addDays(untilField.value, 1));
  if (readKey) params.set('key', readKey);
  return params;
}

/** The date pickers offer only days that make a range: To from From on, From up to To. */
function boundPickers(): void {
  // set only when it changes: Chrome restarts the year being typed in a picker whose bound is set, even to itself
  if (untilField.min !== sinceField.value) untilField.min = sinceField.value;
  if (sinceField.max !== untilField.value) sinceField.max = untilField.value;
}

/** Why a range holds no day at all: From after To (typed by hand, or in a link). */
function emptyRange(): string | undefined {
  const [since, until] = [sinceField.value, untilField.value];
  return since && until && since > until ? `No days chosen: From (${since}) is after To (${until}).` : undefined;
}

/**
 * The collector counts days (From, To, the trends' days) in its time zone while answers show this browser's time: where
 * a day there does not start at midnight here, the hint under the dates names the zone and says where a day starts and
 * ends on this browser's clock.
 */
function showDayZone(name: string): void {
  const hint = document.querySelector<HTMLElement>('#day-zone')!;
  const where = name === 'UTC' ? 'UTC' : `the collector's time zone, ${name}`;
  if (!isTimeZone(name)) {
    // a zone this browser does not know (an older one than the collector's data): named, without its hours
    hint.textContent = `Days are counted in ${where}.`;
    hint.hidden = false;
    return;
  }
  const zone = timeZone(name);
  const midnight = new Date(zone.startOf(zone.dayOf(Date.now())));
  hint.hidden = midnight.getHours() === 0 && midnight.getMinutes() === 0;
  const time = midnight.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  hint.textContent = `Days are counted in ${where}: each runs from ${time} to ${time} your time.`;
}

/** Answers the database refused are safe but not in any figure: the team is told, and where to read how to bring them back. */
function showQuarantine(answers: number): void {
  const note = document.querySelector<HTMLElement>('#quarantine')!;
  note.hidden = !answers;
  note.textContent = `${count(answers, 'answer', 'answers')} the database refused ${answers === 1 ? 'is' : 'are'} kept aside and counted in no figure: the deployment guide's "The quarantine" says how to bring ${answers === 1 ? 'it' : 'them'} back.`;
}

function tile(id: string, value: string, detail: string): void {
  const el = document.getElementById(id)!;
  el.querySelector('.value')!.textContent = value;
  el.querySelector('.detail')!.textContent = detail;
}

function distribution(id: string, label: string, kind: PromptKind, counts: readonly number[], first: number): void {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return empty(id, label);
  const xs = counts.map((_, i) => i + first);
  // one series per band, each holding only its own scores, so that every bar has its band's colour
  const order = ['unhappy', 'neutral', 'happy'] as const;
  const series = order.map((band) => ({
    label: band,
    fill: css(`--${band}`),
    stroke: css(`--${band}`),
    paths: uPlot.paths.bars!({ size: [0.7, 48] }),
    points: { show: false },
  }));
  const chart = draw(
    id,
    {
      title: label,
      scales: { x: { time: false, range: [first - 0.5, first + counts.length - 0.5] } },
      series: [{ label: 'score' }, ...series],
    },
    // the axis is the kind's standard scale (CES on 1–7), so scores need no mapping
    [xs, ...order.map((band) => counts.map((c, i) => (bandOf(kind, i + first) === band ? c : null)))],
    `${label}: ${counts.map((n, i) => `${i + first}: ${whole(n)}`).join(', ')}`,
    // every score labelled (scores are whole numbers, and eleven fit even a phone), and whole counts on the other axis
    { incrs: [1], space: 12, values: (_chart: uPlot, ticks: number[]) => ticks.map(String) },
    { incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 100_000, 1_000_000] },
  );
  // a bar opens its answers (the drill-down's Score and band choices reach the same from the keyboard); CES bars are
  // on 1–7 and hold 1–5 answers mapped onto it, so a CES bar opens its band
  chart.over.style.cursor = 'pointer';
  chart.over.addEventListener('click', () => {
    const index = chart.cursor.idx;
    if (index === null || index === undefined || !counts[index]) return;
    const score = index + first;
    openAnswers(kind === 'ces' ? { kind, band: bandOf(kind, score) } : { kind, score: String(score) });
  });
}

function comments(report: Report): void {
  const list = document.querySelector('#comments')!;
  list.replaceChildren(
    ...report.comments.map((c) => {
      const item = document.createElement('li');
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = `${c.kind.toUpperCase()} ${c.score} · ${c.touchpoint} · ${new Date(c.answeredAt).toLocaleString()}`;
      // who wrote it, when known (or whom their browser was signed in as): their history a click away
      if (c.userId) meta.append(' · ', customerButton(c.userId));
      else if (c.browserSignedInAs) meta.append(' · ', browserCustomer(c.browserSignedInAs));
      item.append(meta, longText(c.comment ?? ''));
      return item;
    }),
  );
  if (!report.comments.length) {
    const none = document.createElement('li');
    none.textContent = 'No comments yet.';
    list.replaceChildren(none);
  }
}

/**
 * The filter's touchpoints: the most answered ones the report lists, the one chosen (from a link, say) even when it is
 * not among them, and a line saying how many more there are.
 */
function touchpointOptions(touchpoints: readonly string[], leftOut: number): void {
  const select = form.elements.namedItem('touchpoint') as HTMLSelectElement;
  const chosen = select.value;
  const all = select.options[0]!;
  const added = chosen && !touchpoints.includes(chosen) ? [chosen] : [];
  const listed = [...touchpoints, ...added].sort();
  const notShown = Math.max(0, leftOut - added.length);
  const more = new Option(`… and ${count(notShown, 'touchpoint', 'touchpoints')} with fewer answers`);
  more.disabled = true;
  select.replaceChildren(all, ...listed.map((t) => new Option(t, t, false, t === chosen)), ...(notShown ? [more] : []));
}

const newestReport = newestLoads();

async function refresh(): Promise<void> {
  const params = query();
  document.querySelector<HTMLAnchorElement>('#csv')!.href = `/v1/responses.csv?${params}`;
  status.textContent = 'Loading…';
  const loaded = await newestReport<Report>(`/v1/report?${params}`);
  // a newer refresh has started: it draws
  if (!loaded) return;
  if ('status' in loaded && loaded.status === 401) {
    status.textContent = readKey
      ? "This read key is not the collector's: open the dashboard as /dashboard?key= followed by the key given to cxkit-collector with --read-key."
      : 'This collector needs its read key: open the dashboard as /dashboard?key= followed by the key given to cxkit-collector with --read-key.';
    return;
  }
  if (!('body' in loaded)) {
    status.textContent = couldNotLoad('the report', loaded);
    return;
  }
  const report = loaded.body;
  const { nps, csat, ces, ci95 } = report.summary;
  const { byKind, followUp } = report.summary;
  const answers = (n: number) => count(n, 'answer', 'answers');
  tile(
    'tile-nps',
    format(nps.score),
    `${answers(nps.n)}${interval(nps.score, ci95.nps, nps.n, [-100, 100])}${responded(byKind.nps)}` +
      (nps.n
        ? ` · ${count(nps.promoters, 'promoter', 'promoters')}, ${count(nps.passives, 'passive', 'passives')}, ${count(nps.detractors, 'detractor', 'detractors')}`
        : ''),
  );
  tile(
    'tile-csat',
    csat.score === null ? '–' : `${format(csat.score)}%`,
    `${answers(csat.n)}${interval(csat.score, ci95.csat, csat.n, [0, 100])}${responded(byKind.csat)}` +
      (csat.n ? ` · mean ${format(csat.mean, 2)} of 5` : ''),
  );
  tile(
    'tile-ces',
    format(ces.mean, 2),
    `${answers(ces.n)}${interval(ces.mean, ci95.ces, ces.n, [1, 7], 2)}${responded(byKind.ces)}` +
      (ces.n ? ` · ${format(ces.easy)}% found it easy` : ''),
  );
  tile(
    'tile-follow-up',
    whole(followUp.open),
    `of ${whole(followUp.needingAttention)} needing someone` +
      (followUp.needingAttention ? ` · ${whole(followUp.overdue)} waiting over ${followUp.promiseHours} h` : '') +
      ` · ${whole(followUp.contacted)} contacted, ${whole(followUp.closed)} closed` +
      (followUp.medianHoursToFirstContact === null ? '' : ` · median ${format(followUp.medianHoursToFirstContact, 1)} h to first contact`) +
      (followUp.medianHoursToClose === null ? '' : `, ${format(followUp.medianHoursToClose, 1)} h to close`),
  );
  overdueLink.hidden = !followUp.overdue;
  overdueButton.textContent = `See those waiting over ${followUp.promiseHours} h`;
  showFollowUps(followUp);
  distribution('dist-nps', 'NPS answers', 'nps', report.distribution.nps, 0);
  distribution('dist-csat', 'CSAT answers', 'csat', report.distribution.csat, 1);
  distribution('dist-ces', 'CES answers', 'ces', report.distribution.ces, 1);
  comments(report);
  touchpointOptions(report.touchpoints, report.touchpointsLeftOut);
  showDayZone(report.timeZone);
  showQuarantine(report.quarantinedAnswers);
  boundPickers();
  status.textContent = emptyRange() ?? answers(nps.n + csat.n + ces.n);
  await Promise.all([
    refreshGetStarted(report.touchpoints.length + report.touchpointsLeftOut > 0, readKey, () => void refresh()),
    refreshJourney(params),
    refreshSegments(params),
    refreshTrends(params),
    refreshAnswers(params),
    refreshThemes(params),
    refreshInbox(params, refresh),
    refreshUnanswered(params),
  ]);
}

onInboxFilter(() => void refreshInbox(query(), refresh));

// each score opens the answers behind it
for (const [id, label, narrowing] of [
  ['tile-nps', 'See the NPS answers', { kind: 'nps' }],
  ['tile-csat', 'See the CSAT answers', { kind: 'csat' }],
  ['tile-ces', 'See the CES answers', { kind: 'ces' }],
  ['tile-follow-up', 'See the open ones', { status: 'open' }],
] as const) {
  const link = document.createElement('p');
  link.append(answersButton(label, narrowing));
  document.getElementById(id)!.append(link);
}
// and the customers waiting past the team's promise, in the inbox, when there are any
const overdueLink = document.createElement('p');
const overdueButton = document.createElement('button');
overdueButton.type = 'button';
overdueButton.className = 'link';
overdueButton.addEventListener('click', showOverdue);
overdueLink.append(overdueButton);
overdueLink.hidden = true;
document.getElementById('tile-follow-up')!.append(overdueLink);
// a customer's history opens their unhappy answers' follow-ups in the inbox
onFollowUp(followUpOne);
restoreFromUrl();
reopenCustomer();
// Chrome sends `change` at each valid day while a year is typed (0002, 0020, 0202, 2025): a date waits for a pause
const datePause = 500;
let dateTyped: ReturnType<typeof setTimeout> | undefined;
form.addEventListener('change', (event) => {
  clearTimeout(dateTyped);
  if ((event.target as HTMLInputElement).type === 'date') dateTyped = setTimeout(() => void refresh(), datePause);
  else void refresh();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void refresh());
void refresh().then(landOnSection);
// where alerts go, and those that stopped arriving, whatever the filters: once a load
void refreshWebhookTrouble(readKey);
void refreshAlerts(readKey);
