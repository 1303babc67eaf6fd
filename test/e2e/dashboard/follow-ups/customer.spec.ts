// A customer's history as the person reaching them reads it: opened from the inbox and from who did not answer, every
// answer of theirs with its follow-up and the questions they closed, newest first whatever the page's filter, kept in
// the address, closed back to where the keyboard was; at desktop and phone widths, axe-clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startDemoServer } from '../../../../demo/serve.js';
import type { Response } from '../../../../src/schema/response.js';
import { answersOf, batch, display } from '../../../support/answers.js';
import { audit } from '../../support/axe.js';
import { expect, test } from '../../support/fixtures.js';

const hour = 3_600_000;
const ago = (hours: number) => Date.now() - hours * hour;
const ana = { userId: 'ana@example.com', anonymousId: 'anon-ana', traits: { plan: 'enterprise' } };

/** Ana: a promoter six weeks ago, satisfied last week, a detractor at the help desk today; Ben and Carol beside her. */
function story(): { answers: Response[]; body: ReturnType<typeof batch> } {
  const [promoter] = answersOf('checkout', 'nps', 9, 1, ago(24 * 42), { ...ana, comment: 'Fast delivery' });
  const [satisfied] = answersOf('delivery', 'csat', 4, 1, ago(24 * 5), ana);
  const [detractor] = answersOf('help', 'nps', 3, 1, ago(2), {
    ...ana,
    comment: 'Nobody answered my ticket',
    metadata: { ticket: 'T-88' },
  });
  const [ben] = answersOf('help', 'nps', 2, 2, ago(1), { userId: 'ben@example.com', comment: 'Slow refund' });
  const [anonymous] = answersOf('checkout', 'nps', 8, 3, ago(4), { comment: 'Nice shop' });
  const answers = [promoter!, satisfied!, detractor!, ben!, anonymous!];
  const displays = [
    display('checkout', 'dismissed', { ...ana, shownAt: new Date(ago(24 * 10)).toISOString() }),
    display('help', 'dismissed', { userId: 'carol@example.com', shownAt: new Date(ago(3)).toISOString() }),
  ];
  return { answers, body: batch(answers, displays) };
}

async function withStory(run: (url: string) => Promise<void>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-customer-'));
  const server = await startDemoServer({
    port: 0,
    dataFile: join(folder, 'demo.db'),
    quiet: true,
    readKey: 'rk_read',
    adminKey: 'ak_admin',
  });
  try {
    const posted = await fetch(`${server.url}v1/responses`, { method: 'POST', body: JSON.stringify(story().body) });
    expect(posted.status).toBe(202);
    await run(server.url);
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

const history = (page: Page) => page.getByRole('dialog', { name: 'ana@example.com' });

for (const width of [1280, 390]) {
  test(`at ${width} px: a detractor's history opens from the inbox, all of it, newest first, and closes back to the inbox`, async ({
    page,
  }) => {
    await withStory(async (url) => {
      await page.setViewportSize({ width, height: 800 });
      // the page's filter is yesterday and today (the demo's days are this machine's): her history is all of hers all the same
      const day = (at: number) => new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
      await page.goto(`${url}dashboard?key=rk_read&since=${day(ago(24))}&until=${day(Date.now())}`);
      const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
      const item = inbox.getByRole('listitem').filter({ hasText: 'Nobody answered my ticket' });
      const name = item.getByRole('button', { name: 'ana@example.com: their history' });
      await name.focus();
      await page.keyboard.press('Enter');

      const dialog = history(page);
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('status')).toHaveText('Their answers and the questions they left, newest first.');
      await expect(dialog.getByText('3 answers: NPS 9 → 3 · CSAT 4. Shown a question 1 time: closed 1.')).toBeVisible();
      await expect(dialog.getByText('plan: enterprise')).toBeVisible();
      await expect(dialog.getByRole('link', { name: 'Email ana@example.com' })).toHaveAttribute('href', /^mailto:ana@example\.com/);
      // everything held about her, for an access request: her three answers, and the question she closed
      const everything = dialog.getByRole('link', { name: 'Everything held about them (JSON)' });
      await expect(everything).toHaveAttribute('href', '/v1/people/ana%40example.com/export?key=rk_read');
      const file = await page.request.get(new URL((await everything.getAttribute('href'))!, url).href);
      expect(file.headers()['content-disposition']).toBe('attachment; filename="cxkit-person.json"');
      expect(await file.json()).toMatchObject({ person: { userId: 'ana@example.com' }, displays: [{ outcome: 'dismissed' }] });
      expect((await file.json()).answers).toHaveLength(3);
      const entries = dialog.getByRole('listitem');
      await expect(entries).toHaveText([
        /NPS 3 at help.*Nobody answered my ticket.*ticket: T-88.*Follow-up: Nobody has reached them about it yet/,
        /CSAT 4 at delivery/,
        /Closed the NPS question at checkout/,
        /NPS 9 at checkout.*Fast delivery/,
      ]);
      // Ben's answer is his own
      await expect(dialog).not.toContainText('Slow refund');
      expect(new URL(page.url()).searchParams.get('customer')).toBe('ana@example.com');
      expect(await audit(page)).toEqual([]);

      // on a phone it fits the screen and scrolls within
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      expect(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

      // Escape closes it: the keyboard is back on her name, and the address no longer names her
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(name).toBeFocused();
      // (the dialog's close event, which clears it, comes a task after the browser has put the focus back)
      await expect.poll(() => new URL(page.url()).searchParams.has('customer')).toBe(false);
    });
  });
}

test('a copied link opens the customer again, whose unhappy answer is one click from its follow-up in the inbox', async ({ page }) => {
  await withStory(async (url) => {
    await page.goto(`${url}dashboard?key=rk_read&customer=ana%40example.com`);
    const dialog = history(page);
    await expect(dialog.getByRole('listitem')).toHaveCount(4);
    await dialog.getByRole('button', { name: 'Open in the inbox' }).click();
    await expect(dialog).toBeHidden();
    const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
    await expect(inbox.locator('#inbox-one')).toBeVisible();
    await expect(inbox.getByRole('listitem').locator('.comment')).toHaveText(['Nobody answered my ticket']);
    await expect(inbox.getByRole('listitem').getByLabel('Status')).toBeFocused();
  });
});

test('a customer who never answered opens from "Asked, not answered": the question they closed, and no answers', async ({ page }) => {
  await withStory(async (url) => {
    await page.goto(`${url}dashboard?key=rk_read`);
    const unanswered = page.getByRole('region', { name: 'Asked, not answered' });
    await unanswered.getByRole('button', { name: 'carol@example.com: their history' }).click();
    const dialog = page.getByRole('dialog', { name: 'carol@example.com' });
    await expect(dialog.getByText('No answers. Shown a question 1 time: closed 1.')).toBeVisible();
    await expect(dialog.getByRole('listitem')).toHaveText([/Closed the NPS question at help$/]);
    await dialog.getByRole('button', { name: "Close the customer's history" }).click();
    await expect(dialog).toBeHidden();
    await expect(unanswered.getByRole('button', { name: 'carol@example.com: their history' })).toBeFocused();
  });
});

test('a comment among the latest names who wrote it, a click from their history', async ({ page }) => {
  await withStory(async (url) => {
    await page.goto(`${url}dashboard?key=rk_read`);
    const latest = page.getByRole('region', { name: 'Latest comments' });
    const comment = latest.getByRole('listitem').filter({ hasText: 'Nobody answered my ticket' });
    await comment.getByRole('button', { name: 'ana@example.com: their history' }).click();
    await expect(history(page).getByRole('listitem')).toHaveCount(4);
    // Ben's names him; an anonymous visitor's names nobody
    await page.keyboard.press('Escape');
    await expect(latest.getByRole('listitem').filter({ hasText: 'Slow refund' }).getByRole('button')).toHaveText('ben@example.com');
    await expect(latest.getByRole('listitem').filter({ hasText: 'Nice shop' }).getByRole('button')).toHaveCount(0);
  });
});
