// The dashboard's From and To as a CX manager picks them: both days are in the range (the tiles, the drill-down and the
// CSV agree), a copied link keeps the range, and a From after To says so instead of showing a quiet zero.
import { answersOf } from '../../../support/answers.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const dayMs = 86_400_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * dayMs).toISOString().slice(0, 10);
/** Noon (UTC) of a day some days ago: always in the past, and the same day in every time zone the API counts in. */
const noon = (daysAgo: number) => Date.parse(`${day(daysAgo)}T12:00:00Z`);

const data = [
  ...answersOf('checkout', 'nps', 9, 4, noon(3)),
  ...answersOf('checkout', 'nps', 3, 2, noon(2)),
  ...answersOf('checkout', 'nps', 10, 1, noon(1)),
];

test('From and To are both in the range: one day alone, two days, and the same range from a copied link', async ({ page }) => {
  await withDashboard(data, async (url) => {
    await page.goto(`${url}dashboard`);
    const status = page.locator('#status');
    await expect(status).toHaveText('7 answers');

    await page.getByLabel('From', { exact: true }).fill(day(2));
    await page.getByLabel('To', { exact: true }).fill(day(2));
    await expect(status).toHaveText('2 answers');
    await expect(page.locator('#tile-nps .value')).toHaveText('-100');
    const answers = page.getByRole('region', { name: 'Answers' });
    await expect(answers.locator('#answer-status')).toHaveText('Answers 1–2 of 2.');
    const csv = await (await page.request.get(new URL((await page.locator('#csv').getAttribute('href'))!, url).href)).text();
    expect(csv.trim().split('\n')).toHaveLength(1 + 2);

    await page.getByLabel('From', { exact: true }).fill(day(3));
    await expect(status).toHaveText('6 answers');

    await page.reload();
    await expect(page.getByLabel('From', { exact: true })).toHaveValue(day(3));
    await expect(page.getByLabel('To', { exact: true })).toHaveValue(day(2));
    await expect(status).toHaveText('6 answers');
  });
});

test('a From after To says that no day is chosen', async ({ page }) => {
  await withDashboard(data, async (url) => {
    await page.goto(`${url}dashboard`);
    await expect(page.locator('#status')).toHaveText('7 answers');
    await page.getByLabel('To', { exact: true }).fill(day(3));
    await expect(page.locator('#status')).toHaveText('4 answers');
    await page.getByLabel('From', { exact: true }).fill(day(1));
    await expect(page.locator('#status')).toHaveText(`No days chosen: From (${day(1)}) is after To (${day(3)}).`);
    await expect(page.locator('#tile-nps .value')).toHaveText('–');
  });
});

for (const [collectorZone, timezoneId, hint] of [
  ['UTC', 'Asia/Kolkata', 'Days are counted in UTC: each runs from 5:30 AM to 5:30 AM your time.'],
  ['UTC', 'UTC', null],
  ['Asia/Kolkata', 'UTC', "Days are counted in the collector's time zone, Asia/Kolkata: each runs from 6:30 PM to 6:30 PM your time."],
  ['Asia/Kolkata', 'Asia/Kolkata', null],
] as const) {
  test(`a collector counting days in ${collectorZone}, a browser in ${timezoneId}: the dates ${hint ? 'say where a day starts and ends on the clock of the browser' : 'need no word on time zones'}`, async ({
    browser,
  }) => {
    await withDashboard(
      data,
      async (url) => {
        const context = await browser.newContext({ timezoneId, locale: 'en-US' });
        const page = await context.newPage();
        await page.goto(`${url}dashboard`);
        await expect(page.locator('#status')).toHaveText('7 answers');
        const from = page.getByLabel('From', { exact: true });
        if (hint) {
          await expect(page.locator('#day-zone')).toHaveText(hint);
          await expect(from).toHaveAccessibleDescription(hint);
        } else {
          await expect(page.locator('#day-zone')).toBeHidden();
        }
        await context.close();
      },
      { timeZone: collectorZone },
    );
  });
}

test("a CX team in Los Angeles, its collector counting days there: a day chosen holds that day's evening answers, which UTC puts on the next day", async ({
  browser,
}) => {
  const evening = [
    // the 26th, 23:30 there
    ...answersOf('checkout', 'nps', 5, 1, Date.parse('2026-11-27T07:30:00Z')),
    // the 27th, 18:00 there
    ...answersOf('checkout', 'nps', 10, 3, Date.parse('2026-11-28T02:00:00Z')),
    // the 28th, 01:00 there
    ...answersOf('checkout', 'nps', 0, 2, Date.parse('2026-11-28T09:00:00Z')),
  ];
  await withDashboard(
    evening,
    async (url) => {
      const context = await browser.newContext({ timezoneId: 'America/Los_Angeles', locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`${url}dashboard`);
      const status = page.locator('#status');
      await expect(status).toHaveText('6 answers');
      await expect(page.locator('#day-zone')).toBeHidden();
      await page.getByLabel('From', { exact: true }).fill('2026-11-27');
      await page.getByLabel('To', { exact: true }).fill('2026-11-27');
      await expect(status).toHaveText('3 answers');
      await expect(page.locator('#tile-nps .value')).toHaveText('100');
      const answers = page.getByRole('region', { name: 'Answers' });
      await expect(answers.locator('#answer-status')).toHaveText('Answers 1–3 of 3.');
      await page.getByLabel('To', { exact: true }).fill('2026-11-28');
      await expect(status).toHaveText('5 answers');
      await context.close();
    },
    { timeZone: 'America/Los_Angeles' },
  );
});

test("a browser that does not know the collector's time zone (older than its zone data) names the zone and shows the figures", async ({
  browser,
}) => {
  await withDashboard(
    data,
    async (url) => {
      const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-US' });
      const page = await context.newPage();
      // as a browser whose zone data predates the zone: Intl refuses its name
      await page.addInitScript(() => {
        Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
          construct(target, [locales, options]: [string | undefined, Intl.DateTimeFormatOptions | undefined]) {
            if (options?.timeZone === 'Asia/Kolkata') throw new RangeError('Invalid time zone specified: Asia/Kolkata');
            return new target(locales, options);
          },
        });
      });
      await page.goto(`${url}dashboard`);
      await expect(page.locator('#status')).toHaveText('7 answers');
      await expect(page.locator('#day-zone')).toHaveText("Days are counted in the collector's time zone, Asia/Kolkata.");
      await context.close();
    },
    { timeZone: 'Asia/Kolkata' },
  );
});
