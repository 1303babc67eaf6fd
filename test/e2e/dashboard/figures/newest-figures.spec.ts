// A CX manager changes a filter while the collector is still answering the one before (a longer range, a busy
// database): the earlier answers, however late they come, never replace the figures of the filter now chosen. And a
// collector that does not answer at all (restarting for a deploy) is said so, rather than "Loading…" for ever.
import { answersOf } from '../../../support/answers.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

const at = Date.now() - 3_600_000;
const data = [...answersOf('checkout', 'nps', 3, 4, at, { comment: 'slow checkout' }), ...answersOf('help', 'nps', 10, 2, at)];

test('answers to an earlier filter that come late never replace the figures of the filter now chosen', async ({ page }) => {
  await withDashboard(data, async (url) => {
    await page.goto(`${url}dashboard`);
    const status = page.locator('#status');
    await expect(status).toHaveText('6 answers');
    // from now on the collector takes two seconds over everything it is asked about the checkout
    const late: Array<Promise<void>> = [];
    await page.route(
      (address) => address.pathname.startsWith('/v1/') && address.searchParams.get('touchpoint') === 'checkout',
      (route) => {
        const answered = new Promise<void>((resolve) => setTimeout(resolve, 2_000)).then(() => route.continue().catch(() => undefined));
        late.push(answered);
        return answered;
      },
    );
    const touchpoint = page.getByLabel('Touchpoint');
    await touchpoint.selectOption('checkout');
    await expect(status).toHaveText('Loading…');
    // the manager moves on before the checkout's figures are in
    await touchpoint.selectOption('help');
    await expect(status).toHaveText('2 answers');
    const answers = page.locator('#answer-status');
    await expect(answers).toHaveText('Answers 1–2 of 2.');
    await expect(page.locator('#tile-nps .value')).toHaveText('100');
    await Promise.all(late);
    // a moment for anything that came late to be drawn, were it drawn
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    await expect(touchpoint).toHaveValue('help');
    await expect(status).toHaveText('2 answers');
    await expect(page.locator('#tile-nps .value')).toHaveText('100');
    await expect(answers).toHaveText('Answers 1–2 of 2.');
    await expect(page.locator('#journey-stages')).not.toContainText('checkout');
    await expect(page.locator('#inbox-items')).not.toContainText('slow checkout');
  });
});

test('a collector that does not answer (restarting) is said so, in each view, instead of "Loading…" for ever', async ({ page }) => {
  await withDashboard(data, async (url) => {
    await page.goto(`${url}dashboard`);
    await expect(page.locator('#status')).toHaveText('6 answers');
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.getByLabel('Touchpoint').selectOption('help');
    await expect(page.locator('#status')).toHaveText(
      'Could not load the report: the collector did not answer. It may be restarting; change a filter to try again.',
    );
    await page.unroute('**/v1/**');
    await page.getByLabel('Touchpoint').selectOption('checkout');
    await expect(page.locator('#status')).toHaveText('4 answers');
  });
});
