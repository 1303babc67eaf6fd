// The bodies a webhook carries: the Standard Webhooks event (contract section 8), or a Slack incoming-webhook message
// coloured by the answer's band, for the people who should act on it.
import type { Response } from '../../src/schema/response.js';
import { bandOf, type Band } from '../../src/sdk/scores.js';

export function standardBody(response: Response, at: Date): string {
  return JSON.stringify({ type: 'response.created', timestamp: at.toISOString(), data: response });
}

const colours: Record<Band, string> = { unhappy: '#d92d20', neutral: '#f79009', happy: '#12b76a' };
const bandNames: Record<Response['kind'], Record<Band, string>> = {
  nps: { unhappy: 'detractor', neutral: 'passive', happy: 'promoter' },
  csat: { unhappy: 'dissatisfied', neutral: 'neutral', happy: 'satisfied' },
  ces: { unhappy: 'hard', neutral: 'neutral', happy: 'easy' },
};

/** Slack's mrkdwn treats & < > as markup: escaped so that a comment cannot ping a channel or forge a link. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBody(r: Response, dashboardUrl: string | undefined): string {
  const which = bandOf(r.kind, r.score, r.scale.max);
  const headline = `${r.kind.toUpperCase()} ${r.score} (${bandNames[r.kind][which]}) at ${escape(r.touchpoint)}`;
  const who = r.userId
    ? `${escape(r.userId)}${
        r.traits
          ? ` · ${escape(
              Object.entries(r.traits)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', '),
            )}`
          : ''
      }`
    : 'anonymous visitor';
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*${r.partial ? ' · left before the follow-up' : ''}` } },
    ...(r.comment ? [{ type: 'section', text: { type: 'mrkdwn', text: `>${escape(r.comment).replace(/\n/g, '\n>')}` } }] : []),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${who} · ${escape(r.page.url)} · ${r.answeredAt}` }] },
    ...(dashboardUrl
      ? [
          {
            type: 'actions',
            elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in the dashboard' }, url: dashboardUrl }],
          },
        ]
      : []),
  ];
  return JSON.stringify({
    text: `${headline}${r.comment ? `: ${escape(r.comment)}` : ''}`,
    attachments: [{ color: colours[which], blocks }],
  });
}
