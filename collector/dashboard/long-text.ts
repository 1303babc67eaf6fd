// A customer's comment in a list (the inbox, the drill-down, the latest comments): up to 5,000 characters, of which the
// list shows the start and a button the rest, so that one long comment does not push every other answer out of reach.
import { cutText } from '../../src/sdk/cut-text.js';
import { whole } from './wording.js';

/** Where a long comment is cut: about three lines of a wide list, at a space when there is one this near before it. */
const shownLength = 280;
const spaceWithin = 40;
/** A comment this much longer than `shownLength` is shown whole: a button to show ten more characters helps no one. */
const slack = 80;

function startOf(text: string): string {
  const space = text.lastIndexOf(' ', shownLength);
  return `${cutText(text, space > shownLength - spaceWithin ? space : shownLength).trimEnd()}…`;
}

/** The comment as a list shows it: whole when short, else its start and a button that shows the rest and hides it again. */
export function longText(text: string): Node {
  if (text.length <= shownLength + slack) return document.createTextNode(text);
  const start = startOf(text);
  // as a person counts them: an emoji is one
  const characters = [...text].length;
  const shown = document.createElement('span');
  shown.textContent = start;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'link more';
  const set = (open: boolean) => {
    shown.textContent = open ? text : start;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Show less' : `Show all ${whole(characters)} characters`;
  };
  toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'));
  set(false);
  const comment = document.createElement('span');
  comment.append(shown, ' ', toggle);
  return comment;
}
