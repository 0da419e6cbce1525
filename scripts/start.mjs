// `npm start`: build the pages if needed, then run this machine as the hall's
// master terminal in Electron when it can, or the hall service headless when not.
// Arguments after `npm start --` go to the hall (--config, --data, --port, --host).
// SERVICEHALL_HEADLESS=1 forces the headless hall even where Electron could start.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time (ms) of any file under `dir`, or 0 if there is none. */
function newestMtime(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** The renderer needs a build when dist/renderer is missing or older than any source under renderer/. */
export function rendererNeedsBuild(projectRoot = root) {
  const built = newestMtime(path.join(projectRoot, 'dist', 'renderer'));
  return built === 0 || newestMtime(path.join(projectRoot, 'renderer')) > built;
}

/**
 * Whether Electron can run the master terminal here, and if not, why.
 * Reads files only: require('electron') would start a binary download.
 */
export function electronAvailability({ projectRoot = root, env = process.env, platform = process.platform } = {}) {
  if (env.SERVICEHALL_HEADLESS === '1') return { ok: false, reason: 'SERVICEHALL_HEADLESS=1 is set' };
  const electronDir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  const binary = fs.existsSync(pathFile) ? path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()) : null;
  if (binary === null || !fs.existsSync(binary)) return { ok: false, reason: 'no binary in node_modules/electron/dist' };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { ok: false, reason: 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  // The master terminal opens SQLite inside Electron: a better-sqlite3 built for Node's ABI would crash it.
  const electronAbi = readText(path.join(electronDir, 'abi_version'));
  const sqliteAbi = nativeModuleAbi(path.join(projectRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  if (electronAbi && sqliteAbi && electronAbi !== sqliteAbi) {
    return { ok: false, reason: `better-sqlite3 is built for ABI ${sqliteAbi}, Electron needs ${electronAbi} (only npm run package rebuilds it)` };
  }
  return { ok: true, binary };
}

function readText(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null;
}

/** The ABI a non-N-API addon was built for, from its exported node_register_module_v<ABI> symbol. */
export function nativeModuleAbi(file) {
  if (!fs.existsSync(file)) return null;
  return /node_register_module_v(\d+)/.exec(fs.readFileSync(file).toString('latin1'))?.[1] ?? null;
}

/** Runs a child with inherited stdio; forwards termination signals; resolves with an exit code. */
function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => {
    // Ctrl+C in a terminal already reaches the child (same process group); a second
    // SIGINT would cut its clean shutdown short. Other signals came to us alone.
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`cannot run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

function runSync(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  const args = process.argv.slice(2);
  if (rendererNeedsBuild()) {
    console.log('Building the renderer pages (dist/renderer is missing or older than renderer/)…');
    runSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts']);
  }
  const electron = electronAvailability();
  if (electron.ok) {
    const { buildElectron } = await import('./build-electron.mjs');
    await buildElectron();
    // This machine becomes the master kiosk: Electron starts the hall in-process (docs/electron.md).
    process.exitCode = await run(electron.binary, ['.', '--role=kiosk', '--start-hall', ...args]);
    return;
  }
  console.log(`Electron is not available (${electron.reason}); running the hall headless.`);
  process.exitCode = await run(process.execPath, ['--import', 'tsx', 'hall/main.ts', ...args]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
