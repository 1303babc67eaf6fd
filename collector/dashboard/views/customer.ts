// One identified customer's history in a dialog, opened wherever the dashboard names a customer (the inbox, the
// answers, the latest comments, who was asked and did not answer): every answer they gave with its follow-up, and the
// prompts they left, newest first, whatever the page's filter — what whoever reaches an unhappy customer reads before
// writing to them ("a 9 in March, a 3 today, and twice they closed the question since"). The customer is kept in the
// address (`customer=`), so that a copied link opens them again. From /v1/people/{userId}.
import { bandOf } from '../../../src/sdk/scores.js';
import { attributePairs } from '../../attributes.js';
import type { AnswerRow, BrowserIdentity, CustomerHistory, UnansweredDisplay } from '../../store/store.js';
import { longText } from '../long-text.js';
import { emailIn, mailLink } from '../mail-link.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { saveToUrl } from '../url-state.js';
import { changeNames, count, metricName, whole } from '../wording.js';

const dialog = document.querySelector<HTMLDialogElement>('#customer')!;
const title = dialog.querySelector<HTMLElement>('#customer-title')!;
const about = dialog.querySelector<HTMLElement>('#customer-about')!;
const status = dialog.querySelector<HTMLElement>('#customer-status')!;
const timeline = dialog.querySelector<HTMLOListElement>('#customer-timeline')!;
/** The customer shown, in the address (the hidden field of a form marked `data-in-url`). */
const shownField = document.querySelector<HTMLInputElement>('#customer-state input[name="customer"]')!;
const newest = newestLoads();
/** Answers and prompts left listed at most: a person's story, not a report (the API gives up to 500). */
const listed = 100;
/** Where the keyboard was when the dialog opened, to go back to when it closes. */
let opener: HTMLElement | null = null;
/** What opens an answer's follow-up in the inbox (the inbox registers it: it imports this view). */
let followUp: ((responseId: string) => void) | null = null;

export const onFollowUp = (open: (responseId: string) => void) => void (followUp = open);

/** A link-styled button naming the customer, which opens their history. */
export function customerButton(userId: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link free-text';
  // an address breaks after its @ where a column is narrow, not anywhere
  const at = userId.indexOf('@') + 1;
  button.append(...(at > 0 ? [userId.slice(0, at), document.createElement('wbr'), userId.slice(at)] : [userId]));
  button.setAttribute('aria-label', `${userId}: their history`);
  button.addEventListener('click', () => openCustomer(userId));
  return button;
}

/** An anonymous answer whose browser the site identified: said as the browser's, that customer's history a click away. */
export function browserCustomer(browser: BrowserIdentity): HTMLSpanElement {
  const said = document.createElement('span');
  said.append('anonymous, on a browser signed in as ', customerButton(browser.userId));
  return said;
}

function openCustomer(userId: string): void {
  opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  shownField.value = userId;
  saveToUrl();
  title.textContent = userId;
  about.replaceChildren();
  timeline.replaceChildren();
  status.textContent = 'Loading their history…';
  if (!dialog.open) dialog.showModal();
  void load(userId);
}

/** Opens the customer the address names, once the page has read it. */
export function reopenCustomer(): void {
  if (shownField.value) openCustomer(shownField.value);
}

dialog.addEventListener('close', () => {
  shownField.value = '';
  saveToUrl();
  if (opener?.isConnected) opener.focus();
  opener = null;
});

/** The read key the page was opened with, for a URL of the collector's: `?key=…` (or `&key=…`), or nothing. */
function keyQuery(separator = '?'): string {
  const key = new URLSearchParams(location.search).get('key');
  return key ? `${separator}key=${encodeURIComponent(key)}` : '';
}

async function load(userId: string): Promise<void> {
  const loaded = await newest<CustomerHistory>(`/v1/people/${encodeURIComponent(userId)}?limit=${listed}${keyQuery('&')}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    status.textContent = couldNotLoad('their history', loaded);
    return;
  }
  const history = loaded.body;
  about.replaceChildren(...aboutLines(history));
  const items = [
    ...history.answers.map((row) => ({ at: Date.parse(row.response.answeredAt), item: answerItem(row) })),
    ...history.unanswered.map((shown) => ({ at: Date.parse(shown.shownAt), item: missedItem(shown) })),
  ].sort((a, b) => b.at - a.at);
  timeline.replaceChildren(...items.map(({ item }) => item));
  const left = history.shown.dismissed + history.shown.ignored + history.shown.open;
  status.textContent = !items.length
    ? 'No answer and no question shown to this customer is stored (erased, anonymised, or never identified by this id).'
    : history.answered > history.answers.length || left > history.unanswered.length
      ? `The newest ${whole(history.answers.length)} of ${count(history.answered, 'answer', 'answers')} and ${whole(history.unanswered.length)} of ${count(left, 'question', 'questions')} left, newest first.`
      : 'Their answers and the questions they left, newest first.';
}

/** Who they are (the traits of their newest answer, a mail link) and their story in figures. */
function aboutLines({ userId, answers, answered, shown }: CustomerHistory): HTMLElement[] {
  const lines: HTMLElement[] = [];
  const latest = answers[0]?.response;
  const traits = attributePairs(latest?.traits ?? {}).join(' · ');
  if (traits) lines.push(Object.assign(document.createElement('p'), { className: 'meta free-text', textContent: traits }));
  // each metric's scores, oldest first: whether it is getting better for them
  const scores = (['nps', 'csat', 'ces'] as const).flatMap((kind) => {
    const theirs = answers.filter((row) => row.response.kind === kind).map((row) => row.response.score);
    return theirs.length ? [`${metricName[kind]} ${theirs.slice(0, 8).reverse().join(' → ')}`] : [];
  });
  const figures = document.createElement('p');
  figures.textContent = answered ? `${count(answered, 'answer', 'answers')}: ${scores.join(' · ')}.` : 'No answers.';
  const asked = shown.answered + shown.dismissed + shown.ignored + shown.open;
  if (asked) {
    const outcomes = [
      shown.answered && `answered ${whole(shown.answered)}`,
      shown.dismissed && `closed ${whole(shown.dismissed)}`,
      shown.ignored && `left ${whole(shown.ignored)}`,
      shown.open && `still open ${whole(shown.open)}`,
    ].filter(Boolean);
    figures.textContent += ` Shown a question ${count(asked, 'time', 'times')}: ${outcomes.join(', ')}.`;
  }
  lines.push(figures);
  const links = document.createElement('p');
  const address = emailIn([latest?.traits?.email, userId, ...Object.values(latest?.traits ?? {})]);
  if (address) links.append(mailLink(address, 'About your feedback'), ' · ');
  // an access request answered in one click: what an erasure of them would erase
  const everything = document.createElement('a');
  everything.href = `/v1/people/${encodeURIComponent(userId)}/export${keyQuery()}`;
  everything.textContent = 'Everything held about them (JSON)';
  links.append(everything);
  lines.push(links);
  return lines;
}

const when = (instant: string) => new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function timeOf(instant: string): HTMLTimeElement {
  const time = document.createElement('time');
  time.dateTime = instant;
  time.textContent = when(instant);
  return time;
}

function answerItem({ response: r, followUp: state }: AnswerRow): HTMLLIElement {
  const item = document.createElement('li');
  const head = document.createElement('p');
  head.className = 'meta';
  const badge = document.createElement('span');
  badge.className = `badge ${bandOf(r.kind, r.score, r.scale.max)}`;
  badge.textContent = `${metricName[r.kind]} ${r.score}`;
  head.append(timeOf(r.answeredAt), ' ', badge, ` at ${r.touchpoint}${r.stage ? ` (${r.stage})` : ''}`);
  item.append(head);
  if (r.comment) {
    const comment = document.createElement('p');
    comment.className = 'comment';
    comment.append(longText(r.comment));
    item.append(comment);
  }
  // what the site recorded with it (an order or ticket number): how the moment is found again
  const details = attributePairs(r.metadata ?? {}).join(' · ');
  if (details) item.append(Object.assign(document.createElement('p'), { className: 'meta free-text', textContent: details }));
  if (state) item.append(followUpLine(r.id, state));
  return item;
}

/** Where reaching them stands: "Contacted by Ben, 5 Dec 2026 — Called her · with Ben", and the way to their form. */
function followUpLine(responseId: string, state: NonNullable<AnswerRow['followUp']>): HTMLParagraphElement {
  const line = document.createElement('p');
  line.className = 'meta';
  const done = state.changedAt
    ? `${changeNames[state.status]}${state.by ? ` by ${state.by}` : ''}, ${when(state.changedAt)}`
    : 'Nobody has reached them about it yet';
  line.append(`Follow-up: ${done}${state.note ? ` — ${state.note}` : ''}${state.assignee ? ` · with ${state.assignee}` : ''}`);
  if (followUp) {
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = 'Open in the inbox';
    open.addEventListener('click', () => {
      dialog.close();
      followUp?.(responseId);
    });
    line.append(' · ', open);
  }
  return line;
}

const missedWords: Record<UnansweredDisplay['outcome'], (kind: string, touchpoint: string) => string> = {
  dismissed: (kind, touchpoint) => `Closed the ${kind} question at ${touchpoint}`,
  ignored: (kind, touchpoint) => `Left the ${kind} question at ${touchpoint} unanswered`,
  open: (kind, touchpoint) => `Shown the ${kind} question at ${touchpoint}, no answer yet`,
};

function missedItem(shown: UnansweredDisplay): HTMLLIElement {
  const item = document.createElement('li');
  const line = document.createElement('p');
  line.className = 'meta';
  line.append(timeOf(shown.shownAt), ` ${missedWords[shown.outcome](metricName[shown.kind], shown.touchpoint)}`);
  item.append(line);
  return item;
}
