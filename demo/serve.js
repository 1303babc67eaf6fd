// `npm start`: builds cxkit when needed, then serves the demo pages and a minimal in-memory collector on one port.
// The reference collector with storage and a dashboard replaces the in-memory one (see the collector issue).
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };

/** @param {number} port @param {{ quiet?: boolean }} [options] */
export async function startDemoServer(port, options = {}) {
  if (!existsSync(join(root, 'dist/cxkit.js'))) execSync('npm run build', { cwd: root, stdio: 'inherit' });
  /** @type {Map<string, unknown>} answers by id: a re-sent answer is stored once */
  const answers = new Map();
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/v1/responses' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      try {
        const { responses } = JSON.parse(body);
        let duplicates = 0;
        for (const r of responses) {
          if (answers.has(r.id)) duplicates++;
          else answers.set(r.id, r);
          if (!options.quiet) console.log(`answer: ${r.kind} ${r.score} at ${r.touchpoint}${r.comment ? ` — "${r.comment}"` : ''}`);
        }
        res
          .writeHead(202, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ accepted: responses.length - duplicates, duplicates }));
      } catch {
        res.writeHead(400).end('{"error":"invalid JSON"}');
      }
      return;
    }
    const file = path === '/' ? join(root, 'demo/index.html') : path.startsWith('/dist/') ? join(root, path) : join(root, 'demo', path);
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { 'Content-Type': types[/** @type {keyof typeof types} */ (extname(file))] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startDemoServer(Number(process.env.PORT ?? 5173));
  console.log(`cxkit demo:     ${url}`);
  console.log(`prompt gallery: ${url}elements.html`);
}
