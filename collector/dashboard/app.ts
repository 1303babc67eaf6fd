// The dashboard: tiles, trends, distributions and comments from /v1/report, filtered by touchpoint and dates.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Engagement, Report } from '../analytics/report.js';
import { onInboxFilter, refreshInbox } from './inbox.js';
import './styles.css';

const form = document.querySelector<HTMLFormElement>('#filters')!;
const status = document.querySelector<HTMLElement>('#status')!;
const readKey = new URLSearchParams(location.search).get('key');
const charts = new Map<string, uPlot>();

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const format = (value: number | null, digits = 0) => (value === null ? '–' : value.toFixed(digits));
const interval = (ci: number | null, digits = 0) => (ci === null ? '' : ` · 95% CI ±${ci.toFixed(digits)}`);
/** The response rate of a kind's prompts, when any were shown. */
const responded = (e: Engagement | undefined) => (e && e.shown ? ` · response rate ${format(e.responseRate)}% of ${e.shown} shown` : '');

function query(): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value) params.set(name, value);
  if (readKey) params.set('key', readKey);
  return params;
}

function tile(id: string, value: string, detail: string): void {
  const el = document.getElementById(id)!;
  el.querySelector('.value')!.textContent = value;
  el.querySelector('.detail')!.textContent = detail;
}

/** Draws (or redraws) a chart that fills its container's width; canvas charts get a text alternative. */
function draw(
  id: string,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
  description: string,
  xAxis: Partial<uPlot.Axis> = {},
): void {
  const el = document.getElementById(id)!;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', description);
  charts.get(id)?.destroy();
  const axis = { stroke: css('--muted'), grid: { stroke: css('--line'), width: 1 }, ticks: { stroke: css('--line'), width: 1 } };
  const chart = new uPlot({ ...options, width: el.clientWidth || 320, height: 220, axes: [{ ...axis, ...xAxis }, axis] }, data, el);
  charts.set(id, chart);
}

const resize = new ResizeObserver((entries) => {
  for (const entry of entries) charts.get(entry.target.id)?.setSize({ width: entry.contentRect.width, height: 220 });
});
document.querySelectorAll('.chart').forEach((el) => resize.observe(el));

function trend(id: string, label: string, days: readonly string[], values: ReadonlyArray<number | null>, range: [number, number]): void {
  const xs = days.map((day) => Date.parse(`${day}T12:00:00Z`) / 1000);
  const shown = values.filter((v): v is number => v !== null);
  const description = shown.length
    ? `${label} by day, from ${days[0]} to ${days.at(-1)}: ${values.map((v) => format(v, 1)).join(', ')}`
    : `${label}: no answers`;
  draw(
    id,
    {
      title: label,
      scales: { x: { time: true }, y: { range } },
      series: [{}, { label, stroke: css('--accent'), width: 2, spanGaps: true, points: { show: days.length < 40 } }],
    },
    [xs, values.map((v) => v ?? null)],
    description,
  );
}

function distribution(id: string, label: string, counts: readonly number[], first: number): void {
  const xs = counts.map((_, i) => i + first);
  draw(
    id,
    {
      title: label,
      scales: { x: { time: false, range: [first - 0.5, first + counts.length - 0.5] } },
      series: [
        { label: 'score' },
        {
          label: 'answers',
          fill: css('--accent'),
          stroke: css('--accent'),
          paths: uPlot.paths.bars!({ size: [0.7, 48] }),
          points: { show: false },
        },
      ],
    },
    [xs, [...counts]],
    `${label}: ${counts.map((count, i) => `${i + first}: ${count}`).join(', ')}`,
    // one tick per score: scores are whole numbers
    { incrs: [1, 2], values: (_chart: uPlot, ticks: number[]) => ticks.map(String) },
  );
}

function comments(report: Report): void {
  const list = document.querySelector('#comments')!;
  list.replaceChildren(
    ...report.comments.map((c) => {
      const item = document.createElement('li');
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = `${c.kind.toUpperCase()} ${c.score} · ${c.touchpoint} · ${new Date(c.answeredAt).toLocaleString()}`;
      item.append(meta, document.createTextNode(c.comment ?? ''));
      return item;
    }),
  );
  if (!report.comments.length) list.innerHTML = '<li>No comments yet.</li>';
}

function touchpointOptions(touchpoints: readonly string[]): void {
  const select = form.elements.namedItem('touchpoint') as HTMLSelectElement;
  const chosen = select.value;
  const all = select.options[0]!;
  select.replaceChildren(all, ...touchpoints.map((t) => new Option(t, t, false, t === chosen)));
}

async function refresh(): Promise<void> {
  const params = query();
  document.querySelector<HTMLAnchorElement>('#csv')!.href = `/v1/responses.csv?${params}`;
  status.textContent = 'Loading…';
  const response = await fetch(`/v1/report?${params}`);
  if (!response.ok) {
    status.textContent = `Could not load the report (HTTP ${response.status}).`;
    return;
  }
  const report = (await response.json()) as Report;
  const { nps, csat, ces, ci95 } = report.summary;
  const { byKind, followUp } = report.summary;
  tile(
    'tile-nps',
    format(nps.score),
    `${nps.n} answers${interval(ci95.nps)}${responded(byKind.nps)} · ${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors`,
  );
  tile(
    'tile-csat',
    csat.score === null ? '–' : `${format(csat.score)}%`,
    `${csat.n} answers${interval(ci95.csat)}${responded(byKind.csat)} · mean ${format(csat.mean, 2)} of 5`,
  );
  tile(
    'tile-ces',
    format(ces.mean, 2),
    `${ces.n} answers${interval(ci95.ces, 2)}${responded(byKind.ces)} · ${format(ces.easy)}% found it easy`,
  );
  tile(
    'tile-follow-up',
    String(followUp.open),
    `of ${followUp.needingAttention} needing someone · ${followUp.contacted} contacted, ${followUp.closed} closed` +
      (followUp.medianHoursToClose === null ? '' : ` · median ${format(followUp.medianHoursToClose, 1)} h to close`),
  );
  const days = report.trend.map((d) => d.day);
  trend(
    'trend-nps',
    'NPS',
    days,
    report.trend.map((d) => d.nps),
    [-100, 100],
  );
  trend(
    'trend-csat',
    'CSAT %',
    days,
    report.trend.map((d) => d.csat),
    [0, 100],
  );
  trend(
    'trend-ces',
    'CES (1–7)',
    days,
    report.trend.map((d) => d.ces),
    [1, 7],
  );
  distribution('dist-nps', 'NPS answers', report.distribution.nps, 0);
  distribution('dist-csat', 'CSAT answers', report.distribution.csat, 1);
  distribution('dist-ces', 'CES answers', report.distribution.ces, 1);
  comments(report);
  touchpointOptions(report.touchpoints);
  status.textContent = `${nps.n + csat.n + ces.n} answers`;
  await refreshInbox(params, refresh);
}

onInboxFilter(() => void refreshInbox(query(), refresh));

form.addEventListener('change', () => void refresh());
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void refresh());
void refresh();
