// Who was asked and did not answer: the identified customers shown a question in the page's range who closed it or left
// it without answering at that touchpoint. From /v1/unanswered with the page's filter.
import type { UnansweredList } from '../../store/store.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { count, whole } from '../wording.js';
import { emailIn, mailLink } from '../mail-link.js';

const section = document.querySelector<HTMLElement>('#unanswered')!;
const list = section.querySelector<HTMLOListElement>('#unanswered-people')!;
const status = section.querySelector<HTMLElement>('#unanswered-status')!;
const more = section.querySelector<HTMLButtonElement>('#unanswered-more')!;
const newest = newestLoads();
/** Customers listed at first and added a click: a queue to read, not a report (the API gives up to 500). */
const step = 10;
let listed = step;
let filter = new URLSearchParams();

export function refreshUnanswered(params: URLSearchParams): Promise<void> {
  filter = params;
  listed = step;
  return load();
}

more.addEventListener('click', () => {
  listed = Math.min(listed + step, 500);
  void load();
});

async function load(): Promise<void> {
  const query = new URLSearchParams(filter);
  query.set('limit', String(listed));
  const loaded = await newest<UnansweredList & { since: string; until: string }>(`/v1/unanswered?${query}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    list.replaceChildren();
    status.textContent = couldNotLoad('who was asked', loaded);
    return;
  }
  const { people, total } = loaded.body;
  more.hidden = total <= people.length || listed >= 500;
  // all of them (up to 10,000), for the team's mail or CRM tool
  section.querySelector<HTMLElement>('#unanswered-download')!.hidden = !total;
  section.querySelector<HTMLAnchorElement>('#unanswered-csv')!.href = `/v1/unanswered.csv?${filter}`;
  // without a range, the collector reads the last 28 days (as the journey and the trends measure their period)
  const when = filter.has('since') ? 'in this range' : 'in the last 28 days';
  status.textContent = !total
    ? `Nobody your site identified left a question unanswered ${when}.`
    : total > people.length
      ? `The ${whole(people.length)} most recently asked of ${whole(total)} unanswered ${when}.`
      : `${whole(total)} unanswered ${when}, the most recently asked first.`;
  list.replaceChildren(
    ...people.map((person) => {
      const item = document.createElement('li');
      const who = document.createElement('strong');
      who.className = 'free-text';
      who.textContent = person.userId;
      const when = new Date(person.lastAskedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      item.append(who, ` · ${person.touchpoint} · asked ${count(person.asked, 'time', 'times')}, last ${when}`);
      // a customer known by their address is one click from being asked another way
      const address = emailIn([person.userId]);
      if (address) item.append(' · ', mailLink(address, 'How did it go?'));
      return item;
    }),
  );
}
