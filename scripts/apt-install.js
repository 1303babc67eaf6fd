// For pretest checks: installs a missing Debian package when we are root on Debian/Ubuntu, or says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Installs `pkg`; where it cannot (not Debian, not root, apt failing), says so in one line and answers false.
 * @param {{ pkg: string, missing: string, howTo: string }} what `missing` says what was not found, `howTo` how to get it
 * @returns {boolean} whether it is installed now
 */
export function aptInstall({ pkg, missing, howTo }) {
  if (!existsSync('/usr/bin/apt-get') || process.getuid?.() !== 0) {
    console.error(`cxkit: ${missing}. ${howTo}`);
    return false;
  }
  console.log(`cxkit: ${missing}; installing Debian ${pkg} (about a minute)…`);
  try {
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkg}`, { stdio: 'inherit' });
    return true;
  } catch {
    console.error(`cxkit: installing ${pkg} failed. ${howTo}`);
    return false;
  }
}

/**
 * Returns once `pkg` is installed; exits the process when it cannot be (`aptInstall` has said why).
 * @param {{ pkg: string, missing: string, howTo: string }} what
 */
export function aptInstallOrExit(what) {
  if (!aptInstall(what)) process.exit(1);
}
