// The dashboard tells the truth at small numbers: no answer, one, two, and the sample month — plurals, no interval
// below the stated minimum and none outside the scale, axes that fit the data, empty states that say what to do; and
// counts in the thousands read as such.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../../../demo/serve.js';
import { sampleResponses } from '../../../../collector/sample-data.js';
import { answersOf } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { expect, test } from '../../support/fixtures.js';
import { withDashboard } from '../dashboard-server.js';

const dayMs = 86_400_000;

for (const n of [0, 1, 2, 'the sample month'] as const) {
  test(`with ${typeof n === 'number' ? `${n} answer${n === 1 ? '' : 's'}` : n}: plurals, honest intervals, axes that fit, axe-clean`, async ({
    page,
  }) => {
    const data = mkdtempSync(join(tmpdir(), 'cxkit-small-'));
    const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: n === 'the sample month', quiet: true });
    try {
      if (typeof n === 'number' && n > 0) {
        // answers from earlier today, one of each kind at most
        const answers = sampleResponses(n, 1, new Date(), 90 + n).map((r) => ({
          ...r,
          answeredAt: new Date(Date.now() - 60_000).toISOString(),
        }));
        const reply = await fetch(`${server.url}v1/responses`, {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: answers }),
        });
        expect(reply.status).toBe(202);
      }
      await page.goto(`${server.url}dashboard`);
      await expect(page.locator('#status')).toHaveText(/^[\d,]+ answers?$/);
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/\b1 (answers|promoters|passives|detractors)\b/);
      expect(text).not.toContain('±');
      // no figure drawn as "--" (a command-line flag such as --origin, named by the empty collector's tag, is no figure)
      expect(text).not.toMatch(/--(?![a-z])/);
      // every interval shown lies within its scale
      for (const [tile, low, high] of [
        ['nps', -100, 100],
        ['csat', 0, 100],
        ['ces', 1, 7],
      ] as const) {
        const detail = await page.locator(`#tile-${tile} .detail`).innerText();
        const range = /95% CI (-?[\d.]+) to (-?[\d.]+)/.exec(detail);
        if (range) {
          expect(Number(range[1])).toBeGreaterThanOrEqual(low);
          expect(Number(range[2])).toBeLessThanOrEqual(high);
        }
        const answered = Number(/^([\d,]+) answers?/.exec(detail)?.[1]?.replaceAll(',', ''));
        if (answered > 0 && answered < 10) expect(detail).toContain('too few answers for a 95% interval (under 10)');
      }
      if (n === 0) {
        await expect(page.locator('#trend-nps')).toContainText('No answers in this range yet');
        await expect(page.locator('#dist-nps')).toContainText('No answers in this range yet');
        await expect(page.locator('#comments')).toHaveText('No comments yet.');
      } else {
        // the time axis spans the days that have answers, half a day either side: one day of data is one day wide
        const axes = await page.locator('[data-axis]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.axis!));
        expect(axes.length).toBeGreaterThan(0);
        for (const axis of axes) {
          const [from, to] = axis.split('/').map(Date.parse) as [number, number];
          expect(to - from).toBeLessThanOrEqual((n === 'the sample month' ? 31 : 1) * dayMs);
          expect(to).toBeGreaterThan(Date.now() - 2 * dayMs);
        }
      }
      expect(await audit(page)).toEqual([]);
    } finally {
      await server.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
}

test('opened without its read key, the dashboard says how to give it', async ({ page }) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-small-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), quiet: true, readKey: 'rk_1' });
  try {
    await page.goto(`${server.url}dashboard`);
    await expect(page.locator('#status')).toHaveText(
      'This collector needs its read key: open the dashboard as /dashboard?key= followed by the key given to cxkit-collector with --read-key.',
    );
    await page.goto(`${server.url}dashboard?key=rk_1`);
    await expect(page.locator('#status')).toHaveText('0 answers');
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('with 1,250 answers: every count is grouped by thousands, as a CX team reads a year of answers', async ({ page }) => {
  const recently = Date.now() - 3_600_000;
  // 1,250 detractors over the last 21 hours, a minute apart, then one promoter
  const answers = [...answersOf('checkout', 'nps', 2, 1_250, recently), ...answersOf('checkout', 'nps', 10, 1, recently - 1_300 * 60_000)];
  await withDashboard(answers, async (url) => {
    await page.goto(`${url}dashboard`);
    await expect(page.locator('#status')).toHaveText('1,251 answers');
    await expect(page.locator('#tile-nps .detail')).toContainText('1,251 answers');
    await expect(page.locator('#tile-nps .detail')).toContainText('1,250 detractors');
    await expect(page.locator('#tile-follow-up .value')).toHaveText('1,250');
    await expect(page.locator('#tile-follow-up .detail')).toContainText('of 1,250 needing someone');
    const journey = page.getByRole('region', { name: 'Customer journey' });
    await expect(
      journey
        .getByRole('row', { name: /checkout/ })
        .getByRole('cell')
        .nth(1),
    ).toHaveText('1,251 answers');
    await expect(page.getByRole('img', { name: /^NPS answers: / })).toHaveAccessibleName(/2: 1,250, .*10: 1$/);
  });
});
