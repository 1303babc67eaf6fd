// A Microsoft Teams message: an Adaptive Card in the envelope a Teams workflow's "When a Teams webhook request is
// received" trigger takes (Teams' Office 365 connectors, which took other cards, are retired). The same story as the
// Slack message — the headline coloured by the answer's band, the comment, the note, who and where, when (on each
// reader's clock), what the site recorded, the dashboard and the customer's history. What customers, sites and the team
// wrote goes in TextRuns, which Teams never reads as Markdown: a comment cannot make a link or a heading.
import type { Response } from '../../src/schema/response.js';
import { bandOf, type Band } from '../../src/sdk/scores.js';
import { attributePairs } from '../attributes.js';
import type { FollowUpChanged, InboxItem } from '../store/store.js';
import { answerHeadline, dashboardLinks, followUpChangeSaid, overdueSaid } from './payloads.js';

/** The card's colours for a headline, as Teams themes them (light, dark and high contrast alike). */
const colours: Record<Band, string> = { unhappy: 'Attention', neutral: 'Warning', happy: 'Good' };

const plain = (text: string) => text;

/** A paragraph of text read as it is written, `strong` in bold. */
export const paragraph = (...runs: Array<{ text: string; strong?: boolean; colour?: string; subtle?: boolean }>) => ({
  type: 'RichTextBlock',
  inlines: runs.map(({ text, strong, colour, subtle }) => ({
    type: 'TextRun',
    text,
    ...(strong ? { weight: 'Bolder' } : {}),
    ...(colour ? { color: colour } : {}),
    ...(subtle ? { isSubtle: true } : {}),
  })),
});

/** Adaptive Cards' DATE() and TIME() want RFC 3339 to the second: each reader sees the time on their own clock. */
const cardTime = (instant: string) => `${new Date(instant).toISOString().slice(0, 19)}Z`;

/** A card with `body` and a button for each link, in the envelope the workflow's trigger takes. */
export function cardMessage(body: unknown[], links: ReadonlyArray<readonly [string, string]>): string {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    actions: links.map(([title, url]) => ({ type: 'Action.OpenUrl', title, url })),
  };
  return JSON.stringify({
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  });
}

function teamsMessage(headline: string, colour: string, r: Response, saying: unknown[], dashboardUrl: string | undefined): string {
  const who = r.userId ? `${r.userId}${r.traits ? ` · ${attributePairs(r.traits).join(', ')}` : ''}` : 'anonymous visitor';
  const at = cardTime(r.answeredAt);
  return cardMessage(
    [
      paragraph({ text: headline, strong: true, colour }),
      ...saying,
      paragraph({ text: `${who} · ${r.page.url}`, subtle: true }),
      // our own words alone: the one block whose text Teams reads for its DATE() and TIME()
      { type: 'TextBlock', text: `Answered {{DATE(${at},SHORT)}} at {{TIME(${at})}}`, isSubtle: true, wrap: true, spacing: 'None' },
      ...(r.metadata ? [paragraph({ text: attributePairs(r.metadata).join(' · '), subtle: true })] : []),
    ],
    dashboardUrl ? dashboardLinks(r, dashboardUrl) : [],
  );
}

const commentParagraphs = (r: Response): unknown[] => (r.comment ? [paragraph({ text: r.comment })] : []);
const noteParagraphs = (note: string | null): unknown[] => (note ? [paragraph({ text: 'Note: ', strong: true }, { text: note })] : []);
const bandColour = (r: Response) => colours[bandOf(r.kind, r.score, r.scale.max)];

export function teamsBody(r: Response, dashboardUrl: string | undefined): string {
  const headline = `${answerHeadline(r, plain)}${r.partial ? ' · left before the follow-up' : ''}`;
  return teamsMessage(headline, bandColour(r), r, commentParagraphs(r), dashboardUrl);
}

/** A follow-up change for the team's channel: what changed and who did it, the note, and the answer it is about. */
export function teamsFollowUpBody(changed: FollowUpChanged, dashboardUrl: string | undefined): string {
  const r = changed.response;
  const said = followUpChangeSaid(changed, plain, plain);
  // a closed follow-up has nothing left to do: the theme's text colour rather than the band's call to act
  const colour = changed.followUp.status === 'closed' ? 'Default' : bandColour(r);
  return teamsMessage(
    `${said}: ${answerHeadline(r, plain)}`,
    colour,
    r,
    [...commentParagraphs(r), ...noteParagraphs(changed.followUp.note)],
    dashboardUrl,
  );
}

/** An unhappy customer waiting past the promise, for the team's channel: who has them, and their answer. */
export function teamsOverdueBody({ response: r, followUp }: InboxItem, promiseHours: number, dashboardUrl: string | undefined): string {
  const said = overdueSaid(promiseHours, followUp.assignee, plain);
  return teamsMessage(
    `${said}: ${answerHeadline(r, plain)}`,
    bandColour(r),
    r,
    [...commentParagraphs(r), ...noteParagraphs(followUp.note)],
    dashboardUrl,
  );
}
