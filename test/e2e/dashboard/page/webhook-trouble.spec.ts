// Alerts that stopped arriving, as a CX lead finds out: the collector runs as operators run it, its Slack channel's
// webhook answers 410 (the channel was removed) while a relay takes every post, and the dashboard names the failing
// target by the name the config gives it — never by its URL, which is its credential — and says what it answered.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answersOf, batch } from '../../../support/answers.js';
import { startCli } from '../../../support/collector-cli.js';
import { receiver } from '../../../support/webhook-receiver.js';
import { audit } from '../../support/axe.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

test('the dashboard names the webhook targets whose deliveries failed this week and what they answered; none failing, nothing is said', async ({
  page,
}) => {
  const removed = await receiver([410]);
  const relay = await receiver();
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-webhook-trouble-'));
  const config = join(folder, 'webhooks.json');
  writeFileSync(
    config,
    JSON.stringify({
      webhooks: [
        { url: removed.url, name: 'Slack #cx-alerts', format: 'slack', when: { kinds: ['nps'], scoreMax: 6 } },
        { url: relay.url, name: 'Relay', format: 'standard', when: { events: ['response.created', 'follow_up.changed'] } },
      ],
    }),
  );
  const cli = await startCli([
    '--database',
    join(folder, 'cx.db'),
    '--webhook-config',
    config,
    '--allow-private-webhooks',
    '--read-key',
    'rk',
  ]);
  try {
    await page.goto(`${cli.url}dashboard?key=rk`);
    await expect(page.locator('#status')).toHaveText('0 answers');
    const note = page.locator('#webhook-trouble');
    await expect(note).toBeHidden();
    // where alerts go, as the config names the targets, what each gets, and that nothing was posted yet
    const alerts = page.locator('#alert-targets > li');
    await expect(page.locator('#sections a[href="#alerts"]')).toBeVisible();
    await expect(alerts).toHaveText([
      /^Slack #cx-alerts\s*Slack · http:\/\/127\.0\.0\.1:\d+\/hooks\/… · gets new answers \(NPS, scores up to 6\)\s*Nothing posted lately\.$/,
      /^Relay\s*Standard Webhooks · http:\/\/127\.0\.0\.1:\d+\/hooks\/… · gets new answers and follow-up changes\s*Nothing posted lately\.$/,
    ]);

    const posted = await fetch(`${cli.url}v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(batch(answersOf('checkout', 'nps', 2, 1, Date.now() - 60_000))),
    });
    expect(posted.status).toBe(202);
    await expect.poll(() => [removed.received.length, relay.received.length], { timeout: 15_000 }).toEqual([1, 1]);
    // 410 Gone fails at once: the receiver says never again
    await expect.poll(async () => (await page.reload(), await note.isVisible()), { timeout: 15_000 }).toBe(true);
    await expect(note).toHaveText(
      /^Webhooks not delivered in the last week — Slack #cx-alerts: 1 delivery failed since \w+ \d+ \(last: answered 410\)\. A failed delivery is not tried again: cxkit-collector check-webhooks, given the collector’s --webhook-config, tests each target\.$/,
    );
    await expect(note).not.toContainText('127.0.0.1');
    await expect(alerts.nth(0).locator('p.trouble')).toHaveText(/^Last post failed .+: answered 410\.$/);
    await expect(alerts.nth(1)).toContainText(/Last posted .+\.$/);
    await expect(page.locator('#status')).toHaveText('1 answer');
    await audit(page);
  } finally {
    cli.process.kill('SIGTERM');
    await cli.exited;
    await Promise.all([removed.close(), relay.close()]);
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a collector that posts nowhere has no alerts section, nor its link', async ({ page }) => {
  await withDashboard(answersOf('checkout', 'nps', 9, 1, Date.now() - 60_000), async (url) => {
    await page.goto(`${url}dashboard`);
    await expect(page.locator('#status')).toHaveText('1 answer');
    await expect(page.locator('#alerts')).toBeHidden();
    await expect(page.locator('#sections a[href="#alerts"]')).toBeHidden();
  });
});
