// For pretest checks: installs a missing Debian package when we are root on Debian/Ubuntu, or stops and says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Returns once `pkg` is installed; exits the process with one line naming the problem when it cannot be.
 * @param {{ pkg: string, missing: string, howTo: string }} what `missing` says what was not found, `howTo` how to get it
 */
export function aptInstallOrExit({ pkg, missing, howTo }) {
  if (!existsSync('/usr/bin/apt-get') || process.getuid?.() !== 0) {
    console.error(`cxkit: ${missing}. ${howTo}`);
    process.exit(1);
  }
  console.log(`cxkit: ${missing}; installing Debian ${pkg} (about a minute)…`);
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`, { stdio: 'inherit' });
  } catch {
    console.error(`cxkit: installing ${pkg} failed. ${howTo}`);
    process.exit(1);
  }
}
