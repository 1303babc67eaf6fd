// A site owner who runs a collector hosts nothing else: the collector serves the script tag's files at /cxkit/, as a
// browser loads them from any site (compressed, revalidated, cross-origin), and nothing else from their folder; and it
// tells the dashboard what the tag to paste needs (GET /v1/setup).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../support/collector-cli.js';
import { expect, test } from '../support/collector-harness.js';

/** A folder as `npm run build` leaves dist/: the tag's files, and others that are not the tag's. */
function scriptsFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-scripts-'));
  writeFileSync(join(folder, 'cxkit.js'), `/* the loader */ ${'self.cxkit = self.cxkit || [];\n'.repeat(40)}`);
  writeFileSync(join(folder, 'cxkit-locale-fr.js'), '/* French */');
  writeFileSync(join(folder, 'package.json'), '{"private": true}');
  writeFileSync(join(folder, 'index.js.map'), '{}');
  return folder;
}

test("the script tag's files are served from /cxkit/, compressed, revalidated and loadable from any site; nothing else is", async ({
  startCollector,
}) => {
  const folder = scriptsFolder();
  try {
    // a read key and rate limits guard the figures, not the files every page of the site loads
    const collector = await startCollector({ scriptsDir: folder, readKey: 'rk_secret', rateLimit: { perIp: 2, perKey: 0 } });
    const loader = readFileSync(join(folder, 'cxkit.js'));
    const url = `${collector.url}cxkit/cxkit.js`;

    const plain = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(Buffer.from(await plain.arrayBuffer())).toEqual(loader);
    expect(Object.fromEntries(plain.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
    });
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    // node's fetch decompresses what it is sent: the bytes read are the file's, the length sent is the compressed one
    const raw = async (encoding: string) => {
      const reply = await fetch(url, { headers: { 'Accept-Encoding': encoding } });
      return { encoding: reply.headers.get('content-encoding'), reply };
    };
    const brotli = await raw('gzip, deflate, br');
    expect(brotli.encoding).toBe('br');
    const gzip = await raw('gzip;q=1, br;q=0');
    expect(gzip.encoding).toBe('gzip');
    for (const { reply } of [brotli, gzip]) expect(Buffer.from(await reply.arrayBuffer())).toEqual(loader);
    expect(Number(brotli.reply.headers.get('content-length'))).toBeLessThan(loader.length / 4);

    // a browser that has the file asks whether it changed: 304, no body
    const again = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // HEAD: the headers alone
    const head = await fetch(url, { method: 'HEAD', headers: { 'Accept-Encoding': 'identity' } });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, String(loader.length), '']);
    expect((await fetch(`${collector.url}cxkit/cxkit-locale-fr.js`)).status).toBe(200);

    // the rest of the folder is not the tag's, and no path leaves it
    for (const path of ['cxkit/package.json', 'cxkit/index.js.map', 'cxkit/cxkit-core.js', 'cxkit/..%2Fpackage.json', 'cxkit/']) {
      const refused = await fetch(`${collector.url}${path}`);
      expect(refused.status, path).toBe(404);
      expect((await refused.json()).error).toMatch(/^no file \/cxkit\//);
    }
    const posted = await fetch(url, { method: 'POST', body: '' });
    expect([posted.status, posted.headers.get('allow')]).toEqual([405, 'GET']);

    // the figures still need the read key, and the setup the dashboard reads with them
    expect((await fetch(`${collector.url}v1/setup`)).status).toBe(401);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('GET /v1/setup says where the tag and the endpoint are, which sites may post and whether a write key is needed', async ({
  startCollector,
}) => {
  const folder = scriptsFolder();
  try {
    const open = await startCollector({ scriptsDir: folder });
    expect(await (await fetch(`${open.url}v1/setup`)).json()).toEqual({
      script: '/cxkit/cxkit.js',
      endpoint: '/v1/responses',
      origins: [],
      writeKey: false,
    });
    const guarded = await startCollector({ scriptsDir: folder, origins: ['https://shop.example'], writeKey: 'wk_live' });
    expect(await (await fetch(`${guarded.url}v1/setup`)).json()).toMatchObject({ origins: ['https://shop.example'], writeKey: true });
    // a collector with no built files to serve says so, and names the build when asked for one
    const unbuilt = await startCollector({ scriptsDir: join(folder, 'nothing-here') });
    expect(await (await fetch(`${unbuilt.url}v1/setup`)).json()).toMatchObject({ script: null });
    const missing = await fetch(`${unbuilt.url}cxkit/cxkit.js`);
    expect([missing.status, (await missing.json()).error]).toEqual([404, "the script tag's files are not built here: run npm run build"]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the built CLI serves the dist/ it was built into: the very files a site would deploy', async ({ database }) => {
  const running = await startCli(['--database', await database('sqlite')]);
  try {
    for (const file of ['cxkit.js', 'cxkit-core.js', 'cxkit-prompts.js', 'cxkit-locale-fr.js']) {
      const reply = await fetch(`${running.url}cxkit/${file}`);
      expect(reply.status, file).toBe(200);
      expect(Buffer.from(await reply.arrayBuffer()), file).toEqual(readFileSync(join('dist', file)));
    }
  } finally {
    running.process.kill('SIGKILL');
    await running.exited;
  }
});
