// Who was asked and did not answer: the identified customers shown a question in the page's range who closed it or left
// it without answering at that touchpoint — everyone, or one segment's (a key account team's plan). From /v1/unanswered
// with the page's filter.
import type { UnansweredList } from '../../store/store.js';
import { customersPicker, segmentWords } from '../customers-picker.js';
import { customerButton } from './customer.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { count, whole } from '../wording.js';
import { emailIn, mailLink } from '../mail-link.js';

const section = document.querySelector<HTMLElement>('#unanswered')!;
const list = section.querySelector<HTMLOListElement>('#unanswered-people')!;
const status = section.querySelector<HTMLElement>('#unanswered-status')!;
const more = section.querySelector<HTMLButtonElement>('#unanswered-more')!;
const customers = customersPicker(section.querySelector<HTMLSelectElement>('select[name="unansweredFor"]')!);
const newest = newestLoads();
/** Customers listed at first and added a click: a queue to read, a page at a time, however long. */
const step = 10;
let filter = new URLSearchParams();
/** Where the next page starts (the collector's cursor), null after the last. */
let next: string | null = null;

/** The API's answer: a page of the list, its period, and the cursor of the page after it. */
type UnansweredPage = Omit<UnansweredList, 'next'> & { since: string; until: string; next: string | null };

export function refreshUnanswered(params: URLSearchParams): Promise<void> {
  filter = params;
  customers.offer(params);
  return load(null);
}

more.addEventListener('click', () => void load(next));
section.querySelector('#unanswered-options')!.addEventListener('change', () => void load(null));

async function load(after: string | null): Promise<void> {
  const query = customers.query(filter);
  query.set('limit', String(step));
  if (after) query.set('after', after);
  const loaded = await newest<UnansweredPage>(`/v1/unanswered?${query}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = couldNotLoad('who was asked', loaded);
    return;
  }
  const { people, total } = loaded.body;
  next = loaded.body.next;
  const items = people.map(personItem);
  if (after) list.append(...items);
  else list.replaceChildren(...items);
  const listed = list.children.length;
  more.textContent = `Show ${whole(Math.min(step, Math.max(total - listed, 1)))} more`;
  const moved = more.hidden === false && !next && document.activeElement === more;
  more.hidden = !next;
  // the button gone from under the keyboard: on to the first customer it added, not back to the top of the page
  if (moved && items[0]) {
    items[0].tabIndex = -1;
    items[0].focus();
  }
  // all of them, for the team's mail or CRM tool
  section.querySelector<HTMLElement>('#unanswered-download')!.hidden = !total;
  section.querySelector<HTMLAnchorElement>('#unanswered-csv')!.href = `/v1/unanswered.csv?${customers.query(filter)}`;
  // without a range, the collector reads the last 28 days (as the journey and the trends measure their period)
  const when = filter.has('since') ? 'in this range' : 'in the last 28 days';
  status.textContent = !total
    ? `Nobody your site identified left a question unanswered ${when}.`
    : total > listed
      ? `The ${whole(listed)} most recently asked of ${whole(total)} unanswered ${when}.`
      : `${whole(total)} unanswered ${when}, the most recently asked first.`;
  const picked = customers.segment();
  if (picked) status.textContent += ` (Customers: those asked as customers with ${segmentWords(picked)}.)`;
}

function personItem(person: UnansweredList['people'][number]): HTMLLIElement {
  const item = document.createElement('li');
  const who = document.createElement('strong');
  who.append(customerButton(person.userId));
  const when = new Date(person.lastAskedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  item.append(who, ` · ${person.touchpoint} · asked ${count(person.asked, 'time', 'times')}, last ${when}`);
  // a customer known by their address is one click from being asked another way
  const address = emailIn([person.userId]);
  if (address) item.append(' · ', mailLink(address, 'How did it go?'));
  return item;
}
