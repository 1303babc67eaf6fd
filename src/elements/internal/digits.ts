// The numbers on a scale in the visitor's digits, without holding up the first paint: creating the first
// Intl.NumberFormat of a page loads locale data (~100 ms on a mid-range phone). Until it exists the scale shows
// ASCII digits — what most locales use anyway — and it is created when the browser is idle, then the prompt re-renders.

const formats = new Map<string, Intl.NumberFormat>();
const waiting = new Map<string, Set<() => void>>();

const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 50);

/** `n` in `tag`'s digits if they are known already; otherwise ASCII digits now, and `changed` once they are known. */
export function digits(n: number, tag: string, changed: () => void): string {
  const format = formats.get(tag);
  if (format) return format.format(n);
  let listeners = waiting.get(tag);
  if (!listeners) {
    listeners = new Set();
    waiting.set(tag, listeners);
    whenIdle(() => {
      let created: Intl.NumberFormat;
      try {
        created = new Intl.NumberFormat(tag);
      } catch {
        created = new Intl.NumberFormat('en');
      }
      formats.set(tag, created);
      const callbacks = waiting.get(tag) ?? new Set();
      waiting.delete(tag);
      // only a locale whose digits differ needs a second render
      if (created.format(10) !== '10') for (const callback of callbacks) callback();
    });
  }
  listeners.add(changed);
  return String(n);
}
