// What a page said went wrong: cxkit's console errors and anything thrown into the page.
import type { Page } from '@playwright/test';

/** Collects console errors and uncaught exceptions of the page. */
export function watchErrors(page: Page): { console: string[]; uncaught: string[] } {
  const seen = { console: [] as string[], uncaught: [] as string[] };
  // the browser's own network log lines (favicon, a missing file) are not cxkit's messages
  page.on(
    'console',
    (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && seen.console.push(message.text()),
  );
  page.on('pageerror', (error) => seen.uncaught.push(error.message));
  return seen;
}
