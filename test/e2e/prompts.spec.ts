// The prompts as shipped in dist/cxkit.js: accessibility audits in every mode, theme and direction, and a strict CSP.
import type { Page } from '@playwright/test';
import { audit } from './support/axe.js';
import { expect, test } from './support/fixtures.js';

const prompt = (page: Page, kind: string) => page.locator(`cx-${kind}`);

/** Opens test/e2e/pages/prompt.html on `origin` with `params` (kind, mode …), clicks a popover's or modal's opener, waits for the scale. */
async function openPrompt(page: Page, origin: string, params: Record<string, string> & { kind: string; mode: string }): Promise<void> {
  await page.goto(`${origin}/pages/prompt.html?${new URLSearchParams(params)}`);
  await page.waitForFunction((tag) => customElements.get(tag) !== undefined, `cx-${params.kind}`);
  if (params.mode !== 'inline') await page.click('#opener');
  await expect(prompt(page, params.kind).getByRole('radiogroup')).toBeVisible();
}

for (const kind of ['nps', 'csat', 'ces']) {
  for (const mode of ['inline', 'popover', 'modal']) {
    test(`<cx-${kind}> ${mode}: no axe violations in light and dark, left-to-right and right-to-left, before and after a score`, async ({
      page,
      server,
      collector,
      db,
    }) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const locale of ['en', 'ar']) {
          await page.emulateMedia({ colorScheme });
          await openPrompt(page, server.pageOrigin, { kind, mode, locale, endpoint: collector.endpoint, db });
          const where = `${colorScheme}, ${locale}`;
          expect(await audit(page), `question step, ${where}`).toEqual([]);
          await prompt(page, kind).getByRole('radio').nth(2).click();
          await expect(prompt(page, kind).getByRole('textbox')).toBeVisible();
          expect(await audit(page), `follow-up step, ${where}`).toEqual([]);
        }
      }
    });
  }
}

test('a page with Content-Security-Policy default-src self renders and submits with no violation', async ({
  page,
  server,
  collector,
  db,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`Refused to: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await openPrompt(page, server.pageOrigin, {
    kind: 'csat',
    mode: 'popover',
    variant: 'emoji',
    endpoint: collector.sameOriginEndpoint,
    db,
    csp: 'strict',
  });
  const csat = prompt(page, 'csat');
  await csat.getByRole('radio', { name: 'Satisfied', exact: true }).click();
  await csat.getByRole('textbox').fill('Clear pricing');
  await csat.getByRole('button', { name: 'Send' }).click();
  await expect(csat.getByRole('status')).toHaveText('Thank you for your feedback!');
  await expect.poll(() => collector.received().length).toBe(1);
  expect(collector.received()[0]?.body.responses[0]).toMatchObject({ kind: 'csat', score: 4, comment: 'Clear pricing' });
  // the prompt is styled (constructable stylesheets pass the CSP): the popover is fixed to a corner
  expect(await csat.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.panel')!).position)).toBe('fixed');
  expect(violations).toEqual([]);
});

test('a page enforcing Trusted Types loads the prompt UI and renders it with no violation', async ({ page, server, collector, db }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Trusted Type|Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  await openPrompt(page, server.pageOrigin, {
    kind: 'nps',
    mode: 'inline',
    endpoint: collector.sameOriginEndpoint,
    db,
    csp: 'trusted-types',
  });
  await prompt(page, 'nps').getByRole('radio', { name: '10', exact: true }).click();
  await prompt(page, 'nps').getByRole('button', { name: 'Skip' }).click();
  await expect(prompt(page, 'nps').getByRole('status')).toHaveText('Thank you for your feedback!');
  expect(violations).toEqual([]);
});

test('a popover never covers the whole viewport on a phone', async ({ page, server, collector, db }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await openPrompt(page, server.pageOrigin, { kind: 'nps', mode: 'popover', endpoint: collector.endpoint, db });
  const box = await prompt(page, 'nps').locator('[part="panel"]').boundingBox();
  expect(box).not.toBeNull();
  // the edges narrow on a phone (2.5% of the width a side, 1rem on wider screens) so that eleven 24 px targets keep to
  // one line down to 320 px; the page stays visible at both sides and above
  expect(box!.x).toBeGreaterThanOrEqual(360 * 0.025 - 0.5);
  expect(box!.x + box!.width).toBeLessThanOrEqual(360 - 360 * 0.025 + 0.5);
  expect(box!.height).toBeLessThan(640 * 0.6);
  await prompt(page, 'nps').getByRole('radio', { name: '9' }).click();
  const withFollowUp = await prompt(page, 'nps').locator('[part="panel"]').boundingBox();
  expect(withFollowUp!.height).toBeLessThan(640);
});

for (const { kind, variant } of [
  { kind: 'nps', variant: '' },
  { kind: 'csat', variant: 'emoji' },
  { kind: 'csat', variant: 'stars' },
  { kind: 'ces', variant: '' },
]) {
  test(`<cx-${kind}>${variant ? ` ${variant}` : ''} in forced colors (Windows high contrast): the chosen score stands out from the rest`, async ({
    page,
    server,
    collector,
    db,
  }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // the system's own colours replace the prompt's: the accent that marks the choice is gone unless the prompt asks for one
      await page.emulateMedia({ forcedColors: 'active', colorScheme, reducedMotion: 'reduce' });
      await openPrompt(page, server.pageOrigin, {
        kind,
        mode: 'inline',
        locale: 'en',
        endpoint: collector.endpoint,
        db,
        ...(variant ? { variant } : {}),
      });
      await prompt(page, kind).getByRole('radio').nth(1).click();
      const looks = await prompt(page, kind)
        .getByRole('radio')
        .evaluateAll((options) => options.map((option) => getComputedStyle(option).backgroundColor));
      const chosen = looks[1];
      expect(
        looks.filter((look) => look === chosen),
        `${colorScheme}: only the chosen option looks chosen`,
      ).toHaveLength(1);
    }
  });
}
