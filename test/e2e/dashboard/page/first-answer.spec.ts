// From zero to a live NPS score, as a site owner goes: start the collector (the CLI, as operators run it), open its
// empty dashboard, copy the tag it gives into a page of the site (another origin, served by a server of the test's
// own), and a visitor's answer shows on the dashboard, which has waited for it without a reload.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { answersOf, batch } from '../../../support/answers.js';
import { startCli, type RunningCli } from '../../../support/collector-cli.js';
import { expect, test } from '../../support/fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The site: one page holding whatever the owner pasted into it. */
async function startSite(): Promise<{ origin: string; paste(html: string): void; server: Server }> {
  let pasted = '';
  const server = createServer((_req, res) => {
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="en"><head><title>Order placed</title></head><body><h1>Thanks for your order</h1>${pasted}</body></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paste: (html) => (pasted = html), server };
}

/** The tag as the owner gets it: the Copy button, then what the clipboard holds. */
async function copiedTag(dashboard: Page): Promise<string> {
  const panel = dashboard.getByRole('region', { name: 'Ask your first question' });
  await panel.getByRole('button', { name: 'Copy' }).click();
  await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible();
  return dashboard.evaluate(() => navigator.clipboard.readText());
}

/** A visitor on the site's page answers 9 and sends it. */
async function visitorAnswers(visitor: Page, url: string): Promise<void> {
  await visitor.goto(url);
  const nps = visitor.locator('cx-nps');
  await nps.getByRole('radio', { name: '9', exact: true }).click();
  await nps.getByRole('button', { name: 'Send' }).click();
  await expect(nps.getByRole('status')).toHaveText('Thank you for your feedback!');
}

for (const { name, args, writeKey } of [
  { name: 'a collector that takes answers from the site', args: (site: string) => ['--origin', site], writeKey: undefined },
  { name: 'a collector that needs a write key', args: () => ['--origin', '*', '--write-key', 'wk_live_7'], writeKey: 'wk_live_7' },
]) {
  test(`${name}: the empty dashboard's tag, pasted into the site, brings the first answer onto the dashboard without a reload`, async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const folder = mkdtempSync(join(tmpdir(), 'cxkit-first-'));
    const site = await startSite();
    let collector: RunningCli | undefined;
    try {
      collector = await startCli(['--database', join(folder, 'answers.db'), ...args(site.origin)]);
      await page.goto(`${collector.url}dashboard`);
      const panel = page.getByRole('region', { name: 'Ask your first question' });
      await expect(panel).toBeVisible();
      await expect(panel).toContainText(
        writeKey ? 'This collector takes answers from any site.' : `This collector takes answers from ${site.origin}.`,
      );
      const tag = await copiedTag(page);
      expect(tag).toContain(`src="${collector.url}cxkit/cxkit.js"`);
      if (writeKey) {
        await expect(panel).toContainText('in place of YOUR_WRITE_KEY');
        site.paste(tag.replace('YOUR_WRITE_KEY', writeKey));
      } else site.paste(tag);

      await visitorAnswers(await context.newPage(), `${site.origin}/order/placed`);
      // the dashboard was left open: it looks for the first answer by itself
      await expect(page.locator('#status')).toHaveText('1 answer', { timeout: 20_000 });
      await expect(page.locator('#tile-nps .value')).toHaveText('100');
      await expect(panel).toBeHidden();
    } finally {
      collector?.process.kill('SIGKILL');
      await collector?.exited;
      site.server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
}

test('a collector that takes answers from no site yet says what to start it with, before a visitor is refused', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-first-'));
  const collector = await startCli(['--database', join(folder, 'answers.db')]);
  try {
    await page.goto(`${collector.url}dashboard`);
    const panel = page.getByRole('region', { name: 'Ask your first question' });
    await expect(panel.locator('#get-started-sites')).toHaveText(
      "This collector takes answers from its own pages only: your site's will be refused until you add --origin https://your-site.example where the collector starts (or CXKIT_ORIGINS).",
    );
    await expect(panel.locator('#get-started-key')).toBeHidden();
    await expect(panel.getByRole('status')).toHaveText('Waiting for the first answer…');
  } finally {
    collector.process.kill('SIGKILL');
    await collector.exited;
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a collector with a read key: its dashboard, opened with the key, gives the tag and sees the first answer come', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-first-'));
  const collector = await startCli(['--database', join(folder, 'answers.db'), '--read-key', 'rk_team']);
  try {
    await page.goto(`${collector.url}dashboard?key=rk_team`);
    const panel = page.getByRole('region', { name: 'Ask your first question' });
    await expect(panel.locator('pre')).toContainText(`src="${collector.url}cxkit/cxkit.js"`);
    // an answer from anywhere (here a server-side post, as an app's backend would send one)
    const [answer] = answersOf('homepage', 'nps', 10, 1, Date.now() - 60_000);
    expect((await fetch(`${collector.url}v1/responses`, { method: 'POST', body: JSON.stringify(batch([answer!])) })).status).toBe(202);
    await expect(page.locator('#status')).toHaveText('1 answer', { timeout: 20_000 });
    await expect(panel).toBeHidden();
  } finally {
    collector.process.kill('SIGKILL');
    await collector.exited;
    rmSync(folder, { recursive: true, force: true });
  }
});
