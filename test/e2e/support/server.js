// Serves the built dist/, the e2e pages and the collector stub on one port, reachable as two origins
// (127.0.0.1 for pages, localhost for the collector), so that every delivery is a real cross-origin request.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createCollectorStub } from '../../support/collector-stub.js';

const root = new URL('../../..', import.meta.url).pathname;
const served = {
  '/dist/': 'dist/',
  '/pages/': 'test/e2e/pages/',
  '/vendor/turbo/': 'node_modules/@hotwired/turbo/dist/',
  '/vendor/zone/': 'node_modules/zone.js/bundles/',
};
const types = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

export async function startTestServer() {
  const stub = createCollectorStub();
  /** The host site under test: any path under /site/ gets `html`, /site/cxkit.config.json gets `config`. One test at a time (workers: 1). */
  let site = { html: '', config: '{}' };
  const server = createServer(async (req, res) => {
    try {
      if (await stub.handle(req, res)) return;
      const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
      if (path === '/site/cxkit.config.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(site.config);
      if (path.startsWith('/site/')) {
        // ?csp-report-only=… serves the page with that policy reported, not enforced (a meta tag cannot say that)
        const reportOnly = new URL(req.url ?? '/', 'http://x').searchParams.get('csp-report-only');
        const headers = { 'Content-Type': 'text/html', ...(reportOnly ? { 'Content-Security-Policy-Report-Only': reportOnly } : {}) };
        return void res.writeHead(200, headers).end(site.html);
      }
      const prefix = Object.keys(served).find((p) => path.startsWith(p));
      if (!prefix) return void res.writeHead(404).end();
      const file = join(root, served[/** @type {keyof typeof served} */ (prefix)], path.slice(prefix.length));
      const body = await readFile(file);
      /** @type {Record<string, string>} */
      const headers = { 'Content-Type': types[/** @type {keyof typeof types} */ (extname(file))] ?? 'application/octet-stream' };
      // ?csp=strict serves the page under the strictest policy a host site might use; ?csp=trusted-types adds
      // Trusted Types enforcement, allowing the policies cxkit and Lit name
      const csp = new URL(req.url ?? '/', 'http://x').searchParams.get('csp');
      if (csp === 'strict') headers['Content-Security-Policy'] = "default-src 'self'";
      if (csp === 'trusted-types') {
        headers['Content-Security-Policy'] = "default-src 'self'; require-trusted-types-for 'script'; trusted-types cxkit lit-html";
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    stub,
    /** @param {{ html: string, config: string }} next */
    setSite: (next) => void (site = next),
    pageOrigin: `http://127.0.0.1:${port}`,
    collectorOrigin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
