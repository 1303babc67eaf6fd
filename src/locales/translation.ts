// The shape of a language's strings; every visible word of a prompt comes from one of these.
import type { PromptKind } from '../schema/response.js';

/** Plural forms by CLDR category (`one`, `two`, `few`, …); `other` is required. `{n}` stands for the number. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

/** Follow-up questions by score band: low (detractors, dissatisfied, hard), mid, high. */
export interface Bands {
  readonly low: string;
  readonly mid: string;
  readonly high: string;
}

export interface Translation {
  readonly dir: 'ltr' | 'rtl';
  /** The standard wording of each metric's question. */
  readonly question: Readonly<Record<PromptKind, string>>;
  /** Labels of the lowest and highest end of each scale. */
  readonly ends: Readonly<Record<PromptKind, readonly [low: string, high: string]>>;
  readonly followUp: Readonly<Record<PromptKind, Bands>>;
  /** CSAT levels 1–5, read out for the emoji variant. */
  readonly satisfaction: readonly [string, string, string, string, string];
  /** The star variant's option label, e.g. "3 stars". */
  readonly stars: PluralForms;
  readonly commentPlaceholder: string;
  readonly submit: string;
  readonly skip: string;
  readonly close: string;
  readonly thanks: string;
  readonly saveFailed: string;
  readonly retry: string;
}

/** Some of a Translation's strings, at any depth: what a site overrides, or what a kind's element adds to English. */
export type DeepPartial<T> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};
