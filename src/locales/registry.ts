// Languages, lookup with fallback (pt-BR → pt → en), and a way for sites to override or add strings. English is always
// here; the other built-in languages are added by `./all.ts` (the ESM library) or, for the script tag, fetched one at a
// time when a prompt needs one (`setLocaleSource`).
import { languageOf, type BuiltInLocale } from './built-in-locales.js';
import { en } from './languages/en.js';
import type { DeepPartial, PluralForms, Translation } from './translation.js';

export { builtInLocales, type BuiltInLocale } from './built-in-locales.js';
export type { DeepPartial } from './translation.js';

// English lacks the strings of CSAT and CES until their elements' modules add them (`addEnglish`), which they do before
// the element can render: what a prompt looks up is there
const translations = new Map<string, Translation>([['en', en as DeepPartial<Translation> as Translation]]);
/** English as it is now: with the strings kinds and sites have added. */
const english = (): Translation => translations.get('en') as Translation;

/** Adds built-in languages' strings. */
export function addTranslations(strings: Partial<Record<BuiltInLocale, Translation>>): void {
  for (const [tag, translation] of Object.entries(strings)) translations.set(tag, translation);
}

/**
 * Fetches a language that is not here yet, when cxkit has it (the script tag's core knows its language files); its file
 * calls addTranslations() when it runs. It settles at once for a language cxkit lacks.
 */
let source: ((locale: string) => Promise<void>) | null = null;
const fetches = new Map<string, Promise<void>>();
/** Stands in the map for a fetch that has settled. */
const settled = Promise.resolve();

export function setLocaleSource(fetch: (locale: string) => Promise<void>): void {
  source = fetch;
}

/** The base language a tag needs that is still to be asked of the source, if any. */
function missing(locale: string | undefined): string | null {
  const tag = (locale || 'en').toLowerCase();
  const base = languageOf(tag);
  return !source || translations.has(tag) || translations.has(base) ? null : base;
}

/** Whether a prompt in this locale can show in its own language now (or in English, when its fetch failed). */
export function isLocaleReady(locale: string | undefined): boolean {
  const base = missing(locale);
  return base === null || fetches.get(base) === settled;
}

/** Settles when the locale's strings are here, or its fetch failed (said in the console; English stands in). */
export function whenLocaleReady(locale: string | undefined): Promise<void> {
  const base = missing(locale);
  if (base === null || !source) return settled;
  let fetching = fetches.get(base);
  if (!fetching) {
    fetching = source(base)
      .catch((error: unknown) => console.error(error instanceof Error ? error.message : error))
      .then(() => void fetches.set(base, settled));
    fetches.set(base, fetching);
  }
  return fetching;
}

/** `override`'s strings over `base`'s: a Translation's values are strings, string tuples or records of those. */
function merge<T extends object>(base: T | DeepPartial<T>, override: DeepPartial<T>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    const nested =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current);
    out[key] = nested ? merge(current as object, value as DeepPartial<object>) : value;
  }
  return out as T;
}

/**
 * English strings that come with a kind's element (`csat-english.ts` …): filled in under every language here, whose
 * own strings win, so that a language registered before the element came falls back to them too.
 */
export function addEnglish(strings: DeepPartial<Translation>): void {
  for (const [tag, translation] of translations) translations.set(tag, merge<Translation>(strings, translation));
}

/**
 * Overrides strings of a language, or adds a language: strings not given fall back to the base language
 * (`pt` for `pt-BR`), then to English. `registerTranslation('fr', { submit: 'Valider' })`.
 */
export function registerTranslation(locale: string, strings: DeepPartial<Translation>): void {
  const tag = locale.toLowerCase();
  translations.set(tag, merge(translations.get(tag) ?? translations.get(languageOf(tag)) ?? english(), strings));
}

/** The best match for a BCP 47 tag: the exact tag, then its base language, then English. */
export function resolveLocale(locale: string | undefined): { tag: string; strings: Translation } {
  const tag = (locale || 'en').toLowerCase();
  const exact = translations.get(tag);
  if (exact) return { tag, strings: exact };
  const base = languageOf(tag);
  const fallback = translations.get(base);
  return fallback ? { tag: base, strings: fallback } : { tag: 'en', strings: english() };
}

/** Languages whose plural rule for whole numbers from 1 up is English's, "one" for 1 and "other" beyond, when "many" is not asked. */
const oneThenOther = /^(en|de|nl|it|es|fr|pt|sv|da|fi|nb)\b/i;

/** Picks the plural form for `n` in `locale` and fills in `{n}` as `written` (the caller's digits for it). */
export function plural(forms: PluralForms, n: number, locale: string, written: string): string {
  let category: Intl.LDMLPluralRule = n === 1 ? 'one' : 'other';
  // only where the forms asked for need it — a language with one form (Japanese, Chinese, Korean, Turkish) never does:
  // the first Intl.PluralRules in a page costs ~10 ms at 4× throttling, which a CSAT prompt's first paint would wait on
  const keys = Object.keys(forms);
  if (keys.length > 1 && (keys.length > 2 || forms.many || n < 1 || n % 1 || !oneThenOther.test(locale)))
    try {
      category = new Intl.PluralRules(locale).select(n);
    } catch {
      // the page's Intl is a polyfill without this language's data: English's rule, which every language's "other" backs
    }
  return (forms[category] ?? forms.other).replace('{n}', written);
}
