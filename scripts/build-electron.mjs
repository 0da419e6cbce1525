// Bundles the Electron shell, which cannot run TypeScript, into electron/dist/:
//   main.js      ESM (package.json is "type": "module"; Electron ≥ 28 loads ESM mains),
//                plus chunks/ for the hall service, loaded only by the master terminal
//   preload.cjs  CommonJS: sandboxed preloads cannot use ESM and may require only "electron"
// Native modules stay external: they are loaded from node_modules at run time,
// rebuilt for Electron's ABI by scripts/package.mjs, never here.
// Usage: node scripts/build-electron.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'electron', 'dist');

export const nativeExternals = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'bufferutil', 'utf-8-validate'];

// Bundled CommonJS dependencies call require(); ESM output has none, so give it one.
const requireShim = "import { createRequire as __serviceHallCreateRequire } from 'node:module';\nconst require = __serviceHallCreateRequire(import.meta.url);";

export async function buildElectron({ log = console.log } = {}) {
  fs.rmSync(outdir, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    external: nativeExternals,
    metafile: true,
  };
  await esbuild.build({
    ...common,
    entryPoints: { main: 'electron/main.ts' },
    outdir,
    format: 'esm',
    platform: 'node',
    target: 'node22', // Electron 45 ships Node 22
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: requireShim },
  });
  const preload = await esbuild.build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outdir, 'preload.cjs'),
    format: 'cjs',
    // "browser" makes any Node built-in import a build error: the sandbox has none.
    platform: 'browser',
    target: 'chrome140',
  });
  const preloadImports = Object.values(preload.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  const stray = preloadImports.filter((p) => p !== 'electron');
  if (stray.length > 0) throw new Error(`preload may require only "electron", but imports: ${stray.join(', ')}`);
  log(`electron shell bundled into ${path.relative(root, outdir)}/`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildElectron().catch((error) => {
    // esbuild has already printed its errors with file and line.
    console.error(error?.errors ? 'electron bundle failed.' : error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
