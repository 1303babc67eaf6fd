// The dashboard's section links as a CX manager who knows what they came for uses them: one click from the top to any
// view, its heading right under the bar that stays at the top, the section in view marked, and a link sent with a
// section landing on it once the figures are drawn — at desktop and phone width, axe-clean.
import { responses } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import type { Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures.js';
import { withDashboard } from '../dashboard-server.js';

/** How far a section's heading is below the section links' bar (negative: under it). */
async function belowBar(page: Page, heading: string): Promise<number> {
  const bar = (await page.getByRole('navigation', { name: 'Sections' }).boundingBox())!;
  const top = (await page.getByRole('heading', { name: heading, level: 2, exact: true }).boundingBox())!;
  return top.y - (bar.y + bar.height);
}

for (const width of [1280, 390]) {
  test(`at ${width} px: the section links reach any view in one click, stay at the top, mark where the manager is, and a sent link lands on its section`, async ({
    page,
  }) => {
    await withDashboard(responses(400), async (url) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${url}dashboard`);
      await expect(page.locator('#status')).toHaveText('400 answers');
      const nav = page.getByRole('navigation', { name: 'Sections' });
      // on a phone the bar scrolls sideways; the page does not
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await nav.getByRole('link', { name: 'Trends' }).click();
      await expect.poll(() => belowBar(page, 'Trends')).toBeGreaterThanOrEqual(0);
      expect(await belowBar(page, 'Trends')).toBeLessThan(100);
      expect((await nav.boundingBox())!.y).toBe(0);
      await expect(nav.getByRole('link', { name: 'Trends' })).toHaveAttribute('aria-current', 'location');
      await expect(nav.locator('[aria-current]')).toHaveCount(1);
      await expect(nav.getByRole('link', { name: 'Trends' })).toBeInViewport();

      // by keyboard from the trends back into the segments above: the field reached comes to rest below the bar
      await page.getByRole('region', { name: 'Trends' }).getByLabel('Customers').focus();
      await page.keyboard.press('Shift+Tab');
      const bar = (await nav.boundingBox())!;
      expect((await page.locator(':focus').boundingBox())!.y).toBeGreaterThanOrEqual(bar.y + bar.height);

      // scrolled by hand to the end of the page: the last section is the one marked, its link in sight
      await page.mouse.move(width / 2, 400);
      await page.mouse.wheel(0, 100_000);
      await expect(nav.getByRole('link', { name: 'Comments' })).toHaveAttribute('aria-current', 'location');
      await expect(nav.getByRole('link', { name: 'Comments' })).toBeInViewport();

      // back to the scores, by keyboard; a score opens its answers with their heading under the bar, not behind it
      await nav.getByRole('link', { name: 'Scores' }).focus();
      await page.keyboard.press('Enter');
      await expect(nav.getByRole('link', { name: 'Scores' })).toHaveAttribute('aria-current', 'location');
      await page.getByRole('button', { name: 'See the NPS answers' }).click();
      await expect(page.getByRole('heading', { name: 'Answers', level: 2, exact: true })).toBeFocused();
      await expect.poll(() => belowBar(page, 'Answers')).toBeGreaterThanOrEqual(0);
      expect(await audit(page)).toEqual([]);

      // the address keeps the section as the filters change, and opened again it lands there once the figures are drawn
      await nav.getByRole('link', { name: 'Journey' }).click();
      await page.getByLabel('Touchpoint').selectOption('checkout-complete');
      await expect(page).toHaveURL(/\?touchpoint=checkout-complete&.*#journey$/);
      const sent = await page.context().newPage();
      await sent.setViewportSize({ width, height: 800 });
      await sent.goto(page.url());
      await expect(sent.locator('#status')).toHaveText(/^\d+ answers$/);
      await expect.poll(() => belowBar(sent, 'Customer journey')).toBeGreaterThanOrEqual(0);
      expect(await belowBar(sent, 'Customer journey')).toBeLessThan(100);
      await expect(sent.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Journey' })).toHaveAttribute(
        'aria-current',
        'location',
      );
    });
  });
}
