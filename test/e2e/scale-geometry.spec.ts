// The scale as a customer sees it: every option on one line in reading order, targets of at least 24×24 px (WCAG
// 2.5.8), the end labels under the first and last option, nothing past the window — at phone to desktop widths, in
// each mode, left to right and right to left.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const widths = [320, 390, 768, 1280];
const modes = ['inline', 'popover', 'modal'] as const;
const prompts = [
  { tag: 'cx-nps', attributes: '', count: 11 },
  { tag: 'cx-csat', attributes: 'variant="emoji"', count: 5 },
  { tag: 'cx-ces', attributes: '', count: 7 },
];

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}

interface Geometry {
  readonly options: Box[];
  readonly low: Box;
  readonly high: Box;
  readonly panel: Box;
}

/** Shows one prompt as a site would write it and measures it; removes it afterwards. */
async function measure(page: Page, tag: string, attributes: string, mode: string, locale: string): Promise<Geometry> {
  return page.evaluate(
    async ({ tag, attributes, mode, locale }) => {
      const main = document.querySelector('main')!;
      main.innerHTML = `<${tag} touchpoint="geometry" mode="${mode}" locale="${locale}" ${attributes} ${mode === 'inline' ? '' : 'open'}></${tag}>`;
      // cx-csat and cx-ces are files of their own: the script tag fetches one when its element appears in the page
      await customElements.whenDefined(tag);
      const element = main.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
      await element.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const root = element.shadowRoot!;
      const box = (el: Element): Box => {
        const { left, right, top, bottom, width, height } = el.getBoundingClientRect();
        return { left, right, top, bottom, width, height };
      };
      // the end labels' text, not their boxes: a short label in a wide box still has to sit at its end
      const text = (el: Element): Box => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return box(range as unknown as Element);
      };
      const [low, high] = [...root.querySelectorAll('.ends > span')];
      const geometry = {
        options: [...root.querySelectorAll('[role="radio"]')].map(box),
        low: text(low!),
        high: text(high!),
        panel: box(root.querySelector('.panel')!),
      };
      main.innerHTML = '';
      return geometry;
    },
    { tag, attributes, mode, locale },
  );
}

for (const width of widths) {
  for (const dir of ['ltr', 'rtl'] as const) {
    test(`at ${width} px, ${dir}: every scale reads as one line with 24 px targets and its end labels at its ends`, async ({
      page,
      openSite,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      // an element in the page loads the prompt UI, as on a site
      await openSite(page, { inlineConfig: {}, body: '<main><cx-nps touchpoint="geometry"></cx-nps></main>' });
      await page.waitForFunction(() => customElements.get('cx-nps') !== undefined);
      const locale = dir === 'rtl' ? 'ar' : 'en';
      for (const { tag, attributes, count } of prompts) {
        for (const mode of modes) {
          const where = `${tag} ${mode}`;
          const { options, low, high, panel } = await measure(page, tag, attributes, mode, locale);
          expect(options, where).toHaveLength(count);
          const tops = options.map((o) => o.top);
          expect(Math.max(...tops) - Math.min(...tops), `${where}: one row`).toBeLessThan(1);
          for (const option of options) {
            expect(option.width, `${where}: target width`).toBeGreaterThanOrEqual(24);
            expect(option.height, `${where}: target height`).toBeGreaterThanOrEqual(24);
          }
          // reading order: the lowest score at the start of the line
          const lefts = options.map((o) => o.left);
          const sorted = [...lefts].sort((a, b) => (dir === 'ltr' ? a - b : b - a));
          expect(lefts, `${where}: order`).toEqual(sorted);
          const first = options[0]!;
          const last = options.at(-1)!;
          // each label starts under its option's outer edge and sits below the scale
          const slack = 2;
          if (dir === 'ltr') {
            expect(Math.abs(low.left - first.left), `${where}: low label under the first option`).toBeLessThanOrEqual(slack);
            expect(Math.abs(high.right - last.right), `${where}: high label under the last option`).toBeLessThanOrEqual(slack);
          } else {
            expect(Math.abs(low.right - first.right), `${where}: low label under the first option`).toBeLessThanOrEqual(slack);
            expect(Math.abs(high.left - last.left), `${where}: high label under the last option`).toBeLessThanOrEqual(slack);
          }
          expect(low.top, `${where}: labels below the scale`).toBeGreaterThanOrEqual(first.bottom);
          expect(panel.left, `${where}: inside the window`).toBeGreaterThanOrEqual(0);
          expect(panel.right, `${where}: inside the window`).toBeLessThanOrEqual(width);
        }
      }
    });
  }
}
