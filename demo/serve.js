// `npm start`: the demo shop, the collector and its dashboard on one local port, data kept in .cxkit-data/.
//   npm start -- --seed     also loads a month of sample answers and a team's follow-ups, so that the dashboard is not empty
//   npm start -- --port 8080
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = {
  '.js': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The demo's admin key, for changing follow-ups in the dashboard's inbox. A demo on loopback only: never reuse it. */
export const demoAdminKey = 'demo-admin';

/**
 * Starts the demo server (run `npm run build` first: it serves dist/ and the built collector).
 * @param {{ port: number, dataFile: string, seed?: boolean, quiet?: boolean, readKey?: string, adminKey?: string, timeZone?: string | undefined }} options
 */
export async function startDemoServer(options) {
  // the built collector (a variable path keeps the type checker off dist/, which a fresh checkout does not have)
  const built = '../dist/collector/index.js';
  /** @type {typeof import('../collector/index.js')} */
  const { startCollectorServer, SqliteStore, demoSample } = await import(built);
  const store = new SqliteStore(options.dataFile, { timeZone: options.timeZone });
  if (options.seed) {
    const { answers, displays, followUps } = demoSample();
    const { accepted } = await store.insert(answers, new Date(), { displays });
    // a second start keeps the team's work as it is rather than adding it again
    if (accepted) for (const { responseId, change, at } of followUps) await store.setFollowUp(responseId, change, at);
    if (!options.quiet) console.log(`seeded ${accepted} sample answers, the prompts shown for them, and a team's follow-ups`);
  }
  const server = await startCollectorServer({
    port: options.port,
    store,
    readKey: options.readKey,
    adminKey: options.adminKey ?? demoAdminKey,
    /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
    fallback: async (req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
      const file = path.startsWith('/dist/') ? join(root, path) : join(root, 'demo', path.endsWith('/') ? `${path}index.html` : path);
      if (!file.startsWith(root)) return false;
      try {
        const body = await readFile(file);
        res
          .writeHead(200, { 'Content-Type': types[/** @type {keyof typeof types} */ (extname(file))] ?? 'application/octet-stream' })
          .end(body);
        return true;
      } catch {
        return false;
      }
    },
  }).catch(async (/** @type {unknown} */ error) => {
    await store.close();
    throw error;
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '5173' },
      seed: { type: 'boolean', default: false },
      // the demo runs where its dashboard is read: its days are this machine's
      'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone },
    },
  });
  const timeZone = values['time-zone'];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    console.error(`cxkit: --time-zone: expected an IANA time zone such as Europe/Berlin, got ${timeZone}`);
    process.exit(1);
  }
  const dataFile = join(root, '.cxkit-data', 'demo.db');
  let url;
  try {
    ({ url } = await startDemoServer({ port: Number(values.port), dataFile, seed: values.seed, timeZone }));
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code !== 'EADDRINUSE') throw error;
    console.error(`cxkit: port ${values.port} is already in use: choose another with npm start -- --port 8080 (or PORT=8080 npm start)`);
    process.exit(1);
  }
  console.log(`cxkit demo shop:  ${url}`);
  console.log(`dashboard:        ${url}dashboard`);
  console.log(`prompt gallery:   ${url}elements.html`);
  console.log(`SDK demo:         ${url}sdk.html`);
  console.log(`admin key:        ${demoAdminKey} (for the dashboard's follow-up inbox; this demo only)`);
  console.log(`days counted in:  ${timeZone} (npm start -- --time-zone Europe/Berlin for another)`);
  console.log(`answers are kept in ${dataFile}${values.seed ? '' : ' (npm start -- --seed loads a sample month)'}`);
}
