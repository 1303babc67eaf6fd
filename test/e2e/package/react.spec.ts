// cxkit/react: a React app renders the prompt with typed props, and its typed event props fire.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { expect, test } from '../support/fixtures.js';

let app = '';

test.beforeAll(async () => {
  const output = await build({
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    logLevel: 'silent',
    configFile: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('../pages/react-app.ts', import.meta.url)), formats: ['es'], fileName: 'app' },
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as { output: Array<{ code?: string }> };
  app = result.output[0]?.code ?? '';
});

test('the React wrapper renders <cx-nps> and fires typed events; the answer reaches the collector', async ({
  page,
  server,
  collector,
  db,
}) => {
  server.setSite({
    html: `<!doctype html><meta charset="utf-8"><title>React app</title><div id="root"></div><script type="module">${app}</script>`,
    config: '{}',
  });
  // React sets the element's properties after it is in the page: no warning or error may come of that, on any mount
  const complaints: string[] = [];
  page.on(
    'console',
    (message) =>
      ['error', 'warning'].includes(message.type()) &&
      !message.text().startsWith('Failed to load resource') &&
      complaints.push(message.text()),
  );
  await page.goto(`${server.pageOrigin}/site/?${new URLSearchParams({ endpoint: collector.endpoint, db })}`);
  const nps = page.locator('cx-nps');
  await expect(nps.getByRole('radio')).toHaveCount(11);
  await nps.getByRole('radio', { name: '8', exact: true }).click();
  await expect(page.locator('#log')).toHaveText('answer 8, submit 8 react-checkout');
  await expect.poll(() => collector.received().length).toBe(1);
  expect(collector.received()[0]?.body.responses[0]).toMatchObject({
    kind: 'nps',
    score: 8,
    touchpoint: 'react-checkout',
    metadata: { orderId: 'R-77' },
  });
  expect(complaints).toEqual([]);
});
