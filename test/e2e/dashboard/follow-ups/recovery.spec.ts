// "Does reaching them help?" as a CX lead reads it in the inbox: unhappy customers the team reached answered better the
// next time than those nobody reached, said in words with the difference's interval and p-value, for everyone and for
// one plan's customers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../../../demo/serve.js';
import type { Response } from '../../../../src/schema/response.js';
import { answersOf, batch } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { expect, test } from '../../support/fixtures.js';

const day = 86_400_000;
const ago = (days: number) => Date.now() - days * day;

/** Customer `i`'s detractor answer ten days ago and their next NPS answer, `next`, five days later. */
function customer(i: number, next: number, plan: string): [Response, Response] {
  const extra = { userId: `c-${i}@example.com`, traits: { plan } };
  const [first] = answersOf('checkout', 'nps', 2, 1, ago(10) - i * 60_000, extra);
  const [later] = answersOf('checkout', 'nps', next, 1, ago(5) - i * 60_000, extra);
  return [first!, later!];
}

test('the inbox says whether reaching unhappy customers helped: reached against not, in words, for one plan too', async ({ page }) => {
  // twelve reached (nine came round), twelve nobody reached (four came round); the reached are the enterprise plan's
  const reached = Array.from({ length: 12 }, (_, i) => customer(i, i < 9 ? 9 : 3, 'enterprise'));
  const notReached = Array.from({ length: 12 }, (_, i) => customer(i + 20, i < 4 ? 8 : 1, 'free'));
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-recovery-'));
  const server = await startDemoServer({ port: 0, dataFile: join(folder, 'demo.db'), quiet: true, adminKey: 'ak_admin' });
  try {
    const answers = [...reached, ...notReached].flat();
    expect((await fetch(`${server.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch(answers)) })).status).toBe(202);
    for (const [first] of reached) {
      const changed = await fetch(`${server.url}v1/responses/${first.id}/follow-up`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
        body: JSON.stringify({ status: 'contacted', by: 'Maya' }),
      });
      expect(changed.status).toBe(200);
    }
    await page.goto(`${server.url}dashboard`);
    const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
    const figures = inbox.locator('#recovery-figures');
    await expect(figures).toHaveText(
      /^Of the unhappy customers reached who answered again, 75% \(9 of 12\) were no longer unhappy; of those nobody reached, 33% \(4 of 12\): a difference of \+42 points \(95% CI \+\d+ to \+\d+\); p = 0\.0\d+\.$/,
    );
    expect(await audit(page)).toEqual([]);
    // one plan's customers: the enterprise plan's were all reached, so nobody unreached answered again
    const customers = inbox.getByLabel('Customers');
    // the values are asked for when someone reaches for the choice: 24 answers of the enterprise plan's customers
    await customers.focus();
    await expect(customers.locator('option', { hasText: 'enterprise (24)' })).toHaveCount(1);
    await customers.selectOption({ label: 'enterprise (24)' });
    await expect(figures).toHaveText(
      'Too few unhappy customers have answered again to tell yet (under 10 on a side): 12 of the 12 reached did, and 0 of the 3 nobody reached.',
    );
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
