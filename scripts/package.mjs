// `npm run package`: terminal installers (Linux AppImage + deb, Windows NSIS) in release/.
//   1. checks that the Electron download hosts are reachable (fails plainly if not)
//   2. builds the renderer pages and the Electron bundle
//   3. rebuilds native modules (better-sqlite3, serialport, node-hid) for Electron's ABI
//   4. runs electron-builder with electron-builder.yml
//   5. rebuilds better-sqlite3 for Node again, so tests and `npm start` keep working
// Needs network access: Electron binaries, Electron headers and prebuilt native
// modules are downloaded (ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR are
// honoured, e.g. https://npmmirror.com/mirrors/electron/). Build the Windows
// installer on Windows: native modules are not cross-compiled.
// Extra arguments go to electron-builder: `npm run package -- --linux deb`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

/** Any HTTP answer counts as reachable; DNS failures, refusals and timeouts do not. */
async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    return true;
  } catch {
    return false;
  }
}

function step(title, command, args) {
  console.log(`\n— ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status ?? result.signal}).`);
}

async function main() {
  const needed = [
    process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases',
    'https://www.electronjs.org/headers/',
  ];
  const unreachable = [];
  for (const url of needed) if (!(await reachable(url))) unreachable.push(url);
  if (unreachable.length > 0) {
    console.error(
      `Packaging needs network access to download Electron ${electronVersion} binaries and headers, ` +
        `but ${unreachable.join(' and ')} cannot be reached from this machine. Nothing was changed. ` +
        'Run `npm run package` on a machine with internet access (or set ELECTRON_MIRROR to a reachable mirror).',
    );
    process.exit(1);
  }

  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  step('Building the renderer pages', process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts']);
  console.log('\n— Bundling the Electron shell');
  await buildElectron();
  try {
    step('Rebuilding native modules for Electron', npx, ['electron-builder', 'install-app-deps']);
    step('Packaging with electron-builder', npx, ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
    console.log('\nInstallers are in release/.');
  } finally {
    // install-app-deps rebuilt node_modules in place for Electron; Node needs its own ABI back.
    try {
      step('Rebuilding better-sqlite3 for Node again', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3']);
    } catch {
      console.error('better-sqlite3 is still built for Electron: run `npm rebuild better-sqlite3` before running tests.');
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
