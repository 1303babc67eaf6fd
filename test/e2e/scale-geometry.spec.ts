// The scale as a customer sees it: every option on one line in reading order, targets of at least 24×24 px (WCAG
// 2.5.8), the end labels under the first and last option, nothing past the window — at phone to desktop widths, in
// each mode, left to right and right to left.
import type { Page } from '@playwright/test';
import type { EmbedApi } from '../../src/embed.js';
import { expect, test } from './support/fixtures.js';

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

/**
 * Text styles a site commonly sets on its own page: a root font size of 62.5% (so that 1rem is 10 px), and on the body
 * capitals, spacing, centring, italics, bold, a tall line and no wrapping. The font family is left alone: the prompt
 * takes the site's on purpose.
 */
const siteTextStyles =
  'html { font-size: 62.5% } body { font-size: 1.4rem; text-transform: uppercase; letter-spacing: 0.2em; word-spacing: 1em; ' +
  'text-align: center; font-style: italic; font-weight: 700; line-height: 3; white-space: nowrap; text-indent: 3em }';

test("at 320 px, a site's 500-character question with a word wider than the window wraps inside the prompt in every mode", async ({
  page,
  openSite,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openSite(page, { inlineConfig: {}, body: '<main><cx-nps touchpoint="geometry"></cx-nps></main>' });
  await page.waitForFunction(() => customElements.get('cx-nps') !== undefined);
  // a product code or a link in the question: one word of 479 characters
  const question = `https://shop.example/${'q'.repeat(479)}`;
  for (const mode of modes) {
    const { text, panel, options, pageWidth } = await page.evaluate(
      async ({ mode, question }) => {
        const main = document.querySelector('main')!;
        main.innerHTML = `<cx-nps touchpoint="geometry" mode="${mode}" ${mode === 'inline' ? '' : 'open'}></cx-nps>`;
        const element = main.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
        element.setAttribute('question', question);
        await element.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const root = element.shadowRoot!;
        const range = document.createRange();
        range.selectNodeContents(root.querySelector('.question')!);
        const box = ({ left, right, top }: DOMRect) => ({ left, right, top });
        const measured = {
          text: box(range.getBoundingClientRect()),
          panel: box(root.querySelector('.panel')!.getBoundingClientRect()),
          options: [...root.querySelectorAll('[role="radio"]')].map((o) => box(o.getBoundingClientRect())),
          pageWidth: document.documentElement.scrollWidth,
        };
        main.innerHTML = '';
        return measured;
      },
      { mode, question },
    );
    expect(pageWidth, `${mode}: the page scrolls sideways`).toBeLessThanOrEqual(320);
    expect(text.right, `${mode}: the question's text inside its panel`).toBeLessThanOrEqual(panel.right);
    expect(text.left, `${mode}: the question's text inside its panel`).toBeGreaterThanOrEqual(panel.left);
    const tops = options.map((o) => o.top);
    expect(Math.max(...tops) - Math.min(...tops), `${mode}: one row`).toBeLessThan(1);
    expect(Math.max(...options.map((o) => o.right)), `${mode}: the scale inside the window`).toBeLessThanOrEqual(320);
  }
});

/** Where each part of a prompt sits: the panel, the question, each option, the end labels and the close button. */
async function layout(page: Page, tag: string, mode: string): Promise<Box[]> {
  return page.evaluate(
    async ({ tag, mode }) => {
      const main = document.querySelector('main')!;
      main.innerHTML = `<${tag} touchpoint="geometry" mode="${mode}" ${mode === 'inline' ? '' : 'open'}></${tag}>`;
      await customElements.whenDefined(tag);
      const element = main.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
      await element.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const root = element.shadowRoot!;
      const parts = [...root.querySelectorAll('.panel, .question, [role="radio"], .ends > span, [part="close"]')].map((el) => {
        const { left, right, top, bottom, width, height } = el.getBoundingClientRect();
        return { left, right, top, bottom, width, height };
      });
      main.innerHTML = '';
      return parts;
    },
    { tag, mode },
  );
}

for (const width of [320, 1280]) {
  test(`at ${width} px, a page's own text styles (1rem = 10 px, capitals, spacing, no wrap) leave every prompt as on a plain page`, async ({
    page,
    openSite,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const layouts = [];
    for (const styles of ['', siteTextStyles]) {
      await openSite(page, {
        inlineConfig: {},
        head: `<style>${styles}</style>`,
        body: '<main><cx-nps touchpoint="geometry"></cx-nps></main>',
      });
      await page.waitForFunction(() => customElements.get('cx-nps') !== undefined);
      const boxes: Record<string, Box[]> = {};
      for (const { tag } of prompts) for (const mode of modes) boxes[`${tag} ${mode}`] = await layout(page, tag, mode);
      layouts.push(boxes);
    }
    const [plain, styled] = layouts;
    for (const prompt of Object.keys(plain!)) {
      expect(styled![prompt], prompt).toHaveLength(plain![prompt]!.length);
      styled![prompt]!.forEach((box, i) => {
        const was = plain![prompt]![i]!;
        for (const side of ['left', 'right', 'top', 'bottom'] as const) {
          expect(Math.abs(box[side] - was[side]), `${prompt}, part ${i}: ${side}`).toBeLessThanOrEqual(0.5);
        }
      });
    }
  });
}

test('an inline prompt in a part of the page the site hides (visibility: hidden) stays hidden with it', async ({ page, openSite }) => {
  await openSite(page, {
    inlineConfig: {},
    body: '<main><section style="visibility: hidden"><cx-nps touchpoint="tab-two"></cx-nps></section><cx-nps touchpoint="shown"></cx-nps></main>',
  });
  const options = (touchpoint: string) => page.locator(`cx-nps[touchpoint="${touchpoint}"]`).getByRole('radio', { includeHidden: true });
  await expect(options('shown')).toHaveCount(11);
  await expect(options('tab-two')).toHaveCount(11);
  for (const option of await options('shown').all()) await expect(option).toBeVisible();
  for (const option of await options('tab-two').all()) await expect(option).toBeHidden();
});

test("a page's font smoothing (Tailwind's antialiased) and tap highlight reach the prompt's text and buttons", async ({
  page,
  openSite,
}) => {
  await openSite(page, {
    inlineConfig: {},
    head: '<style>body { -webkit-font-smoothing: antialiased; -webkit-tap-highlight-color: transparent }</style>',
    body: '<main><cx-nps touchpoint="rendering"></cx-nps></main>',
  });
  const option = page.locator('cx-nps').getByRole('radio', { name: '7' });
  await expect(option).toBeVisible();
  const rendering = await option.evaluate((element) => {
    const style = getComputedStyle(element);
    return [style.getPropertyValue('-webkit-font-smoothing'), style.getPropertyValue('-webkit-tap-highlight-color')];
  });
  expect(rendering).toEqual(['antialiased', 'rgba(0, 0, 0, 0)']);
});

for (const textSize of [24, 32]) {
  test(`with the browser's text at ${textSize} px on a 320 px phone, every option's label fits inside its 24 px target`, async ({
    page,
    openSite,
  }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    // the visitor's own text size, as a browser's settings set it (150% and 200% of the usual 16 px)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: textSize } });
    await openSite(page, { inlineConfig: {}, body: '<main><cx-nps touchpoint="geometry"></cx-nps></main>' });
    await page.waitForFunction(() => customElements.get('cx-nps') !== undefined);
    for (const { tag, attributes, count } of prompts) {
      for (const mode of modes) {
        const where = `${tag} ${mode}`;
        const { options } = await measure(page, tag, attributes, mode, 'en');
        expect(options, where).toHaveLength(count);
        const tops = options.map((o) => o.top);
        expect(Math.max(...tops) - Math.min(...tops), `${where}: one row`).toBeLessThan(1);
        for (const option of options) expect(option.width, `${where}: target width`).toBeGreaterThanOrEqual(24);
      }
    }
    // the widest label, "10", inside its option
    const overflowing = await page.evaluate(async () => {
      const main = document.querySelector('main')!;
      main.innerHTML = '<cx-nps touchpoint="geometry"></cx-nps>';
      const element = main.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
      await element.updateComplete;
      return [...element.shadowRoot!.querySelectorAll('[role="radio"]')]
        .filter((o) => o.scrollWidth > o.clientWidth)
        .map((o) => o.textContent);
    });
    expect(overflowing).toEqual([]);
  });
}

/**
 * What a site may put on the body or on an ancestor of the prompt that makes it the box a fixed element is placed
 * against instead of the window (the GPU hacks of old, a page transition, a containment for performance).
 */
const fixedContainers = {
  'a transform on the body': 'body { transform: translateZ(0) }',
  'a filter on the main element': 'main { filter: saturate(1.1) }',
  'will-change on the main element': 'main { will-change: transform }',
  'contain on the main element': 'main { contain: paint }',
};

/** Opens a popover prompt at the end of a page 3,000 px long, scrolled 1,000 px down, and measures its panel. */
async function popoverOnLongPage(page: Page, tag: string): Promise<Box & { topLayer: boolean }> {
  return page.evaluate(async (tag) => {
    const main = document.querySelector('main')!;
    main.innerHTML = `<div style="block-size: 3000px"></div><${tag} touchpoint="geometry" mode="popover" open></${tag}>`;
    scrollTo(0, 1000);
    await customElements.whenDefined(tag);
    const element = main.lastElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    await element.updateComplete;
    // as a visitor sees it once it has appeared: a few frames on
    for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    const panel = element.shadowRoot!.querySelector('.panel')!;
    const { left, right, top, bottom, width, height } = panel.getBoundingClientRect();
    const topLayer = panel.matches(':popover-open');
    main.innerHTML = '';
    return { left, right, top, bottom, width, height, topLayer };
  }, tag);
}

for (const width of [320, 1280]) {
  test(`at ${width} px, a popover sits in the window's corner on a long page whose body or an ancestor has a transform, filter, will-change or contain`, async ({
    page,
    openSite,
  }) => {
    await page.setViewportSize({ width, height: 700 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const measured: Record<string, Record<string, Box & { topLayer: boolean }>> = {};
    for (const [site, styles] of Object.entries({ 'a plain page': '', ...fixedContainers })) {
      await openSite(page, {
        inlineConfig: {},
        head: `<style>${styles}</style>`,
        body: '<main><cx-nps touchpoint="geometry"></cx-nps></main>',
      });
      await page.waitForFunction(() => customElements.get('cx-nps') !== undefined);
      measured[site] = {};
      for (const { tag } of prompts) measured[site]![tag] = await popoverOnLongPage(page, tag);
    }
    const plain = measured['a plain page']!;
    for (const { tag } of prompts) {
      // on a plain page the popover keeps to the page's stacking order (see the consent banner test below)
      expect(plain[tag]!.topLayer, `${tag} on a plain page: not in the top layer`).toBe(false);
      expect(plain[tag]!.bottom, `${tag} on a plain page: inside the window`).toBeLessThanOrEqual(700);
      expect(plain[tag]!.top, `${tag} on a plain page: inside the window`).toBeGreaterThanOrEqual(0);
      for (const site of Object.keys(fixedContainers)) {
        const box = measured[site]![tag]!;
        for (const side of ['left', 'right', 'top', 'bottom'] as const) {
          expect(Math.abs(box[side] - plain[tag]![side]), `${tag}, ${site}: ${side}`).toBeLessThanOrEqual(0.5);
        }
      }
    }
  });
}

test("a popover stays beneath a site's consent banner at the highest z-index", async ({ page, openSite }) => {
  await page.setViewportSize({ width: 390, height: 700 });
  await openSite(page, {
    inlineConfig: {},
    body:
      '<main><cx-nps touchpoint="banner" mode="popover" open></cx-nps></main>' +
      '<div id="consent" style="position: fixed; inset: auto 0 0 0; block-size: 60vh; z-index: 2147483647; background: #eee">We use cookies</div>',
  });
  const prompt = page.locator('cx-nps');
  await expect(prompt.getByRole('dialog')).toBeVisible();
  const onTop = await prompt.evaluate(async (element) => {
    // a few frames on, once the popover has settled where it stays
    for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    const { left, top, width, height } = element.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
    return document.elementFromPoint(left + width / 2, top + height / 2)?.id;
  });
  expect(onTop).toBe('consent');
});

for (const mode of ['popover', 'modal'] as const) {
  test(`with the browser's text at 32 px on a landscape phone, choosing a score in a ${mode} brings the follow-up into sight, and the page stays where it was`, async ({
    page,
    openSite,
    collector,
  }) => {
    await page.setViewportSize({ width: 667, height: 375 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32 } });
    await openSite(page, { inlineConfig: {}, body: '<main><h1>Order placed</h1><div style="block-size: 3000px"></div></main>' });
    await page.evaluate(() => scrollTo(0, 500));
    void page.evaluate((mode) => (window.cxkit as EmbedApi).show('nps', { touchpoint: 'landscape', mode }), mode);
    const nps = page.locator('cx-nps');
    await nps.getByRole('radio', { name: '9' }).click();
    const label = nps.getByText('What do you like most about us?');
    await expect(label).toBeVisible();
    // what the visitor sees where the label and Send are: they themselves, inside the prompt's scrolled view
    const seen = await nps.evaluate(async (element) => {
      for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
      const root = element.shadowRoot!;
      const at = (target: Element) => {
        const { left, top, width, height } = target.getBoundingClientRect();
        return root.elementFromPoint(left + width / 2, top + height / 2) === target;
      };
      return { label: at(root.querySelector('.follow-up label')!), send: at(root.querySelector('.submit')!), scrollY };
    });
    expect(seen).toEqual({ label: true, send: true, scrollY: 500 });
    await nps.getByRole('textbox').fill('Quick delivery');
    await nps.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => collector.received().flatMap((r) => r.body.responses))
      .toMatchObject([{ score: 9, comment: 'Quick delivery', touchpoint: 'landscape' }]);
  });
}
