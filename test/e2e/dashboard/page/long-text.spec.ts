// The dashboard with what customers and sites really send at the limits: a 5,000-character comment, one long run of a
// single character, a pasted link, a 200-character touchpoint id, a 100-character stage and 1,000-character trait values.
// At desktop and phone widths the page stays as wide as the window, and a long comment shows its start and a button
// that shows all of it, so that one such comment does not push every other answer out of reach.
import { answersOf } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const at = Date.now() - 3_600_000;
const longComment = `The checkout failed at https://shop.example/${'a'.repeat(300)} and again ${'w'.repeat(4_600)}`;
const data = [
  ...answersOf(`checkout-${'x'.repeat(190)}`, 'nps', 3, 6, at, {
    comment: longComment,
    stage: 's'.repeat(100),
    userId: 'u'.repeat(200),
    traits: { plan: 'p'.repeat(1_000) },
    page: { url: `https://shop.example/${'c'.repeat(400)}` },
  }),
  ...answersOf(`support-${'y'.repeat(150)}`, 'csat', 1, 3, at - 60_000, { comment: 'Ω'.repeat(5_000) }),
  ...answersOf('help', 'ces', 7, 3, at, { comment: 'Found it at once.' }),
];

for (const width of [1280, 390, 320]) {
  test(`at ${width} px: 5,000-character comments and 200-character ids keep the page as wide as the window, a comment opens and closes`, async ({
    page,
  }) => {
    await withDashboard(data, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}dashboard`);
      await expect(page.locator('#answer-status')).toHaveText('Answers 1–12 of 12.');
      const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
      await expect(inbox.getByRole('listitem')).toHaveCount(9);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      const comment = inbox.getByRole('listitem').filter({ hasText: 'ΩΩΩ' }).first().locator('.comment');
      const more = comment.getByRole('button', { name: 'Show all 5,000 characters' });
      await expect(more).toHaveAttribute('aria-expanded', 'false');
      expect((await comment.textContent())!).toMatch(/^Ω{200,300}… Show all 5,000 characters$/);
      const cut = (await comment.boundingBox())!.height;
      // a comment that takes a screen and more when whole takes a few lines at most until it is asked for
      expect(cut).toBeLessThan(400);
      await more.click();
      const less = comment.getByRole('button', { name: 'Show less' });
      await expect(less).toBeFocused();
      await expect(less).toHaveAttribute('aria-expanded', 'true');
      expect((await comment.textContent())!).toBe(`${'Ω'.repeat(5_000)} Show less`);
      expect((await comment.boundingBox())!.height).toBeGreaterThan(8 * cut);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await less.click();
      expect((await comment.boundingBox())!.height).toBe(cut);

      // the same comment in the drill-down and the latest comments, cut where a space is near
      const answers = page.getByRole('region', { name: 'Answers' });
      const whole = `Show all ${longComment.length.toLocaleString('en')} characters`;
      await expect(answers.getByRole('button', { name: whole })).toHaveCount(6);
      await expect(answers.locator('.comment').filter({ hasText: 'checkout' }).first()).toHaveText(
        /^The checkout failed at https:\/\/shop\.example\/a+… Show all/,
      );
      const latest = page.locator('#comments li');
      await expect(latest).not.toHaveCount(0);
      for (const item of await latest.all()) {
        // a short comment is whole, with no button
        const short = (await item.textContent())!.includes('Found it at once.');
        await expect(item.getByRole('button', { name: /^Show all/ })).toHaveCount(short ? 0 : 1);
      }
      expect(await audit(page)).toEqual([]);
    });
  });
}
