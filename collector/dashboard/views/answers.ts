// The dashboard's drill-down: the answers behind any figure in a table a page at a time — score, comment, details,
// customer (their history a click away), touchpoint, stage, segments, follow-up — narrowed by its own choices (kept in
// the address, prefixed `answers-`), opened from the figures (a tile, a segment, a journey moment, a theme, a trend
// bucket, a distribution bar), and downloadable as CSV or JSON with the same filter.
import type { AnswerListing } from '../../analytics/drill-down.js';
import { attributePairs } from '../../attributes.js';
import type { AnswerRow, BrowserIdentity } from '../../store/store.js';
import { addDays } from '../../time-zone.js';
import { longText } from '../long-text.js';
import { stackRow } from '../stack-row.js';
import { browserCustomer, customerButton } from './customer.js';
import { followUpOne } from './inbox.js';
import { saveToUrl } from '../url-state.js';
import { dimensionLabel, whole } from '../wording.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';

const section = document.querySelector<HTMLElement>('#answers')!;
const form = document.querySelector<HTMLFormElement>('#answer-options')!;
const field = (name: string) => form.elements.namedItem(`answers-${name}`) as HTMLInputElement | HTMLSelectElement;
/** The form's fields as the drill-down endpoint names them. */
const names = ['kind', 'band', 'score', 'status', 'order', 'touchpoint', 'by', 'value', 'q', 'since', 'until'] as const;
let filter = new URLSearchParams();
/** The cursors of the pages before this one, and this one's. */
let pages: string[] = [];
let here: string | null = null;

/** Answers a page: a screenful to read, not a report. */
const pageSize = 20;
const newest = newestLoads();

function query(): URLSearchParams {
  const params = new URLSearchParams(filter);
  params.set('limit', String(pageSize));
  for (const name of names) if (field(name).value) params.set(name, field(name).value);
  if ((field('comment') as HTMLInputElement).checked) params.set('comment', '1');
  return params;
}

const isDay = (value: string) => /^\d{4}-\d\d-\d\d$/.test(value);
const timeLabel = (instant: string) => new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * "On 2026-11-28", "2026-11-23 to 2026-11-29": the days from `since` up to the day before `until`; or the instants
 * of a figure's period that is no run of whole days (the journey's last 28 days up to now).
 */
function daysLabel(since: string, until: string): string {
  if (!isDay(since) || !isDay(until)) return `${timeLabel(since)} to ${timeLabel(until)}`;
  const last = addDays(until, -1);
  return last <= since ? `On ${since}` : `${since} to ${last}`;
}

/** The narrowing the table shows as removable chips: days, a comment's text, a touchpoint and a segment set from a figure. */
function chips(): void {
  const list = section.querySelector('#answer-chips')!;
  const items: HTMLElement[] = [];
  const chip = (label: string, clear: () => void) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'chip';
    button.textContent = `${label} ✕`;
    button.setAttribute('aria-label', `${label}: remove`);
    button.addEventListener('click', () => {
      clear();
      refresh();
    });
    items.push(button);
  };
  const [since, until] = [field('since').value, field('until').value];
  if (since && until) chip(daysLabel(since, until), () => ((field('since').value = ''), (field('until').value = '')));
  if (field('q').value) chip(`Comment says “${field('q').value}”`, () => (field('q').value = ''));
  if (field('touchpoint').value) chip(`Touchpoint: ${field('touchpoint').value}`, () => (field('touchpoint').value = ''));
  if (field('by').value && field('value').value)
    chip(`${dimensionLabel(field('by').value)}: ${field('value').value}`, () => ((field('by').value = ''), (field('value').value = '')));
  list.replaceChildren(...items);
}

/** Who answered: the identified customer, or whom an anonymous answer's browser was signed in as; their history a click away. */
function customerCell(r: AnswerRow['response'], browser: BrowserIdentity | undefined): string | Node {
  if (r.userId) return customerButton(r.userId);
  return browser ? browserCustomer(browser) : '–';
}

function row({ response: r, segments, followUp, browserSignedInAs }: AnswerListing['answers'][number]): HTMLTableRowElement {
  const when = new Date(r.answeredAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const shown = ['device', 'locale', ...Object.keys(segments).filter((d) => d.startsWith('trait:'))].filter((d) => segments[d]);
  return stackRow(when, [
    { label: 'Score', text: `${r.kind.toUpperCase()} ${r.score}` },
    { label: 'Comment', text: longText(r.comment ?? ''), className: 'comment' },
    // what the site recorded with the answer (an order or ticket number)
    { label: 'Details', text: attributePairs(r.metadata ?? {}).join(' · '), className: 'free-text' },
    { label: 'Customer', text: customerCell(r, browserSignedInAs), className: 'customer' },
    { label: 'Touchpoint', text: r.touchpoint, className: 'free-text' },
    { label: 'Stage', text: r.stage ?? '–', className: 'free-text' },
    { label: 'Segments', text: shown.map((d) => segments[d]).join(' · ') || '–', className: 'free-text' },
    { label: 'Follow-up', text: followUp ? followUpButton(r, when, followUp) : '–' },
  ]);
}

/** Where an unhappy customer's follow-up stands ("open, with Ben"), a click from their form in the inbox. */
function followUpButton(r: AnswerRow['response'], when: string, followUp: NonNullable<AnswerRow['followUp']>): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = `${followUp.status}${followUp.assignee ? `, with ${followUp.assignee}` : ''}`;
  button.setAttribute('aria-label', `Follow up ${r.kind.toUpperCase()} ${r.score} of ${when}: ${button.textContent}`);
  button.addEventListener('click', () => followUpOne(r.id));
  return button;
}

async function load(): Promise<void> {
  chips();
  const params = query();
  const exports = new URLSearchParams(params);
  exports.delete('limit');
  section.querySelector<HTMLAnchorElement>('#answers-csv')!.href = `/v1/answers.csv?${exports}`;
  section.querySelector<HTMLAnchorElement>('#answers-json')!.href = `/v1/answers.json?${exports}`;
  if (here) params.set('after', here);
  const status = section.querySelector('#answer-status')!;
  const loaded = await newest<AnswerListing>(`/v1/answers?${params}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    status.textContent = couldNotLoad('the answers', loaded);
    return;
  }
  const listing = loaded.body;
  const body = section.querySelector('#answer-table tbody')!;
  body.replaceChildren(...listing.answers.map(row));
  const first = pages.length * pageSize + 1;
  const last = first + listing.answers.length - 1;
  status.textContent = listing.answers.length
    ? `Answers ${whole(first)}–${whole(last)}${listing.total === null ? '' : ` of ${whole(listing.total)}`}.`
    : listing.total === 0 || !pages.length
      ? 'No answers match.'
      : 'No more answers.';
  const next = section.querySelector<HTMLButtonElement>('#answers-next')!;
  next.hidden = !listing.next;
  next.dataset.cursor = listing.next ?? '';
  section.querySelector<HTMLButtonElement>('#answers-previous')!.hidden = !pages.length;
  saveToUrl();
}

/** Back to the first page with the current choices. */
function refresh(): void {
  pages = [];
  here = null;
  void load();
}

/** Shows the answers behind a figure: `narrowing` replaces the drill-down's choices, then the section takes focus. */
export function openAnswers(narrowing: Partial<Record<(typeof names)[number], string>>): void {
  for (const name of names) if (name !== 'order') field(name).value = narrowing[name] ?? '';
  (field('comment') as HTMLInputElement).checked = false;
  refresh();
  section.scrollIntoView({ block: 'start' });
  section.querySelector<HTMLElement>('h2')!.focus();
}

/** A link-styled button that opens the answers behind a figure. */
export function answersButton(label: string, narrowing: Parameters<typeof openAnswers>[0]): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = label;
  button.addEventListener('click', () => openAnswers(narrowing));
  return button;
}

export function refreshAnswers(params: URLSearchParams): Promise<void> {
  filter = params;
  pages = [];
  here = null;
  return load();
}

form.addEventListener('change', refresh);
section.querySelector('#answers-next')!.addEventListener('click', (event) => {
  pages.push(here ?? '');
  here = (event.currentTarget as HTMLElement).dataset.cursor || null;
  void load();
});
section.querySelector('#answers-previous')!.addEventListener('click', () => {
  here = pages.pop() || null;
  void load();
});
