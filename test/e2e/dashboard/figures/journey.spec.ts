// The dashboard's journey section as a CX manager reads it: the stages in journey order, each moment with its score,
// answers, response rate and change, the weakest moments named — at desktop and phone width, axe-clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../../../demo/serve.js';
import { answersOf } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { expect, test } from '../../support/fixtures.js';
import { withDashboard } from '../dashboard-server.js';

for (const width of [1280, 390]) {
  test(`at ${width} px: the sample month by journey stage, in order, with each moment's figures`, async ({ page }) => {
    const data = mkdtempSync(join(tmpdir(), 'cxkit-journey-'));
    const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: true, quiet: true });
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}dashboard`);
      const journey = page.getByRole('region', { name: 'Customer journey' });
      const stages = journey.getByRole('table');
      await expect(stages).toHaveCount(3);
      // journey order, not alphabetical: choose before buy before get-help
      expect(await stages.evaluateAll((tables) => tables.map((t) => (t as HTMLTableElement).caption?.textContent))).toEqual([
        'choose',
        'buy',
        'get-help',
      ]);
      const buy = journey.getByRole('table', { name: 'buy' });
      const checkout = buy.getByRole('row', { name: /checkout-complete/ });
      await expect(checkout.getByRole('cell').nth(0)).toHaveText(/^NPS -?\d+$/);
      await expect(checkout.getByRole('cell').nth(1)).toHaveText(/^\d+ answers$/);
      await expect(checkout.getByRole('cell').nth(2)).toHaveText(/^\d+%$/);
      await expect(checkout.getByRole('cell').nth(3)).toHaveText(/^(up|down) [\d.]+$|^no change$|^–$/);
      // one moment per metric: none of them is "the weakest" of anything
      await expect(journey.locator('#moments-of-truth')).toHaveText(
        'No metric has two moments with enough answers (30 each) to tell the weakest yet.',
      );
      // the page never scrolls sideways: on a phone each moment is a card
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);
      // a moment opens the answers it counts: the journey's last 28 days, not the sample's whole month and more
      const counted = Number((await checkout.getByRole('cell').nth(1).textContent())!.replace(/\D/g, ''));
      await checkout.getByRole('button', { name: 'checkout-complete' }).click();
      await expect(page.locator('#answer-status')).toHaveText(new RegExp(` of ${counted}\\.$`));
    } finally {
      await server.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
}

// A touchpoint per help article: 75 moments in one stage, article i with 1 + i % 7 answers.
const articles = Array.from({ length: 75 }, (_, i) => ({ touchpoint: `article-${String(i).padStart(2, '0')}`, n: 1 + (i % 7) }));
const recently = Date.now() - 3_600_000;
const articleAnswers = articles.flatMap(({ touchpoint, n }, i) =>
  answersOf(touchpoint, 'ces', 6, n, recently - i * 600_000, { stage: 'get-help' }),
);
const mostAnsweredFirst = [...articles].sort((a, b) => b.n - a.n || (a.touchpoint < b.touchpoint ? -1 : 1)).map((a) => a.touchpoint);

for (const width of [1280, 390]) {
  test(`at ${width} px: a stage with 75 moments shows its 10 most answered, then more on request`, async ({ page }) => {
    await withDashboard(articleAnswers, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}dashboard`);
      const journey = page.getByRole('region', { name: 'Customer journey' });
      const stage = journey.getByRole('table', { name: 'get-help' });
      const moments = stage.locator('tbody').getByRole('rowheader');
      await expect(moments).toHaveCount(10);
      expect(await moments.allTextContents()).toEqual(mostAnsweredFirst.slice(0, 10));
      await expect(journey.getByText('10 of 75 moments in get-help, most answered first.')).toBeVisible();
      // the section stays a few screens long, not one screen per moment
      expect((await journey.boundingBox())!.height).toBeLessThan(width < 600 ? 3_600 : 1_200);

      await journey.getByRole('button', { name: 'Show 50 more' }).click();
      await expect(moments).toHaveCount(60);
      await expect(journey.getByText('60 of 75 moments in get-help, most answered first.')).toBeVisible();
      await journey.getByRole('button', { name: 'Show 15 more' }).press('Enter');
      await expect(moments).toHaveCount(75);
      expect(await moments.allTextContents()).toEqual(mostAnsweredFirst);
      await expect(journey.getByRole('button', { name: /^Show \d+ more$/ })).toHaveCount(0);
      // the button left with the last moments: the keyboard is on the first of them, not lost at the top of the page
      await expect(stage.getByRole('button', { name: mostAnsweredFirst[60]! })).toBeFocused();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);
    });
  });
}

// A stage per product category: 15 stages of one moment each, and a moment with no stage.
const categories = Array.from({ length: 15 }, (_, i) => `category-${String(i + 1).padStart(2, '0')}`);
const categoryAnswers = [
  ...categories.flatMap((stage, i) => answersOf(`${stage}-page`, 'csat', 4, 1, recently - i * 600_000, { stage })),
  ...answersOf('help-widget', 'ces', 6, 1, recently - 200 * 600_000),
];

test('with 15 stages, the first 12 are drawn with the moments without a stage after them, and the rest on request', async ({ page }) => {
  await withDashboard(categoryAnswers, async (url) => {
    await page.goto(`${url}dashboard`);
    const journey = page.getByRole('region', { name: 'Customer journey' });
    const tables = journey.getByRole('table');
    await expect(tables).toHaveCount(13);
    const captions = () => tables.evaluateAll((all) => all.map((t) => (t as HTMLTableElement).caption?.textContent));
    expect(await captions()).toEqual([...categories.slice(0, 12), 'No stage']);
    await expect(journey.getByText('12 of 15 stages shown, in journey order.')).toBeVisible();
    await journey.getByRole('button', { name: 'Show 3 more stages' }).click();
    await expect(tables).toHaveCount(16);
    expect(await captions()).toEqual([...categories, 'No stage']);
    await expect(journey.getByRole('button', { name: /more stages$/ })).toHaveCount(0);
    await expect(journey.getByRole('button', { name: 'category-13-page' })).toBeFocused();
    expect(await audit(page)).toEqual([]);
  });
});

// The checkout's phone customers went from promoters to detractors while desktop customers stayed happy.
const day = 86_400_000;
const lastWeek = (daysAgo: number) => Date.now() - daysAgo * day - 3_600_000;
const byDevice = [
  ...answersOf('checkout', 'nps', 10, 12, lastWeek(1), { stage: 'buy', device: 'desktop' }),
  ...answersOf('checkout', 'nps', 2, 6, lastWeek(2), {
    stage: 'buy',
    device: 'mobile',
    comment: 'The pay button hides under the keyboard',
  }),
  ...answersOf('checkout', 'nps', 9, 6, lastWeek(40), { stage: 'buy', device: 'mobile' }),
  ...answersOf('landing', 'nps', 8, 4, lastWeek(3), { stage: 'discover', device: 'desktop' }),
];

for (const width of [1280, 390]) {
  test(`at ${width} px: the journey and the trends of phone customers alone, kept in the address, opening their answers`, async ({
    page,
  }) => {
    await withDashboard(byDevice, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      // the values offered are asked for when someone reaches for the choice, not at every load
      const offersAsked: string[] = [];
      page.on('request', (request) => void (/\/v1\/segments\?.*limit=20/.test(request.url()) && offersAsked.push(request.url())));
      await page.goto(`${url}dashboard`);
      const journey = page.getByRole('region', { name: 'Customer journey' });
      const checkout = journey.getByRole('table', { name: 'buy' }).getByRole('row', { name: /checkout/ });
      await expect(checkout.getByRole('cell').nth(0)).toHaveText('NPS 33');
      await expect(checkout.getByRole('cell').nth(1)).toHaveText('18 answers');
      expect(offersAsked).toEqual([]);

      await journey.getByLabel('Customers').hover();
      await journey.getByLabel('Customers').selectOption({ label: 'mobile (12)' });
      await expect(checkout.getByRole('cell').nth(0)).toHaveText('NPS -100');
      await expect(checkout.getByRole('cell').nth(1)).toHaveText('6 answers');
      // no prompt was recorded as shown in this data: no response rate, for phones either
      await expect(checkout.getByRole('cell').nth(2)).toHaveText('–');
      await expect(journey.locator('#journey-for')).toHaveText('The answers and response rates of customers with device mobile alone.');
      // the landing page has no phone answer: not a moment of theirs
      await expect(journey.getByRole('table', { name: 'discover' })).toHaveCount(0);
      expect(await audit(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      // the trends of the same customers, chosen on their own
      const trends = page.getByRole('region', { name: 'Trends' });
      await expect(trends.locator('#change-nps')).toContainText('n = 22');
      await trends.getByLabel('Customers').focus();
      await trends.getByLabel('Customers').selectOption({ label: 'mobile (12)' });
      await expect(trends.locator('#change-nps')).toHaveText(
        'NPS -100, down 200 on the previous 28 days; too few answers to test the change, n = 6.',
      );
      await expect(trends.locator('#trend-key')).toHaveText(/^The answers of customers with device mobile alone\. Line:/);

      // a day of the phones' trend opens the phones' answers of that day
      await trends.getByText('NPS as a table').click();
      const detractorsDay = new Date(lastWeek(2)).toISOString().slice(0, 10);
      await trends.getByRole('table', { name: 'NPS by day' }).getByRole('button', { name: detractorsDay }).click();
      const chips = page.getByRole('region', { name: 'Answers' }).locator('#answer-chips');
      await expect(chips).toContainText('Device: mobile');
      await expect(page.getByRole('region', { name: 'Answers' }).locator('tbody tr')).toHaveCount(6);

      // a copied link reopens both choices
      await page.reload();
      await expect(checkout.getByRole('cell').nth(0)).toHaveText('NPS -100');
      await expect(trends.locator('#change-nps')).toContainText('n = 6.');

      // the moment opens the answers its figures count: its phone customers' of the journey's last 28 days, the six
      // detractors (before, every answer of the touchpoint in the page's range: the twelve of both periods)
      await checkout.getByRole('button', { name: 'checkout' }).click();
      const answers = page.getByRole('region', { name: 'Answers' });
      await expect(answers.locator('tbody tr')).toHaveCount(6);
      await expect(answers.locator('#answer-chips')).toContainText('Device: mobile');
      await expect(answers.getByRole('button', { name: / to .*: remove$/ })).toBeVisible();
      await expect(answers.locator('tbody')).toContainText('The pay button hides under the keyboard');
    });
  });
}
