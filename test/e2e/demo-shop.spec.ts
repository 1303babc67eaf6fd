// The site owner's first five minutes: npm start's server, a prompt answered in the demo shop, the dashboard shows it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../demo/serve.js';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';

/** A shopper's walk from the home page to a placed order, typing the address as people do. */
async function placeOrder(page: Page, site: string): Promise<void> {
  await page.goto(site);
  await page.getByRole('link', { name: 'View' }).first().click();
  await page.getByRole('link', { name: 'Buy now' }).click();
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  for (const [field, text] of [
    ['Name', 'Ada Lovelace'],
    ['Street and number', '12 Main Street 5'],
    ['City', 'London'],
    ['Email', 'ada@example.com'],
  ] as const) {
    await page.getByLabel(field).click();
    await page.keyboard.type(text, { delay: 30 });
    await expect(page.getByLabel(field)).toHaveValue(text);
  }
  // nothing interrupted the form: no prompt of any kind while the shopper filled it in
  await expect(page.locator('cx-nps, cx-csat, cx-ces')).toHaveCount(0);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText('Order #1042 is on its way')).toBeVisible();
}

test('a shopper walks home → product → checkout, places the order, and only then is asked; the answer reaches the dashboard', async ({
  page,
}) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-demo-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), quiet: true });
  // the dashboard is served under a strict CSP: anything it loads or runs against the policy shows here
  const violations: string[] = [];
  page.on('console', (message) => void (/Content.Security.Policy/i.test(message.text()) && violations.push(message.text())));
  try {
    await page.goto(`${server.url}dashboard`);
    await expect(page.locator('#tile-nps .detail')).toContainText('0 answers');

    await placeOrder(page, server.url);
    const nps = page.locator('cx-nps');
    // the checkout prompt asks the standard question; the demo's page-view prompt asks its own
    await expect(nps.locator('#question')).toHaveText('How likely are you to recommend us to a friend or colleague?');
    await nps.getByRole('radio', { name: '9', exact: true }).click();
    await nps.getByRole('textbox').fill('Lovely teapot');
    await nps.getByRole('button', { name: 'Send' }).click();
    await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');

    await expect(async () => {
      await page.goto(`${server.url}dashboard`);
      await expect(page.locator('#tile-nps .value')).toHaveText('100', { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(page.locator('#tile-nps .detail')).toContainText('1 answer ·');
    await expect(page.locator('#comments')).toContainText('Lovely teapot');
    await expect(page.locator('#filters select option')).toContainText(['All touchpoints', 'checkout-complete']);
    expect(violations).toEqual([]);
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test("an unhappy shopper's answer reaches the inbox with the order's number, which the checkout milestone gave it", async ({ page }) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-demo-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), quiet: true });
  try {
    await placeOrder(page, server.url);
    const nps = page.locator('cx-nps');
    await nps.getByRole('radio', { name: '3', exact: true }).click();
    await nps.getByRole('textbox').fill('Nobody told me it ships in three weeks');
    await nps.getByRole('button', { name: 'Send' }).click();
    await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');

    // the CX manager's morning: the inbox says which order to look up before calling
    const item = page.locator('#inbox-items li').filter({ hasText: 'Nobody told me it ships in three weeks' });
    await expect(async () => {
      await page.goto(`${server.url}dashboard`);
      await expect(item).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(item).toContainText('NPS 3');
    await expect(item).toContainText('orderId: 1042');
    // the checkout identified the shopper: one click from a mail
    await expect(item.getByRole('link', { name: 'Email ada@example.com' })).toBeVisible();
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('a shopper unhappy on the membership page, signed out, can be reached once they check out on the same browser', async ({ page }) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-demo-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), quiet: true });
  try {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Membership' }).click();
    // the membership page asks as the shopper's pointer leaves for the browser's tabs
    await page.waitForFunction(() => window.cxkit && !Array.isArray(window.cxkit) && window.cxkit.client);
    await page.mouse.move(300, 200);
    await page.mouse.move(300, -20);
    const csat = page.locator('cx-csat');
    await csat.getByRole('radio', { name: '1 star' }).click();
    await csat.getByRole('textbox').fill('I could not tell which plan includes support');
    await csat.getByRole('button', { name: 'Send' }).click();
    await expect(csat.getByRole('status')).toHaveText('Thank you for your feedback!');

    // then buys, giving an email at checkout, and closes the prompt that follows
    await placeOrder(page, server.url);
    await page.locator('cx-nps').getByRole('button', { name: 'Close' }).click();

    const item = page.locator('#inbox-items li').filter({ hasText: 'I could not tell which plan includes support' });
    await expect(async () => {
      await page.goto(`${server.url}dashboard`);
      await expect(item).toContainText('anonymous, on a browser signed in as ada@example.com', { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await expect(item.getByRole('link', { name: 'Email ada@example.com' })).toHaveAttribute('href', /^mailto:ada@example\.com\?/);
    // the latest comments name her too
    const comment = page.locator('#comments li').filter({ hasText: 'I could not tell which plan includes support' });
    await expect(comment).toContainText('anonymous, on a browser signed in as ada@example.com');
    await expect(comment.getByRole('button', { name: 'ada@example.com: their history' })).toBeVisible();
    // and among the CSAT answers, the same: whom the answer's browser was signed in as, her history a click away
    await page.getByRole('button', { name: 'See the CSAT answers' }).click();
    const answer = page.getByRole('row').filter({ hasText: 'I could not tell which plan includes support' });
    await expect(answer.getByRole('cell').filter({ hasText: 'anonymous, on a browser signed in as ada@example.com' })).toBeVisible();
    await answer.getByRole('button', { name: 'ada@example.com: their history' }).click();
    await expect(page.getByRole('dialog', { name: 'ada@example.com' })).toBeVisible();
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('a help article shows its CES prompt once scrolled past 60%', async ({ page }) => {
  const data = mkdtempSync(join(tmpdir(), 'cxkit-demo-'));
  const server = await startDemoServer({ port: 0, dataFile: join(data, 'demo.db'), quiet: true });
  try {
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto(`${server.url}help/returns.html`);
    await page.waitForTimeout(500);
    await expect(page.locator('cx-ces')).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.locator('cx-ces [part="panel"]')).toBeVisible();
  } finally {
    await server.close();
    rmSync(data, { recursive: true, force: true });
  }
});

test('npm start names a time zone it does not know and stops, before it opens or changes anything', async () => {
  const started = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../../demo/serve.js', import.meta.url)), '--port', '0', '--time-zone', 'Mars/Olympus'],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  expect(started.status).toBe(1);
  expect(started.stderr.trim()).toBe('cxkit: --time-zone: expected an IANA time zone such as Europe/Berlin, got Mars/Olympus');
  expect(started.stdout).toBe('');
});
