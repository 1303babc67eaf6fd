// The segments an answer belongs to, worked out once as it is stored: the device class, the locale, the page path,
// new or returning visitor, and the traits the collector is told to segment by. Both stores keep them as one JSON
// object per answer, which a rollup explodes into one count per (dimension, value).
import type { Attributes, Response } from '../../../src/schema/response.js';
import { hashRoute } from '../../../src/sdk/page.js';
import { cutText } from '../../../src/sdk/cut-text.js';

export const builtInDimensions = ['device', 'locale', 'path', 'visitor'] as const;
/** A trait's dimension is named `trait:` and the trait's name. */
export const traitDimension = (trait: string) => `trait:${trait}`;
/** The traits among a store's segment dimensions, by their own names. */
export const segmentTraitsOf = (dimensions: readonly string[]) =>
  dimensions.filter((dimension) => dimension.startsWith(traitDimension(''))).map((dimension) => dimension.slice(traitDimension('').length));
/** The traits most sites mean by "segment" when not told otherwise. */
export const defaultSegmentTraits = ['plan', 'country'] as const;
/** Longest value kept for a dimension; longer ones are cut (a page path, a free-text trait). */
const maxValueLength = 200;
/** A value cut to `maxValueLength`, before an emoji the cut would split: PostgreSQL's json refuses half of one. */
const cut = (value: string) => cutText(value, maxValueLength);

/** A path segment that names one record rather than a page: all digits, or a long hexadecimal id (UUID, hash). */
const recordId = /^(\d+|[0-9a-f-]{16,})$/i;

/**
 * The page's path as a segment: without origin, query or hash (but with a hash router's route: `/#/checkout/done`),
 * with record ids folded into `:id` (so that `/orders/1234` and `/orders/1235` are one page), and without a trailing
 * slash.
 */
export function pagePath(url: string): string {
  let path: string;
  try {
    const parsed = new URL(url, 'https://page.invalid');
    path = parsed.pathname + hashRoute(parsed.hash);
  } catch {
    return '/';
  }
  const folded = path
    .split('/')
    .map((part) => (recordId.test(part) && /\d/.test(part) ? ':id' : part))
    .join('/');
  // from the first of the last slashes only: a run of slashes inside a hostile path is read once, not once a slash
  return cut(folded.length > 1 ? folded.replace(/(?<!\/)\/+$/, '') : folded) || '/';
}

/**
 * The values of the segment traits (`traits`) among a customer's traits, as segments hold them: text, cut; the other
 * traits left out (a user's email is not a segment).
 */
function segmentTraitValues(given: Attributes | undefined, traits: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const trait of traits) {
    // its own traits only: a customer without a `constructor` trait does not have Object's
    const value = given && Object.hasOwn(given, trait) ? given[trait] : undefined;
    if (value !== undefined && value !== '') values[trait] = cut(String(value));
  }
  return values;
}

/** A display with the segment traits alone of its customer's traits (`traits`), as text: all its response rates need. */
export function withSegmentTraits<T extends { readonly traits?: Attributes | undefined }>(display: T, traits: readonly string[]): T {
  const { traits: given, ...rest } = display;
  const kept = segmentTraitValues(given, traits);
  return (Object.keys(kept).length ? { ...rest, traits: kept } : rest) as T;
}

/** The answer's segments as the rollup counts them. */
export function segmentsOf(response: Response, traits: readonly string[]): Record<string, string> {
  const segments: Record<string, string> = {};
  if (response.device) segments.device = response.device;
  segments.locale = cut(response.locale);
  segments.path = pagePath(response.page.url);
  if (response.visitor) segments.visitor = response.visitor;
  for (const [trait, value] of Object.entries(segmentTraitValues(response.traits, traits))) segments[traitDimension(trait)] = value;
  return segments;
}

/** The dimensions of a store segmenting by `traits`. */
export const dimensionsFor = (traits: readonly string[]) => [...builtInDimensions, ...traits.map(traitDimension)];

/** The trait list a store is given, checked: names as traits allow them (1–100 characters), each once. */
export function checkedTraits(traits: readonly string[] = defaultSegmentTraits): string[] {
  for (const trait of traits) {
    if (!trait || trait.length > 100) throw new RangeError(`segment trait "${trait}": expected a trait name of 1 to 100 characters`);
  }
  return [...new Set(traits)];
}

/** The settings row that records which traits the stored segments were worked out with. */
export const segmentTraitsSetting = 'segment-traits';

/** The traits a store's settings row says its segments were worked out with, or `given` when it has none yet. */
export const storedTraits = (setting: string | undefined, given: readonly string[]) =>
  setting === undefined ? given : checkedTraits(JSON.parse(setting) as string[]);

/** A dimension as a SQL string literal (dimensions are checked against the store's list first; quoted all the same). */
export const dimensionLiteral = (dimension: string) => `'${dimension.replace(/'/g, "''")}'`;
