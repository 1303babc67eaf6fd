// Alerts that stopped arriving: a Slack channel removed, a Teams workflow turned off, a relay's URL changed — its target
// answers 404 or 410, the deliveries fail, and the team hears nothing about its unhappy customers, with only the server's
// log to say so. The dashboard names each target whose deliveries failed in the last week and what it last answered.
import type { ListedDelivery } from '../../http/handler.js';
import { count } from '../wording.js';

const note = document.querySelector<HTMLElement>('#webhook-trouble')!;

/** How far back a failed delivery is still news. */
const recentMs = 7 * 86_400_000;

/** "Slack #cx-alerts: 3 deliveries failed since 2 Dec (last: answered 410)": one target's failures, newest first. */
function failuresSaid(failed: readonly ListedDelivery[]): string {
  const [latest] = failed;
  const oldest = failed.at(-1)!;
  const since = new Date(oldest.updatedAt).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${latest!.name ?? latest!.target}: ${count(failed.length, 'delivery', 'deliveries')} failed since ${since} (last: ${latest!.lastError ?? 'no answer'})`;
}

export async function refreshWebhookTrouble(readKey: string | null): Promise<void> {
  const params = new URLSearchParams({ status: 'failed', since: new Date(Date.now() - recentMs).toISOString(), limit: '200' });
  if (readKey) params.set('key', readKey);
  let deliveries: ListedDelivery[];
  try {
    const response = await fetch(`/v1/webhooks/deliveries?${params}`);
    // nothing to say when it cannot be read: the report's own status says why the dashboard is empty
    if (!response.ok) return;
    deliveries = ((await response.json()) as { deliveries: ListedDelivery[] }).deliveries;
  } catch {
    return;
  }
  const byTarget = new Map<string, ListedDelivery[]>();
  for (const d of deliveries) byTarget.set(d.name ?? d.target, [...(byTarget.get(d.name ?? d.target) ?? []), d]);
  note.hidden = byTarget.size === 0;
  note.textContent = byTarget.size
    ? `Webhooks not delivered in the last week — ${[...byTarget.values()].map(failuresSaid).join('; ')}. ` +
      'A failed delivery is not tried again: cxkit-collector check-webhooks, given the collector’s --webhook-config, tests each target.'
    : '';
}
