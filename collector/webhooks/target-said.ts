// What a webhook target is posted, in the words of the people reading its channel: "new answers (NPS, scores 0 to 6,
// at checkout) and last week's digest on Mondays" — for the test message `check-webhooks` posts and the dashboard's
// list of where alerts go.
import type { WebhookEvent } from '../store/store.js';
import type { WebhookRule, WebhookTarget } from './targets.js';

const eventsSaid: Record<WebhookEvent, string> = {
  'response.created': 'new answers',
  'follow_up.changed': 'follow-up changes',
  'follow_up.overdue': 'customers waiting past the promise',
  'digest.weekly': "last week's digest on Mondays",
};

/** "a, b and c". */
const listed = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));

/** Which answers a rule takes, in a few words ("NPS, scores 0 to 6, at checkout"); empty when it takes every answer. */
function answersSaid(rule: WebhookRule): string[] {
  const scores =
    rule.scoreMin === undefined && rule.scoreMax === undefined
      ? []
      : [
          rule.scoreMin === undefined
            ? `scores up to ${rule.scoreMax}`
            : rule.scoreMax === undefined
              ? `scores from ${rule.scoreMin}`
              : `scores ${rule.scoreMin} to ${rule.scoreMax}`,
        ];
  return [
    ...(rule.kinds ? [listed(rule.kinds.map((kind) => kind.toUpperCase()))] : []),
    ...scores,
    ...(rule.touchpoints ? [`at ${listed(rule.touchpoints)}`] : []),
    ...(rule.hasComment === undefined ? [] : [rule.hasComment ? 'with a comment' : 'without a comment']),
    ...(rule.partial === undefined ? [] : [rule.partial ? 'left before the follow-up' : 'complete']),
    ...Object.entries(rule.traits ?? {}).map(([name, values]) => `${name} ${values.join(' or ')}`),
  ];
}

/** Everything the target is posted, its rule's narrowing in brackets. */
export function targetSaid({ when, digestTimeZone }: Pick<WebhookTarget, 'when' | 'digestTimeZone'>): string {
  const narrowed = when ? answersSaid(when) : [];
  const events = (when?.events ?? ['response.created']).map((event) =>
    // a team in another zone is posted the week at its own 09:00, which may be a Tuesday's
    event === 'digest.weekly' && digestTimeZone ? `last week's digest at 09:00 ${digestTimeZone} once it is over` : eventsSaid[event],
  );
  return `${listed(events)}${narrowed.length ? ` (${narrowed.join(', ')})` : ''}`;
}
