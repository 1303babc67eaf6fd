// The dashboard's trends as a CX manager reads them, on answers whose figures are known: the change in words with its
// p-value, thin days marked as such in the table, the rolling window switched, and the view kept in a link that
// reopens it — at desktop and phone width, axe-clean.
import { answersOf, batch, display } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { withDashboard } from '../dashboard-server.js';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures.js';

const today = new Date();
/**
 * Noon (UTC) `days` days ago: a day's answers are spread over the half hour before it, so that they stay on that day
 * whatever the hour the test runs at (spread back from the moment it ran, they straddled midnight early in a day).
 */
const noonDaysAgo = (days: number) => Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, 12);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const data = [
  // the last 28 days: NPS (30 − 10) / 40 = 50
  ...answersOf('checkout', 'nps', 10, 30, noonDaysAgo(2)),
  ...answersOf('checkout', 'nps', 0, 10, noonDaysAgo(3)),
  // the 28 before: NPS (20 − 20) / 40 = 0
  ...answersOf('checkout', 'nps', 10, 20, noonDaysAgo(35)),
  ...answersOf('checkout', 'nps', 0, 20, noonDaysAgo(35)),
  ...answersOf('support', 'csat', 4, 5, noonDaysAgo(2)),
];

for (const width of [1280, 390]) {
  test(`at ${width} px: the change in words, thin days marked, and a link that reopens the view`, async ({ page, browser }) => {
    await withDashboard(data, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}dashboard`);
      const trends = page.getByRole('region', { name: 'Trends' });
      // +50: se √(187.5 + 250) = 20.9, z = 2.39, p = 0.017
      await expect(trends.locator('#change-nps')).toHaveText('NPS 50, up 50 on the previous 28 days; p = 0.02, n = 40.');
      await expect(trends.locator('#change-csat')).toHaveText('CSAT 100 on 5 answers; no answers in the previous 28 days to compare with.');
      await expect(trends.locator('#change-ces')).toHaveText('No CES answers in this period.');
      await expect(trends.locator('#trend-ces')).toContainText('No answers in this range yet');

      await trends.getByText('NPS as a table').click();
      const table = trends.getByRole('table', { name: 'NPS by day' });
      const promoters = table.getByRole('row', { name: new RegExp(day(noonDaysAgo(2))) });
      await expect(promoters.getByRole('cell')).toHaveText(['100', '100 to 100', '30']);
      const detractors = table.getByRole('row', { name: new RegExp(day(noonDaysAgo(3))) });
      await expect(detractors.getByRole('cell')).toHaveText(['-100', 'too few answers (under 30)', '10']);
      // a day with answers opens them
      await promoters.getByRole('button', { name: day(noonDaysAgo(2)) }).click();
      const answers = page.getByRole('region', { name: 'Answers' });
      await expect(answers.getByRole('button', { name: `On ${day(noonDaysAgo(2))}: remove` })).toBeVisible();
      await expect(answers.locator('#answer-status')).toHaveText('Answers 1–20 of 30.');
      await answers.getByRole('button', { name: `On ${day(noonDaysAgo(2))}: remove` }).click();
      const chart = trends.locator('#trend-nps');
      await expect(chart).toHaveAttribute('aria-label', /^NPS, 28-day rolling: 50 on the 28 days to \d{4}-\d\d-\d\d, 40 answers;/);

      await trends.getByRole('radio', { name: '7 days' }).check();
      await expect(chart).toHaveAttribute('aria-label', /^NPS, 7-day rolling/);
      await page.getByLabel('Touchpoint').selectOption('checkout');
      await expect(trends.locator('#change-csat')).toHaveText('No CSAT answers in this period.');
      await expect(page).toHaveURL(/touchpoint=checkout/);
      await expect(page).toHaveURL(/window=7/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);
      // and in the dark: the charts redraw in the dark theme's colours, every view stays axe-clean
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect(trends.locator('#change-nps')).toHaveText('NPS 50, up 50 on the previous 28 days; p = 0.02, n = 40.');
      expect(await audit(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'light' });

      // a colleague opens the copied link: the same filter, the same window, the same figures
      const other = await browser.newPage({ viewport: { width, height: 900 } });
      await other.goto(page.url());
      await expect(other.getByLabel('Touchpoint')).toHaveValue('checkout');
      await expect(other.getByRole('radio', { name: '7 days' })).toBeChecked();
      await expect(other.locator('#change-csat')).toHaveText('No CSAT answers in this period.');
      await expect(other.locator('#trend-nps')).toHaveAttribute('aria-label', /^NPS, 7-day rolling/);
      await other.close();
    });
  });
}

/**
 * The dashboard on `data` in a US-English page (its date fields read month, day, year), once its trends are drawn by
 * day; `typeFrom` types a day (YYYY-MM-DD) into From key by key, as a manager does.
 */
async function withTypedDates(
  browser: Browser,
  run: (page: Page, key: Locator, typeFrom: (day: string, delay?: number) => Promise<void>) => Promise<void>,
): Promise<void> {
  const page = await browser.newPage({ locale: 'en-US' });
  try {
    await withDashboard(data, async (url) => {
      await page.goto(`${url}dashboard`);
      const key = page.locator('#trend-key');
      await expect(key).toContainText('Dots: one per day;');
      await run(page, key, async (day, delay = 0) => {
        await page.getByLabel('From').focus();
        await page.keyboard.type(`${day.slice(5, 7)}${day.slice(8, 10)}${day.slice(0, 4)}`, { delay });
      });
    });
  } finally {
    await page.close();
  }
}

test('a From year mistyped as 0202: the trends show the last ten years, say so, and count every answer in the change', async ({
  browser,
}) => {
  await withTypedDates(browser, async (page, key, typeFrom) => {
    // a digit of the year short
    await typeFrom('0202-12-01');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('From')).toHaveValue('0202-12-01');
    await expect(key).toContainText('Dots: one per month;');
    const tenYearsAgo = day(Date.parse(`${day(Date.now())}T00:00:00Z`) - 3_652 * 86_400_000);
    await expect(key).toContainText(/Drawn from \d{4}-\d\d-\d\d: a trend shows at most the last ten years of its range\./);
    const drawnFrom = (await key.textContent())!.match(/Drawn from (\S+):/)![1]!;
    expect(Math.abs(Date.parse(drawnFrom) - Date.parse(tenYearsAgo))).toBeLessThanOrEqual(2 * 86_400_000);
    // the change over the whole range: all 80 NPS answers against none before it
    await expect(page.locator('#change-nps')).toContainText('on 80 answers');
  });
});

test('a From date typed digit by digit asks the collector once, for the day typed, not for the years 0002, 0020 and 0202 on the way', async ({
  browser,
}) => {
  await withTypedDates(browser, async (page, key, typeFrom) => {
    await page.waitForLoadState('networkidle');
    const asked: string[] = [];
    page.on('request', (request) => {
      const since = new URL(request.url()).searchParams.get('since');
      if (since) asked.push(since);
    });
    // 120 days ago: a range of weeks
    const from = day(noonDaysAgo(120));
    await typeFrom(from, 60);
    await expect(page.getByLabel('From')).toHaveValue(from);
    await expect(key).toContainText('Dots: one per week;');
    await page.waitForLoadState('networkidle');
    expect(new Set(asked)).toEqual(new Set([from]));
  });
});

test('the response rate as a trend: fewer prompts answered this period stands out, for phones alone too, and for a plan', async ({
  page,
}) => {
  const shown = (daysAgo: number, outcome: 'answered' | 'dismissed', count: number, device: 'mobile' | 'desktop') =>
    Array.from({ length: count }, () =>
      display('checkout', outcome, {
        shownAt: new Date(noonDaysAgo(daysAgo)).toISOString(),
        device,
        // the phones' customers are on the pro plan
        ...(device === 'mobile' ? { traits: { plan: 'pro' } } : {}),
      }),
    );
  const displays = [
    // the last 28 days: 20 of 100 answered (phones 8 of 80, desktops 12 of 20); the 28 before: 40 of 80, on desktops
    ...shown(2, 'answered', 8, 'mobile'),
    ...shown(2, 'dismissed', 72, 'mobile'),
    ...shown(2, 'answered', 12, 'desktop'),
    ...shown(2, 'dismissed', 8, 'desktop'),
    ...shown(35, 'answered', 40, 'desktop'),
    ...shown(35, 'dismissed', 40, 'desktop'),
  ];
  const answers = answersOf('checkout', 'nps', 9, 8, noonDaysAgo(2), { device: 'mobile', locale: 'en', traits: { plan: 'pro' } });
  await withDashboard(answers, async (url) => {
    for (let i = 0; i < displays.length; i += 50) {
      const posted = await fetch(`${url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([], displays.slice(i, i + 50))) });
      expect(posted.status).toBe(202);
    }
    await page.goto(`${url}dashboard`);
    const trends = page.getByRole('region', { name: 'Trends' });
    // 20% against 50%: se √(100² (0.2 · 0.8 / 100 + 0.5 · 0.5 / 80)) = 6.9, z = 4.4
    await expect(trends.locator('#change-rate')).toHaveText(
      'Response rate 20%, down 30 points on the previous 28 days; p < 0.001, n = 100 shown.',
    );
    await expect(trends.locator('#trend-rate')).toHaveAttribute(
      'aria-label',
      /^Response rate %, 28-day rolling: 20 on the 28 days to \S+, 100 shown;/,
    );
    await trends.getByText('Response rate as a table').click();
    const table = trends.getByRole('table', { name: 'Response rate by day' });
    await expect(table.getByRole('columnheader')).toHaveText(['From', 'Response rate', '95% interval', 'Shown']);
    // ± 1.96 √(100² · 0.2 · 0.8 / 100) = 7.8
    await expect(table.getByRole('row', { name: new RegExp(day(noonDaysAgo(2))) }).getByRole('cell')).toHaveText(['20', '12 to 28', '100']);

    await trends.getByLabel('Customers').hover();
    await trends.getByLabel('Customers').selectOption({ label: 'mobile (8)' });
    await expect(trends.locator('#change-rate')).toHaveText(
      'Response rate 10% on 80 shown; none shown in the previous 28 days to compare with.',
    );
    // the pro plan's customers, whom the phones' prompts were shown to
    await trends.getByLabel('Customers').selectOption({ label: 'pro (8)' });
    await expect(trends.locator('#trend-key')).toContainText('The answers of customers with plan pro alone.');
    await expect(trends.locator('#change-rate')).toHaveText(
      'Response rate 10% on 80 shown; none shown in the previous 28 days to compare with.',
    );
    await expect(trends.locator('#trend-rate-block')).toBeVisible();
    expect(await audit(page)).toEqual([]);
  });
});
