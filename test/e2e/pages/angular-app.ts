// An Angular app's use of the published library, without Angular: zone.js is on the page with a zone forked as NgZone
// forks it (test/e2e/hostile-page.spec.ts), and the app creates its client in that zone, as an injectable service does.
import { createClient, type CxClient } from 'cxkit';

interface App {
  zone: { run<T>(fn: () => T): T };
  client?: CxClient;
}

const params = new URLSearchParams(location.search);
const app = (window as unknown as { app: App }).app;
app.client = app.zone.run(() =>
  createClient({
    endpoint: params.get('endpoint') ?? '',
    storage: { name: params.get('db') ?? 'cxkit' },
    touchpoints: [{ id: 'deep', prompt: 'nps', on: { scrollPercent: 95 } }],
  }),
);
