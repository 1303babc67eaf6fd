// The dashboard's comment themes as a CX manager reads them, on comments whose themes are known: what unhappy and happy
// customers say, per language, each theme opening its comments in the drill-down — at desktop and phone width, axe-clean.
import type { Response } from '../../../../src/schema/response.js';
import { answersOf } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const at = Date.now() - 3_600_000;
const said = (kind: Response['kind'], score: number, count: number, comment: string, locale = 'en-US') =>
  answersOf('checkout', kind, score, count, at, { comment, locale });
const data = [
  ...said('nps', 2, 6, 'The delivery was slow and the box arrived damaged.'),
  ...said('nps', 10, 5, 'Fast delivery, great prices.'),
  ...said('csat', 1, 3, 'Die Lieferung war zu spät.', 'de-DE'),
];

for (const width of [1280, 390]) {
  test(`at ${width} px: what unhappy and happy customers say, each theme opening its comments`, async ({ page }) => {
    await withDashboard(data, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}dashboard`);
      const section = page.getByRole('region', { name: 'Comment themes' });
      await expect(section.locator('#themes-unhappy li button')).toHaveText(['arrived damaged', 'box arrived', 'slow']);
      await expect(section.locator('#themes-unhappy li').first()).toContainText('6 of 6 unhappy comments, 0 of 5 happy');
      await expect(section.locator('#themes-happy li button')).toHaveText(['fast delivery', 'great prices']);
      await section.getByLabel('Language').selectOption('de');
      await expect(section.locator('#themes-unhappy li button')).toHaveText(['lieferung', 'spät']);
      await expect(section.locator('#themes-happy li')).toHaveText(['Nothing stands out yet.']);
      await expect(page).toHaveURL(/language=de/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);

      await section.getByRole('button', { name: 'spät' }).click();
      const answers = page.getByRole('region', { name: 'Answers' });
      await expect(answers.getByRole('button', { name: 'Comment says “spät”: remove' })).toBeVisible();
      await expect(answers.locator('#answer-status')).toHaveText('Answers 1–3.');
      await expect(answers.locator('#answer-table tbody tr').first()).toContainText('Die Lieferung war zu spät.');
    });
  });
}

test("one plan's themes: what its customers complain of, each theme opening that plan's comments", async ({ page }) => {
  // scores and counts apart, so that each call's sample ids are its own
  const saidBy = (plan: string, score: number, count: number, comment: string) =>
    answersOf('checkout', 'nps', score, count, at, { comment, locale: 'en', traits: { plan } });
  const plans = [
    ...saidBy('enterprise', 2, 5, 'The invoice export keeps failing.'),
    ...saidBy('enterprise', 10, 5, 'Great account manager.'),
    ...saidBy('free', 1, 7, 'The delivery was slow.'),
    ...saidBy('free', 10, 4, 'Cheap and cheerful.'),
  ];
  await withDashboard(plans, async (url) => {
    await page.goto(`${url}dashboard`);
    const section = page.getByRole('region', { name: 'Comment themes' });
    await expect(section.locator('#themes-unhappy li button')).toContainText(['invoice export']);
    const customers = section.getByLabel('Customers');
    await customers.focus();
    // the free plan's unhappy customers speak of the delivery, not of invoices
    await customers.selectOption({ label: 'free (11)' });
    await expect(section.locator('#themes-status')).toHaveText(
      /^Customers with plan free alone\. From 7 unhappy comments and 4 happy comments/,
    );
    await expect(section.locator('#themes-unhappy li button')).toHaveText(['delivery', 'slow']);
    await customers.selectOption({ label: 'enterprise (10)' });
    await expect(section.locator('#themes-status')).toHaveText(
      /^Customers with plan enterprise alone\. From 5 unhappy comments and 5 happy comments/,
    );
    await expect(section.locator('#themes-unhappy li button')).toContainText(['invoice export']);
    await expect(page).toHaveURL(/themesFor=by%3Dtrait%253Aplan%26value%3Denterprise/);
    // a theme opens that plan's comments alone
    await section.getByRole('button', { name: 'invoice export' }).click();
    const answers = page.getByRole('region', { name: 'Answers' });
    await expect(answers.locator('#answer-status')).toHaveText('Answers 1–5.');
    await expect(answers.locator('#answer-table tbody tr').first()).toContainText('The invoice export keeps failing.');
    expect(await audit(page)).toEqual([]);
  });
});
