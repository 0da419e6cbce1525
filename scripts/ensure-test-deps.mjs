// First step of `npm test`: the Debian packages the tests use as real parts are there.
// Tests use real parts, not mocks (a browser, pty pairs, a PostgreSQL server, fonts, voice
// tools), so on a fresh Debian or Ubuntu machine `npm test` needs these packages:
//   - as root: installs what is missing (apt-get update once, then apt-get install,
//     noninteractive) and goes on;
//   - otherwise: stops at once with the one command to run.
// Quick when everything is present: one dpkg-query call (well under a second).
// Run by hand: `node scripts/ensure-test-deps.mjs`. `.ci/run` relies on it too.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * Debian packages and why: chromium (browser e2e and voice tests), socat (pty pairs for the
 * serial device tests), udev (serialport's port listing), libusb-1.0-0 (node-hid), the Noto
 * CJK and core fonts (printed tickets and Mongolian text), espeak-ng + sox (voice clips),
 * postgresql (the central platform's tests start their own throwaway server), faketime
 * (the soak smoke test jumps the hall's clock with libfaketime).
 */
export const TEST_PACKAGES = ['chromium', 'socat', 'udev', 'libusb-1.0-0', 'fonts-noto-cjk', 'fonts-noto-core', 'espeak-ng', 'sox', 'postgresql', 'faketime'];

/**
 * The packages of `wanted` that are not installed, asking dpkg once. null when this is not a
 * Debian-like system (no dpkg-query): nothing can be checked or installed here.
 */
export function missingPackages(wanted, run = spawnSync) {
  const r = run('dpkg-query', ['-W', '-f=${Package}\t${db:Status-Status}\n', ...wanted], { encoding: 'utf8' });
  if (r.error) return null;
  const installed = new Set(
    String(r.stdout ?? '')
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([, status]) => status === 'installed')
      .map(([name]) => name.replace(/:.*$/, '')),
  );
  return wanted.filter((p) => !installed.has(p));
}

/**
 * What to do, from the facts: `missing` (null: not Debian), the user id, whether apt-get exists.
 * → { action: 'none' } | { action: 'install', packages } | { action: 'stop', message }
 */
export function plan({ missing, uid, hasAptGet }) {
  if (missing === null) {
    return { action: 'none', note: `ensure-test-deps: not a Debian-like system (no dpkg-query); the tests need the equivalents of: ${TEST_PACKAGES.join(' ')}` };
  }
  if (missing.length === 0) return { action: 'none' };
  const list = missing.join(' ');
  if (uid === 0 && hasAptGet) return { action: 'install', packages: missing };
  const command = `${uid === 0 ? '' : 'sudo '}apt-get install -y --no-install-recommends ${list}`;
  return {
    action: 'stop',
    message: `The tests need Debian packages that are not installed: ${list}.\nInstall them, then run npm test again:\n  ${command}`,
  };
}

/** apt-get update once, then install; noninteractive. Returns the exit status of the install. */
export function install(packages, run = spawnSync) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`ensure-test-deps: installing ${packages.join(' ')} (apt-get)…`);
  const update = run('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
  if (update.status !== 0) console.error('ensure-test-deps: apt-get update failed; trying the install with the lists as they are');
  return run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, stdio: 'inherit' }).status ?? 1;
}

function main() {
  const missing = missingPackages(TEST_PACKAGES);
  const uid = process.getuid?.() ?? -1;
  const hasAptGet = missing?.length ? !spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).error : false;
  const decision = plan({ missing, uid, hasAptGet });
  if (decision.action === 'none') {
    if (decision.note) console.log(decision.note);
    return 0;
  }
  if (decision.action === 'stop') {
    console.error(decision.message);
    return 1;
  }
  const status = install(decision.packages);
  const still = missingPackages(TEST_PACKAGES) ?? [];
  if (status !== 0 || still.length > 0) {
    console.error(`ensure-test-deps: apt-get could not install: ${still.join(' ') || decision.packages.join(' ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
