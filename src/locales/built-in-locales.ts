// The languages cxkit ships. English is in every build; the ESM library adds the others (`./all.ts`), and the script
// tag fetches the visitor's as a file of its own (dist/cxkit-locale-fr.js …).

/** Built-in languages, English first. */
export const builtInLocales = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'ja',
  'zh',
  'ko',
  'ar',
  'he',
  'pl',
  'sv',
  'da',
  'tr',
  'ru',
  'fi',
  'nb',
  'cs',
  'uk',
] as const;
export type BuiltInLocale = (typeof builtInLocales)[number];

/**
 * The language of a locale tag, in lower case: `pt` for `pt-BR` (or `pt_BR`, as some systems write it). Norwegian
 * (`no`) and Nynorsk (`nn`) are Bokmål, the Norwegian cxkit carries: every Norwegian reads it, and a browser or a site
 * may name any of the three.
 */
export function languageOf(tag: string): string {
  const language = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return language === 'no' || language === 'nn' ? 'nb' : language;
}
