// The dashboard's segments as a CX manager uses them, on answers whose figures are known: break the figures down by
// device, compare phones with desktops in words (difference, interval, p-value), switch to new against returning
// visitors, and send the view as a link — at desktop and phone width, axe-clean.
import { answersOf, batch, display } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const at = Date.now() - 86_400_000;
const data = [
  // mobile: NPS (20 − 20) / 40 = 0, ± 1.96 √250 = 31; desktop: (30 − 10) / 40 = 50, ± 1.96 √187.5 = 27
  ...answersOf('checkout', 'nps', 10, 20, at, { device: 'mobile', visitor: 'new', traits: { plan: 'pro' } }),
  ...answersOf('checkout', 'nps', 0, 20, at, { device: 'mobile', visitor: 'new' }),
  ...answersOf('checkout', 'nps', 10, 30, at, { device: 'desktop', visitor: 'returning' }),
  ...answersOf('checkout', 'nps', 0, 10, at, { device: 'desktop', visitor: 'returning' }),
  ...answersOf('support', 'csat', 5, 4, at, { device: 'tablet' }),
];

for (const width of [1280, 390]) {
  test(`at ${width} px: figures by device, phones against desktops in words, and a link that keeps the view`, async ({ page, browser }) => {
    await withDashboard(data, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}dashboard`);
      const section = page.getByRole('region', { name: 'Segments' });
      await expect(section.getByLabel('Break down by')).toHaveValue('device');
      const table = section.getByRole('table', { name: 'By device' });
      await expect(table.getByRole('row', { name: /^desktop/ }).getByRole('cell')).toHaveText(['40', '50 (23 to 77)', '–', '–']);
      await expect(table.getByRole('row', { name: /^mobile/ }).getByRole('cell')).toHaveText(['40', '0 (-31 to 31)', '–', '–']);
      await expect(table.getByRole('row', { name: /^tablet/ }).getByRole('cell')).toHaveText(['4', '–', '100 (few: 4)', '–']);

      await section.getByLabel('Compare').selectOption('mobile');
      await section.getByLabel('with').selectOption('desktop');
      // 0 − 50: se √(250 + 187.5) = 20.9; ± 41.0; p = 0.017
      await expect(section.locator('#segment-comparison li')).toHaveText([
        'NPS: mobile 0 against desktop 50, a difference of −50 (95% CI −91 to −9); p = 0.02; 40 answers and 40.',
      ]);
      await expect(page).toHaveURL(/by=device&a=mobile&b=desktop/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);

      // another dimension: its own values, and the comparison starts over
      await section.getByLabel('Break down by').selectOption({ label: 'New or returning' });
      const visitors = section.getByRole('table', { name: 'By new or returning' });
      await expect(visitors.getByRole('row', { name: /^returning/ }).getByRole('cell')).toHaveText(['40', '50 (23 to 77)', '–', '–']);
      await expect(section.locator('#segment-comparison li')).toHaveCount(0);
      await section.getByLabel('Compare').selectOption('new');
      await section.getByLabel('with').selectOption('returning');
      await expect(section.locator('#segment-comparison li')).toHaveText([/^NPS: new 0 against returning 50, a difference of −50/]);

      const other = await browser.newPage({ viewport: { width, height: 900 } });
      await other.goto(page.url());
      const shared = other.getByRole('region', { name: 'Segments' });
      await expect(shared.getByLabel('Break down by')).toHaveValue('visitor');
      await expect(shared.locator('#segment-comparison li')).toHaveText([/^NPS: new 0 against returning 50/]);
      await other.close();
    });
  });
}

test('by device, each device has its response rate: phones shown the prompt often and rarely answering stand out', async ({ page }) => {
  await withDashboard(data, async (url) => {
    const shownAt = new Date(at).toISOString();
    const shown = (device: 'mobile' | 'desktop' | 'tablet', outcome: 'answered' | 'ignored', count: number) =>
      Array.from({ length: count }, () => display('checkout', outcome, { device, shownAt }));
    const displays = [...shown('mobile', 'answered', 40), ...shown('mobile', 'ignored', 160), ...shown('desktop', 'answered', 40)];
    for (let i = 0; i < displays.length; i += 50) {
      const posted = await fetch(`${url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([], displays.slice(i, i + 50))) });
      expect(posted.status).toBe(202);
    }
    await page.goto(`${url}dashboard`);
    const table = page.getByRole('region', { name: 'Segments' }).getByRole('table', { name: 'By device' });
    await expect(table.getByRole('columnheader')).toHaveText(['Device', 'Answers', 'Response rate', 'NPS', 'CSAT %', 'CES (1–7)']);
    await expect(table.getByRole('row', { name: /^mobile/ }).getByRole('cell')).toHaveText([
      '40',
      '20% of 200 shown',
      '0 (-31 to 31)',
      '–',
      '–',
    ]);
    await expect(table.getByRole('row', { name: /^desktop/ }).getByRole('cell')).toHaveText([
      '40',
      '100% of 40 shown',
      '50 (23 to 77)',
      '–',
      '–',
    ]);
    // answers without a prompt shown (an inline element, record()): no rate to give
    await expect(table.getByRole('row', { name: /^tablet/ }).getByRole('cell')).toHaveText([
      '4',
      '– (none shown)',
      '–',
      '100 (few: 4)',
      '–',
    ]);
    // compared: √(100² · 0.2 · 0.8 / 200) = 2.83, ± 5.5; every desktop prompt answered, no spread there
    const section = page.getByRole('region', { name: 'Segments' });
    await section.getByLabel('Compare').selectOption('mobile');
    await section.getByLabel('with').selectOption('desktop');
    await expect(section.locator('#segment-comparison li').last()).toHaveText(
      'Response rate: mobile 20% against desktop 100%, a difference of −80 points (95% CI −86 to −74); p < 0.001; 200 shown and 40.',
    );
    expect(await audit(page)).toEqual([]);
  });
});

test("by page, each page has its response rate; the journey of one page's customers has that page's", async ({ page }) => {
  const on = (url: string) => ({ stage: 'buy', page: { url } });
  const answers = [
    ...answersOf('checkout', 'nps', 10, 6, at, on('https://shop.example/orders/41/receipt')),
    ...answersOf('checkout', 'nps', 0, 2, at, on('https://shop.example/cart')),
  ];
  await withDashboard(answers, async (url) => {
    const shownAt = new Date(at).toISOString();
    const shown = (path: string, outcome: 'answered' | 'dismissed' | 'ignored', count: number) =>
      Array.from({ length: count }, () => display('checkout', outcome, { shownAt, ...on(`https://shop.example${path}`) }));
    // the receipts of two orders are one page: 6 of 8 answered; the cart: 2 of 20
    const displays = [
      ...shown('/orders/41/receipt', 'answered', 6),
      ...shown('/orders/42/receipt?from=mail', 'ignored', 2),
      ...shown('/cart', 'answered', 2),
      ...shown('/cart/', 'dismissed', 18),
    ];
    const posted = await fetch(`${url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([], displays)) });
    expect(posted.status).toBe(202);
    await page.goto(`${url}dashboard`);

    const section = page.getByRole('region', { name: 'Segments' });
    await section.getByLabel('Break down by').selectOption({ label: 'Page' });
    const table = section.getByRole('table', { name: 'By page' });
    await expect(table.getByRole('columnheader')).toHaveText(['Page', 'Answers', 'Response rate', 'NPS', 'CSAT %', 'CES (1–7)']);
    await expect(table.getByRole('row', { name: /^\/orders\/:id\/receipt/ }).getByRole('cell')).toHaveText([
      '6',
      '75% of 8 shown',
      '100 (few: 6)',
      '–',
      '–',
    ]);
    await expect(table.getByRole('row', { name: /^\/cart/ }).getByRole('cell')).toHaveText([
      '2',
      '10% of 20 shown',
      '-100 (few: 2)',
      '–',
      '–',
    ]);

    const journey = page.getByRole('region', { name: 'Customer journey' });
    const checkout = journey.getByRole('table', { name: 'buy' }).getByRole('row', { name: /checkout/ });
    await expect(checkout.getByRole('cell').nth(2)).toHaveText('29%');
    await journey.getByLabel('Customers').hover();
    await journey.getByLabel('Customers').selectOption({ label: '/cart (2)' });
    await expect(checkout.getByRole('cell').nth(1)).toHaveText('2 answers');
    await expect(checkout.getByRole('cell').nth(2)).toHaveText('10%');
    await expect(journey.locator('#journey-for')).toHaveText('The answers and response rates of customers with page /cart alone.');
    expect(await audit(page)).toEqual([]);
  });
});
