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
