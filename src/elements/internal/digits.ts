// The numbers on a scale in the visitor's digits, without holding up the first paint: creating the first
// Intl.NumberFormat of a page loads locale data (~100 ms on a mid-range phone). Most languages write ASCII digits and
// never need one. For the others the scale shows ASCII digits first; the format is created when the browser is idle,
// then the prompt re-renders.

/** Languages whose usual digits are not ASCII by CLDR's default numbering systems (Arabic, Persian, Bengali, Devanagari, Burmese, …). */
const ownDigits = new Set([
  'ar',
  'as',
  'bgc',
  'bho',
  'bn',
  'ccp',
  'ckb',
  'dz',
  'fa',
  'ks',
  'mni',
  'mr',
  'my',
  'ne',
  'nqo',
  'ps',
  'raj',
  'sa',
  'sat',
  'sd',
  'ur',
]);

const mayHaveOwnDigits = (tag: string) => ownDigits.has(tag.toLowerCase().split('-')[0] ?? '');

/** Per language: its number format where its digits are not ASCII, null where they are. */
const formats = new Map<string, Intl.NumberFormat | null>();
const waiting = new Map<string, Set<() => void>>();

const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 50);

/**
 * `tag`'s number format where its digits are not ASCII; null where they are, or where the page's Intl cannot make one
 * (a polyfill installed over the browser's that has no data for the language, or none at all).
 */
function ownDigitsFormat(tag: string): Intl.NumberFormat | null {
  try {
    const format = new Intl.NumberFormat(tag);
    return format.format(10) === '10' ? null : format;
  } catch {
    return null;
  }
}

/** `n` in `tag`'s digits if they are known already; otherwise ASCII digits now, and `changed` once they are known. */
export function digits(n: number, tag: string, changed: () => void): string {
  if (!mayHaveOwnDigits(tag)) return String(n);
  if (formats.has(tag)) return formats.get(tag)?.format(n) ?? String(n);
  let listeners = waiting.get(tag);
  if (!listeners) {
    listeners = new Set();
    waiting.set(tag, listeners);
    whenIdle(() => {
      const format = ownDigitsFormat(tag);
      formats.set(tag, format);
      const callbacks = waiting.get(tag) ?? new Set();
      waiting.delete(tag);
      // only a locale whose digits differ needs a second render
      if (format) for (const callback of callbacks) callback();
    });
  }
  listeners.add(changed);
  return String(n);
}
