// The follow-up inbox: answers that need someone, each with a small form to record who reached the customer and who
// has them (their owner); "Left to" lists the customers left to the name typed in "Your name", to nobody, or to one
// person of "Who has them" (each owner's open, contacted and closed customers in the range). Reading uses the
// dashboard's read key; a change sends the admin key typed here (kept for this tab only).
import type { Attributes } from '../../../src/schema/response.js';
import { hashRoute } from '../../../src/sdk/page.js';
import { attributePairs } from '../../attributes.js';
import type { FollowUpSummary, OwnerLoad } from '../../analytics/follow-up-promise.js';
import type { ListedInboxItem } from '../../http/follow-ups.js';
import type { Segment } from '../../store/store.js';
import { customersPicker, segmentWords } from '../customers-picker.js';
import { browserCustomer, customerButton } from './customer.js';
import { refreshRecovery } from './recovery.js';
import { longText } from '../long-text.js';
import { emailIn, mailLink } from '../mail-link.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { changeNames } from '../wording.js';

const settings = document.querySelector<HTMLFormElement>('#admin')!;
const list = document.querySelector<HTMLOListElement>('#inbox-items')!;
const status = document.querySelector<HTMLElement>('#inbox-status')!;
const adminKeyInput = settings.elements.namedItem('adminKey') as HTMLInputElement;
const byInput = settings.elements.namedItem('by') as HTMLInputElement;
const showSelect = settings.elements.namedItem('status') as HTMLSelectElement;
const orderSelect = settings.elements.namedItem('order') as HTMLSelectElement;
const leftToSelect = settings.elements.namedItem('leftTo') as HTMLSelectElement;
const overdueOption = showSelect.querySelector<HTMLOptionElement>('option[value="overdue"]')!;
/** One segment's customers alone (a key account team's), and who has them; the overview's tile stays everyone's. */
const customersSelect = settings.elements.namedItem('inboxFor') as HTMLSelectElement;
const customers = customersPicker(customersSelect);
/** The names the team goes by (owners and who changed a follow-up), offered as an owner is typed. */
const people = document.querySelector<HTMLDataListElement>('#follow-up-people')!;

const storedKey = 'cxkit-admin-key';
adminKeyInput.value = sessionStorage.getItem(storedKey) ?? '';
byInput.value = localStorage.getItem('cxkit-follow-up-by') ?? '';
adminKeyInput.addEventListener('change', () => sessionStorage.setItem(storedKey, adminKeyInput.value));
byInput.addEventListener('change', () => localStorage.setItem('cxkit-follow-up-by', byInput.value));
settings.addEventListener('submit', (event) => event.preventDefault());

const statusNames = { open: 'Open', contacted: 'Contacted', closed: 'Closed' } as const;

/** Why a change was refused, in words a CX manager can act on; a value the collector refused, in its words. */
async function refusal(reply: Response): Promise<string> {
  const code = reply.status;
  if (code === 400) {
    const body = (await reply.json().catch(() => ({}))) as { issues?: Array<{ path: string; message: string }> };
    const issue = body.issues?.[0];
    if (issue) return `Not saved: ${issue.path.replace(/^body\./, '')}: ${issue.message}.`;
  }
  if (code === 401) return 'Not saved: the admin key is missing or wrong (the read key cannot change follow-ups).';
  if (code === 403) return 'Not saved: this collector allows no changes (start it with --admin-key).';
  if (code === 404) return 'Not saved: this answer no longer exists (it may have been erased).';
  return `Not saved: the collector answered ${code}.`;
}

/** "40 min", "5 h", "3 days". */
function waitingFor(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

function describe(item: ListedInboxItem): { meta: string; who: Array<string | Node>; label: string } {
  const r = item.response;
  const traitsOf = (traits: Attributes | null | undefined) => (traits ? ` (${attributePairs(traits).join(', ')})` : '');
  const browser = item.browserSignedInAs;
  // an identified customer opens their history: what they said before, and whether anyone reached them then; an
  // anonymous one whose browser the site identified is one click from that customer too, said as the browser's
  const who = r.userId
    ? [customerButton(r.userId), traitsOf(r.traits)]
    : browser
      ? [browserCustomer(browser), traitsOf(browser.traits)]
      : ['anonymous'];
  const page = new URL(r.page.url, location.href);
  const where = `${r.touchpoint} · ${page.pathname}${hashRoute(page.hash)}`;
  // an open item says how long the customer has been waiting, which is what a queue is worked by
  const waiting = item.followUp.status === 'open' ? ` · waiting ${waitingFor(Date.now() - Date.parse(r.answeredAt))}` : '';
  return {
    meta: `${where} · ${new Date(r.answeredAt).toLocaleString()}${waiting} · `,
    who,
    label: `${r.kind.toUpperCase()} ${r.score} at ${r.touchpoint}, ${new Date(r.answeredAt).toLocaleString()}`,
  };
}

/**
 * An address to write to, when the answer holds one: an `email` trait or metadata value first, then the user id or any
 * other; for an anonymous answer, its browser's signed-in customer's the same way.
 */
function emailOf({ response: r, browserSignedInAs: browser }: ListedInboxItem): string | undefined {
  const traits = r.traits ?? browser?.traits ?? {};
  return emailIn([
    traits.email,
    r.metadata?.email,
    r.userId ?? browser?.userId,
    ...Object.values(traits),
    ...Object.values(r.metadata ?? {}),
  ]);
}

/** A link that opens a mail to the customer, their comment quoted, for the person who reaches them (then marks it contacted). */
function emailLine(item: ListedInboxItem): HTMLParagraphElement | null {
  const r = item.response;
  const address = emailOf(item);
  if (!address) return null;
  const quoted = r.comment ? `You told us on ${new Date(r.answeredAt).toLocaleDateString()}: "${r.comment.slice(0, 500)}"\n\n` : '';
  const line = document.createElement('p');
  line.className = 'meta';
  line.append(mailLink(address, 'About your feedback', quoted));
  return line;
}

function itemView(item: ListedInboxItem, onChanged: () => Promise<void>): HTMLLIElement {
  const r = item.response;
  const { meta, who, label } = describe(item);
  const li = document.createElement('li');
  const heading = document.createElement('p');
  heading.className = 'meta';
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = `${r.kind.toUpperCase()} ${r.score}`;
  heading.append(badge);
  // past the team's promise with nobody having reached them: what a CX lead chases first
  if (item.followUp.status === 'open' && Date.now() - Date.parse(r.answeredAt) > promiseHours * 3_600_000) {
    const late = document.createElement('span');
    late.className = 'badge overdue';
    late.textContent = 'Overdue';
    heading.append(late);
  }
  heading.append(meta, ...who);
  // what the site recorded with the answer (an order or ticket number): how the customer is found again
  const details = document.createElement('p');
  details.className = 'meta';
  details.textContent = attributePairs(r.metadata ?? {}).join(' · ');
  const comment = document.createElement('p');
  comment.className = 'comment';
  comment.append(r.comment ? longText(r.comment) : r.partial ? '(left before writing a comment)' : '(no comment)');

  const form = document.createElement('form');
  form.className = 'follow-up';
  form.dataset.id = r.id;
  form.setAttribute('aria-label', `Follow-up for ${label}`);
  const select = document.createElement('select');
  select.name = 'status';
  for (const [value, name] of Object.entries(statusNames))
    select.add(new Option(name, value, value === item.followUp.status, value === item.followUp.status));
  const note = document.createElement('input');
  note.name = 'note';
  note.defaultValue = item.followUp.note ?? '';
  note.maxLength = 2000;
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Save';
  const outcome = document.createElement('span');
  outcome.className = 'outcome';
  outcome.setAttribute('role', 'status');
  if (item.followUp.changedAt) {
    outcome.textContent = `${changeNames[item.followUp.status]}${item.followUp.by ? ` by ${item.followUp.by}` : ''}, ${new Date(item.followUp.changedAt).toLocaleString()}`;
  }
  const owner = document.createElement('input');
  owner.name = 'assignee';
  owner.defaultValue = item.followUp.assignee ?? '';
  owner.maxLength = 200;
  owner.placeholder = 'Nobody';
  owner.setAttribute('list', people.id);
  owner.autocomplete = 'off';
  const field = (text: string, control: HTMLElement) => {
    const wrapper = document.createElement('label');
    wrapper.append(text, control);
    return wrapper;
  };
  form.append(field('Status', select), field('Owner', owner), field('Note', note), button, outcome);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      // not disabled, which would take the focus away from whoever saved by keyboard
      if (button.getAttribute('aria-disabled')) return;
      button.setAttribute('aria-disabled', 'true');
      try {
        const reply = await fetch(`/v1/responses/${encodeURIComponent(r.id)}/follow-up`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminKeyInput.value}` },
          body: JSON.stringify({
            status: select.value,
            ...(note.value ? { note: note.value } : {}),
            ...(byInput.value ? { by: byInput.value } : {}),
            assignee: owner.value.trim() || null,
          }),
        });
        if (!reply.ok) {
          outcome.textContent = await refusal(reply);
          return;
        }
        // the list is drawn again (the item may leave this view), so the confirmation goes to the inbox's own status
        const held = owner.value.trim() ? `, with ${owner.value.trim()}` : '';
        const saved = `Saved: ${label} is ${statusNames[select.value as keyof typeof statusNames].toLowerCase()}${held}${byInput.value ? ` (${byInput.value})` : ''}.`;
        await onChanged();
        status.textContent = saved;
      } catch {
        outcome.textContent = 'Not saved: the collector could not be reached.';
      } finally {
        button.removeAttribute('aria-disabled');
      }
    })();
  });
  const text = document.createElement('div');
  const email = emailLine(item);
  text.append(heading, ...(details.textContent ? [details] : []), ...(email ? [email] : []), comment);
  li.append(text, form);
  return li;
}

const more = document.querySelector<HTMLButtonElement>('#inbox-more')!;

/** What is typed or chosen in the items and not saved yet, by answer and field, and where the focus is in them. */
interface Drafts {
  readonly values: Map<string, Map<string, string>>;
  readonly focus: { readonly id: string; readonly name: string; readonly next: string | undefined } | null;
}

const fieldsOf = (form: HTMLFormElement) =>
  [...form.elements].filter(
    (el): el is HTMLInputElement | HTMLSelectElement => el instanceof HTMLInputElement || el instanceof HTMLSelectElement,
  );
const isChanged = (el: HTMLInputElement | HTMLSelectElement) =>
  el instanceof HTMLInputElement ? el.value !== el.defaultValue : !el.selectedOptions[0]?.defaultSelected;

/** The drafts in the list as drawn: the list is drawn again after every save, and a draft begun in another item stays. */
function draftsIn(): Drafts {
  const forms = [...list.querySelectorAll<HTMLFormElement>('form.follow-up')];
  const values = new Map<string, Map<string, string>>();
  for (const form of forms) {
    const changed = fieldsOf(form).filter(isChanged);
    if (changed.length) values.set(form.dataset.id!, new Map(changed.map((el) => [el.name, el.value])));
  }
  const focused = document.activeElement;
  const form = focused instanceof HTMLElement ? focused.closest<HTMLFormElement>('form.follow-up') : null;
  const at = form ? forms.indexOf(form) : -1;
  const focus = form ? { id: form.dataset.id!, name: (focused as HTMLInputElement).name, next: forms[at + 1]?.dataset.id } : null;
  return { values, focus };
}

/** The drafts put back in the items drawn again; the focus back where it was, or on the next item when its own left. */
function restore({ values, focus }: Drafts): void {
  const formOf = (id: string | undefined) => (id ? list.querySelector<HTMLFormElement>(`form[data-id="${CSS.escape(id)}"]`) : null);
  for (const [id, fields] of values) {
    const form = formOf(id);
    for (const [name, value] of fields) {
      const el = form?.elements.namedItem(name);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) el.value = value;
    }
  }
  if (!focus) return;
  const same = formOf(focus.id);
  // a field by its name; Save, which has none, as itself
  const target = same
    ? focus.name
      ? (same.elements.namedItem(focus.name) as HTMLElement | null)
      : same.querySelector('button')
    : formOf(focus.next)?.querySelector<HTMLElement>('select');
  target?.focus();
}

/** "Left to" one person of "Who has them": the option's value is the name after this (a name may be "me"). */
const ownerValue = 'owner:';
const ownersTable = document.querySelector<HTMLTableElement>('#owners')!;

/** The owners in the range's figures, offered as an owner is typed beside the names in the list. */
let ownerNames: readonly string[] = [];

/** Hours within which the team means to reach a customer (the collector's `--follow-up-hours`). */
let promiseHours = 48;

/** Everyone's follow-up figures in the range, as the overview's last load brought them. */
let everyone: FollowUpSummary | null = null;
const newestOwners = newestLoads();

/**
 * Takes the range's follow-up figures: the team's promise, which "Show" offers the customers waiting past; "Who has
 * them", unless one segment's customers are shown; each owner offered in "Left to", keeping the one chosen.
 */
export function showFollowUps(figures: FollowUpSummary): void {
  everyone = figures;
  promiseHours = figures.promiseHours;
  overdueOption.textContent = `Waiting over ${figures.promiseHours} h`;
  const named = figures.owners.flatMap((o) => (o.assignee === null ? [] : [o.assignee]));
  if (!customers.segment()) drawOwners(figures.owners);
  const chosen = leftToSelect.value;
  const offered = [...new Set([...named, ...(chosen.startsWith(ownerValue) ? [chosen.slice(ownerValue.length)] : [])])].sort();
  for (const option of [...leftToSelect.options]) if (option.value.startsWith(ownerValue)) option.remove();
  for (const name of offered) leftToSelect.add(new Option(name, ownerValue + name));
  leftToSelect.value = chosen;
  ownerNames = named;
}

/** "Who has them" for one segment's customers, from the collector's follow-up figures for it. */
async function showSegmentOwners(query: URLSearchParams, picked: Segment): Promise<void> {
  const loaded = await newestOwners<FollowUpSummary>(`/v1/follow-ups?${query}`);
  if (!loaded) return;
  // not known, not shown: a table of everyone's under this caption would tell the team the wrong customers' load
  drawOwners('body' in loaded ? loaded.body.owners : [], picked);
}

/**
 * "Who has them": each owner's open, contacted and closed customers, and nobody's; none while the team gives nobody
 * an owner (every customer is nobody's) or the segment shown has nobody needing anyone.
 */
function drawOwners(owners: readonly OwnerLoad[], picked: Segment | null = null): void {
  const teamNames = (everyone?.owners ?? owners).some((o) => o.assignee !== null);
  ownersTable.hidden = !teamNames || !owners.length;
  ownersTable.caption!.textContent = picked ? `Who has them (those with ${segmentWords(picked)})` : 'Who has them';
  ownersTable.tBodies[0]!.replaceChildren(
    ...owners.map((o) => {
      const row = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      const pick = document.createElement('button');
      pick.type = 'button';
      pick.className = 'link';
      pick.textContent = o.assignee ?? 'Nobody';
      pick.addEventListener('click', () => {
        leftToSelect.value = o.assignee === null ? 'none' : ownerValue + o.assignee;
        leftToSelect.dispatchEvent(new Event('change'));
      });
      name.append(pick);
      row.append(
        name,
        ...[o.open, o.overdue, o.contacted, o.closed].map((n) =>
          Object.assign(document.createElement('td'), { textContent: n.toLocaleString() }),
        ),
      );
      return row;
    }),
  );
}

/** The name whose customers are listed ("Left to: Me" or an owner), or null. */
let listedFor: string | null = null;
const pageSize = 10;
const newest = newestLoads();
let shownCount = pageSize;

/** The inbox's customers waiting past the promise, brought into view: from the tile that counts them. */
export function showOverdue(): void {
  showSelect.value = 'overdue';
  showSelect.dispatchEvent(new Event('change'));
  panel.scrollIntoView({ block: 'start' });
  showSelect.focus({ preventScroll: true });
}

/** One customer opened from the answers, shown alone until the inbox's own choices are touched; and whether to focus it. */
let only: string | null = null;
let focusOnly = false;
/** The dashboard's filters and what a save redraws, as the last refresh had them: opening one customer reuses them. */
let latest: { readonly params: URLSearchParams; readonly onChanged: () => Promise<void> } | null = null;
const oneLine = document.querySelector<HTMLElement>('#inbox-one')!;
const panel = document.querySelector<HTMLElement>('#follow-ups')!;

/** Shows one customer alone in the inbox, with their follow-up's form focused: from an answer that needs someone. */
export function followUpOne(responseId: string): void {
  only = responseId;
  focusOnly = true;
  panel.scrollIntoView({ block: 'start' });
  if (latest) void refreshInbox(latest.params, latest.onChanged);
}

document.querySelector<HTMLButtonElement>('#inbox-all')!.addEventListener('click', () => {
  only = null;
  if (latest) void refreshInbox(latest.params, latest.onChanged);
  showSelect.focus();
});

/** The query of one customer: whatever the range and the inbox's choices, with the read key when there is one. */
function oneQuery(params: URLSearchParams, responseId: string): URLSearchParams {
  const query = new URLSearchParams({ response: responseId, limit: '1' });
  const key = params.get('key');
  if (key) query.set('key', key);
  return query;
}

/** Loads the inbox for the dashboard's filters (`params` carries the read key when there is one). */
export async function refreshInbox(params: URLSearchParams, onChanged: () => Promise<void>): Promise<void> {
  latest = { params, onChanged };
  oneLine.hidden = only === null;
  if (only !== null) return showOne(oneQuery(params, only), onChanged);
  customers.offer(params);
  const picked = customers.segment();
  const query = customers.query(params);
  void refreshRecovery(new URLSearchParams(query));
  if (picked) void showSegmentOwners(new URLSearchParams(query), picked);
  else if (everyone) drawOwners(everyone.owners);
  if (showSelect.value === 'overdue') query.set('overdue', '1');
  else if (showSelect.value) query.set('status', showSelect.value);
  const me = byInput.value.trim();
  const mine = leftToSelect.value === 'me';
  listedFor = mine ? me : leftToSelect.value.startsWith(ownerValue) ? leftToSelect.value.slice(ownerValue.length) : null;
  if (mine && !me) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = 'Type your name above to see the customers left to you.';
    return;
  }
  if (leftToSelect.value) query.set('assignee', listedFor ?? 'none');
  if (orderSelect.value !== 'newest') query.set('order', orderSelect.value);
  // one more than shown tells whether there is more
  query.set('limit', String(shownCount + 1));
  const loaded = await newest<{ items: ListedInboxItem[] }>(`/v1/inbox?${query}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    status.textContent = couldNotLoad('the inbox', loaded);
    return;
  }
  const { items } = loaded.body;
  const names = new Set(
    [me, ...ownerNames, ...items.flatMap((item) => [item.followUp.assignee, item.followUp.by])].filter((name): name is string => !!name),
  );
  people.replaceChildren(...[...names].sort().map((name) => new Option(name)));
  const drafts = draftsIn();
  list.replaceChildren(...items.slice(0, shownCount).map((item) => itemView(item, onChanged)));
  restore(drafts);
  more.hidden = items.length <= shownCount;
  more.onclick = () => {
    shownCount += pageSize;
    void refreshInbox(params, onChanged);
  };
  const shown = showSelect.selectedOptions[0]?.textContent?.toLowerCase() ?? '';
  const leftTo = leftToSelect.value ? ` left to ${listedFor ?? 'nobody'}` : '';
  status.textContent = items.length
    ? ''
    : showSelect.value === 'overdue'
      ? `Nobody${leftTo} has waited over ${promiseHours} h for a follow-up.`
      : leftTo
        ? `No ${shown === 'all' ? '' : `${shown} `}follow-ups${leftTo}.`
        : showSelect.value === 'open'
          ? 'Nobody is waiting for a follow-up.'
          : `No ${shown === 'all' ? '' : `${shown} `}follow-ups.`;
  if (!items.length && picked) status.textContent += ` (Customers: those with ${segmentWords(picked)} alone.)`;
}

/** One customer alone, the form focused when they were just opened; said so when they no longer need anyone. */
async function showOne(query: URLSearchParams, onChanged: () => Promise<void>): Promise<void> {
  more.hidden = true;
  const loaded = await newest<{ items: ListedInboxItem[] }>(`/v1/inbox?${query}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    status.textContent = couldNotLoad('the inbox', loaded);
    return;
  }
  const drafts = draftsIn();
  list.replaceChildren(...loaded.body.items.map((item) => itemView(item, onChanged)));
  restore(drafts);
  if (focusOnly) status.textContent = '';
  if (!loaded.body.items.length) status.textContent = 'This customer is no longer in the inbox (their answer was erased).';
  if (focusOnly) list.querySelector<HTMLSelectElement>('select[name="status"]')?.focus({ preventScroll: true });
  focusOnly = false;
}

export function onInboxFilter(listener: () => void): void {
  for (const select of [showSelect, orderSelect, leftToSelect, customersSelect, byInput]) {
    select.addEventListener('change', () => {
      // a name changed while someone's list is shown lists theirs; a name left as it was (the field left) redraws nothing
      if (select === byInput && (leftToSelect.value !== 'me' || byInput.value.trim() === listedFor)) return;
      only = null;
      shownCount = pageSize;
      listener();
    });
  }
}
