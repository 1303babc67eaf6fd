// Built-in languages, lookup with fallback (pt-BR → pt → en), and a way for sites to override or add strings.
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { he } from './he.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { nl } from './nl.js';
import { pt } from './pt.js';
import type { PluralForms, Translation } from './translation.js';
import { zh } from './zh.js';

const translations = new Map<string, Translation>(Object.entries({ en, es, fr, de, it, pt, nl, ja, zh, ko, ar, he }));

/** Languages cxkit ships. */
export const builtInLocales = [...translations.keys()];

/** One level deep is enough: a Translation's values are strings, string tuples or records of strings. */
function merge(base: Translation, override: DeepPartial<Translation>): Translation {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    const nested =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current);
    out[key] = nested ? merge(current as Translation, value as DeepPartial<Translation>) : value;
  }
  return out as unknown as Translation;
}

export type DeepPartial<T> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/**
 * Overrides strings of a language, or adds a language: strings not given fall back to the base language
 * (`pt` for `pt-BR`), then to English. `registerTranslation('fr', { submit: 'Valider' })`.
 */
export function registerTranslation(locale: string, strings: DeepPartial<Translation>): void {
  const tag = locale.toLowerCase();
  translations.set(tag, merge(translations.get(tag) ?? translations.get(tag.split('-')[0] ?? '') ?? en, strings));
}

/** The best match for a BCP 47 tag: the exact tag, then its base language, then English. */
export function resolveLocale(locale: string | undefined): { tag: string; strings: Translation } {
  const tag = (locale || 'en').toLowerCase();
  const exact = translations.get(tag);
  if (exact) return { tag, strings: exact };
  const base = tag.split('-')[0] ?? 'en';
  const fallback = translations.get(base);
  return fallback ? { tag: base, strings: fallback } : { tag: 'en', strings: en };
}

/** Picks the plural form for `n` in `locale` and fills in `{n}` as `written` (the caller's digits for it). */
export function plural(forms: PluralForms, n: number, locale: string, written: string): string {
  const category = new Intl.PluralRules(locale).select(n);
  return (forms[category] ?? forms.other).replace('{n}', written);
}
