// The drill-down as a CX manager uses it, on answers whose count is known: a score opens its answers, pages go back and
// forth, a band and a comment narrow them, a segment opens its own, and the downloads hold what the table holds — at
// desktop and phone width (where rows become cards), axe-clean, and the same view again from a copied link.
import { answersOf } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const at = Date.now() - 3_600_000;
const data = [
  ...answersOf('checkout', 'nps', 3, 25, at, {
    device: 'mobile',
    comment: 'the page froze',
    metadata: { orderId: 'A-1042', items: 3 },
    userId: 'kim@example.com',
  }),
  ...answersOf('checkout', 'nps', 10, 10, at - 86_400_000, { device: 'desktop' }),
  ...answersOf('support', 'csat', 5, 3, at, { device: 'desktop', comment: 'quick' }),
];

for (const width of [1280, 390]) {
  test(`at ${width} px: a score opens its answers, narrowed, paged, downloaded and shared`, async ({ page, browser }) => {
    await withDashboard(data, async (url) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${url}dashboard`);
      const section = page.getByRole('region', { name: 'Answers' });
      const status = section.locator('#answer-status');
      await expect(status).toHaveText('Answers 1–20 of 38.');

      await page.getByRole('button', { name: 'See the NPS answers' }).click();
      await expect(section.getByRole('heading', { name: 'Answers' })).toBeFocused();
      await expect(status).toHaveText('Answers 1–20 of 35.');
      await section.getByRole('button', { name: 'Next page' }).click();
      await expect(status).toHaveText('Answers 21–35 of 35.');
      await expect(section.getByRole('button', { name: 'Next page' })).toBeHidden();
      await section.getByRole('button', { name: 'Previous page' }).click();
      await expect(status).toHaveText('Answers 1–20 of 35.');

      await section.getByLabel('Score band').selectOption('unhappy');
      await expect(status).toHaveText('Answers 1–20 of 25.');
      const first = section.getByRole('row').nth(1);
      await expect(first.getByRole('cell')).toHaveText([
        'NPS 3',
        'the page froze',
        'orderId: A-1042 · items: 3',
        'kim@example.com',
        'checkout',
        '–',
        /^mobile/,
        'open',
      ]);
      // the customer who answered opens their history, and it closes back to the table
      const kim = first.getByRole('button', { name: 'kim@example.com: their history' });
      await kim.click();
      const history = page.getByRole('dialog', { name: 'kim@example.com' });
      await expect(history.getByText(/^25 answers: NPS 3 → 3/)).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(kim).toBeFocused();
      await section.getByLabel('With a comment').check();
      // a comment filter has no count from the rollups: the page says what it shows
      await expect(status).toHaveText('Answers 1–20.');

      // a bar of the distribution opens its score's answers; the Score choice reaches the same from the keyboard
      const bars = page.locator('#dist-nps .u-over');
      const box = (await bars.boundingBox())!;
      await bars.click({ position: { x: (box.width * 10.5) / 11, y: box.height - 4 } });
      await expect(status).toHaveText('Answers 1–10 of 10.');
      await expect(section.getByLabel('Metric')).toHaveValue('nps');
      await expect(section.getByLabel(/^Score(?! band)/)).toHaveValue('10');
      await section.getByLabel(/^Score(?! band)/).selectOption('3');
      await expect(status).toHaveText('Answers 1–20 of 25.');

      // a segment opens its own answers, shown as a chip that takes it off again
      await page.getByRole('region', { name: 'Segments' }).getByRole('button', { name: 'desktop' }).click();
      await expect(status).toHaveText('Answers 1–13 of 13.');
      await expect(section.getByRole('button', { name: 'Device: desktop: remove' })).toBeVisible();
      const csv = await page.request.get(
        await section
          .getByRole('link', { name: 'Download CSV' })
          .getAttribute('href')
          .then((h) => `${url}${h!.slice(1)}`),
      );
      expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(1 + 13);
      const json = await page.request.get(
        await section
          .getByRole('link', { name: 'Download JSON' })
          .getAttribute('href')
          .then((h) => `${url}${h!.slice(1)}`),
      );
      expect(await json.json()).toHaveLength(13);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);

      const other = await browser.newPage({ viewport: { width, height: 900 } });
      await other.goto(page.url());
      await expect(other.locator('#answer-status')).toHaveText('Answers 1–13 of 13.');
      await other.close();

      await section.getByRole('button', { name: 'Device: desktop: remove' }).click();
      await expect(status).toHaveText('Answers 1–20 of 38.');
    });
  });
}
