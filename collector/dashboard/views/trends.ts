// The dashboard's trends: per metric, and for the response rate, the rolling figure (7 or 28 days) as a line in its 95%
// band, one dot per bucket (hollow where the bucket has too few answers, or prompts shown, to read a swing into), the
// period's change in words, and the buckets as a table for anyone who does not read charts. From /v1/trends with the
// page's filter.
import type uPlot from 'uplot';
import type { PromptKind } from '../../../src/schema/response.js';
import type { BucketSize, MetricTrend, PeriodChange, RollingPoint, Trends } from '../../analytics/trends.js';
import { answersButton } from './answers.js';
import { css, draw, empty, translucent } from '../charts.js';
import { bounds, count, format, metricDigits, metricName, metricScale, pValue, whole } from '../wording.js';
import { newestLoads } from '../newest-loads.js';
import { customersPicker, segmentWords } from '../customers-picker.js';

const options = document.querySelector<HTMLFormElement>('#trend-options')!;

/** A trend the view draws: each metric, and the response rate (`rate`). */
type TrendKey = PromptKind | 'rate';
interface Look {
  /** The chart's title. */
  readonly label: string;
  /** The figure's name in words. */
  readonly name: string;
  readonly digits: number;
  readonly scale: readonly [number, number];
  /** What a bucket's `n` counts, one and many. */
  readonly counted: readonly [string, string];
  /** A share in percent whose change is in points (the response rate). */
  readonly percent: boolean;
}
const metricLook = (kind: PromptKind, label: string): Look => ({
  label,
  name: metricName[kind],
  digits: metricDigits(kind),
  scale: metricScale[kind],
  counted: ['answer', 'answers'],
  percent: false,
});
const looks: Record<TrendKey, Look> = {
  nps: metricLook('nps', 'NPS'),
  csat: metricLook('csat', 'CSAT %'),
  ces: metricLook('ces', 'CES (1–7)'),
  rate: { label: 'Response rate %', name: 'Response rate', digits: 0, scale: [0, 100], counted: ['shown', 'shown'], percent: true },
};
const bucketWords: Record<BucketSize, [string, string]> = { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'] };
let latest: Trends | null = null;
/** Whether the range has a From: an open range starts at the first answer, which may be after the default period's start. */
let sinceChosen = false;
const newest = newestLoads();
const customers = customersPicker(options.elements.namedItem('trendsFor') as HTMLSelectElement);
let filter = new URLSearchParams();

/** A trend's block: the change in words, the chart, and its buckets as a table for anyone who does not read charts. */
function block(kind: TrendKey): void {
  const look = looks[kind];
  const holder = document.getElementById(`trend-${kind}-block`)!;
  holder.className = 'trend';
  const change = document.createElement('p');
  change.className = 'change';
  change.id = `change-${kind}`;
  const chart = document.createElement('div');
  chart.className = 'chart';
  chart.id = `trend-${kind}`;
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = `${look.name} as a table`;
  const table = document.createElement('table');
  table.id = `trend-table-${kind}`;
  table.className = 'figures';
  table.createCaption();
  const head = table.createTHead().insertRow();
  for (const label of ['From', look.name, '95% interval', look.percent ? 'Shown' : 'Answers']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }
  table.createTBody();
  details.append(summary, table);
  holder.append(change, chart, details);
}
const trendKeys = ['nps', 'csat', 'ces', 'rate'] as const;
for (const kind of trendKeys) block(kind);

/** Seconds since the epoch at a time of a day, for the chart's x axis. */
const secondsAt = (day: string, hour = 12) => Date.parse(`${day}T00:00:00Z`) / 1000 + hour * 3600;

/**
 * "NPS 34, up 8 on the previous 28 days; p = 0.03, n = 412", "Response rate 44%, up 24 points on the previous 28 days;
 * p < 0.001, n = 80 shown", or what keeps the sentence from being said.
 */
function describeChange(kind: TrendKey, change: PeriodChange, days: number): string {
  const { name, digits, percent } = looks[kind];
  const previous = `the previous ${count(Math.round(days), 'day', 'days')}`;
  const { current } = change;
  if (current.value === null) return percent ? 'No prompt recorded as shown in this period.' : `No ${name} answers in this period.`;
  const now = `${name} ${format(current.value, digits)}${percent ? '%' : ''}`;
  const counted = percent ? `${whole(current.n)} shown` : count(current.n, 'answer', 'answers');
  if (change.difference === null) return `${now} on ${counted}; ${percent ? 'none shown' : 'no answers'} in ${previous} to compare with.`;
  const size = format(Math.abs(change.difference), digits);
  const moved =
    size === format(0, digits)
      ? `unchanged on ${previous}`
      : `${change.difference > 0 ? 'up' : 'down'} ${size}${percent ? (size === '1' ? ' point' : ' points') : ''} on ${previous}`;
  const n = `n = ${percent ? counted : whole(current.n)}`;
  if (change.p === null) return `${now}, ${moved}; too few ${percent ? 'shown' : 'answers'} to test the change, ${n}.`;
  const chance = change.p < 0.05 ? '' : ' (could be chance)';
  return `${now}, ${moved}${chance}; ${pValue(change.p)}, ${n}.`;
}

/** Where a line is drawn: firm where its window has enough answers, dashed where it is thin (joined at the ends). */
function lines(points: readonly RollingPoint[]) {
  const firm = points.map((p) => (p.sparse ? null : p.value));
  const thin = points.map((p, i) => {
    const near = p.sparse || points[i - 1]?.sparse || points[i + 1]?.sparse;
    return near ? p.value : null;
  });
  return { firm, thin };
}

function chart(kind: TrendKey, trend: MetricTrend, window: '7' | '28', bucket: BucketSize): void {
  const { label, digits, scale, counted } = looks[kind];
  const id = `trend-${kind}`;
  const rolling = trend.rolling[window];
  if (trend.buckets.every((b) => b.n === 0) && rolling.every((p) => p.n === 0)) return empty(id, label);
  // rolling figures at each day's noon, bucket dots at each bucket's middle: one x axis holds both
  const xs = [
    ...new Set([...rolling.map((p) => secondsAt(p.day)), ...trend.buckets.map((b) => (secondsAt(b.start, 0) + secondsAt(b.end, 0)) / 2)]),
  ];
  xs.sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  // undefined is "no point here" (the line carries on), null a gap
  const column = () => new Array<number | null | undefined>(xs.length).fill(undefined);
  const [firm, thin, low, high, dots, thinDots] = [column(), column(), column(), column(), column(), column()];
  const { firm: firmLine, thin: thinLine } = lines(rolling);
  const [min, max] = scale;
  rolling.forEach((p, i) => {
    const x = at.get(secondsAt(p.day))!;
    firm[x] = firmLine[i];
    thin[x] = thinLine[i];
    const band = p.sparse || p.value === null || p.ci95 === null;
    low[x] = band ? null : Math.max(min, p.value! - p.ci95!);
    high[x] = band ? null : Math.min(max, p.value! + p.ci95!);
  });
  for (const b of trend.buckets) {
    const x = at.get((secondsAt(b.start, 0) + secondsAt(b.end, 0)) / 2)!;
    if (b.value !== null) (b.sparse ? thinDots : dots)[x] = b.value;
  }
  const span: [number, number] = [secondsAt(trend.buckets[0]!.start, 0), secondsAt(trend.buckets.at(-1)!.end, 0)];
  document.getElementById(id)!.dataset.axis = span.map((t) => new Date(t * 1000).toISOString()).join('/');
  const last = [...rolling].reverse().find((p) => p.value !== null);
  // the figures by bucket are in the table below the chart: the label says what the line says now
  const description =
    `${label}, ${window}-day rolling` +
    (last ? `: ${format(last.value, digits)} on the ${window} days to ${last.day}, ${count(last.n, ...counted)}` : '') +
    `; each ${bucketWords[bucket][0]} in the table "${looks[kind].name} as a table"`;
  const accent = css('--accent');
  const none = () => null;
  draw(
    id,
    {
      title: label,
      scales: { x: { time: true, range: span }, y: { range: [...scale] } },
      series: [
        {},
        { label: `${window}-day rolling`, stroke: accent, width: 2, points: { show: false } },
        { label: 'too few answers', stroke: accent, width: 1, dash: [4, 4], points: { show: false } },
        { label: 'low', stroke: 'transparent', points: { show: false } },
        { label: 'high', stroke: 'transparent', points: { show: false } },
        { label: bucketWords[bucket][0], stroke: accent, paths: none, points: { show: true, size: 7, fill: accent } },
        { label: 'thin bucket', stroke: css('--muted'), paths: none, points: { show: true, size: 7, fill: css('--card'), width: 1.5 } },
      ],
      bands: [{ series: [4, 3], fill: translucent(accent, 0.18) }],
    },
    [xs, firm, thin, low, high, dots, thinDots] as uPlot.AlignedData,
    description,
  );
}

function table(kind: TrendKey, trend: MetricTrend, bucket: BucketSize): void {
  const { name, digits, scale, percent } = looks[kind];
  const body = document.querySelector(`#trend-table-${kind} tbody`)!;
  document.querySelector(`#trend-table-${kind} caption`)!.textContent = `${name} by ${bucketWords[bucket][0]}`;
  body.replaceChildren(
    ...trend.buckets.map((b) => {
      const row = document.createElement('tr');
      const interval =
        b.value === null
          ? '–'
          : b.sparse
            ? `too few ${percent ? 'shown' : 'answers'} (under ${latest!.minAnswers})`
            : bounds(b.value, b.ci95 ?? 0, scale, digits);
      [b.start, format(b.value, digits), interval, whole(b.n)].forEach((text, i) => {
        const cell = document.createElement(i ? 'td' : 'th');
        if (!i) cell.scope = 'row';
        // a bucket with answers opens them
        if (i || !b.n || kind === 'rate') cell.textContent = text;
        else cell.append(answersButton(text, { kind, since: b.start, until: b.end, ...customers.narrowing() }));
        row.append(cell);
      });
      return row;
    }),
  );
}

function render(): void {
  if (!latest) return;
  const window = new FormData(options).get('window') === '7' ? '7' : '28';
  const trends = latest;
  const bucket = trends.bucket;
  const picked = customers.segment();
  document.querySelector('#trend-key')!.textContent =
    (picked ? `The answers of customers with ${segmentWords(picked)} alone. ` : '') +
    `Line: the ${window}-day rolling figure, shaded by its 95% interval (dashed where the window has under ${trends.minAnswers} answers). ` +
    `Dots: one per ${bucketWords[bucket][0]}; hollow dots rest on under ${trends.minAnswers} answers and say little.` +
    // a chosen range over ten years is drawn from ten years before its end; its change is measured over all of it
    (sinceChosen && Date.parse(trends.since) > Date.parse(trends.period.since)
      ? ` Drawn from ${trends.metrics.nps.buckets[0]?.start}: a trend shows at most the last ten years of its range.`
      : '');
  const rateBlock = document.getElementById('trend-rate-block')!;
  // shown once prompts were recorded as shown (the script tag's and cx.show()'s; not inline elements or record())
  rateBlock.hidden = !trends.responseRate;
  document
    .querySelector('#trend-key')!
    .append(
      trends.responseRate
        ? ` The response rate is answered per 100 prompts shown; its dots are hollow under ${trends.minAnswers} shown.`
        : '',
    );
  for (const kind of trendKeys) {
    const trend = kind === 'rate' ? trends.responseRate : trends.metrics[kind];
    if (!trend) continue;
    document.querySelector(`#change-${kind}`)!.textContent = describeChange(kind, trend.change, trends.period.days);
    chart(kind, trend, window, bucket);
    table(kind, trend, bucket);
  }
}

export function refreshTrends(params: URLSearchParams): Promise<void> {
  filter = params;
  customers.offer(params);
  return load();
}

async function load(): Promise<void> {
  const loaded = await newest<Trends>(`/v1/trends?${customers.query(filter)}`);
  if (!loaded || !('body' in loaded)) return;
  latest = loaded.body;
  sinceChosen = filter.has('since');
  render();
}

// other customers are other figures; another window draws the same ones again
options.addEventListener(
  'change',
  (event) => void ((event.target as HTMLElement).getAttribute('name') === 'trendsFor' ? load() : render()),
);
