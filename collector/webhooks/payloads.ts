// The bodies a webhook carries: the Standard Webhooks event (contract section 8), or a Slack incoming-webhook message
// coloured by the answer's band, for the people who should act on it: of a new answer, or of a change of its follow-up;
// and the wording a Microsoft Teams card (teams-payloads.ts) shares with Slack's.
import type { Attributes, Response } from '../../src/schema/response.js';
import type { BrowserIdentity, FollowUpChanged, FollowUpStatus, InboxItem } from '../store/store.js';
import { attributePairs } from '../attributes.js';
import { bandOf, type Band } from '../../src/sdk/scores.js';

export function standardBody(response: Response, at: Date): string {
  return JSON.stringify({ type: 'response.created', timestamp: at.toISOString(), data: response });
}

/** `follow_up.overdue`: an unhappy customer nobody has reached within the promise, whoever has them, and their answer. */
export function standardOverdueBody({ response, followUp }: InboxItem, promiseHours: number, at: Date): string {
  const data = { responseId: response.id, promiseHours, ...followUp, response };
  return JSON.stringify({ type: 'follow_up.overdue', timestamp: at.toISOString(), data });
}

/** `follow_up.changed`: the follow-up as the change left it, where it stood before, and the answer it is about. */
export function standardFollowUpBody({ followUp, previous, response }: FollowUpChanged, at: Date): string {
  return JSON.stringify({ type: 'follow_up.changed', timestamp: at.toISOString(), data: { ...followUp, previous, response } });
}

const colours: Record<Band, string> = { unhappy: '#d92d20', neutral: '#f79009', happy: '#12b76a' };
const bandNames: Record<Response['kind'], Record<Band, string>> = {
  nps: { unhappy: 'detractor', neutral: 'passive', happy: 'promoter' },
  csat: { unhappy: 'dissatisfied', neutral: 'neutral', happy: 'satisfied' },
  ces: { unhappy: 'hard', neutral: 'neutral', happy: 'easy' },
};

/** Slack's mrkdwn treats & < > as markup: escaped so that a comment cannot ping a channel or forge a link. */
export const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Block Kit refuses a whole message (`invalid_blocks`) whose text object is over 3,000 characters. */
const maxBlockText = 3000;

/**
 * `raw` as `render` writes it in a text object, cut so that it fits with `cut(length)` after it when it would not fit
 * whole: the longest start that fits, found by halving, never between the halves of a surrogate pair.
 */
function fitted(raw: string, render: (text: string) => string, cut: (length: number) => string): string {
  const whole = render(raw);
  if (whole.length <= maxBlockText) return whole;
  const characters = Array.from(raw);
  const after = cut(characters.length);
  const fits = (n: number) => render(characters.slice(0, n).join('')).length + after.length <= maxBlockText;
  let [low, high] = [0, characters.length];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return render(characters.slice(0, low).join('')) + after;
}

const quoted = (text: string) => `>${escape(text).replace(/\n/g, '\n>')}`;

/** "NPS 3 (detractor) at checkout": an answer as a message's headline names it, the touchpoint as `text` writes it. */
export function answerHeadline(r: Response, text: (raw: string) => string = escape): string {
  return `${r.kind.toUpperCase()} ${r.score} (${bandNames[r.kind][bandOf(r.kind, r.score, r.scale.max)]}) at ${text(r.touchpoint)}`;
}

/**
 * The dashboard's links for a message about an answer, as [title, url]: the dashboard, and an identified customer's
 * history in it (what they said before, whether anyone reached them then) — an anonymous answer's, whom its browser
 * was signed in as.
 */
export function dashboardLinks(r: Response, dashboardUrl: string, browser?: BrowserIdentity): Array<[string, string]> {
  const customer = r.userId ?? browser?.userId;
  if (!customer) return [['Open in the dashboard', dashboardUrl]];
  const history = new URL(dashboardUrl);
  history.searchParams.set('customer', customer);
  return [
    ['Open in the dashboard', dashboardUrl],
    ['Their history', history.href],
  ];
}

const dashboardButtons = (r: Response, dashboardUrl: string, browser: BrowserIdentity | undefined): unknown[] =>
  dashboardLinks(r, dashboardUrl, browser).map(([text, url]) => ({ type: 'button', text: { type: 'plain_text', text }, url }));

/** Who answered, as a message says it: the customer with their traits, or whom an anonymous answer's browser was signed in as. */
export function whoAnswered(r: Response, browser: BrowserIdentity | undefined): string {
  const customer = (userId: string, traits: Attributes | null | undefined) =>
    `${userId}${traits ? ` · ${attributePairs(traits).join(', ')}` : ''}`;
  if (r.userId) return customer(r.userId, r.traits);
  return browser ? `anonymous visitor, on a browser signed in as ${customer(browser.userId, browser.traits)}` : 'anonymous visitor';
}

/**
 * A message's attachment: its colour bar, the headline, what the answer and the change said, who answered and when,
 * what the site recorded with the answer (an order or ticket number: how the customer is found again), and the link.
 */
function slackMessage(
  text: string,
  colour: string,
  headline: string,
  r: Response,
  saying: unknown[],
  dashboardUrl: string | undefined,
  browser?: BrowserIdentity,
) {
  const who = whoAnswered(r, browser);
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: headline } },
    ...saying,
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: fitted(`${who} · ${r.page.url}`, escape, () => '…') },
        // when it was answered, as Slack writes a time for each reader: on their own clock ("Yesterday at 7:02 PM")
        {
          type: 'mrkdwn',
          text: `<!date^${Math.floor(Date.parse(r.answeredAt) / 1000)}^{date_short_pretty} at {time}|${r.answeredAt.slice(0, 16).replace('T', ' ')} UTC>`,
        },
        ...(r.metadata ? [{ type: 'mrkdwn', text: fitted(attributePairs(r.metadata).join(' · '), escape, () => '…') }] : []),
      ],
    },
    ...(dashboardUrl ? [{ type: 'actions', elements: dashboardButtons(r, dashboardUrl, browser) }] : []),
  ];
  return JSON.stringify({ text, attachments: [{ color: colour, blocks }] });
}

/** The customer's comment, quoted, cut to fit with a word on where the rest is. */
const commentBlocks = (r: Response): unknown[] =>
  r.comment
    ? [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: fitted(
              r.comment,
              quoted,
              (length) => `…\n_${length.toLocaleString('en')} characters in all: the whole comment is in the dashboard_`,
            ),
          },
        },
      ]
    : [];

/** A new answer for the team's channel; an anonymous one with whom its browser was signed in as (`browser`), when known. */
export function slackBody(r: Response, dashboardUrl: string | undefined, browser?: BrowserIdentity): string {
  const headline = answerHeadline(r);
  const colour = colours[bandOf(r.kind, r.score, r.scale.max)];
  const text = `${headline}${r.comment ? `: ${escape(r.comment)}` : ''}`;
  const shown = `*${headline}*${r.partial ? ' · left before the follow-up' : ''}`;
  return slackMessage(text, colour, shown, r, commentBlocks(r), dashboardUrl, browser);
}

const statusChanges: Record<FollowUpStatus, string> = { open: 'reopened', contacted: 'contacted', closed: 'closed' };

/**
 * What a change did, as a team says it: "Left to Ben, contacted by Ann", or "Noted by Ann" when it only added a note;
 * the owner as `owner` writes them (a Slack mention, so that they hear of it), the rest as `text` writes it (escaped
 * for Slack's mrkdwn by default).
 */
export function followUpChangeSaid(
  { followUp, previous }: FollowUpChanged,
  owner: (name: string) => string,
  text: (raw: string) => string = escape,
): string {
  const done = [
    ...(followUp.assignee !== previous.assignee ? [`left to ${followUp.assignee === null ? 'nobody' : owner(followUp.assignee)}`] : []),
    ...(followUp.status !== previous.status ? [statusChanges[followUp.status]] : []),
  ];
  const said = `${done.length ? done.join(', ') : 'noted'}${followUp.by ? ` by ${text(followUp.by)}` : ''}`;
  return said[0]!.toUpperCase() + said.slice(1);
}

/** The owner as a Slack message names them: mentioned when the target knows their member id, which notifies them. */
const ownerIn = (mentions: Readonly<Record<string, string>>) => (name: string) =>
  Object.hasOwn(mentions, name) ? `<@${mentions[name]}>` : escape(name);

/** The note a follow-up holds, as a message's block. */
const noteBlocks = (note: string | null): unknown[] =>
  note
    ? [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: fitted(
              note,
              (n) => `_Note:_ ${escape(n)}`,
              () => '…',
            ),
          },
        },
      ]
    : [];

/** "Waiting over 48 h, left to Ben": an overdue customer as a message says it, the owner as `owner` writes them. */
export const overdueSaid = (promiseHours: number, assignee: string | null, owner: (name: string) => string) =>
  `Waiting over ${promiseHours} h, left to ${assignee === null ? 'nobody' : owner(assignee)}`;

/** An unhappy customer waiting past the promise, for the team's channel: who has them (mentioned), and their answer. */
export function slackOverdueBody(
  { response: r, followUp }: InboxItem,
  promiseHours: number,
  dashboardUrl: string | undefined,
  mentions: Readonly<Record<string, string>> = {},
  browser?: BrowserIdentity,
): string {
  const said = overdueSaid(promiseHours, followUp.assignee, ownerIn(mentions));
  const headline = answerHeadline(r);
  const colour = colours[bandOf(r.kind, r.score, r.scale.max)];
  const saying = [...commentBlocks(r), ...noteBlocks(followUp.note)];
  return slackMessage(`${said}: ${headline}`, colour, `*${said}*: ${headline}`, r, saying, dashboardUrl, browser);
}

/**
 * A follow-up change for the team's channel: what changed and who did it, the note, and the answer it is about; an
 * owner the target has a Slack member id for (`mentions`) is mentioned, which notifies them.
 */
export function slackFollowUpBody(
  changed: FollowUpChanged,
  dashboardUrl: string | undefined,
  mentions: Readonly<Record<string, string>> = {},
): string {
  const r = changed.response;
  const { note, status } = changed.followUp;
  const said = followUpChangeSaid(changed, ownerIn(mentions));
  const headline = answerHeadline(r);
  // a closed follow-up has nothing left to do: grey rather than the band's call to act
  const colour = status === 'closed' ? '#98a2b3' : colours[bandOf(r.kind, r.score, r.scale.max)];
  return slackMessage(
    `${said}: ${headline}`,
    colour,
    `*${said}*: ${headline}`,
    r,
    [...commentBlocks(r), ...noteBlocks(note)],
    dashboardUrl,
  );
}
