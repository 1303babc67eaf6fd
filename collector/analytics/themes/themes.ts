// Comment themes: the words and two-word phrases that set unhappy customers' comments apart from happy ones' (NPS
// detractors against promoters, CSAT 1–2 against 4–5, CES 1–3 against 5–7), per language, by lift with counts and a
// minimum support. Read from the newest comments of each side in the range (at most `maxCommentsPerSide`), so that
// the cost stays flat however many answers are stored; no text leaves the collector.
import type { AnswerFilter, ResponseStore } from '../../store/store.js';
import { languageOf } from '../../../src/locales/built-in-locales.js';
import { removedAddress, removedNumber } from '../../store/ingest/contact-details.js';
import { stopWords } from './stop-words.js';

/** Comments read per side (unhappy, happy): the newest in the range. */
export const maxCommentsPerSide = 1000;
/** A theme needs at least this many comments on its side. */
export const minSupport = 3;
/** A theme is at least this many times as frequent on its side as on the other. */
export const minLift = 1.5;
const maxThemes = 12;

export interface Theme {
  /** A word, or two adjacent words. */
  readonly term: string;
  /** Unhappy comments that use it. */
  readonly unhappy: number;
  /** Happy comments that use it. */
  readonly happy: number;
  /** Its share of its side's comments over its share of the other side's (add-one-half smoothed). */
  readonly lift: number;
}

export interface LanguageThemes {
  /** The primary language subtag of the comments' locale. */
  readonly language: string;
  readonly unhappyComments: number;
  readonly happyComments: number;
  /** What unhappy customers say more: the strongest lift first. */
  readonly unhappyThemes: readonly Theme[];
  /** What happy customers say more. */
  readonly happyThemes: readonly Theme[];
}

export interface Themes {
  readonly minSupport: number;
  readonly minLift: number;
  /** How many comments each side's themes were read from, and the most it reads. */
  readonly read: { readonly unhappy: number; readonly happy: number; readonly limit: number };
  /** Languages with the most comments first. */
  readonly languages: readonly LanguageThemes[];
}

/** Languages written without spaces between words: their two-word phrases are joined without one. */
const unspaced = new Set(['ja', 'zh']);
const segmenters = new Map<string, Intl.Segmenter>();
const han = /^\p{Script=Han}$/u;

/** Longer than any word a language has in common use (German compounds included): a pasted code, a key held down. */
const maxWordLength = 40;

/**
 * A word worth counting: not a stop word, not a number, two characters or more (one will do for a Chinese character),
 * and no longer than a word.
 */
const worthCounting = (word: string, stop: ReadonlySet<string>) =>
  !stop.has(word) && !/^\d+$/.test(word) && (word.length > 1 || han.test(word)) && word.length <= maxWordLength;

/** Links a customer pasted: their parts (`https`, `www`, a domain) are not what a customer says. */
const link = /\b(?:https?:\/\/|www\.)\S+/giu;

/**
 * An email address a customer pasted, as a run of text without spaces holding an "@" after its first character and a
 * "." between two characters after that — found with indexOf: a regular expression for it read a 5,000-letter comment
 * once for each letter.
 */
const isEmailLike = (run: string) => {
  const at = run.indexOf('@', 1);
  return at > 0 && run.lastIndexOf('.', run.length - 2) > at + 1;
};

/** A word in a language written with spaces: letters (with their marks), digits, and apostrophes inside a word. */
const word = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The words of a comment with, for each, whether punctuation stands between it and the word before: a regular
 * expression for languages written with spaces (fast), the locale's word segmenter for those without.
 */
function* wordsOf(text: string, language: string): Generator<{ word: string; broken: boolean }> {
  if (!unspaced.has(language)) {
    let end = 0;
    for (const match of text.matchAll(word)) {
      yield { word: match[0], broken: /\S/u.test(text.slice(end, match.index)) };
      end = match.index + match[0].length;
    }
    return;
  }
  let segmenter = segmenters.get(language);
  if (!segmenter) segmenters.set(language, (segmenter = new Intl.Segmenter(language, { granularity: 'word' })));
  let broken = false;
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) {
      yield { word: segment, broken };
      broken = false;
    } else if (/\S/u.test(segment)) broken = true;
  }
}

/** The distinct words and two-word phrases of a comment (a phrase never spans punctuation or a stop word). */
export function termsOf(comment: string, language: string): Set<string> {
  const stop = stopWords(language);
  const terms = new Set<string>();
  let previous: string | null = null;
  // an address, and what anonymising left of one or of a number, stands as punctuation does: no phrase spans it
  const text = comment
    .replaceAll(removedAddress, ' . ')
    .replaceAll(removedNumber, ' . ')
    .replace(link, ' . ')
    .replace(/\S+/gu, (run) => (isEmailLike(run) ? ' . ' : run))
    .toLocaleLowerCase(language);
  for (const { word: w, broken } of wordsOf(text, language)) {
    if (broken) previous = null;
    if (!worthCounting(w, stop)) {
      previous = null;
      continue;
    }
    terms.add(w);
    if (previous) terms.add(unspaced.has(language) ? `${previous}${w}` : `${previous} ${w}`);
    previous = w;
  }
  return terms;
}

interface Side {
  comments: number;
  terms: Map<string, number>;
}

function tally(comments: ReadonlyArray<{ comment: string; locale: string }>): Map<string, Side> {
  const languages = new Map<string, Side>();
  for (const { comment, locale } of comments) {
    const language = languageOf(locale);
    let side = languages.get(language);
    if (!side) languages.set(language, (side = { comments: 0, terms: new Map() }));
    side.comments++;
    for (const term of termsOf(comment, language)) side.terms.set(term, (side.terms.get(term) ?? 0) + 1);
  }
  return languages;
}

/**
 * Whether `phrase` holds `word` and says no more than it: the same comments on both sides (then "box" adds nothing to
 * "box arrived", and only the phrase is listed).
 */
function subsumes(phrase: Theme, word: Theme, spaced: boolean): boolean {
  if (phrase === word || phrase.unhappy !== word.unhappy || phrase.happy !== word.happy) return false;
  return spaced
    ? phrase.term.split(' ').length > 1 && phrase.term.split(' ').includes(word.term)
    : phrase.term.length > word.term.length && phrase.term.includes(word.term);
}

/** The terms of `ours` that set it apart from `theirs`, strongest first; a word its phrase says all of is left out. */
function apart(ours: Side, theirs: Side, mine: 'unhappy' | 'happy', language: string): Theme[] {
  const themes: Theme[] = [];
  for (const [term, n] of ours.terms) {
    if (n < minSupport) continue;
    const other = theirs.terms.get(term) ?? 0;
    const lift = (n + 0.5) / (ours.comments + 1) / ((other + 0.5) / (theirs.comments + 1));
    if (lift < minLift) continue;
    themes.push(mine === 'unhappy' ? { term, unhappy: n, happy: other, lift } : { term, unhappy: other, happy: n, lift });
  }
  const count = (t: Theme) => (mine === 'unhappy' ? t.unhappy : t.happy);
  const spaced = !unspaced.has(language);
  const kept = themes.filter((word) => !themes.some((phrase) => subsumes(phrase, word, spaced)));
  kept.sort((a, b) => b.lift - a.lift || count(b) - count(a) || (a.term < b.term ? -1 : 1));
  return kept.slice(0, maxThemes);
}

export async function buildThemes(store: ResponseStore, filter: AnswerFilter, signal?: AbortSignal): Promise<Themes> {
  const read = (band: 'unhappy' | 'happy') =>
    store
      .answers({ ...filter, band, commented: true }, 'newest', null, maxCommentsPerSide, signal)
      .then((page) => page.answers.map(({ response }) => ({ comment: response.comment!, locale: response.locale })));
  const [unhappy, happy] = await Promise.all([read('unhappy'), read('happy')]);
  const [bad, good] = [tally(unhappy), tally(happy)];
  const empty: Side = { comments: 0, terms: new Map() };
  const languages = [...new Set([...bad.keys(), ...good.keys()])].map((language): LanguageThemes => {
    const [u, h] = [bad.get(language) ?? empty, good.get(language) ?? empty];
    return {
      language,
      unhappyComments: u.comments,
      happyComments: h.comments,
      unhappyThemes: apart(u, h, 'unhappy', language),
      happyThemes: apart(h, u, 'happy', language),
    };
  });
  languages.sort((a, b) => b.unhappyComments + b.happyComments - (a.unhappyComments + a.happyComments));
  return { minSupport, minLift, read: { unhappy: unhappy.length, happy: happy.length, limit: maxCommentsPerSide }, languages };
}
