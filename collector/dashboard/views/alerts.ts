// Where alerts go: the collector's webhook targets as the team named them (a URL is cut: it is often the target's
// credential), what each is posted, and how its last post went — so that a CX lead knows which channel hears of an
// unhappy customer, and sees one that stopped hearing. Hidden, with its link, when the collector posts nowhere.
import type { ListedTarget } from '../../http/handler.js';

const section = document.querySelector<HTMLElement>('#alerts')!;
const list = section.querySelector<HTMLElement>('#alert-targets')!;
const navLink = document.querySelector<HTMLAnchorElement>('#sections a[href="#alerts"]')!;

const formats: Record<ListedTarget['format'], string> = { standard: 'Standard Webhooks', slack: 'Slack', teams: 'Microsoft Teams' };

const when = (instant: string) => new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** How the target's latest post went, as a sentence. */
function lastSaid(last: ListedTarget['last']): { text: string; trouble: boolean } {
  if (!last) return { text: 'Nothing posted lately.', trouble: false };
  if (last.status === 'delivered') return { text: `Last posted ${when(last.updatedAt)}.`, trouble: false };
  if (last.status === 'failed')
    return { text: `Last post failed ${when(last.updatedAt)}: ${last.lastError ?? 'no answer'}.`, trouble: true };
  if (last.lastError === null) return { text: 'Posting now.', trouble: false };
  const next = last.nextAttemptAt ? `, trying again ${when(last.nextAttemptAt)}` : '';
  return { text: `Last try ${when(last.updatedAt)}: ${last.lastError}${next}.`, trouble: true };
}

function item(target: ListedTarget): HTMLLIElement {
  const li = document.createElement('li');
  const name = document.createElement('strong');
  name.className = 'free-text';
  name.textContent = target.name ?? target.target;
  const about = document.createElement('p');
  about.className = 'hint free-text';
  about.textContent = `${formats[target.format]}${target.name ? ` · ${target.target}` : ''} · gets ${target.gets}`;
  const { text, trouble } = lastSaid(target.last);
  const last = document.createElement('p');
  last.textContent = text;
  if (trouble) last.className = 'trouble';
  li.append(name, about, last);
  return li;
}

export async function refreshAlerts(readKey: string | null): Promise<void> {
  let targets: ListedTarget[] = [];
  try {
    const response = await fetch(`/v1/webhooks/targets${readKey ? `?key=${encodeURIComponent(readKey)}` : ''}`);
    // nothing to show when it cannot be read: the report's own status says why
    if (response.ok) targets = ((await response.json()) as { targets: ListedTarget[] }).targets;
  } catch {
    // a collector restarting: the next refresh lists them
  }
  section.hidden = navLink.hidden = targets.length === 0;
  list.replaceChildren(...targets.map(item));
}
