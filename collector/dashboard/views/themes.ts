// The dashboard's comment themes: per language, what unhappy customers say more than happy ones and the other way
// round — everyone's, or one segment's (what the enterprise plan's customers complain of) — each theme with its counts
// and lift, opening the comments behind it in the drill-down. From /v1/themes.
import type { Theme, Themes } from '../../analytics/themes/themes.js';
import { answersButton } from './answers.js';
import { count, format } from '../wording.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { customersPicker, segmentWords } from '../customers-picker.js';

const section = document.querySelector<HTMLElement>('#themes')!;
const options = document.querySelector<HTMLFormElement>('#theme-options')!;
const languageField = options.elements.namedItem('language') as HTMLSelectElement;
const customersSelect = options.elements.namedItem('themesFor') as HTMLSelectElement;
const customers = customersPicker(customersSelect);
let filter = new URLSearchParams();
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
let latest: Themes | null = null;
const newest = newestLoads();

function item(theme: Theme, side: 'unhappy' | 'happy', comments: { unhappy: number; happy: number }): HTMLLIElement {
  const li = document.createElement('li');
  const detail = document.createElement('span');
  detail.className = 'meta';
  detail.textContent =
    `${theme[side]} of ${comments[side]} ${side} comments, ${theme[side === 'unhappy' ? 'happy' : 'unhappy']} of ` +
    `${comments[side === 'unhappy' ? 'happy' : 'unhappy']} ${side === 'unhappy' ? 'happy' : 'unhappy'} · ${format(theme.lift, 1)}× as often`;
  li.append(answersButton(theme.term, { band: side, q: theme.term, ...customers.narrowing() }), detail);
  return li;
}

function render(): void {
  if (!latest) return;
  const { languages } = latest;
  const chosen = languages.find((l) => l.language === languageField.value) ?? languages[0];
  options.querySelector<HTMLElement>('#theme-language')!.hidden = languages.length < 2;
  languageField.replaceChildren(
    ...languages.map(
      (l) =>
        new Option(
          `${languageNames.of(l.language) ?? l.language} (${l.unhappyComments + l.happyComments})`,
          l.language,
          false,
          l === chosen,
        ),
    ),
  );
  const status = section.querySelector('#themes-status')!;
  const lists = { unhappy: section.querySelector('#themes-unhappy')!, happy: section.querySelector('#themes-happy')! };
  section.querySelector<HTMLElement>('#themes-lists')!.hidden = !chosen;
  const picked = customers.segment();
  if (!chosen) {
    const whose = picked ? ` with ${segmentWords(picked)}` : '';
    status.textContent = `No comments from unhappy or happy customers${whose} in this range yet.`;
    return;
  }
  const comments = { unhappy: chosen.unhappyComments, happy: chosen.happyComments };
  status.textContent =
    (picked ? `Customers with ${segmentWords(picked)} alone. ` : '') +
    `From ${count(comments.unhappy, 'unhappy comment', 'unhappy comments')} and ${count(comments.happy, 'happy comment', 'happy comments')}` +
    ` (the newest ${latest.read.limit} a side at most): words and phrases in at least ${latest.minSupport} comments,` +
    ` ${latest.minLift}× as frequent on one side as on the other. Choose one to read its comments.`;
  for (const side of ['unhappy', 'happy'] as const) {
    const themes = side === 'unhappy' ? chosen.unhappyThemes : chosen.happyThemes;
    const none = document.createElement('li');
    none.className = 'meta';
    none.textContent = 'Nothing stands out yet.';
    lists[side].replaceChildren(...(themes.length ? themes.map((t) => item(t, side, comments)) : [none]));
  }
}

export function refreshThemes(params: URLSearchParams): Promise<void> {
  filter = params;
  customers.offer(params);
  return load();
}

async function load(): Promise<void> {
  const loaded = await newest<Themes>(`/v1/themes?${customers.query(filter)}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    section.querySelector('#themes-status')!.textContent = couldNotLoad('the themes', loaded);
    return;
  }
  latest = loaded.body;
  render();
}

options.addEventListener('change', (event) => (event.target === customersSelect ? void load() : render()));
