// A site that names a touchpoint per product page: the dashboard's filter offers the most answered ones and says how
// many more there are, instead of loading every one on each change of filter (22 MB at 50,000 touchpoints).
import { answersOf } from '../../../support/answers.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const at = Date.now() - 3_600_000;
const products = Array.from({ length: 500 }, (_, i) => `product-${String(i).padStart(3, '0')}`);
const rare = ['rare-1', 'rare-2', 'rare-3'];
const data = [
  // a minute apart: answersOf's ids follow from its arguments
  ...products.flatMap((product, i) => answersOf(product, 'csat', 5, 2, at - i * 60_000)),
  ...rare.flatMap((touchpoint, i) => answersOf(touchpoint, 'csat', 1, 1, at - (1_000 + i) * 60_000)),
];

test('with 503 touchpoints, the filter and the journey list the 500 most answered and say how many more there are; a link to another opens on it', async ({
  page,
}) => {
  await withDashboard(data, async (url) => {
    await page.goto(`${url}dashboard`);
    await expect(page.locator('#status')).toHaveText('1,003 answers');
    const touchpoint = page.getByLabel('Touchpoint');
    const options = touchpoint.locator('option');
    await expect(options).toHaveCount(1 + 500 + 1);
    await expect(options.last()).toHaveText('… and 3 touchpoints with fewer answers');
    await expect(options.last()).toBeDisabled();
    await expect(touchpoint.locator('option', { hasText: 'rare-' })).toHaveCount(0);

    // the journey draws the 500 it was given a step at a time, and counts the three it was not
    const journey = page.getByRole('region', { name: 'Customer journey' });
    await expect(journey.getByText('10 of 503 moments in No stage, most answered first.')).toBeVisible();
    for (let i = 0; i < 10; i++) await journey.getByRole('button', { name: /^Show \d+ more$/ }).click();
    await expect(
      journey.getByText(
        '500 of 503 moments in No stage, most answered first. The other 3 have fewer answers: choose one with the Touchpoint filter.',
      ),
    ).toBeVisible();
    await expect(journey.getByRole('row')).toHaveCount(1 + 500);

    await touchpoint.selectOption('product-042');
    await expect(page.locator('#status')).toHaveText('2 answers');

    await page.goto(`${url}dashboard?touchpoint=rare-2`);
    await expect(page.locator('#status')).toHaveText('1 answer');
    await expect(touchpoint).toHaveValue('rare-2');
    await expect(options.last()).toHaveText('… and 2 touchpoints with fewer answers');
  });
});
