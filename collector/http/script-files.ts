// The script tag's files (dist/cxkit.js and those it loads from beside it), served by the collector itself, so that a
// site owner who runs a collector has nothing else to host: the tag's src is the collector's `/cxkit/cxkit.js`.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { sendJson } from './guards/body.js';

/** Where the collector serves them: `<script src="https://collect.example/cxkit/cxkit.js" …>`. */
export const scriptsPath = '/cxkit/';
/** The loader, the file the tag names. */
export const loaderFile = 'cxkit.js';
/** The tag's files are named `cxkit.js`, `cxkit-core.js`, `cxkit-locale-fr.js` …: nothing else in the folder is served. */
const scriptName = /^cxkit(-[a-z0-9]+)*\.js$/;

interface ScriptFile {
  readonly plain: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
}

async function loadScript(path: string): Promise<ScriptFile> {
  const plain = await readFile(path);
  return {
    plain,
    gzip: gzipSync(plain, { level: 9 }),
    br: brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`,
  };
}

/** The encoding to send a file in: brotli, else gzip, else none, as the request's `Accept-Encoding` allows. */
function encodingFor(req: IncomingMessage): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (req.headers['accept-encoding'] ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  if ((accepted.get('br') ?? 0) > 0) return 'br';
  if ((accepted.get('gzip') ?? 0) > 0) return 'gzip';
  return undefined;
}

export interface ScriptFiles {
  /** Whether the folder holds the tag's files (a collector run from source before `npm run build` does not). */
  readonly built: boolean;
  serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

/** The tag's files in `dir`, each read and compressed once, at its first request. */
export function scriptFiles(dir: string): ScriptFiles {
  const loaded = new Map<string, Promise<ScriptFile>>();
  const built = () => existsSync(join(dir, loaderFile));
  return {
    get built() {
      return built();
    },
    async serve(req, res, path) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'use GET' }, { Allow: 'GET' });
      const name = path.slice(scriptsPath.length);
      if (!scriptName.test(name))
        return sendJson(res, 404, { error: `no file ${path}: the script tag's files are ${scriptsPath}cxkit*.js` });
      let file = loaded.get(name);
      if (!file) {
        file = loadScript(join(dir, name));
        loaded.set(name, file);
        // a file that is not there yet (built later) is looked for again at the next request
        file.catch(() => loaded.delete(name));
      }
      let script: ScriptFile;
      try {
        script = await file;
      } catch {
        const missing = built() ? `no file ${path}` : `the script tag's files are not built here: run npm run build`;
        return sendJson(res, 404, { error: missing });
      }
      const headers: Record<string, string> = {
        'Content-Type': 'text/javascript; charset=utf-8',
        // unhashed names: every load asks whether the file changed (a 304 when not), so that the loader and the files it
        // loads never come from two versions after an upgrade
        'Cache-Control': 'no-cache',
        ETag: script.etag,
        Vary: 'Accept-Encoding',
        'X-Content-Type-Options': 'nosniff',
        // any site may load them, with crossorigin (CORS) or under Cross-Origin-Embedder-Policy
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      };
      const asked = req.headers['if-none-match'];
      if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === script.etag)) {
        return void res.writeHead(304, headers).end();
      }
      const encoding = encodingFor(req);
      const body = encoding ? script[encoding] : script.plain;
      if (encoding) headers['Content-Encoding'] = encoding;
      headers['Content-Length'] = String(body.length);
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
