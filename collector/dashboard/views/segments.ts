// The dashboard's segments: every metric broken down by one dimension (device, locale, page, new or returning, a
// trait), and two values side by side with the difference, its 95% interval and p-value in words. From /v1/segments
// with the page's filter; the choices live in the address like the filters.
import type { PromptKind } from '../../../src/schema/response.js';
import type { Difference, Figure } from '../../analytics/estimates.js';
import type { SegmentFigures, Segments } from '../../analytics/segments.js';
import { answersButton } from './answers.js';
import { stackRow } from '../stack-row.js';
import { saveToUrl } from '../url-state.js';
import { bounds, count, dimensionLabel, format, metricDigits, metricName, metricScale, pValue, signed, whole } from '../wording.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';

const options = document.querySelector<HTMLFormElement>('#segment-options')!;
const kinds = ['nps', 'csat', 'ces'] as const;
let filter = new URLSearchParams();
const newest = newestLoads();

const field = (name: string) => options.elements.namedItem(name) as HTMLSelectElement;

/** Replaces a select's options, keeping the chosen value (also one the data no longer has, so that a link keeps it). */
function fill(select: HTMLSelectElement, choices: ReadonlyArray<readonly [string, string]>, blank?: string): void {
  const chosen = select.value;
  const all = [...(blank === undefined ? [] : [['', blank] as const]), ...choices];
  if (chosen && !all.some(([value]) => value === chosen)) all.push([chosen, chosen]);
  select.replaceChildren(...all.map(([value, label]) => new Option(label, value, false, value === chosen)));
}

/** "34 (26 to 42)", "34 (few: 12)" below the minimum, "–" with no answers. */
function cell(kind: PromptKind, f: Figure): string {
  if (f.value === null) return '–';
  const value = format(f.value, metricDigits(kind));
  if (f.sparse) return `${value} (few: ${whole(f.n)})`;
  return f.ci95 === null ? value : `${value} (${bounds(f.value, f.ci95, metricScale[kind], metricDigits(kind))})`;
}

/** "12% of 250 shown", "– (none shown)". */
function responseRate({ shown, responseRate: rate }: NonNullable<SegmentFigures['displays']>): string {
  return rate === null ? '– (none shown)' : `${format(rate)}% of ${whole(shown)} shown`;
}

function table(segments: Segments): void {
  const body = document.querySelector('#segment-table tbody')!;
  document.querySelector('#segment-table caption')!.textContent = `By ${dimensionLabel(segments.dimension).toLowerCase()}`;
  document.querySelector('#segment-dimension')!.textContent = dimensionLabel(segments.dimension);
  // by device and by page, the displays say who answers and who does not
  const rates = segments.values.some((s) => s.displays);
  document.querySelector<HTMLElement>('#segment-response-rate')!.hidden = !rates;
  body.replaceChildren(
    ...segments.values.map((s) =>
      stackRow(answersButton(s.value, { by: segments.dimension, value: s.value }), [
        { label: 'Answers', text: whole(s.n) },
        ...(s.displays ? [{ label: 'Response rate', text: responseRate(s.displays) }] : []),
        ...kinds.map((kind) => ({ label: columns[kind], text: cell(kind, s.metrics[kind]) })),
      ]),
    ),
  );
  if (!segments.values.length) {
    const row = document.createElement('tr');
    const empty = document.createElement('td');
    empty.textContent = 'No answers in this range carry this segment yet.';
    empty.colSpan = rates ? 6 : 5;
    row.append(empty);
    body.replaceChildren(row);
  }
  // the key explains the brackets where the table shows an interval
  document.querySelector<HTMLElement>('#segment-key')!.hidden = !segments.values.some((s) => kinds.some((k) => !s.metrics[k].sparse));
  document.querySelector('#segment-others')!.textContent = segments.others.values
    ? `${count(segments.others.values, 'more value', 'more values')} with ${count(segments.others.n, 'answer', 'answers')} not listed.`
    : '';
}

/** The metrics' columns, as the cells name themselves for the phone layout. */
const columns = { nps: 'NPS', csat: 'CSAT %', ces: 'CES (1–7)' } as const;

/** "NPS: mobile 0 against desktop 50, a difference of −50 (95% CI −91 to −9); p = 0.02; 40 answers and 40." */
function describeDifference(kind: PromptKind, a: SegmentFigures, b: SegmentFigures, d: Difference): string | null {
  const [fa, fb] = [a.metrics[kind], b.metrics[kind]];
  if (fa.value === null && fb.value === null) return null;
  if (fa.value === null || fb.value === null || d.difference === null)
    return `${metricName[kind]}: ${fa.value === null ? a.value : b.value} has no answers to compare.`;
  const digits = metricDigits(kind);
  const values = `${metricName[kind]}: ${a.value} ${format(fa.value, digits)} against ${b.value} ${format(fb.value, digits)}`;
  const answers = `${count(fa.n, 'answer', 'answers')} and ${whole(fb.n)}`;
  if (d.ci95 === null || d.p === null)
    return `${values}, a difference of ${signed(d.difference, digits)}; too few answers to test it (${answers}).`;
  const verdict = fa.sparse || fb.sparse ? ' — few answers, read with care' : d.p < 0.05 ? '' : ' — could be chance';
  return (
    `${values}, a difference of ${signed(d.difference, digits)} (95% CI ${signed(d.difference - d.ci95, digits)} to ${signed(d.difference + d.ci95, digits)}); ` +
    `${pValue(d.p)}${verdict}; ${answers}.`
  );
}

/** "Response rate: mobile 20% against desktop 100%, a difference of −80 points (95% CI −86 to −74); p < 0.001; 200 shown and 40." */
function describeResponseRates(a: SegmentFigures, b: SegmentFigures, d: Difference, minShown: number): string | null {
  const [ra, rb] = [a.displays, b.displays];
  if (!ra || !rb || ra.responseRate === null || rb.responseRate === null || d.difference === null) return null;
  const values = `Response rate: ${a.value} ${format(ra.responseRate)}% against ${b.value} ${format(rb.responseRate)}%`;
  const shown = `${whole(ra.shown)} shown and ${whole(rb.shown)}`;
  if (d.ci95 === null || d.p === null)
    return `${values}, a difference of ${signed(d.difference)} points; too few shown to test it (${shown}).`;
  const few = ra.shown < minShown || rb.shown < minShown;
  const verdict = few ? ' — few shown, read with care' : d.p < 0.05 ? '' : ' — could be chance';
  return (
    `${values}, a difference of ${signed(d.difference)} points (95% CI ${signed(d.difference - d.ci95)} to ${signed(d.difference + d.ci95)}); ` +
    `${pValue(d.p)}${verdict}; ${shown}.`
  );
}

function comparison(segments: Segments): void {
  const list = document.querySelector('#segment-comparison')!;
  const c = segments.comparison;
  if (!c) {
    list.replaceChildren();
    return;
  }
  const sentences = [
    ...kinds.map((kind) => describeDifference(kind, c.a, c.b, c.differences[kind])),
    // as thin a base as a figure on few answers
    c.responseRate ? describeResponseRates(c.a, c.b, c.responseRate, segments.minAnswers) : null,
  ];
  list.replaceChildren(
    ...sentences.flatMap((sentence) => {
      if (!sentence) return [];
      const item = document.createElement('li');
      item.textContent = sentence;
      return [item];
    }),
  );
}

async function load(): Promise<void> {
  const params = new URLSearchParams(filter);
  const [by, a, b] = [field('by').value, field('a').value, field('b').value];
  if (by) params.set('by', by);
  if (a && b && a !== b) (params.set('a', a), params.set('b', b));
  const status = document.querySelector('#segment-status')!;
  let loaded = await newest<Segments>(`/v1/segments?${params}`);
  if (loaded && 'status' in loaded && loaded.status === 400 && by) {
    // a link from a collector that segmented by a trait this one does not: the first dimension instead
    field('by').value = '';
    params.delete('by');
    loaded = await newest<Segments>(`/v1/segments?${params}`);
  }
  if (!loaded) return;
  if (!('body' in loaded)) {
    status.textContent = couldNotLoad('the segments', loaded);
    return;
  }
  status.textContent = '';
  const segments = loaded.body;
  fill(
    field('by'),
    segments.dimensions.map((d) => [d, dimensionLabel(d)]),
  );
  field('by').value = segments.dimension;
  const values = segments.values.map((s) => [s.value, s.value] as const);
  fill(field('a'), values, 'Choose…');
  fill(field('b'), values, 'Choose…');
  table(segments);
  comparison(segments);
  saveToUrl();
}

export function refreshSegments(params: URLSearchParams): Promise<void> {
  filter = params;
  return load();
}

options.addEventListener('change', (event) => {
  // another dimension has other values: the comparison starts over
  if ((event.target as HTMLElement).getAttribute('name') === 'by') (field('a').replaceChildren(), field('b').replaceChildren());
  void load();
});
