// cxkit/schema.json: what the SDK really sends validates; what the collector refuses, a JSON Schema validator refuses too.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SqliteStore } from '../../../collector/store/sqlite.js';
import { startCollectorServer } from '../../../collector/http/server.js';
import type { EmbedApi } from '../../../src/embed.js';
import { expect, test } from '../support/fixtures.js';

const schema = JSON.parse(readFileSync('dist/schema.json', 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

test('batches the SDK sends validate against cxkit/schema.json', async ({ page, openSite, siteConfig, collector }) => {
  await openSite(page, { inlineConfig: siteConfig() });
  await page.evaluate(async () => {
    const cx = window.cxkit as EmbedApi;
    cx.identify('user-7', { plan: 'pro', seats: 3, trial: false });
    await cx.record({ kind: 'nps', score: 10, touchpoint: 'checkout', comment: 'Fast', metadata: { orderId: 'A-1' } });
    await cx.record({ kind: 'csat', score: 4, touchpoint: 'pricing' });
    await cx.record({ kind: 'ces', score: 5, touchpoint: 'help', scale: { min: 1, max: 5 }, partial: true });
  });
  await expect.poll(() => collector.receivedIds().length).toBe(3);
  for (const request of collector.received()) expect(validate(request.body), JSON.stringify(validate.errors)).toBe(true);
});

test('what the collector refuses with 400, the JSON Schema refuses too', async ({ page, openSite, siteConfig, collector }) => {
  await openSite(page, { inlineConfig: siteConfig() });
  await page.evaluate(() => (window.cxkit as EmbedApi).record({ kind: 'nps', score: 7, touchpoint: 't' }));
  await expect.poll(() => collector.received().length).toBe(1);
  const good = collector.received()[0]!.body;
  const response = good.responses[0]!;
  const shown = {
    id: crypto.randomUUID(),
    touchpoint: 't',
    kind: 'nps',
    mode: 'popover',
    trigger: 'milestone',
    shownAt: new Date().toISOString(),
    outcome: 'dismissed',
    page: { url: 'https://shop.example/' },
    anonymousId: response.anonymousId,
    sdk: response.sdk,
  };
  const broken: Record<string, unknown> = {
    'score off the NPS scale': { ...good, responses: [{ ...response, score: 11 }] },
    'a CSAT score of 0': { ...good, responses: [{ ...response, kind: 'csat', scale: { min: 1, max: 5 }, score: 0 }] },
    'CES 6 on a 1–5 scale': { ...good, responses: [{ ...response, kind: 'ces', scale: { min: 1, max: 5 }, score: 6 }] },
    'a scale foreign to the kind': { ...good, responses: [{ ...response, scale: { min: 1, max: 5 } }] },
    'an id that is not a UUID': { ...good, responses: [{ ...response, id: 'abc' }] },
    'an unknown kind': { ...good, responses: [{ ...response, kind: 'stars' }] },
    'no touchpoint': { ...good, responses: [{ ...response, touchpoint: undefined }] },
    'nested metadata': { ...good, responses: [{ ...response, metadata: { a: { b: 1 } } }] },
    'a wrong version': { ...good, v: 2 },
    'no responses': { ...good, responses: [] },
    'neither answers nor displays': { ...good, responses: [], displays: [] },
    'a display with an unknown outcome': { ...good, displays: [{ ...shown, outcome: 'maybe' }] },
    'a display with no touchpoint': { ...good, displays: [{ ...shown, touchpoint: undefined }] },
    '51 responses': { ...good, responses: Array.from({ length: 51 }, () => ({ ...response, id: crypto.randomUUID() })) },
  };
  const store = new SqliteStore(':memory:');
  const server = await startCollectorServer({ port: 0, store });
  try {
    const accepted = await fetch(`${server.url}v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(good),
    });
    expect(accepted.status).toBe(202);
    expect(validate(good)).toBe(true);
    const displaysOnly = { ...good, responses: [], displays: [shown] };
    const acceptedDisplays = await fetch(`${server.url}v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify(displaysOnly),
    });
    expect(acceptedDisplays.status).toBe(202);
    expect(validate(displaysOnly), JSON.stringify(validate.errors)).toBe(true);
    for (const [what, body] of Object.entries(broken)) {
      const reply = await fetch(`${server.url}v1/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify(body),
      });
      expect(reply.status, `collector on ${what}`).toBe(400);
      expect(validate(body), `JSON Schema on ${what}`).toBe(false);
    }
  } finally {
    await server.close();
    await store.close();
  }
});
