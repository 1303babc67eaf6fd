// A host site that loads only dist/cxkit.js from another origin: config, the queue, touchpoints and recontact.
import type { Page } from '@playwright/test';
import type { EmbedApi } from '../../src/embed.js';
import { expect, pending, requestedScripts, test } from './support/fixtures.js';
import { watchErrors } from './support/page-errors.js';

/** Calls a window.cxkit method in the page and returns its result. */
function cxkit<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([method, args]) => (window.cxkit as unknown as Record<string, (...a: unknown[]) => T>)[method]!(...args), [
    method,
    args,
  ] as const);
}

/** The page's console.info lines from now on (what debug mode logs). */
function infoLines(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => message.type() === 'info' && lines.push(message.text()));
  return lines;
}

const panel = (page: Page, kind: string) => page.locator(`cx-${kind} [part="panel"]`);

const checkoutNps = { id: 'checkout-complete', prompt: 'nps', on: { milestone: 'checkout-complete' } } as const;

test('an inline element in the page posts its answer to the collector', async ({ page, openSite, siteConfig, collector }) => {
  await openSite(page, { inlineConfig: siteConfig(), body: '<main><cx-nps touchpoint="pricing-page"></cx-nps></main>' });
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '9' }).click();
  await nps.getByRole('textbox').fill('Clear plans');
  await nps.getByRole('button', { name: 'Send' }).click();
  await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
  await expect.poll(() => collector.received().length).toBe(1);
  expect(collector.received()[0]?.body.responses[0]).toMatchObject({
    kind: 'nps',
    score: 9,
    comment: 'Clear plans',
    touchpoint: 'pricing-page',
  });
});

test('a milestone pushed before the script loaded shows its prompt after load', async ({ page, openSite }) => {
  await openSite(page, {
    head: `<script>window.cxkit = window.cxkit || []; cxkit.push(['milestone', 'checkout-complete']);</script>`,
    config: { touchpoints: [checkoutNps] },
  });
  await expect(panel(page, 'nps')).toBeVisible();
  // a popover that opens by itself leaves focus where it was and says so politely
  await expect(page.locator('cx-nps').getByRole('radio', { name: '0', exact: true })).not.toBeFocused();
  await expect(page.locator('cx-nps').getByRole('status')).toHaveText('How likely are you to recommend us to a friend or colleague?');
});

test('typing into a field while a touchpoint fires: every character lands in the field, the prompt waits for a pause', async ({
  page,
  openSite,
  collector,
}) => {
  await openSite(page, {
    inlineConfig: { touchpoints: [checkoutNps] },
    body: '<main><label>Street <input id="street" autocomplete="off"></label></main>',
  });
  const street = page.getByLabel('Street');
  await street.click();
  await page.keyboard.type('12 Main ');
  const shown = cxkit<boolean>(page, 'milestone', 'checkout-complete');
  await page.keyboard.type('Street 5', { delay: 150 });
  await expect(street).toHaveValue('12 Main Street 5');
  await expect(street).toBeFocused();
  await expect(page.locator('cx-nps')).toHaveCount(0);
  const decision = await cxkit<{ waitingFor: string[] }>(page, 'explain', 'checkout-complete');
  expect(decision.waitingFor).toEqual(['the visitor to stop typing in a field']);
  // a pause of a few seconds: the popover opens beside the field without taking it
  expect(await shown).toBe(true);
  await expect(panel(page, 'nps')).toBeVisible();
  await page.keyboard.type(', flat 2');
  await expect(street).toHaveValue('12 Main Street 5, flat 2');
  await page.waitForTimeout(500);
  expect(collector.received()).toEqual([]);
  await expect(page.locator('cx-nps').getByRole('radio', { checked: true })).toHaveCount(0);
});

test('a modal touchpoint waits until focus has left the field', async ({ page, openSite }) => {
  await openSite(page, {
    inlineConfig: { touchpoints: [{ ...checkoutNps, mode: 'modal' }] },
    body: '<main><label>Street <input id="street"></label><button>Continue</button></main>',
  });
  await page.getByLabel('Street').click();
  const shown = cxkit<boolean>(page, 'milestone', 'checkout-complete');
  await page.waitForTimeout(3500);
  await expect(page.locator('cx-nps')).toHaveCount(0);
  expect((await cxkit<{ waitingFor: string[] }>(page, 'explain', 'checkout-complete')).waitingFor).toEqual([
    'focus to leave the field the visitor is in (a modal would take it)',
  ]);
  await page.keyboard.press('Tab');
  expect(await shown).toBe(true);
  await expect(page.locator('cx-nps').getByRole('radio', { name: '0', exact: true })).toBeFocused();
});

/** A page's own dialogs: each opens by a button of the page's and closes by one of its own, as the page would. */
const pageDialogs = [
  {
    name: 'a <dialog> the page opened with showModal()',
    body:
      '<main><dialog id="prefs" aria-label="Cookie preferences"><button onclick="this.closest(\'dialog\').close()">Done</button></dialog>' +
      '<button onclick="document.getElementById(\'prefs\').showModal()">Open</button></main>',
  },
  {
    name: 'a dialog of its own it marks aria-modal',
    body:
      '<main><div id="prefs" role="dialog" aria-modal="true" aria-label="Cookie preferences" hidden><button onclick="this.parentElement.remove()">Done</button></div>' +
      '<button onclick="document.getElementById(\'prefs\').hidden = false">Open</button></main>',
  },
  {
    name: 'a video in full screen',
    body:
      '<main><div id="film"><p>Film</p><button onclick="document.exitFullscreen()">Done</button></div>' +
      '<button onclick="document.getElementById(\'film\').requestFullscreen()">Open</button></main>',
  },
];

for (const { name, body } of pageDialogs) {
  for (const mode of ['popover', 'modal'] as const) {
    test(`a ${mode} touchpoint falling due while the visitor is in ${name} waits until it has closed`, async ({ page, openSite }) => {
      // hidden until the page opens it: a closed dialog holds nothing back
      await openSite(page, { inlineConfig: { touchpoints: [{ ...checkoutNps, mode }] }, body });
      await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
      await page.getByRole('button', { name: 'Open' }).click();
      const shown = cxkit<boolean>(page, 'milestone', 'checkout-complete');
      await page.waitForTimeout(1500);
      await expect(page.locator('cx-nps')).toHaveCount(0);
      expect((await cxkit<{ waitingFor: string[] }>(page, 'explain', 'checkout-complete')).waitingFor).toEqual([
        'the page’s own dialog or full-screen view to close',
      ]);
      await page.getByRole('button', { name: 'Done' }).click();
      expect(await shown).toBe(true);
      await expect(page.locator('cx-nps').getByRole('radio', { name: '0', exact: true })).toBeVisible();
    });
  }
}

test('a touchpoint falling due in a tab the visitor is not looking at waits until they come back to it', async ({ page, openSite }) => {
  await openSite(page, { inlineConfig: { touchpoints: [checkoutNps] } });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  /** The tab goes to the background, or comes back, as the page sees it. */
  const setTab = (state: 'hidden' | 'visible') =>
    page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setTab('hidden');
  const shown = cxkit<boolean>(page, 'milestone', 'checkout-complete');
  await page.waitForTimeout(1000);
  await expect(page.locator('cx-nps')).toHaveCount(0);
  expect((await cxkit<{ waitingFor: string[] }>(page, 'explain', 'checkout-complete')).waitingFor).toEqual([
    'the visitor to come back to this tab',
  ]);
  await setTab('visible');
  expect(await shown).toBe(true);
  await expect(page.locator('cx-nps').getByRole('radio', { name: '0', exact: true })).toBeVisible();
});

test('a page Chrome prerenders (speculation rules, the address bar) counts as a page view only once the visitor goes to it', async ({
  page,
  openSite,
}) => {
  const secondView = { id: 'second-view', prompt: 'csat', on: { pageViews: 2 } };
  await openSite(page, { path: '/site/home', inlineConfig: { touchpoints: [secondView] } });
  const waiting = () => cxkit<{ waitingFor: string[] }>(page, 'explain', 'second-view').then((d) => d.waitingFor);
  await expect.poll(waiting).toEqual(['page view 2 (this is 1)']);
  // Chrome turns prerendering off while a debugger is attached (Playwright's), so the next page is prerendered as the
  // platform shows it to a page's script: document.prerendering true and the page hidden, until the visitor goes to it
  await page.addInitScript(() => {
    let prerendering = true;
    Object.defineProperty(Document.prototype, 'prerendering', { configurable: true, get: () => prerendering });
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (prerendering ? 'hidden' : 'visible') });
    (window as unknown as { activate: () => void }).activate = () => {
      prerendering = false;
      document.dispatchEvent(new Event('prerenderingchange'));
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
  await page.goto(page.url().replace('/site/home', '/site/pricing'));
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  await page.waitForTimeout(1000);
  expect(await waiting()).toEqual(['page view 2 (this is 1)']);
  await expect(page.locator('cx-csat')).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { activate: () => void }).activate());
  await expect(panel(page, 'csat')).toBeVisible();
});

test('a milestone during an open prompt shows once that prompt closes', async ({ page, openSite }) => {
  const help = { id: 'help', prompt: 'ces', on: { milestone: 'ticket-closed' } };
  await openSite(page, { inlineConfig: { touchpoints: [checkoutNps, help], recontact: { maxPromptsPerSession: 2 } } });
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(true);
  const second = cxkit<boolean>(page, 'milestone', 'ticket-closed');
  await expect
    .poll(() => cxkit<{ waitingFor: string[]; blockedBy: string[] }>(page, 'explain', 'help'))
    .toEqual({ touchpoint: 'help', eligible: true, waitingFor: ['the open prompt to close'], blockedBy: [] });
  await page.waitForTimeout(300);
  await expect(page.locator('cx-ces')).toHaveCount(0);
  await page.locator('cx-nps').getByRole('button', { name: 'Close' }).click();
  expect(await second).toBe(true);
  await expect(panel(page, 'ces')).toBeVisible();
});

/** How pages take everything out of their body while a prompt is open. */
const bodySwaps = [
  {
    name: 'a navigation that puts a new <body> in place (Turbo Drive)',
    swap: `const next = document.createElement('body'); next.innerHTML = '<main><h1>Returns</h1></main>'; document.body.replaceWith(next);`,
  },
  { name: "a page that rewrites its body's HTML", swap: `document.body.innerHTML = '<main><h1>Returns</h1></main>';` },
];

for (const { name, swap } of bodySwaps) {
  test(`${name} while a prompt is open: the chosen score goes out as partial, and the next touchpoint shows`, async ({
    page,
    openSite,
    collector,
  }) => {
    const help = { id: 'help', prompt: 'ces', on: { url: '/site/help/*' } };
    await openSite(page, { inlineConfig: { touchpoints: [checkoutNps, help], recontact: { maxPromptsPerSession: 2 } } });
    const shown = cxkit<boolean>(page, 'milestone', 'checkout-complete');
    await page.locator('cx-nps').getByRole('radio', { name: '9' }).click();
    expect(await shown).toBe(true);
    await page.evaluate((swap) => {
      new Function(swap)();
      history.pushState({}, '', '/site/help/returns');
    }, swap);
    await expect(page.locator('cx-nps')).toHaveCount(0);
    await expect(panel(page, 'ces')).toBeVisible();
    await expect
      .poll(() => collector.received().flatMap((r) => r.body.responses))
      .toMatchObject([{ kind: 'nps', score: 9, partial: true, touchpoint: 'checkout-complete' }]);
  });
}

test('a Turbo Drive site: a prompt open when the visitor leaves the page (a form sent with Enter) does not come back with it', async ({
  page,
  openSite,
  collector,
}) => {
  const help = { id: 'help', prompt: 'ces', on: { url: '/site/help/*' } };
  await openSite(page, {
    path: '/site/checkout',
    head: '<script type="module" src="/vendor/turbo/turbo.es2017-esm.js"></script>',
    body: '<main><h1>Shop</h1><form action="/site/help/returns"><input name="order" aria-label="Order"></form></main>',
    inlineConfig: { touchpoints: [checkoutNps, help], recontact: { maxPromptsPerSession: 2 } },
  });
  await page.waitForFunction(() => 'Turbo' in window);
  const shown = cxkit<boolean>(page, 'milestone', 'checkout-complete');
  await page.locator('cx-nps').getByRole('radio', { name: '9' }).click();
  expect(await shown).toBe(true);
  // the keyboard leaves the popover open (a click elsewhere would close it); Turbo fetches the next page, keeps a copy
  // of this one for the way back, and puts the next one's <body> in place
  await page.getByRole('textbox', { name: 'Order' }).fill('A-1001');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/site\/help\/returns\?order=A-1001$/);
  await expect(panel(page, 'ces')).toBeVisible();
  await expect(page.locator('cx-nps')).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/site\/checkout$/);
  await expect(page.getByRole('textbox', { name: 'Order' })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.locator('cx-nps, cx-ces')).toHaveCount(0);
  await expect
    .poll(() => collector.received().flatMap((r) => r.body.responses))
    .toMatchObject([{ kind: 'nps', score: 9, partial: true, touchpoint: 'checkout-complete' }]);
});

test('cx.milestone() resolves true when it shows a prompt, false when nothing waits for it', async ({ page, openSite }) => {
  await openSite(page, { inlineConfig: { touchpoints: [checkoutNps] } });
  expect(await cxkit(page, 'milestone', 'newsletter-signup')).toBe(false);
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(true);
  await expect(panel(page, 'nps')).toBeVisible();
});

test('a URL rule fires after a single-page-app pushState navigation', async ({ page, openSite }) => {
  await openSite(page, {
    path: '/site/home',
    inlineConfig: { touchpoints: [{ id: 'help-article', prompt: 'ces', on: { url: '/site/help/*' } }] },
  });
  await page.waitForTimeout(300);
  await expect(page.locator('cx-ces')).toHaveCount(0);
  await page.evaluate(() => history.pushState({}, '', '/site/help/returns'));
  await expect(panel(page, 'ces')).toBeVisible();
});

test("a shop that routes by query (OpenCart's index.php?route=…): a URL rule with a query fires on the order confirmation, not on a product page", async ({
  page,
  openSite,
  collector,
}) => {
  const success = { id: 'order-placed', prompt: 'nps', on: { url: '/site/index.php?route=checkout/success' } };
  await openSite(page, {
    path: '/site/index.php?route=product/product&product_id=40',
    inlineConfig: { touchpoints: [success] },
    body: '<main><h1>iPhone</h1><a href="/site/index.php?language=en-gb&route=checkout/success">Confirm order</a></main>',
  });
  const waiting = () => cxkit<{ waitingFor: string[] }>(page, 'explain', 'order-placed').then((d) => d.waitingFor);
  await expect
    .poll(waiting)
    .toEqual(['a URL matching /site/index.php?route=checkout/success (this page is /site/index.php?route=product/product&product_id=40)']);
  await expect(page.locator('cx-nps')).toHaveCount(0);
  await page.getByRole('link', { name: 'Confirm order' }).click();
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '10' }).click();
  await nps.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(() => collector.received().flatMap((r) => r.body.responses))
    .toMatchObject([{ touchpoint: 'order-placed', score: 10, page: { url: expect.stringMatching(/\/site\/index\.php$/) } }]);
});

test('a single-page checkout that moves through its steps by query (?step=…): a URL rule with a query fires on its step, and the steps are one page view', async ({
  page,
  openSite,
}) => {
  const paid = { id: 'paid', prompt: 'nps', on: { url: '/site/checkout?step=done' } };
  const loyal = { id: 'loyal', prompt: 'csat', on: { pageViews: 10 } };
  const next = `history.pushState({}, '', '?step=' + (location.search === '?step=cart' ? 'payment' : 'done'))`;
  await openSite(page, {
    path: '/site/checkout?step=cart',
    inlineConfig: { touchpoints: [paid, loyal] },
    body: `<main><h1>Checkout</h1><button type="button" onclick="${next}">Continue</button></main>`,
  });
  const waiting = (id: string) => cxkit<{ waitingFor: string[] }>(page, 'explain', id).then((d) => d.waitingFor);
  await expect.poll(() => waiting('loyal')).toEqual(['page view 10 (this is 1)']);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\?step=payment$/);
  await expect.poll(() => waiting('paid')).toEqual(['a URL matching /site/checkout?step=done (this page is /site/checkout?step=payment)']);
  await expect(page.locator('cx-nps')).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(panel(page, 'nps')).toBeVisible();
  expect(await waiting('loyal')).toEqual(['page view 10 (this is 1)']);
});

const withoutNavigationApi = '<script>Object.defineProperty(window, "navigation", { value: undefined })</script>';
for (const { browsers, head } of [
  { browsers: 'Chromium', head: '' },
  { browsers: 'a browser without the Navigation API (Safari before 26, Firefox)', head: withoutNavigationApi },
]) {
  test(`a hash-routed app in ${browsers}: a URL rule with a hash route fires on its view, a place in the page is not a page view, and the answer names the view`, async ({
    page,
    openSite,
    collector,
  }) => {
    const checkoutDone = { id: 'checkout-done', prompt: 'nps', on: { url: '/site/shop#/checkout/*' } };
    const loyal = { id: 'loyal', prompt: 'csat', on: { pageViews: 10 } };
    // a router as Angular's HashLocationStrategy or Vue's hash mode keeps one: the view follows the hash
    const router = `<script>addEventListener('hashchange', () => { document.querySelector('h1').textContent = location.hash.startsWith('#/') ? location.hash.slice(2) : 'Shop'; });</script>`;
    await openSite(page, {
      path: '/site/shop',
      head: head + router,
      inlineConfig: { touchpoints: [checkoutDone, loyal] },
      body: `<nav><a href="#reviews">Reviews</a> <a href="#/cart?coupon=SPRING">Cart</a> <a href="#/checkout/done">Place order</a></nav>
        <main><h1>Shop</h1><p style="height: 3000px">Products</p><section id="reviews">Reviews</section></main>`,
    });
    const waiting = (id: string) => cxkit<{ waitingFor: string[] }>(page, 'explain', id).then((d) => d.waitingFor);
    await expect.poll(() => waiting('checkout-done')).toEqual(['a URL matching /site/shop#/checkout/* (this page is /site/shop)']);
    await expect.poll(() => waiting('loyal')).toEqual(['page view 10 (this is 1)']);
    await page.getByRole('link', { name: 'Reviews' }).click();
    await expect(page).toHaveURL(/#reviews$/);
    await page.getByRole('link', { name: 'Cart' }).click();
    await expect(page.getByRole('heading')).toHaveText('cart?coupon=SPRING');
    await expect.poll(() => waiting('loyal')).toEqual(['page view 10 (this is 2)']);
    expect(await waiting('checkout-done')).toEqual(['a URL matching /site/shop#/checkout/* (this page is /site/shop#/cart)']);
    await expect(page.locator('cx-nps')).toHaveCount(0);
    await page.getByRole('link', { name: 'Place order' }).click();
    const nps = page.locator('cx-nps');
    await nps.getByRole('radio', { name: '9' }).click();
    await nps.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => collector.received().flatMap((r) => r.body.responses))
      .toMatchObject([
        { touchpoint: 'checkout-done', score: 9, page: { url: expect.stringMatching(/^http:\/\/[^/]+\/site\/shop#\/checkout\/done$/) } },
      ]);
    await expect.poll(() => waiting('loyal')).toEqual(['page view 10 (this is 3)']);
  });
}

test('scrollPercent and delayMs fire at the right time', async ({ page, openSite }) => {
  // the debug log says when the delay starts, so that the fake clock is moved only once the timer exists
  const log = infoLines(page);
  await page.clock.install();
  await openSite(page, {
    path: '/site/article?cxkit-debug',
    inlineConfig: { touchpoints: [{ id: 'article', prompt: 'csat', on: { url: '/site/article', scrollPercent: 60 }, delayMs: 5000 }] },
    body: '<main style="height: 5000px"><h1>A long article</h1></main>',
  });
  await page.evaluate(() => window.scrollTo(0, 1000));
  await page.clock.runFor(10_000);
  await expect(page.locator('cx-csat')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 3000)); // (3000 + viewport) / 5000 > 60%
  await page.clock.runFor(100); // the scroll handler runs in an animation frame
  await expect.poll(() => log.at(-1)).toBe('cxkit: touchpoint "article" (csat): conditions met; showing in 5000 ms');
  await page.clock.runFor(4000);
  await expect(page.locator('cx-csat')).toHaveCount(0);
  await page.clock.runFor(1000);
  await expect(panel(page, 'csat')).toBeVisible();
});

test('scrollPercent on an app layout (the window does not scroll, a container inside it does) waits for that container, not for a small one', async ({
  page,
  openSite,
}) => {
  await openSite(page, {
    path: '/site/article',
    head: '<style>html, body { height: 100%; margin: 0; overflow: hidden } main { height: 100%; overflow: auto } pre { height: 120px; overflow: auto }</style>',
    inlineConfig: { touchpoints: [{ id: 'article', prompt: 'csat', on: { url: '/site/article', scrollPercent: 60 } }] },
    body: `<main><article style="height: 5000px"><h1>A long article</h1><pre>${'code\n'.repeat(100)}</pre></article></main>`,
  });
  const waiting = () => cxkit<{ waitingFor: string[] }>(page, 'explain', 'article').then((d) => d.waitingFor);
  await expect.poll(waiting).toEqual([expect.stringMatching(/^scrolling to 60% \(deepest so far \d+%\)$/)]);
  // a code block scrolled to its end is not the page read to its end
  await page.locator('pre').evaluate((pre) => pre.scrollTo(0, pre.scrollHeight));
  await page.locator('main').evaluate((main) => main.scrollTo(0, 1000));
  await expect.poll(waiting).toEqual(['scrolling to 60% (deepest so far 34%)']);
  await expect(page.locator('cx-csat')).toHaveCount(0);
  await page.locator('main').evaluate((main) => main.scrollTo(0, 3000)); // (3000 + viewport) / 5000 > 60%
  await expect(panel(page, 'csat')).toBeVisible();
});

// Where a view scrolls inside a component: in its shadow root around the view's own (slotted) content, as an Ionic page
// inside <ion-content>; or with the content in the shadow root too, as a Lit app draws its views. The document fits.
const shadowScrollers = `
  customElements.define('app-content', class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<main part="scroll" style="height: 100%; overflow-y: auto"><slot></slot></main>';
    }
  });
  customElements.define('app-view', class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.attachShadow({ mode: 'open' }).innerHTML = '<main style="height: 100%; overflow-y: auto"><article style="height: ' +
        this.getAttribute('length') + 'px"><h1>' + this.getAttribute('heading') + '</h1></article></main>';
    }
  });`;
const shadowViews = (length: number, heading: string) => ({
  slotted: `<app-content><article style="height: ${length}px"><h1>${heading}</h1></article></app-content>`,
  'in the shadow root': `<app-view length="${length}" heading="${heading}"></app-view>`,
});

for (const layout of ['slotted', 'in the shadow root'] as const) {
  test(`scrollPercent in an app whose scroller is in a component's shadow root, content ${layout}: the visitor's scrolling there counts, on each view the app moves to`, async ({
    page,
    openSite,
  }) => {
    await openSite(page, {
      path: '/site/article',
      head: `<style>html, body { height: 100%; margin: 0; overflow: hidden } app-content, app-view { display: block; height: 100% }</style><script>${shadowScrollers}</script>`,
      inlineConfig: {
        touchpoints: [
          { id: 'article', prompt: 'csat', on: { url: '/site/article', scrollPercent: 60 } },
          { id: 'guide', prompt: 'ces', on: { url: '/site/guide', scrollPercent: 60 } },
        ],
        recontact: { maxPromptsPerSession: 2 },
      },
      body: shadowViews(5000, 'A long article')[layout],
    });
    const waiting = (id: string) => cxkit<{ waitingFor: string[] }>(page, 'explain', id).then((d) => d.waitingFor);
    await expect.poll(() => waiting('article')).toEqual([expect.stringMatching(/^scrolling to 60% \(deepest so far \d+%\)$/)]);
    await page.mouse.move(400, 300);
    await page.mouse.wheel(0, 1000);
    await expect.poll(() => waiting('article')).toEqual([expect.stringMatching(/^scrolling to 60% \(deepest so far (2\d|3\d)%\)$/)]);
    await expect(page.locator('cx-csat')).toHaveCount(0);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 1000);
    await expect(panel(page, 'csat')).toBeVisible();
    await page.locator('cx-csat').getByRole('button', { name: 'Close' }).click();
    await expect(page.locator('cx-csat')).toHaveCount(0);

    // the app moves to another view: a new component in place of the old one, its own scroller
    await page.evaluate((html) => {
      history.pushState({}, '', '/site/guide');
      document.querySelector('app-content, app-view')!.outerHTML = html;
    }, shadowViews(4000, 'A guide')[layout]);
    await expect.poll(() => waiting('guide')).toEqual([expect.stringMatching(/^scrolling to 60% \(deepest so far \d+%\)$/)]);
    await page.mouse.wheel(0, 600);
    await expect.poll(() => waiting('guide')).toEqual([expect.stringMatching(/^scrolling to 60% \(deepest so far (2\d|3\d)%\)$/)]);
    await expect(page.locator('cx-ces')).toHaveCount(0);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 1000);
    await expect(panel(page, 'ces')).toBeVisible();
  });
}

test('exit intent: the pointer leaving through the top of the window shows the prompt; leaving through a side does not', async ({
  page,
  openSite,
}) => {
  await openSite(page, { inlineConfig: { touchpoints: [{ id: 'leaving', prompt: 'csat', on: { exitIntent: true } }] } });
  // nothing calls cxkit here, so the core comes when the page has settled; the touchpoints start a task after it
  await page.waitForFunction(() => window.cxkit && !Array.isArray(window.cxkit) && window.cxkit.client);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  await page.mouse.move(300, 200);
  await page.mouse.move(-20, 200);
  await page.mouse.move(300, 200);
  await expect(page.locator('cx-csat')).toHaveCount(0);
  await page.mouse.move(300, -20);
  await expect(panel(page, 'csat')).toBeVisible();
});

test('sample: 0 never shows, and says why', async ({ page, openSite }) => {
  const config = { touchpoints: [{ ...checkoutNps, sample: 0 }] };
  await openSite(page, { inlineConfig: config });
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(false);
  await page.reload();
  await page.waitForFunction(() => window.cxkit && !Array.isArray(window.cxkit) && window.cxkit.client);
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(false);
  await expect(page.locator('cx-nps')).toHaveCount(0);
  const decision = await cxkit<{ blockedBy: string[] }>(page, 'explain', 'checkout-complete');
  expect(decision.blockedBy).toContain('sampled out (sample 0)');
});

test('after an answer the touchpoint stays quiet for afterAnswerDays, across a reload and in a second tab', async ({
  context,
  openSite,
}) => {
  const config = { touchpoints: [checkoutNps], recontact: { afterAnswerDays: 90, maxPromptsPerSession: 5 } };
  const page = await context.newPage();
  await openSite(page, { inlineConfig: config });
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(true);
  const nps = page.locator('cx-nps');
  await nps.getByRole('radio', { name: '10' }).click();
  await nps.getByRole('button', { name: 'Skip' }).click();
  await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
  await page.reload();
  await page.waitForFunction(() => window.cxkit && !Array.isArray(window.cxkit) && window.cxkit.client);
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(false);
  const decision = await cxkit<{ blockedBy: string[] }>(page, 'explain', 'checkout-complete');
  expect(decision.blockedBy.join()).toMatch(/^answered on \d{4}-\d\d-\d\d: cooldown until \d{4}-\d\d-\d\d$/);
  const second = await context.newPage();
  await openSite(second, { inlineConfig: config });
  expect(await cxkit(second, 'milestone', 'checkout-complete')).toBe(false);
  await expect(second.locator('cx-nps')).toHaveCount(0);
});

test('never two prompts at once, and at most maxPromptsPerSession', async ({ page, openSite }) => {
  const touchpoints = [checkoutNps, { id: 'help', prompt: 'ces', on: { milestone: 'ticket-closed' } }];
  await openSite(page, { inlineConfig: { touchpoints, recontact: { maxPromptsPerSession: 1 } } });
  const first = cxkit(page, 'milestone', 'checkout-complete');
  const second = cxkit(page, 'milestone', 'ticket-closed');
  expect(await first).toBe(true);
  await page.locator('cx-nps').getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('cx-nps')).toHaveCount(0);
  // it waited for the first to close, then the session cap said no
  expect(await second).toBe(false);
  await expect(page.locator('cx-ces')).toHaveCount(0);
  expect(await cxkit(page, 'milestone', 'ticket-closed')).toBe(false);
  const decision = await cxkit<{ blockedBy: string[] }>(page, 'explain', 'help');
  expect(decision.blockedBy).toContain('1 of 1 prompts per session already shown');
});

test('loading the script twice is harmless', async ({ page, openSite, server }) => {
  const errors = watchErrors(page);
  await openSite(page, {
    inlineConfig: { touchpoints: [checkoutNps] },
    head: `<script src="${server.collectorOrigin}/dist/cxkit.js"></script>`,
  });
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(true);
  await expect(page.locator('cx-nps')).toHaveCount(1);
  expect(errors).toEqual({ console: [], uncaught: [] });
});

const badConfig = [
  { name: 'a wrong type', site: { inlineConfig: { endpoint: 42 } }, error: /^cxkit: config\.endpoint: expected a string, got 42$/ },
  {
    name: 'an unknown prompt kind',
    site: { inlineConfig: { touchpoints: [{ id: 'x', prompt: 'stars', on: { milestone: 'x' } }] } },
    error: /^cxkit: config\.touchpoints\[0\]\.prompt: expected one of "nps", "csat", "ces", got "stars"$/,
  },
  {
    name: 'a bad glob',
    site: { inlineConfig: { touchpoints: [{ id: 'x', prompt: 'ces', on: { url: 'help/*' } }] } },
    error: /^cxkit: config\.touchpoints\[0\]\.on\.url: expected a path glob starting with "\/" \(e\.g\. "\/help\/\*"\), got "help\/\*"$/,
  },
  {
    name: 'a query without key=value pairs in a glob',
    site: { inlineConfig: { touchpoints: [{ id: 'x', prompt: 'ces', on: { url: '/search?' } }] } },
    error:
      /^cxkit: config\.touchpoints\[0\]\.on\.url: expected the query as key=value pairs after "\?" \(e\.g\. "\/index\.php\?route=checkout\/\*"\), got "\/search\?"$/,
  },
  {
    name: 'a place in the page in a glob',
    site: { inlineConfig: { touchpoints: [{ id: 'x', prompt: 'ces', on: { url: '/help#faq' } }] } },
    error:
      /^cxkit: config\.touchpoints\[0\]\.on\.url: expected a hash route to start with "#\/" or "#!\/", without a query \(e\.g\. "\/#\/checkout\/\*"\), got "\/help#faq"$/,
  },
  {
    name: 'a sample out of range',
    site: { inlineConfig: { touchpoints: [{ ...checkoutNps, sample: 2 }] } },
    error: /^cxkit: config\.touchpoints\[0\]\.sample: expected a number between 0 and 1$/,
  },
  {
    name: 'an unreachable config URL',
    site: { scriptAttributes: 'data-config="/missing/cxkit.json"' },
    error: /^cxkit: data-config \/missing\/cxkit\.json: could not be loaded \(HTTP 404\)$/,
  },
  {
    name: 'invalid inline JSON',
    site: { inlineConfig: '{ "endpoint": ' },
    error: /^cxkit: the inline <script data-cxkit-config>: invalid JSON/,
  },
];

for (const { name, site, error } of badConfig) {
  test(`bad config, ${name}: one named console error, cxkit inert, nothing thrown into the page`, async ({ page, openSite }) => {
    const errors = watchErrors(page);
    await openSite(page, site as never);
    await expect.poll(() => errors.console.length).toBe(1);
    expect(errors.console[0]).toMatch(error);
    expect(await page.evaluate(() => (window.cxkit as EmbedApi).client)).toBeNull();
    await cxkit(page, 'milestone', 'checkout-complete');
    expect(errors.uncaught).toEqual([]);
    expect(errors.console[1]).toMatch(/cxkit is not initialised/);
  });
}

test("bad config with an inline prompt in the page: the prompt stays inert, the one console error is the config's", async ({
  page,
  openSite,
}) => {
  const errors = watchErrors(page);
  await openSite(page, { inlineConfig: { endpoint: 42 }, body: '<main><cx-nps touchpoint="pricing-page"></cx-nps></main>' });
  // the prompt UI loads for the element, which then waits for a client that does not come
  await page.waitForFunction(() => customElements.get('cx-nps') !== undefined);
  await page.waitForTimeout(300);
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(0);
  await expect(page.locator('cx-nps').getByRole('button')).toHaveCount(0);
  expect(errors.console).toEqual(['cxkit: config.endpoint: expected a string, got 42']);
  expect(errors.uncaught).toEqual([]);
});

test('an inline prompt without a touchpoint stays inert; one console error names the element', async ({ page, openSite, siteConfig }) => {
  const errors = watchErrors(page);
  await openSite(page, { inlineConfig: siteConfig(), body: '<main><cx-nps></cx-nps><cx-ces touchpoint="help"></cx-ces></main>' });
  // the other prompt on the page works: the broken one is alone in being inert
  await expect(page.locator('cx-ces').getByRole('radio')).toHaveCount(7);
  await expect(page.locator('cx-nps').getByRole('radio')).toHaveCount(0);
  await expect(page.locator('cx-nps').getByRole('button')).toHaveCount(0);
  expect(errors.console).toEqual([
    'cxkit: <cx-nps> needs a touchpoint attribute naming the moment being rated; it stays inert until it has one',
  ]);
  expect(errors.uncaught).toEqual([]);
});

test('an inline prompt on a page whose script tag has no config stays inert and says why', async ({ page, openSite }) => {
  const errors = watchErrors(page);
  await openSite(page, { scriptAttributes: '', body: '<main><cx-csat touchpoint="pricing-page" variant="numbers"></cx-csat></main>' });
  await expect.poll(() => errors.console.length).toBe(1);
  expect(errors.console[0]).toMatch(/^cxkit: <cx-csat touchpoint="pricing-page"> stays inert: it has no client to record answers with/);
  await expect(page.locator('cx-csat').getByRole('radio')).toHaveCount(0);
  // the app initialises cxkit later: the prompt comes to life
  await page.evaluate((endpoint) => (window.cxkit as EmbedApi).init({ endpoint }), 'https://collect.invalid/v1');
  await expect(page.locator('cx-csat').getByRole('radio')).toHaveCount(5);
  expect(errors.uncaught).toEqual([]);
});

test('invalid JSON at data-config is named', async ({ page, openSite, server }) => {
  const errors = watchErrors(page);
  await page.route(`${server.pageOrigin}/pages/broken.json`, (route) => route.fulfill({ contentType: 'application/json', body: '{ nope' }));
  await openSite(page, { scriptAttributes: 'data-config="/pages/broken.json"' });
  await expect.poll(() => errors.console.length).toBe(1);
  expect(errors.console[0]).toMatch(/^cxkit: data-config \/pages\/broken\.json: invalid JSON/);
  expect(errors.uncaught).toEqual([]);
});

test('the page loads only the loader; the core and the touchpoints come after the page has loaded, the outbox once they have looked at the page, the prompt UI when a prompt is due, delivery once the prompt has left something to send', async ({
  page,
  openSite,
}) => {
  const scripts = requestedScripts(page);
  await openSite(page, { inlineConfig: { touchpoints: [checkoutNps] } });
  await expect.poll(() => scripts.slice(0, 3)).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-touchpoints.js']);
  // the request is seen before its timing entry exists: that comes once the file has arrived
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/cxkit-core.js')));
  const timing = await page.evaluate(() => ({
    loaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    core: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/cxkit-core.js'))!.startTime,
  }));
  expect(timing.loaded).toBeGreaterThan(0);
  expect(timing.core).toBeGreaterThanOrEqual(timing.loaded);
  // nothing is due on this page view: the outbox comes once the touchpoints have looked, so that a later answer is stored at once
  await expect.poll(() => scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-touchpoints.js', 'cxkit-outbox.js']);
  await page.waitForTimeout(300);
  expect(scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-touchpoints.js', 'cxkit-outbox.js']);
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(true);
  // the prompt's display is stored once its first frame is painted, and delivery comes for it
  await expect
    .poll(() => scripts)
    .toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-touchpoints.js', 'cxkit-outbox.js', 'cxkit-prompts.js', 'cxkit-delivery.js']);
});

test('a prompt due as the page opens paints without waiting for the outbox: it is asked for once the prompt is on screen, delivery after it', async ({
  page,
  openSite,
}) => {
  const scripts = requestedScripts(page);
  await openSite(page, { inlineConfig: { touchpoints: [{ id: 'welcome', prompt: 'nps', on: { url: '/site/**' } }] } });
  await expect(panel(page, 'nps')).toBeVisible();
  await expect
    .poll(() => scripts)
    .toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-touchpoints.js', 'cxkit-prompts.js', 'cxkit-outbox.js', 'cxkit-delivery.js']);
  const timing = await page.evaluate(() => {
    const of = (file: string) => performance.getEntriesByType('resource').find((entry) => entry.name.endsWith(`/${file}`))!;
    return {
      promptUiArrived: (of('cxkit-prompts.js') as PerformanceResourceTiming).responseEnd,
      outboxAskedFor: of('cxkit-outbox.js').startTime,
    };
  });
  // the prompt UI had arrived before the outbox was even asked for
  expect(timing.outboxAskedFor).toBeGreaterThan(timing.promptUiArrived);
});

test('a config without touchpoints never loads the touchpoint engine: show() and record() work without it', async ({
  page,
  openSite,
  collector,
}) => {
  const scripts = requestedScripts(page);
  await openSite(page, { inlineConfig: {} });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  expect(await cxkit(page, 'milestone', 'checkout-complete')).toBe(false);
  expect(await cxkit(page, 'explain', 'checkout-complete')).toEqual({
    touchpoint: 'checkout-complete',
    eligible: false,
    waitingFor: [],
    blockedBy: ['no touchpoint "checkout-complete" in the config'],
  });
  const shown = cxkit(page, 'show', 'csat', { touchpoint: 'order-placed' });
  await page.locator('cx-csat').getByRole('radio', { name: '5' }).click();
  await page.locator('cx-csat').getByRole('button', { name: 'Send' }).click();
  expect(await shown).toMatchObject({ kind: 'csat', score: 5, touchpoint: 'order-placed' });
  await expect.poll(() => collector.received().length).toBe(1);
  // a CSAT prompt: the prompt UI and, beside it, the file that adds <cx-csat>; then delivery, for its display and answer;
  // the outbox came as the client started, before the prompt or after it
  expect(scripts.filter((file) => file !== 'cxkit-outbox.js')).toEqual([
    'cxkit.js',
    'cxkit-core.js',
    'cxkit-prompts.js',
    'cxkit-csat.js',
    'cxkit-delivery.js',
  ]);
  const outbox = scripts.indexOf('cxkit-outbox.js');
  expect(outbox).toBeGreaterThan(1);
  expect(outbox).toBeLessThan(scripts.indexOf('cxkit-delivery.js'));
});

test('cxkit.init() with touchpoints on a page whose tag has none: the engine loads, and a milestone waits for it', async ({
  page,
  openSite,
}) => {
  const errors = watchErrors(page);
  await openSite(page, { scriptAttributes: '' });
  // the milestone right after init() waits until the engine has arrived, then shows its prompt; init() answers true at
  // once once the core runs, and before that (the core still loading or reading the tag) with a promise of it
  const shown = await page.evaluate(async (touchpoint) => {
    const api = window.cxkit as EmbedApi;
    const created = api.init({ endpoint: 'https://collect.invalid/v1', touchpoints: [touchpoint] });
    const milestone = api.milestone('checkout-complete');
    return { created: await created, shown: await milestone };
  }, checkoutNps);
  expect(shown).toEqual({ created: true, shown: true });
  await expect(panel(page, 'nps')).toBeVisible();
  expect(errors).toEqual({ console: [], uncaught: [] });
});

test('an element added later by an app loads the prompt UI and works', async ({ page, openSite }) => {
  await openSite(page, { inlineConfig: {} });
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<cx-csat touchpoint="late" variant="numbers"></cx-csat>'));
  await expect(page.locator('cx-csat').getByRole('radio')).toHaveCount(5);
});

test('?cxkit-debug in the page URL logs each decision as one console line', async ({ page, openSite }) => {
  const lines = infoLines(page);
  await openSite(page, { path: '/site/?cxkit-debug', inlineConfig: { touchpoints: [{ ...checkoutNps, sample: 0 }] } });
  await expect.poll(() => lines.length).toBe(1); // the page view is judged first
  await cxkit(page, 'milestone', 'checkout-complete');
  await expect
    .poll(() => lines)
    .toEqual([
      'cxkit: touchpoint "checkout-complete" (nps): waiting for milestone "checkout-complete"',
      'cxkit: touchpoint "checkout-complete" (nps): not shown: sampled out (sample 0)',
    ]);
});

test('?cxkit-debug on a page without touchpoints: delivery traces its first flush, and the engine file never comes', async ({
  context,
  page,
  openSite,
  collector,
}) => {
  // an answer left by an earlier page, offline once its outbox had come: it goes out in the next page's first flush
  await openSite(page, { inlineConfig: {} });
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/cxkit-outbox.js')));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  await context.setOffline(true);
  const id = await cxkit<{ id: string }>(page, 'record', { kind: 'nps', score: 9, touchpoint: 'checkout-complete' }).then((r) => r.id);
  await page.close();
  await context.setOffline(false);

  const next = await context.newPage();
  const lines = infoLines(next);
  const scripts = requestedScripts(next);
  await openSite(next, { path: '/site/?cxkit-debug', inlineConfig: {} });
  await collector.waitForDelivered([id]);
  await expect.poll(() => lines).toEqual(['cxkit: delivery: sent 1 answer (200)']);
  expect(scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js', 'cxkit-delivery.js']);
});

test('cxkit.debug(true) on a page without touchpoints traces delivery from then on; debug(false) stops it', async ({
  page,
  openSite,
  collector,
}) => {
  const lines = infoLines(page);
  const scripts = requestedScripts(page);
  await openSite(page, { inlineConfig: {} });
  await page.waitForFunction(() => (window.cxkit as EmbedApi).client !== null);
  await cxkit(page, 'debug', true);
  collector.plan({ status: 404, body: JSON.stringify({ error: 'no such survey' }) });
  const refused = await cxkit<{ id: string }>(page, 'record', { kind: 'nps', score: 2, touchpoint: 'checkout-complete' });
  await expect.poll(() => collector.receivedIds()).toEqual([refused.id]);
  const sent = await cxkit<{ id: string }>(page, 'record', { kind: 'nps', score: 10, touchpoint: 'checkout-complete' });
  await collector.waitForDelivered([sent.id]);
  await expect
    .poll(() => lines)
    .toEqual([
      expect.stringMatching(/^cxkit: delivery: rejected 1 answer: collector answered 404/),
      'cxkit: delivery: sent 1 answer (200)',
    ]);
  expect(scripts).toEqual(['cxkit.js', 'cxkit-core.js', 'cxkit-outbox.js', 'cxkit-delivery.js']);
  await cxkit(page, 'debug', false);
  const quiet = await cxkit<{ id: string }>(page, 'record', { kind: 'nps', score: 8, touchpoint: 'checkout-complete' });
  await collector.waitForDelivered([quiet.id]);
  await expect.poll(() => pending(page)).toBe(0);
  expect(lines).toHaveLength(2);
});
