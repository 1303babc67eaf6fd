// `npx cxkit-collector --port 8787 --db ./cxkit-data/responses.db --origin https://shop.example --write-key …`
import { parseArgs } from 'node:util';
import { SqliteStore } from './sqlite-storage.js';
import { startCollectorServer } from './server.js';

const usage = `Usage: cxkit-collector [options]
  --port <n>          port to listen on (default 8787)
  --host <address>    address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --db <file>         SQLite file, created on first run (default ./cxkit-data/responses.db)
  --origin <url>      a site allowed to post from the browser (CORS); repeat for several; * for any
  --write-key <key>   require this key on posts (the SDK's writeKey option)
  --read-key <key>    require this key to read the summary, CSV and dashboard data
  --max-body <bytes>  largest request body read (default 131072)
  -h, --help          this text`;

export async function main(argv: readonly string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        db: { type: 'string', default: './cxkit-data/responses.db' },
        origin: { type: 'string', multiple: true, default: [] },
        'write-key': { type: 'string' },
        'read-key': { type: 'string' },
        'max-body': { type: 'string', default: '131072' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`cxkit-collector: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) return console.log(usage);
  const port = Number(values.port);
  const maxBodyBytes = Number(values['max-body']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port: expected a port number 0–65535, got ${values.port}`);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024)
    return fail(`--max-body: expected a whole number of bytes >= 1024, got ${values['max-body']}`);
  for (const origin of values.origin) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin))
      return fail(`--origin: expected an origin like https://shop.example (no path), got ${origin}`);
  }
  const store = new SqliteStore(values.db);
  const server = await startCollectorServer({
    port,
    host: values.host,
    store,
    origins: values.origin,
    writeKey: values['write-key'],
    readKey: values['read-key'],
    maxBodyBytes,
  });
  console.log(`cxkit collector: ${server.url}v1/responses   dashboard: ${server.url}dashboard   data: ${values.db}`);
  const stop = () => void server.close().then(() => store.close());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(message: string): void {
  console.error(`cxkit-collector: ${message}\n\n${usage}`);
  process.exitCode = 2;
}
