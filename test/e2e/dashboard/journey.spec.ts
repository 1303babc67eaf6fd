// The dashboard's journey section as a CX manager reads it: the stages in journey order, each moment with its score,
// answers, response rate and change, the weakest moments named — at desktop and phone width, axe-clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../../demo/serve.js';
import { audit } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';

for (const width of [1280, 390]) {
  test(`at ${width} px: the sample month by journey stage, in order, with each moment's figures`, async ({ page }) => {
    const data = mkdtempSync(join(tmpdir(), 'cxkit-journey-'));
    const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: true, quiet: true });
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}dashboard`);
      const journey = page.getByRole('region', { name: 'Customer journey' });
      const stages = journey.getByRole('table');
      await expect(stages).toHaveCount(3);
      // journey order, not alphabetical: choose before buy before get-help
      expect(await stages.evaluateAll((tables) => tables.map((t) => (t as HTMLTableElement).caption?.textContent))).toEqual([
        'choose',
        'buy',
        'get-help',
      ]);
      const buy = journey.getByRole('table', { name: 'buy' });
      const checkout = buy.getByRole('row', { name: /checkout-complete/ });
      await expect(checkout.getByRole('cell').nth(0)).toHaveText(/^NPS -?\d+$/);
      await expect(checkout.getByRole('cell').nth(1)).toHaveText(/^\d+ answers$/);
      await expect(checkout.getByRole('cell').nth(2)).toHaveText(/^\d+%$/);
      await expect(checkout.getByRole('cell').nth(3)).toHaveText(/^(up|down) [\d.]+$|^no change$|^–$/);
      // one moment per metric: none of them is "the weakest" of anything
      await expect(journey.locator('#moments-of-truth')).toHaveText(
        'No metric has two moments with enough answers (30 each) to tell the weakest yet.',
      );
      // the page never scrolls sideways: on a phone each moment is a card
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await audit(page)).toEqual([]);
    } finally {
      await server.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
}
