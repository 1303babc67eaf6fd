// A Microsoft Teams message: an Adaptive Card in the envelope a Teams workflow's "When a Teams webhook request is
// received" trigger takes (Teams' Office 365 connectors, which took other cards, are retired). The same story as the
// Slack message — the headline coloured by the answer's band, the comment, the note, who and where, when (on each
// reader's clock), what the site recorded, the dashboard and the customer's history. What customers, sites and the team
// wrote goes in TextRuns, which Teams never reads as Markdown: a comment cannot make a link or a heading. An owner the
// target maps to a Teams user is mentioned on a line of its own, in the operator's words.
import type { Response } from '../../src/schema/response.js';
import { bandOf, type Band } from '../../src/sdk/scores.js';
import { attributePairs } from '../attributes.js';
import type { BrowserIdentity, FollowUpChanged, InboxItem } from '../store/store.js';
import { answerHeadline, dashboardLinks, followUpChangeSaid, overdueSaid, whoAnswered } from './payloads.js';

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

/** Someone a card mentions: the `<at>` text its body holds, and who that is in Teams. */
interface Mention {
  readonly text: string;
  readonly id: string;
  readonly name: string;
}

/** A card with `body` and a button for each link, in the envelope the workflow's trigger takes, with its mentions. */
export function cardMessage(body: unknown[], links: ReadonlyArray<readonly [string, string]>, mentions: readonly Mention[] = []): string {
  const entities = mentions.map(({ text, id, name }) => ({ type: 'mention', text, mentioned: { id, name } }));
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full', ...(entities.length ? { entities } : {}) },
    body,
    actions: links.map(([title, url]) => ({ type: 'Action.OpenUrl', title, url })),
  };
  return JSON.stringify({
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  });
}

/**
 * The owner, mentioned — which notifies them — when the target knows who they are in Teams: a line of its own, as a
 * mention works in a TextBlock alone, which reads Markdown, and the headline's words are the site's.
 */
function ownerMention(owner: string | null, mentions: Readonly<Record<string, string>>): { blocks: unknown[]; mentions: Mention[] } {
  if (owner === null || !Object.hasOwn(mentions, owner)) return { blocks: [], mentions: [] };
  const text = `<at>${owner}</at>`;
  return {
    blocks: [{ type: 'TextBlock', text: `Owner: ${text}`, wrap: true, spacing: 'None' }],
    mentions: [{ text, id: mentions[owner]!, name: owner }],
  };
}

function teamsMessage(
  headline: string,
  colour: string,
  r: Response,
  saying: unknown[],
  dashboardUrl: string | undefined,
  owner: ReturnType<typeof ownerMention> = { blocks: [], mentions: [] },
  browser?: BrowserIdentity,
): string {
  const who = whoAnswered(r, browser);
  const at = cardTime(r.answeredAt);
  return cardMessage(
    [
      paragraph({ text: headline, strong: true, colour }),
      ...owner.blocks,
      ...saying,
      paragraph({ text: `${who} · ${r.page.url}`, subtle: true }),
      // our own words alone: the one block whose text Teams reads for its DATE() and TIME()
      { type: 'TextBlock', text: `Answered {{DATE(${at},SHORT)}} at {{TIME(${at})}}`, isSubtle: true, wrap: true, spacing: 'None' },
      ...(r.metadata ? [paragraph({ text: attributePairs(r.metadata).join(' · '), subtle: true })] : []),
    ],
    dashboardUrl ? dashboardLinks(r, dashboardUrl, browser) : [],
    owner.mentions,
  );
}

const commentParagraphs = (r: Response): unknown[] => (r.comment ? [paragraph({ text: r.comment })] : []);
const noteParagraphs = (note: string | null): unknown[] => (note ? [paragraph({ text: 'Note: ', strong: true }, { text: note })] : []);
const bandColour = (r: Response) => colours[bandOf(r.kind, r.score, r.scale.max)];

/** A new answer for the team's channel; an anonymous one with whom its browser was signed in as (`browser`), when known. */
export function teamsBody(r: Response, dashboardUrl: string | undefined, browser?: BrowserIdentity): string {
  const headline = `${answerHeadline(r, plain)}${r.partial ? ' · left before the follow-up' : ''}`;
  return teamsMessage(headline, bandColour(r), r, commentParagraphs(r), dashboardUrl, undefined, browser);
}

/**
 * A follow-up change for the team's channel: what changed and who did it, the note, and the answer it is about; the
 * owner mentioned when `mentions` knows them.
 */
export function teamsFollowUpBody(
  changed: FollowUpChanged,
  dashboardUrl: string | undefined,
  mentions: Readonly<Record<string, string>> = {},
): string {
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
    ownerMention(changed.followUp.assignee, mentions),
  );
}

/** An unhappy customer waiting past the promise, for the team's channel: who has them (mentioned when known), and their answer. */
export function teamsOverdueBody(
  { response: r, followUp }: InboxItem,
  promiseHours: number,
  dashboardUrl: string | undefined,
  mentions: Readonly<Record<string, string>> = {},
  browser?: BrowserIdentity,
): string {
  const said = overdueSaid(promiseHours, followUp.assignee, plain);
  return teamsMessage(
    `${said}: ${answerHeadline(r, plain)}`,
    bandColour(r),
    r,
    [...commentParagraphs(r), ...noteParagraphs(followUp.note)],
    dashboardUrl,
    ownerMention(followUp.assignee, mentions),
    browser,
  );
}
