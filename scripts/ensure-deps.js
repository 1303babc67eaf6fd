// prestart / pretest: installs the dependencies when they are missing or older than package-lock.json, and says so,
// so that `npm start` and `npm test` each work as the first command on a fresh clone.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (/** @type {string} */ path) => `${root}${path}`;
// npm writes node_modules/.package-lock.json on every install: older than the lock file means the lock changed since
const installed = at('node_modules/.package-lock.json');
const missing = !existsSync(installed) || !existsSync(at('node_modules/.bin/vite'));
const stale = !missing && statSync(at('package-lock.json')).mtimeMs > statSync(installed).mtimeMs;
if (missing || stale) {
  console.log(
    `cxkit: dependencies ${missing ? 'are not installed' : 'are older than package-lock.json'}; running npm ci (about two minutes)…`,
  );
  try {
    execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  } catch {
    console.error('cxkit: npm ci failed; see its output above');
    process.exit(1);
  }
}
