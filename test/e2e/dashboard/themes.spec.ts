// The dashboard's comment themes as a CX manager reads them, on comments whose themes are known: what unhappy and happy
// customers say, per language, each theme opening its comments in the drill-down — at desktop and phone width, axe-clean.
import type { Response } from '../../../src/schema/response.js';
import { answersOf } from '../../support/answers.js';
import { audit } from '../support/axe.js';
import { withDashboard } from './dashboard-server.js';
import { expect, test } from '../support/fixtures.js';

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
