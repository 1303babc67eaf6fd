// PostHog's browser SDK with surveys, as the peer in the page-load bench: fetched from the npm registry on first use
// (`npm pack`, into node_modules/.cache), never a dependency of the project. Its API is a stub on the bench's server:
// surveys enabled, none due — a page with nothing to ask, like cxkit's own variant.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const version = '1.449.2';

/**
 * The folder holding PostHog's dist files (array.js, surveys.js), or null when it cannot be fetched (offline).
 * @param {string} root the project's folder
 */
export function posthogDist(root) {
  const cache = join(root, 'node_modules', '.cache', 'cxkit-bench', `posthog-js-${version}`);
  const dist = join(cache, 'package', 'dist');
  if (existsSync(join(dist, 'array.js'))) return dist;
  try {
    mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['pack', `posthog-js@${version}`, '--silent', '--pack-destination', cache], { stdio: 'ignore', timeout: 120_000 });
    const tarball = readdirSync(cache).find((f) => f.endsWith('.tgz'));
    if (!tarball) return null;
    execFileSync('tar', ['xzf', tarball], { cwd: cache, stdio: 'ignore' });
    return existsSync(join(dist, 'array.js')) ? dist : null;
  } catch {
    return null;
  }
}

/** The page's head: PostHog's snippet-equivalent, its API on this origin under /ph (headless Chromium is no bot to it). */
export const posthogHead =
  '<script src="/ph/static/array.js"></script>' +
  `<script>posthog.init('phc_bench', { api_host: location.origin + '/ph', person_profiles: 'identified_only', opt_out_useragent_filter: true });</script>`;

/**
 * Answers PostHog's requests: its files from `dist`, flags with surveys on, no survey due, every event accepted.
 * @param {string} dist
 * @param {URL} url
 * @param {import('node:http').ServerResponse} res
 */
export async function servePosthog(dist, url, res) {
  const file = /^\/ph\/static\/(?:[\d.]+\/)?([\w.-]+\.js)$/.exec(url.pathname)?.[1];
  if (file) {
    const body = await readFile(join(dist, file)).catch(() => null);
    return void (body ? res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body) : res.writeHead(404).end());
  }
  const json = (/** @type {unknown} */ value) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
  if (url.pathname.startsWith('/ph/flags'))
    return json({ featureFlags: {}, featureFlagPayloads: {}, surveys: true, sessionRecording: false });
  if (url.pathname.startsWith('/ph/api/surveys')) return json({ surveys: [] });
  // remote config: the script form is missing, so PostHog asks for the JSON one
  if (url.pathname.endsWith('/config.js')) return void res.writeHead(404).end();
  if (url.pathname.startsWith('/ph/array/')) return json({ surveys: true, sessionRecording: false, supportedCompression: ['base64'] });
  return json({ status: 1 });
}
