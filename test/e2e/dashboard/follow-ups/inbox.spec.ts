// The follow-up inbox as a CX manager uses it: opened with the read key, a detractor marked contacted with the admin
// key (and refused with the read key), at desktop and phone widths, with no accessibility violation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../../../demo/serve.js';
import { answersOf, batch, display, postInBatches } from '../../../support/answers.js';
import type { Locator, Page } from '@playwright/test';
import { audit } from '../../support/axe.js';
import { expect, test } from '../../support/fixtures.js';
import { withDashboard } from '../dashboard-server.js';

for (const width of [1280, 390, 320]) {
  test(`at ${width} px: the inbox changes a status with the admin key, refuses the read key, and is axe-clean`, async ({ page }) => {
    const data = mkdtempSync(join(tmpdir(), 'cxkit-inbox-'));
    const server = await startDemoServer({
      port: 0,
      dataFile: join(data, 'demo.db'),
      seed: true,
      quiet: true,
      readKey: 'rk_read',
      adminKey: 'ak_admin',
    });
    try {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}dashboard?key=rk_read`);
      const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
      const items = inbox.getByRole('listitem');
      await expect(items).toHaveCount(10);
      const openTile = page.locator('#tile-follow-up .value');
      await expect(openTile).not.toHaveText('–');
      const openBefore = Number(await openTile.textContent());
      expect(openBefore).toBeGreaterThan(10);
      expect(await audit(page)).toEqual([]);
      // nothing sticks out sideways on a phone
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // who has them: each owner's name whole on one line ("Nobody", never "No-bo-dy"), the figures in the panel or a
      // scroll away inside it
      const owners = inbox.getByRole('table', { name: 'Who has them' });
      const nameLines = await owners.locator('tbody th button').evaluateAll((buttons) =>
        buttons.map((button) => {
          const range = document.createRange();
          range.selectNodeContents(button);
          return [button.textContent, new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size];
        }),
      );
      expect(nameLines.sort()).toEqual([
        ['Maya', 1],
        ['Nobody', 1],
        ['Priya', 1],
        ['Tom', 1],
      ]);
      const box = await owners.evaluate((table) => {
        const scroller = table.parentElement!;
        return { scrollable: getComputedStyle(scroller).overflowX, right: scroller.getBoundingClientRect().right };
      });
      expect(box.scrollable).toBe('auto');
      expect(box.right).toBeLessThanOrEqual(width);

      const first = items.first();
      const label = (await first.getByRole('form').getAttribute('aria-label'))!;
      expect(label).toMatch(/^Follow-up for (NPS [0-6]|CSAT [12]|CES [1-3]) at /);

      // the read key reads, and cannot change anything
      await inbox.getByLabel('Admin key').fill('rk_read');
      await first.getByLabel('Status').selectOption('contacted');
      await first.getByRole('button', { name: 'Save' }).click();
      await expect(first.getByRole('status')).toHaveText(
        'Not saved: the admin key is missing or wrong (the read key cannot change follow-ups).',
      );
      await expect(openTile).toHaveText(String(openBefore));
      // the sample team has reached some customers already
      const detail = page.locator('#tile-follow-up .detail');
      const contactedBefore = Number(/ (\d+) contacted/.exec((await detail.textContent()) ?? '')?.[1]);
      expect(contactedBefore).toBeGreaterThan(0);

      await inbox.getByLabel('Admin key').fill('ak_admin');
      await inbox.getByLabel('Your name').fill('Ana');
      await first.getByLabel('Note').fill('Called, refund on its way');
      await first.getByRole('button', { name: 'Save' }).click();
      const saved = label.replace('Follow-up for ', '');
      await expect(inbox.locator('#inbox-status')).toHaveText(`Saved: ${saved} is contacted (Ana).`);
      await expect(openTile).toHaveText(String(openBefore - 1));
      await expect(detail).toContainText(` ${contactedBefore + 1} contacted`);
      // how soon the unhappy customer was reached
      await expect(detail).toContainText(/ · median [\d,.]+ h to first contact, [\d,.]+ h to close$/);
      await expect(inbox.getByRole('form', { name: label })).toHaveCount(0);

      await inbox.getByLabel('Show').selectOption('contacted');
      const savedItem = items.filter({ has: page.getByRole('form', { name: label }) });
      await expect(savedItem.getByRole('status')).toContainText('Contacted by Ana');
      await expect(savedItem.getByLabel('Note')).toHaveValue('Called, refund on its way');
      expect(await audit(page)).toEqual([]);
    } finally {
      await server.close();
      rmSync(data, { recursive: true, force: true });
    }
  });
}

test("the demo's sample month shows a team at work: owners, customers waiting past the promise, signed-in ones a click from a mail, signed-out ones on a signed-in browser too, and whether reaching them helped", async ({
  page,
}) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-inbox-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: true, quiet: true });
  try {
    await page.goto(`${server.url}dashboard`);
    const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
    const owners = inbox.getByRole('table', { name: 'Who has them' });
    await expect(owners).toBeVisible();
    const names = await owners.locator('tbody th').allTextContents();
    expect([...names].sort()).toEqual(['Maya', 'Nobody', 'Priya', 'Tom']);
    await expect(page.locator('#tile-follow-up .detail')).toContainText(
      / · [1-9]\d* waiting over 48 h · [1-9]\d* contacted, [1-9]\d* closed/,
    );
    // those waiting past the promise, by whose they are: the owners' column adds up to the tile's count
    const waiting = Number((await page.locator('#tile-follow-up .detail').textContent())!.match(/(\d+) waiting over 48 h/)![1]);
    await expect(owners.getByRole('columnheader')).toHaveText(['Left to', 'Open', 'Overdue', 'Contacted', 'Closed']);
    const overdue = await owners.locator('tbody tr td:nth-of-type(2)').allTextContents();
    expect(overdue.reduce((sum, n) => sum + Number(n), 0)).toBe(waiting);
    await expect(inbox.locator('a[href^="mailto:"]').first()).toBeVisible();
    // the team's work has something to tell, with ten or more on each side, rather than "too few to tell yet"
    await expect(inbox.locator('#recovery-figures')).toHaveText(
      /^Of the unhappy customers reached who answered again, \d+% \(\d+ of \d{2,}\) were no longer unhappy; of those nobody reached, \d+% \(\d+ of \d{2,}\): a difference of \+\d+ points/,
    );
    // a customer who answered signed out on a browser that was signed in: who it was signed in as, a mail and their
    // history a click away
    const signedOut = inbox.getByRole('listitem').filter({ hasText: 'anonymous, on a browser signed in as ' }).first();
    // the newest of them may be a page or two down the inbox
    await expect(async () => {
      if (!(await signedOut.isVisible())) await inbox.getByRole('button', { name: 'Show 10 more' }).click();
      await expect(signedOut).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const address = /anonymous, on a browser signed in as (\S+@example\.com) \(plan: \w+, country: \w+\)/.exec(
      await signedOut.innerText(),
    )![1]!;
    await expect(signedOut.getByRole('link', { name: `Email ${address}` })).toHaveAttribute('href', new RegExp(`^mailto:${address}\\?`));
    await signedOut.getByRole('button', { name: `${address}: their history` }).click();
    await expect(page.getByRole('dialog', { name: address })).toBeVisible();
    await page.keyboard.press('Escape');
    await inbox.getByLabel('Show').selectOption({ label: 'Waiting over 48 h' });
    await expect(inbox.getByRole('listitem').first().locator('.badge.overdue')).toHaveText('Overdue');
    // started again on the same file, the sample is not added twice: the team's work stays as it was
    const before = await (await fetch(`${server.url}v1/summary`)).json();
    await server.close();
    const again = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: true, quiet: true });
    try {
      expect(await (await fetch(`${again.url}v1/summary`)).json()).toEqual(before);
    } finally {
      await again.close();
    }
  } finally {
    await server.close().catch(() => undefined);
    rmSync(data, { recursive: true, force: true });
  }
});

test('the tiles show the response rate of each kind beside its score', async ({ page }) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-inbox-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), seed: true, quiet: true });
  try {
    await page.goto(`${server.url}dashboard`);
    const summary = (await (await fetch(`${server.url}v1/summary`)).json()) as {
      byKind: Record<string, { shown: number; responseRate: number }>;
    };
    for (const kind of ['nps', 'csat', 'ces']) {
      const { shown, responseRate } = summary.byKind[kind]!;
      expect(shown).toBeGreaterThan(0);
      await expect(page.locator(`#tile-${kind} .detail`)).toContainText(`response rate ${responseRate.toFixed(0)}% of ${shown} shown`);
    }
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test("an answer from a hash-routed app shows its view's route in the inbox, without the route's query", async ({ page }) => {
  const now = Date.now();
  const answers = [
    ...answersOf('ticket-closed', 'nps', 2, 1, now, { page: { url: 'https://app.example/#/tickets/4521?tab=chat' } }),
    ...answersOf('help-article', 'nps', 1, 1, now - 60_000, { page: { url: 'https://shop.example/help?q=refund#reviews' } }),
  ];
  await withDashboard(answers, async (url) => {
    await page.goto(`${url}dashboard`);
    const items = page.getByRole('region', { name: 'Follow-up inbox' }).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0)).toContainText('ticket-closed · /#/tickets/4521 · ');
    await expect(items.nth(1)).toContainText('help-article · /help · ');
  });
});

test('an answer recorded with metadata (an order number) shows it in its inbox item, to find the customer again', async ({ page }) => {
  const now = Date.now();
  const answers = [
    ...answersOf('checkout-complete', 'nps', 2, 1, now, { metadata: { orderId: 'A-1001', express: true } }),
    ...answersOf('checkout-complete', 'nps', 1, 1, now - 60_000),
  ];
  await withDashboard(answers, async (url) => {
    await page.goto(`${url}dashboard`);
    const items = page.getByRole('region', { name: 'Follow-up inbox' }).getByRole('listitem');
    await expect(items).toHaveCount(2);
    await expect(items.nth(0).locator('.meta')).toHaveText([/^NPS 2checkout-complete · /, 'orderId: A-1001 · express: true']);
    await expect(items.nth(1).locator('.meta')).toHaveCount(1);
  });
});

test('an open item says how long the customer has waited, and the inbox can put those waiting longest first', async ({ page }) => {
  const ago = (ms: number) => Date.now() - ms;
  const waiting = [
    ...answersOf('checkout', 'nps', 2, 1, ago(3 * 86_400_000 + 3_600_000), { comment: 'three days' }),
    ...answersOf('checkout', 'nps', 3, 1, ago(5 * 3_600_000 + 60_000), { comment: 'five hours' }),
    ...answersOf('checkout', 'nps', 4, 1, ago(40 * 60_000 + 30_000), { comment: 'forty minutes' }),
  ];
  await withDashboard(waiting, async (url) => {
    await page.goto(`${url}dashboard`);
    const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
    const items = inbox.getByRole('listitem');
    await expect(items).toHaveCount(3);
    await expect(items.locator('.comment')).toHaveText(['forty minutes', 'five hours', 'three days']);
    await expect(items.first()).toContainText('· waiting 40 min ·');
    await inbox.getByLabel('Order').selectOption({ label: 'Waiting longest first' });
    await expect(items.locator('.comment')).toHaveText(['three days', 'five hours', 'forty minutes']);
    await expect(items.first()).toContainText('· waiting 3 days ·');
    await expect(items.nth(1)).toContainText('· waiting 5 h ·');
  });
});

test('a customer waiting past the 48 h the team promises is marked overdue, counted on the tile, and one choice lists those alone', async ({
  page,
}) => {
  const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000;
  await withDashboard(
    [
      ...answersOf('checkout', 'nps', 2, 1, hoursAgo(73), { comment: 'three days' }),
      ...answersOf('checkout', 'nps', 3, 1, hoursAgo(50), { comment: 'fifty hours' }),
      ...answersOf('checkout', 'nps', 4, 1, hoursAgo(5), { comment: 'five hours' }),
    ],
    async (url) => {
      await page.goto(`${url}dashboard`);
      const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
      const items = inbox.getByRole('listitem');
      const item = (comment: string) => items.filter({ hasText: comment });
      await expect(items).toHaveCount(3);
      await expect(page.locator('#tile-follow-up .detail')).toContainText('of 3 needing someone · 2 waiting over 48 h ·');
      await expect(item('three days').locator('.badge.overdue')).toHaveText('Overdue');
      await expect(item('fifty hours').locator('.badge.overdue')).toHaveText('Overdue');
      await expect(item('five hours').locator('.badge.overdue')).toHaveCount(0);
      expect(await audit(page)).toEqual([]);

      // the tile that counts them lists them
      await page.locator('#tile-follow-up').getByRole('button', { name: 'See those waiting over 48 h' }).click();
      await expect(inbox.getByLabel('Show')).toHaveValue('overdue');
      await expect(inbox.getByLabel('Show')).toBeFocused();
      await expect(items.locator('.comment')).toHaveText(['fifty hours', 'three days']);
      // reached at last: off the list, and off the tile's count
      await inbox.getByLabel('Admin key').fill('demo-admin');
      await item('fifty hours').getByLabel('Status').selectOption('contacted');
      await item('fifty hours').getByRole('button', { name: 'Save' }).click();
      await expect(items.locator('.comment')).toHaveText(['three days']);
      await expect(page.locator('#tile-follow-up .detail')).toContainText('· 1 waiting over 48 h ·');
      await item('three days').getByLabel('Status').selectOption('closed');
      await item('three days').getByRole('button', { name: 'Save' }).click();
      await expect(items).toHaveCount(0);
      await expect(inbox.locator('#inbox-status')).toHaveText(/ is closed\.$/);
      await expect(page.locator('#tile-follow-up .detail')).toContainText('· 0 waiting over 48 h ·');
      await expect(page.locator('#tile-follow-up').getByRole('button', { name: 'See those waiting over 48 h' })).toBeHidden();
      // the list looked at again says so in words
      await inbox.getByLabel('Show').selectOption({ label: 'Open' });
      await inbox.getByLabel('Show').selectOption({ label: 'Waiting over 48 h' });
      await expect(inbox.locator('#inbox-status')).toHaveText('Nobody has waited over 48 h for a follow-up.');
    },
  );
});

test('an unhappy customer whose answer holds an email address is one click from a mail that quotes them', async ({ page }) => {
  const now = Date.now();
  const answers = [
    ...answersOf('checkout', 'nps', 2, 1, now, {
      userId: 'u-42',
      traits: { plan: 'pro', email: 'jane@shop.example' },
      comment: 'Parcel came late & broken',
    }),
    ...answersOf('checkout', 'nps', 3, 1, now - 600_000, { userId: 'bob@shop.example' }),
    ...answersOf('checkout', 'nps', 1, 1, now - 1_200_000, { userId: 'u-7', traits: { email: 'not an address' } }),
  ];
  await withDashboard(answers, async (url) => {
    await page.goto(`${url}dashboard`);
    const items = page.getByRole('region', { name: 'Follow-up inbox' }).getByRole('listitem');
    await expect(items).toHaveCount(3);
    const jane = items.nth(0).getByRole('link', { name: 'Email jane@shop.example' });
    const mail = new URL((await jane.getAttribute('href'))!);
    expect([mail.protocol, mail.pathname]).toEqual(['mailto:', 'jane@shop.example']);
    expect(mail.searchParams.get('subject')).toBe('About your feedback');
    expect(mail.searchParams.get('body')).toMatch(/^You told us on .+: "Parcel came late & broken"\n\n$/);
    // spaces as %20, which every mail program reads as spaces (a + stays a +)
    expect(mail.search).not.toContain('+');
    await expect(items.nth(1).getByRole('link', { name: 'Email bob@shop.example' })).toHaveAttribute('href', /^mailto:bob@shop\.example\?/);
    await expect(items.nth(2).getByRole('link')).toHaveCount(0);
  });
});

test('who was asked and did not answer: identified customers who closed or left a question, most recently asked first', async ({
  page,
}) => {
  const now = Date.now();
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();
  const [answered] = answersOf('checkout', 'nps', 9, 1, now - 2 * 3_600_000, { userId: 'u-answered', traits: { plan: 'enterprise' } });
  await withDashboard([answered!], async (url) => {
    await page.goto(`${url}dashboard`);
    const panel = page.getByRole('region', { name: 'Asked, not answered' });
    await expect(panel.getByRole('status')).toHaveText('Nobody your site identified left a question unanswered in the last 28 days.');
    const shown = [
      display('checkout', 'dismissed', { userId: 'mia@shop.example', shownAt: hoursAgo(30), traits: { plan: 'enterprise' } }),
      display('checkout', 'ignored', { userId: 'mia@shop.example', shownAt: hoursAgo(5), traits: { plan: 'enterprise' } }),
      display('help', 'ignored', { userId: 'u-204', shownAt: hoursAgo(10), traits: { plan: 'free' } }),
      display('checkout', 'dismissed', { userId: 'u-answered', shownAt: hoursAgo(3) }),
      display('checkout', 'dismissed', { shownAt: hoursAgo(1) }),
    ];
    const posted = await fetch(`${url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([], shown)) });
    expect(posted.status).toBe(202);
    await page.reload();
    await expect(panel.getByRole('status')).toHaveText('2 unanswered in the last 28 days, the most recently asked first.');
    await expect(panel.getByRole('listitem')).toHaveText([
      /^mia@shop\.example · checkout · asked 2 times, last .* · Email mia@shop\.example$/,
      /^u-204 · help · asked 1 time, last [^·]*$/,
    ]);
    await expect(panel.getByRole('link', { name: 'Email mia@shop.example' })).toHaveAttribute(
      'href',
      'mailto:mia@shop.example?subject=How%20did%20it%20go%3F&body=',
    );
    await expect(panel.getByRole('button', { name: /^Show \d+ more$/ })).toBeHidden();
    const csv = await (
      await fetch(new URL((await panel.getByRole('link', { name: 'Download all as CSV' }).getAttribute('href'))!, url))
    ).text();
    expect(csv.split('\r\n').map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      'user_id,touchpoint,asked',
      'mia@shop.example,checkout,2',
      'u-204,help,1',
      '',
    ]);
    // a key account team's: those asked as enterprise customers, in the list and in the file
    const customers = panel.getByLabel('Customers');
    await customers.focus();
    await customers.selectOption({ label: 'enterprise (1)' });
    await expect(panel.getByRole('status')).toHaveText(
      '1 unanswered in the last 28 days, the most recently asked first. (Customers: those asked as customers with plan enterprise.)',
    );
    await expect(panel.getByRole('listitem')).toHaveText([/^mia@shop\.example · checkout/]);
    const theirs = await (
      await fetch(new URL((await panel.getByRole('link', { name: 'Download all as CSV' }).getAttribute('href'))!, url))
    ).text();
    expect(theirs.split('\r\n').map((line) => line.split(',')[0])).toEqual(['user_id', 'mia@shop.example', '']);
    expect(await audit(page)).toEqual([]);
  });
});

test('a long list of customers who did not answer shows ten, and ten more a click, in order, to the last', async ({ page }) => {
  await withDashboard([], async (url) => {
    const shown = Array.from({ length: 23 }, (_, i) =>
      display('checkout', 'dismissed', { userId: `customer-${i}`, shownAt: new Date(Date.now() - (i + 1) * 60_000).toISOString() }),
    );
    expect((await fetch(`${url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([], shown)) })).status).toBe(202);
    await page.goto(`${url}dashboard`);
    const panel = page.getByRole('region', { name: 'Asked, not answered' });
    await expect(panel.getByRole('listitem')).toHaveCount(10);
    await expect(panel.getByRole('status')).toHaveText('The 10 most recently asked of 23 unanswered in the last 28 days.');
    await panel.getByRole('button', { name: 'Show 10 more' }).click();
    await expect(panel.getByRole('listitem')).toHaveCount(20);
    await expect(panel.getByRole('status')).toHaveText('The 20 most recently asked of 23 unanswered in the last 28 days.');
    // by keyboard: the last page added, the button goes and the keyboard lands on the first customer it added
    await panel.getByRole('button', { name: 'Show 3 more' }).press('Enter');
    await expect(panel.getByRole('listitem')).toHaveCount(23);
    await expect(panel.getByRole('listitem').nth(20)).toBeFocused();
    const customers = await panel.getByRole('listitem').locator('strong').allTextContents();
    expect(customers).toEqual(shown.map((d) => d.userId));
    await expect(panel.getByRole('button', { name: /^Show \d+ more$/ })).toBeHidden();
    await expect(panel.getByRole('status')).toHaveText('23 unanswered in the last 28 days, the most recently asked first.');
  });
});

/**
 * The inbox of a collector with an admin key, holding three unhappy customers an hour apart ("late parcel" newest, then
 * "rude courier", then "broken box"), the admin key typed in; `item` finds one by its comment.
 */
async function withThreeUnhappy(
  page: Page,
  run: (inbox: Locator, items: Locator, item: (comment: string) => Locator) => Promise<void>,
): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-inbox-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), quiet: true, adminKey: 'ak_admin' });
  try {
    const now = Date.now();
    await postInBatches(server.url, [
      ...answersOf('checkout', 'nps', 2, 1, now - 3_600_000, { comment: 'late parcel' }),
      ...answersOf('checkout', 'nps', 3, 1, now - 7_200_000, { comment: 'rude courier' }),
      ...answersOf('checkout', 'nps', 1, 1, now - 10_800_000, { comment: 'broken box' }),
    ]);
    await page.goto(`${server.url}dashboard`);
    const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
    const items = inbox.getByRole('listitem');
    await expect(items).toHaveCount(3);
    await inbox.getByLabel('Admin key').fill('ak_admin');
    await run(inbox, items, (comment) => items.filter({ hasText: comment }));
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
}

test('a manager gives customers owners and sees who has nobody; each person works those left to them, who stay theirs', async ({
  page,
}) => {
  await withThreeUnhappy(page, async (inbox, items, item) => {
    await inbox.getByLabel('Your name').fill('Maria');
    await item('late parcel').getByLabel('Owner').fill('Ben');
    await item('late parcel').getByRole('button', { name: 'Save' }).click();
    await expect(inbox.locator('#inbox-status')).toHaveText(/^Saved: NPS 2 at checkout, .* is open, with Ben \(Maria\)\.$/);
    // the item says who last changed it, and that it is still for someone to reach
    await expect(item('late parcel').getByRole('status')).toHaveText(/^Left open by Maria, /);
    await item('rude courier').getByLabel('Owner').fill('Ana');
    await item('rude courier').getByRole('button', { name: 'Save' }).click();
    await expect(inbox.locator('#inbox-status')).toHaveText(/with Ana \(Maria\)\.$/);
    // a name the collector refuses is named in the item, and nothing changes
    await item('broken box').getByLabel('Owner').fill('none');
    await item('broken box').getByRole('button', { name: 'Save' }).click();
    await expect(item('broken box').getByRole('status')).toHaveText(
      'Not saved: assignee: expected a name other than "none", which the inbox reads as nobody.',
    );
    await item('broken box').getByLabel('Owner').fill('');
    // the names the team goes by are offered as an owner is typed
    await expect(inbox.locator('#follow-up-people option')).toHaveText(['Ana', 'Ben', 'Maria']);
    // the open customers, as the answers list them, say who has them
    await page.getByRole('button', { name: 'See the open ones' }).click();
    const answers = page.getByRole('region', { name: 'Answers' });
    await expect(answers.locator('tbody tr', { hasText: 'late parcel' })).toContainText('open, with Ben');
    await expect(answers.locator('tbody tr', { hasText: 'broken box' })).toContainText('open');
    await expect(answers.locator('tbody tr', { hasText: 'broken box' })).not.toContainText('with');

    // the one nobody has yet
    await inbox.getByLabel('Left to').selectOption({ label: 'Nobody' });
    await expect(items.locator('.comment')).toHaveText(['broken box']);
    // Ben at his desk: his customers alone
    await inbox.getByLabel('Your name').fill('Ben');
    await inbox.getByLabel('Left to').selectOption({ label: 'Me' });
    await expect(items.locator('.comment')).toHaveText(['late parcel']);
    await expect(item('late parcel').getByLabel('Owner')).toHaveValue('Ben');
    await item('late parcel').getByLabel('Status').selectOption('contacted');
    await item('late parcel').getByLabel('Note').fill('Called, new parcel sent');
    await item('late parcel').getByRole('button', { name: 'Save' }).click();
    await expect(inbox.locator('#inbox-status')).toHaveText(/^Saved: NPS 2 at checkout, .* is contacted, with Ben \(Ben\)\.$/);
    await expect(items).toHaveCount(0);
    await inbox.getByLabel('Show').selectOption('');
    await expect(items.locator('.comment')).toHaveText(['late parcel']);
    await expect(item('late parcel').getByRole('status')).toContainText('Contacted by Ben');
    await expect(item('late parcel').getByLabel('Owner')).toHaveValue('Ben');
    expect(await audit(page)).toEqual([]);

    // without a name there is no list of one's own to show, and everyone's is back with Anyone
    await inbox.getByLabel('Your name').fill('');
    await inbox.getByLabel('Your name').blur();
    await expect(inbox.locator('#inbox-status')).toHaveText('Type your name above to see the customers left to you.');
    await inbox.getByLabel('Left to').selectOption({ label: 'Anyone' });
    await expect(items).toHaveCount(3);
  });
});

test("a team lead sees who has how many customers, nobody's too, and opens one person's list from there, at phone width as well", async ({
  page,
}) => {
  await withThreeUnhappy(page, async (inbox, items, item) => {
    const owners = inbox.getByRole('table', { name: 'Who has them' });
    const rows = () => owners.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    // a team that gives nobody owners is not shown a table of nobody's
    await expect(owners).toBeHidden();
    await item('late parcel').getByLabel('Owner').fill('Ben');
    await item('late parcel').getByRole('button', { name: 'Save' }).click();
    await expect(inbox.locator('#inbox-status')).toHaveText(/with Ben\.$/);
    await item('rude courier').getByLabel('Owner').fill('Priya Ramaswamy-Fernández');
    await item('rude courier').getByLabel('Status').selectOption('contacted');
    await item('rude courier').getByRole('button', { name: 'Save' }).click();
    await expect(inbox.locator('#inbox-status')).toHaveText(/is contacted, with Priya Ramaswamy-Fernández\.$/);
    await expect(owners).toBeVisible();
    await expect.poll(rows).toEqual([
      ['Ben', '1', '0', '0', '0'],
      ['Nobody', '1', '0', '0', '0'],
      ['Priya Ramaswamy-Fernández', '0', '0', '1', '0'],
    ]);
    // one click lists a person's customers, and "Left to" says whose they are
    await owners.getByRole('button', { name: 'Ben' }).click();
    await expect(inbox.getByLabel('Left to')).toHaveValue('owner:Ben');
    await expect(inbox.getByLabel('Left to').locator('option:checked')).toHaveText('Ben');
    await expect(items.locator('.comment')).toHaveText(['late parcel']);
    await owners.getByRole('button', { name: 'Nobody' }).click();
    await expect(items.locator('.comment')).toHaveText(['broken box']);
    // Priya has no open ones: her contacted customer is listed once "Show" says so
    await inbox.getByLabel('Left to').selectOption({ label: 'Priya Ramaswamy-Fernández' });
    await expect(inbox.locator('#inbox-status')).toHaveText('No open follow-ups left to Priya Ramaswamy-Fernández.');
    await inbox.getByLabel('Show').selectOption('contacted');
    await expect(items.locator('.comment')).toHaveText(['rude courier']);
    expect(await audit(page)).toEqual([]);

    // on a phone the table fits the inbox's column, however long a name, its figures beside the names
    await page.setViewportSize({ width: 390, height: 800 });
    const [table, column] = await Promise.all([owners.boundingBox(), inbox.locator('#inbox-items').boundingBox()]);
    expect(table!.x).toBeGreaterThanOrEqual(column!.x);
    expect(table!.x + table!.width).toBeLessThanOrEqual(column!.x + column!.width + 0.5);
    const ben = owners.locator('tbody tr').first();
    const [name, open] = await Promise.all([ben.locator('th').boundingBox(), ben.locator('td').first().boundingBox()]);
    expect(Math.abs(name!.y - open!.y)).toBeLessThan(12);
  });
});

test('an unhappy customer found among the answers is one click from their follow-up, alone in the inbox and focused', async ({ page }) => {
  await withThreeUnhappy(page, async (inbox, items, item) => {
    await page.getByRole('button', { name: 'See the open ones' }).click();
    const answers = page.getByRole('region', { name: 'Answers' });
    const row = answers.locator('tbody tr', { hasText: 'broken box' });
    await row.getByRole('button', { name: /^Follow up NPS 1 of .*: open$/ }).click();
    await expect(items).toHaveCount(1);
    await expect(items.locator('.comment')).toHaveText(['broken box']);
    await expect(inbox.locator('#inbox-one')).toBeVisible();
    await expect(item('broken box').getByLabel('Status')).toBeFocused();
    await expect(inbox).toBeInViewport();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ana');
    await item('broken box').getByRole('button', { name: 'Save' }).click();
    await expect(inbox.locator('#inbox-status')).toHaveText(/^Saved: NPS 1 at checkout, .* is open, with Ana\.$/);
    // still that customer alone, and the answers say who has them now
    await expect(items.locator('.comment')).toHaveText(['broken box']);
    await expect(row).toContainText('open, with Ana');
    expect(await audit(page)).toEqual([]);
    await inbox.getByRole('button', { name: 'Show the whole inbox' }).click();
    await expect(items).toHaveCount(3);
    await expect(inbox.locator('#inbox-one')).toBeHidden();
  });
});

test("a key account team picks its customers in the inbox: one plan's alone, and who has them", async ({ page }) => {
  const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000;
  await withDashboard(
    [
      ...answersOf('checkout', 'nps', 2, 1, hoursAgo(1), { comment: 'big one', traits: { plan: 'enterprise' } }),
      ...answersOf('checkout', 'nps', 3, 1, hoursAgo(2), { comment: 'small one', traits: { plan: 'free' } }),
      ...answersOf('checkout', 'nps', 1, 1, hoursAgo(3), { comment: 'big two', traits: { plan: 'enterprise' } }),
      ...answersOf('checkout', 'nps', 10, 1, hoursAgo(4), { comment: 'all good', traits: { plan: 'team' } }),
    ],
    async (url) => {
      await page.goto(`${url}dashboard`);
      const inbox = page.getByRole('region', { name: 'Follow-up inbox' });
      const items = inbox.getByRole('listitem');
      await expect(items).toHaveCount(3);
      const customers = inbox.getByLabel('Customers');
      // the values are asked for when someone reaches for the choice
      await customers.focus();
      await expect(customers.locator('option', { hasText: 'enterprise (2)' })).toHaveCount(1);
      await customers.selectOption({ label: 'enterprise (2)' });
      await expect(items.locator('.comment')).toHaveText(['big one', 'big two']);
      await inbox.getByLabel('Admin key').fill('demo-admin');
      await items.filter({ hasText: 'big one' }).getByLabel('Owner').fill('Ana');
      await items.filter({ hasText: 'big one' }).getByRole('button', { name: 'Save' }).click();
      await expect(inbox.locator('#inbox-status')).toHaveText(/is open, with Ana\.$/);
      // still the plan's customers, and who has them: Ana one, nobody the other (the free plan's is not theirs)
      await expect(items.locator('.comment')).toHaveText(['big one', 'big two']);
      const owners = inbox.getByRole('table', { name: /^Who has them/ });
      await expect(owners).toHaveAccessibleName('Who has them (those with plan enterprise)');
      await expect(owners.locator('tbody tr')).toHaveText([/^Ana\s*1\s*0\s*0\s*0$/, /^Nobody\s*1\s*0\s*0\s*0$/]);
      // the overview's tile stays everyone's
      await expect(page.locator('#tile-follow-up')).toContainText('of 3 needing someone');
      await customers.selectOption({ label: 'team (1)' });
      await expect(items).toHaveCount(0);
      await expect(inbox.locator('#inbox-status')).toHaveText(
        /^Nobody is waiting for a follow-up\. \(Customers: those with .*team alone\.\)$/,
      );
      await expect(owners).toBeHidden();
      await customers.selectOption({ label: 'Everyone' });
      await expect(items).toHaveCount(3);
      await expect(owners).toHaveAccessibleName('Who has them');
      await expect(owners.locator('tbody tr')).toHaveText([/^Nobody\s*2\s*0\s*0\s*0$/, /^Ana\s*1\s*0\s*0\s*0$/]);
      expect(await audit(page)).toEqual([]);
    },
  );
});

test('a note begun in one item outlives the save of another, and a save by keyboard leaves the focus in the inbox', async ({ page }) => {
  await withThreeUnhappy(page, async (inbox, items, item) => {
    await item('rude courier').getByLabel('Note').fill('Wants a call after 5');

    // the first marked contacted by keyboard: it leaves the open ones, the focus goes to the one in its place
    await item('late parcel').getByLabel('Status').selectOption('contacted');
    await item('late parcel').getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await expect(inbox.locator('#inbox-status')).toHaveText(/^Saved: NPS 2 at checkout, .* is contacted\.$/);
    await expect(items).toHaveCount(2);
    await expect(item('rude courier').getByLabel('Status')).toBeFocused();
    await expect(item('rude courier').getByLabel('Note')).toHaveValue('Wants a call after 5');

    // another given an owner: it stays, and so does the focus on its Save; the unsaved note is still there
    await item('broken box').getByLabel('Owner').fill('Ana');
    await item('broken box').getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await expect(inbox.locator('#inbox-status')).toHaveText(/is open, with Ana\.$/);
    await expect(item('broken box').getByRole('button', { name: 'Save' })).toBeFocused();
    await expect(item('rude courier').getByLabel('Note')).toHaveValue('Wants a call after 5');
    // a draft outlives a change of view as well
    await inbox.getByLabel('Show').selectOption('');
    await expect(items).toHaveCount(3);
    await expect(item('rude courier').getByLabel('Note')).toHaveValue('Wants a call after 5');
  });
});
