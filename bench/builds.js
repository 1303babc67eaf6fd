// Serving several builds side by side to one browser: a page names its build in `?build=` on its script tag, and
// cxkit's loader passes that query on to every file it loads from beside the tag.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The page's HTML with its script tag loading the named build. */
export const withBuild = (/** @type {string} */ html, /** @type {string | null} */ build) =>
  html.replaceAll('/dist/cxkit.js', `/dist/cxkit.js?build=${build}`);

/**
 * Answers a request for `/dist/<file>` from the folder of the build it names (the first build when it names none).
 * @param {Record<string, string>} builds name → folder holding cxkit.js and its files
 * @param {URL} url
 * @param {import('node:http').ServerResponse} res
 * @param {Record<string, string>} [headers] besides the content type
 */
export async function serveBuildFile(builds, url, res, headers = {}) {
  const build = builds[url.searchParams.get('build') ?? ''] ?? Object.values(builds)[0] ?? '';
  const file = await readFile(join(build, url.pathname.slice('/dist/'.length))).catch(() => null);
  if (file) res.writeHead(200, { 'Content-Type': 'text/javascript', ...headers }).end(file);
  else res.writeHead(404).end();
}
