// `npm run package`: terminal installers in release/ — on Linux, AppImage and deb for
// x64 and arm64 (统信UOS and 麒麟 halls run arm64); on Windows, NSIS for x64.
//   1. checks that the Electron download hosts are reachable (fails plainly if not)
//      and that every N-API native module ships a prebuilt binary for each architecture
//   2. builds the renderer pages and the Electron bundle
//   3. for each architecture: rebuilds the native modules that need it for Electron's
//      ABI and that architecture (@electron/rebuild), then runs electron-builder with
//      electron-builder.yml for that architecture only
//   4. rebuilds better-sqlite3 for Node again, so tests and `npm start` keep working
// Native modules are rebuilt here and nowhere else: never at npm install (postinstall
// would need Electron headers on every machine), and electron-builder's own npmRebuild
// is off (electron-builder.yml).
// Needs network access: Electron binaries and headers, and better-sqlite3's prebuilt
// Electron binaries (ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR are honoured,
// e.g. https://npmmirror.com/mirrors/electron/). An arm64 package built on an x64
// machine relies on that prebuilt better-sqlite3 (there is no cross-compiler); when it
// cannot be downloaded, build the arm64 packages on an arm64 machine.
// Arguments: `--x64` / `--arm64` limit the architectures; any other argument goes to
// electron-builder, e.g. `npm run package -- --arm64 --linux deb`.
// packagePlan() is pure and exported: tests/unit/electron/packaging.test.ts checks
// what would run, with which arguments, without running any of it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Installers per build platform. electron-builder.yml lists the same matrix (a test
 * keeps them equal); Windows installers are built on Windows, Linux ones on Linux:
 * native modules are not cross-compiled between operating systems.
 */
export const targetMatrix = {
  linux: { flag: '--linux', targets: ['AppImage', 'deb'], arches: ['x64', 'arm64'] },
  win32: { flag: '--win', targets: ['nsis'], arches: ['x64'] },
};

/**
 * Every production dependency with native code. "electron": built against V8's ABI,
 * so rebuilt for Electron and each architecture. "napi": ABI-stable, loads in Electron
 * as is, from the prebuilt binary the package ships for each platform and architecture
 * (prebuilds/<dir>). A test checks this list against node_modules and asarUnpack.
 */
export const nativeModules = [
  { name: 'better-sqlite3', abi: 'electron', binary: 'build/Release/better_sqlite3.node' },
  {
    name: 'node-hid',
    abi: 'napi',
    prebuilds: (platform, arch) => (platform === 'linux' ? [`HID-linux-${arch}`, `HID_hidraw-linux-${arch}`] : [`HID-${platform}-${arch}`]),
  },
  { name: '@serialport/bindings-cpp', abi: 'napi', prebuilds: (platform, arch) => [`${platform}-${arch}`] },
];

const archFlags = new Set(['--x64', '--arm64', '--ia32', '--armv7l', '--universal']);

/**
 * The packaging steps, in order, for a build on `platform`. Each step is either a
 * command ({ title, command, args }) or a named in-process function ({ title, run }).
 * `restore` runs last whatever happened (it puts Node's native build back).
 */
export function packagePlan({ projectRoot = root, platform = process.platform, electronVersion, argv = [], execPath = process.execPath }) {
  const matrix = targetMatrix[platform];
  if (!matrix) {
    throw new Error(`ServiceHall installers are built on Linux (AppImage, deb) or Windows (NSIS), not on ${platform}.`);
  }
  const requested = argv.filter((a) => archFlags.has(a)).map((a) => a.slice(2));
  const unsupported = requested.filter((a) => !matrix.arches.includes(a));
  if (unsupported.length > 0) {
    throw new Error(`no ${platform} installer for ${unsupported.join(', ')}: electron-builder.yml builds ${matrix.arches.join(' and ')}.`);
  }
  const arches = requested.length > 0 ? matrix.arches.filter((a) => requested.includes(a)) : matrix.arches;
  const passThrough = argv.filter((a) => !archFlags.has(a));
  const bin = (...parts) => path.join(projectRoot, 'node_modules', ...parts);
  const rebuilt = nativeModules.filter((m) => m.abi === 'electron').map((m) => m.name);

  const steps = [
    { title: 'Building the renderer pages', command: execPath, args: [bin('vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'] },
    { title: 'Bundling the Electron shell', run: 'buildElectron' },
  ];
  for (const arch of arches) {
    steps.push({
      title: `Rebuilding ${rebuilt.join(', ')} for Electron ${electronVersion} on ${platform}-${arch}`,
      command: execPath,
      args: [
        bin('@electron', 'rebuild', 'lib', 'cli.js'),
        '--version', electronVersion,
        '--platform', platform,
        '--arch', arch,
        '--only', rebuilt.join(','),
        '--types', 'prod',
        '--force',
        '--module-dir', projectRoot,
      ],
    });
    steps.push({
      title: `Packaging ${matrix.targets.join(' and ')} for ${platform}-${arch}`,
      command: execPath,
      args: [bin('electron-builder', 'cli.js'), '--config', 'electron-builder.yml', '--publish', 'never', matrix.flag, ...matrix.targets, `--${arch}`, ...passThrough],
    });
  }
  const npm = platform === 'win32' ? 'npm.cmd' : 'npm';
  return { platform, arches, steps, restore: { title: 'Rebuilding better-sqlite3 for Node again', command: npm, args: ['rebuild', 'better-sqlite3'] } };
}

/** The prebuilt N-API binaries the packages need and node_modules lacks ("module: prebuilds/dir"). */
export function missingPrebuilds({ projectRoot = root, platform, arches }) {
  const missing = [];
  for (const module of nativeModules.filter((m) => m.abi === 'napi')) {
    for (const arch of arches) {
      for (const dir of module.prebuilds(platform, arch)) {
        const folder = path.join(projectRoot, 'node_modules', module.name, 'prebuilds', dir);
        const hasBinary = fs.existsSync(folder) && fs.readdirSync(folder).some((f) => f.endsWith('.node'));
        if (!hasBinary) missing.push(`${module.name}: prebuilds/${dir}`);
      }
    }
  }
  return missing;
}

/** The CPU a native binary was built for, from its ELF or PE header; null if neither. */
export function binaryTarget(bytes) {
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes.readUInt16LE(18);
    return { format: 'elf', arch: { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' }[machine] ?? `machine 0x${machine.toString(16)}` };
  }
  if (bytes.length >= 0x40 && bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.readUInt32LE(pe) === 0x00004550) {
      const machine = bytes.readUInt16LE(pe + 4);
      return { format: 'pe', arch: { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }[machine] ?? `machine 0x${machine.toString(16)}` };
    }
  }
  return null;
}

/**
 * Why the native modules in node_modules cannot go into a package for platform-arch
 * (empty when they can): each module built against V8 must be an ELF (Linux) or PE
 * (Windows) binary for that CPU, registered for Electron's ABI (node_register_module_v<abi>).
 */
export function nativeBuildProblems({ projectRoot = root, platform, arch, electronAbi }) {
  const problems = [];
  for (const module of nativeModules.filter((m) => m.abi === 'electron')) {
    const file = path.join(projectRoot, 'node_modules', module.name, module.binary);
    if (!fs.existsSync(file)) {
      problems.push(`${module.name}: ${module.binary} is missing`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    const target = binaryTarget(bytes);
    const format = platform === 'win32' ? 'pe' : 'elf';
    if (target?.format !== format || target.arch !== arch) {
      problems.push(`${module.name} is built for ${target ? `${target.format} ${target.arch}` : 'an unknown format'}, not ${platform}-${arch}`);
    }
    const abi = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'))?.[1] ?? 'no known ABI';
    if (abi !== String(electronAbi)) problems.push(`${module.name} is built for ABI ${abi}, not Electron's ${electronAbi}`);
  }
  return problems;
}

const builderArchNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * electron-builder's beforePack hook (electron-builder.yml): refuses to pack a native
 * module built for another CPU or for Node instead of Electron, which is what
 * electron-builder run directly (not through `npm run package`) would otherwise do.
 */
export async function beforePack(context) {
  const arch = builderArchNames[context.arch] ?? String(context.arch);
  const electronAbi = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const problems = nativeBuildProblems({ platform: context.electronPlatformName, arch, electronAbi });
  if (problems.length > 0) {
    throw new Error(`Not packing ${context.electronPlatformName}-${arch}: ${problems.join('; ')}. Package through \`npm run package\`, which rebuilds native modules for each architecture.`);
  }
}

/** Any HTTP answer counts as reachable; DNS failures, refusals and timeouts do not. */
async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    return true;
  } catch {
    return false;
  }
}

function runCommand(step) {
  console.log(`\n— ${step.title}`);
  const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit', shell: step.command.endsWith('.cmd') });
  if (result.status !== 0) throw new Error(`${step.title} failed (exit ${result.status ?? result.signal}).`);
}

async function main() {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const plan = packagePlan({ electronVersion, argv: process.argv.slice(2) });

  const missing = missingPrebuilds({ platform: plan.platform, arches: plan.arches });
  if (missing.length > 0) {
    console.error(`Prebuilt native binaries are missing from node_modules (reinstall with \`npm ci\`): ${missing.join(', ')}. Nothing was changed.`);
    process.exit(1);
  }
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

  try {
    for (const step of plan.steps) {
      if (step.run === 'buildElectron') {
        console.log(`\n— ${step.title}`);
        const { buildElectron } = await import('./build-electron.mjs');
        await buildElectron();
      } else {
        runCommand(step);
      }
    }
    console.log('\nInstallers are in release/.');
  } finally {
    // The rebuild replaced node_modules' better-sqlite3 with an Electron build; Node needs its own back.
    try {
      runCommand(plan.restore);
    } catch {
      console.error('better-sqlite3 is still built for Electron: run `npm rebuild better-sqlite3` before running tests.');
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
