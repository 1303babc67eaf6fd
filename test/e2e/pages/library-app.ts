// An app using the published library (`cxkit` resolves to dist/index.js through the package's exports), bundled by
// the test as a site's bundler would (test/e2e/hostile-page.spec.ts).
import { createClient } from 'cxkit';

const params = new URLSearchParams(location.search);
const client = createClient({ endpoint: params.get('endpoint') ?? '', flushDelayMs: 0, storage: { name: params.get('db') ?? 'cxkit' } });
(window as unknown as { recorded: Promise<string> }).recorded = client
  .record({ kind: 'nps', score: 7, touchpoint: 'library' })
  .then((response) => response.id);
