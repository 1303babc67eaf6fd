// A collector that has never had an answer: the dashboard writes the tag to paste into the site (this collector serves
// its files), says which sites it takes answers from and what to change when the site is not one of them, and waits
// for the first answer, drawing the figures as soon as it is in.
import type { Setup } from '../../http/handler.js';
import { count } from '../wording.js';

const section = document.querySelector<HTMLElement>('#get-started')!;
const tag = section.querySelector<HTMLElement>('#get-started-tag')!;
const copy = section.querySelector<HTMLButtonElement>('#get-started-copy')!;
const sites = section.querySelector<HTMLElement>('#get-started-sites')!;
const writeKeyNote = section.querySelector<HTMLElement>('#get-started-key')!;
const waiting = section.querySelector<HTMLElement>('#get-started-status')!;

/** How often the dashboard looks for the first answer while it waits (the summary of an empty store costs nothing). */
const lookEveryMs = 5_000;
/** What the key placeholder says: the operator puts the key the collector was started with in its place. */
const writeKeyPlaceholder = 'YOUR_WRITE_KEY';

/** The tag for this collector, as it is reached from this browser: the one a visitor's browser will reach too. */
function tagFor(setup: Setup & { script: string }): string {
  const origin = location.origin;
  const [script, endpoint] = [`${origin}${setup.script}`, `${origin}${setup.endpoint}`];
  const question = '<cx-nps touchpoint="homepage"></cx-nps>';
  if (!setup.writeKey) return `<script src="${script}" data-endpoint="${endpoint}" async></script>\n${question}`;
  const config = JSON.stringify({ endpoint, writeKey: writeKeyPlaceholder });
  return `<script type="application/json" data-cxkit-config>${config}</script>\n<script src="${script}" async></script>\n${question}`;
}

/** Who may send answers here, and what to do when the site is not among them (a browser refuses the post otherwise). */
function sitesSentence(origins: readonly string[]): string {
  if (origins.includes('*')) return 'This collector takes answers from any site.';
  const start = 'where the collector starts (or `CXKIT_ORIGINS`)';
  if (!origins.length)
    return `This collector takes answers from its own pages only: your site's will be refused until you add \`--origin https://your-site.example\` ${start}.`;
  return `This collector takes answers from ${origins.map((o) => `\`${o}\``).join(', ')}. Another site needs \`--origin\` and its origin ${start}.`;
}

/** Text with `command-line bits` in backticks, as text and <code> nodes. */
function withCode(text: string): Node[] {
  return text.split('`').map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  });
}

let setupLoad: Promise<Setup | null> | undefined;
let looking: ReturnType<typeof setInterval> | undefined;

/**
 * Shows the panel while the collector holds no answer at all (whatever the filters), and looks for the first one every
 * few seconds while the page is in sight; `arrived` draws everything once it is in. Hidden for good once there are answers.
 */
export async function refreshGetStarted(holdsAnswers: boolean, key: string | null, arrived: () => void): Promise<void> {
  if (holdsAnswers) {
    section.hidden = true;
    clearInterval(looking);
    looking = undefined;
    return;
  }
  const keyParam = key ? `?${new URLSearchParams({ key })}` : '';
  setupLoad ??= fetch(`/v1/setup${keyParam}`)
    .then((response) => (response.ok ? (response.json() as Promise<Setup>) : null))
    .catch(() => null);
  const setup = await setupLoad;
  if (!setup) {
    // an older collector, or one that could not be reached: the other panels say so; this one has nothing true to say
    setupLoad = undefined;
    return;
  }
  if (setup.script) {
    tag.textContent = tagFor({ ...setup, script: setup.script });
    copy.hidden = false;
  } else {
    tag.textContent =
      "This collector has no script files to serve: run npm run build where it runs, or deploy cxkit's dist/ folder with your site and point the tag's src at its cxkit.js.";
    copy.hidden = true;
  }
  writeKeyNote.hidden = !setup.writeKey;
  sites.replaceChildren(...withCode(sitesSentence(setup.origins)));
  section.hidden = false;
  looking ??= setInterval(() => {
    if (!document.hidden) void lookForFirstAnswer(keyParam, arrived);
  }, lookEveryMs);
}

async function lookForFirstAnswer(keyParam: string, arrived: () => void): Promise<void> {
  let summary: { answers: number; shown: number };
  try {
    const response = await fetch(`/v1/summary${keyParam}`);
    if (!response.ok) return;
    summary = await response.json();
  } catch {
    return;
  }
  if (summary.answers > 0) {
    clearInterval(looking);
    looking = undefined;
    arrived();
  } else if (summary.shown > 0) {
    waiting.textContent = `Your site has asked ${count(summary.shown, 'time', 'times')}. Waiting for the first answer…`;
  }
}

copy.addEventListener('click', () => {
  const done = (said: string) => {
    copy.textContent = said;
    setTimeout(() => (copy.textContent = 'Copy'), 3_000);
  };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(tag.textContent ?? '').then(
      () => done('Copied'),
      () => select(),
    );
  } else select();
  // outside a secure context there is no clipboard to write to: the tag is selected for the visitor's own copy
  function select(): void {
    getSelection()?.selectAllChildren(tag);
    done('Selected: press Ctrl+C (⌘C)');
  }
});
