// Packaging, as far as it can be checked without downloading Electron: electron-builder.yml
// through electron-builder's own loader, schema and file matchers; the plan of
// scripts/package.mjs (what it would run, with which arguments), without running it;
// the native modules it rebuilds or relies on; and the supervisor files under packaging/.
// Nothing here runs electron-builder, @electron/rebuild or the installers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSupervised } from '../../../electron/main-guard.js';
import { GIVE_UP_EXIT_CODE } from '../../../electron/recovery.js';

const root = path.resolve(import.meta.dirname, '../../..');
// electron-builder's internals (and its js-yaml, @xmldom) come with electron-builder itself.
const requireFromRoot = createRequire(path.join(root, 'package.json'));

type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface FileMatcherLike {
  from: string;
  createFilter(): Filter;
}
interface TargetEntry {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  productName: string;
  npmRebuild: boolean;
  asar: boolean;
  files: unknown[];
  asarUnpack: string[];
  linux: { target: TargetEntry[]; executableName: string };
  win: { target: TargetEntry[] };
  nsis: { perMachine: boolean };
  [key: string]: unknown;
}
interface PlanStep {
  title: string;
  command?: string;
  args?: string[];
  run?: string;
}
interface PackageScript {
  targetMatrix: Record<string, { flag: string; targets: string[]; arches: string[] }>;
  nativeModules: { name: string; abi: 'electron' | 'napi'; prebuilds?: (platform: string, arch: string) => string[] }[];
  packagePlan(options: { projectRoot?: string; platform: string; electronVersion: string; argv?: string[]; execPath?: string }): {
    platform: string;
    arches: string[];
    steps: PlanStep[];
    restore: PlanStep;
  };
  missingPrebuilds(options: { projectRoot?: string; platform: string; arches: string[] }): string[];
  binaryTarget(bytes: Buffer): { format: string; arch: string } | null;
  nativeBuildProblems(options: { projectRoot?: string; platform: string; arch: string; electronAbi: string }): string[];
  beforePack(context: { electronPlatformName: string; arch: number }): Promise<void>;
}

let config: BuilderConfig;
let script: PackageScript;
let nativeExternals: string[];
const builder = {
  config: requireFromRoot('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
  },
  matchers: requireFromRoot('app-builder-lib/out/fileMatcher') as {
    getMainFileMatchers(appDir: string, destination: string, expand: (p: string) => string, options: object, packager: object, outDir: string, isElectronCompile: boolean): FileMatcherLike[];
    getNodeModuleFileMatcher(appDir: string, destination: string, expand: (p: string) => string, options: object, packager: object): FileMatcherLike;
    getFileMatchers(config: BuilderConfig, name: string, destination: string, options: object): FileMatcherLike[] | null;
  },
  DebugLogger: (requireFromRoot('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }).DebugLogger,
};

beforeAll(async () => {
  config = await builder.config.getConfig(root, 'electron-builder.yml', null);
  script = (await import(path.join(root, 'scripts/package.mjs'))) as PackageScript;
  nativeExternals = ((await import(path.join(root, 'scripts/build-electron.mjs'))) as { nativeExternals: string[] }).nativeExternals;
}, 60_000);

const expand = (pattern: string) => pattern;
const file = { isDirectory: () => false };
const outDir = path.join(root, 'release');
function fakePackager() {
  return { info: { projectDir: root, buildResourcesDir: 'build', isPrepackedAppAsar: false, config, debugLogger: { isEnabled: false } } };
}

describe('electron-builder.yml', () => {
  // Compiling electron-builder's JSON schema takes seconds on a loaded machine.
  it('is a configuration electron-builder itself accepts', { timeout: 60_000 }, async () => {
    await expect(builder.config.validateConfiguration(config, new builder.DebugLogger(false))).resolves.toBeUndefined();
    // The validator is not a rubber stamp: a misspelt option is refused.
    const broken = { ...config, linux: { ...config.linux, targets: config.linux.target } };
    await expect(builder.config.validateConfiguration(broken, new builder.DebugLogger(false))).rejects.toThrow('configuration.linux');
  });

  // Mutation checked: deb for x64 only fails here; npmRebuild: true fails the next test.
  it('builds NSIS for Windows x64 and AppImage and deb for Linux x64 and arm64, the matrix package.mjs runs', () => {
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    for (const [platform, section] of [['linux', config.linux], ['win32', config.win]] as const) {
      const matrix = script.targetMatrix[platform];
      expect(matrix?.targets).toEqual(section.target.map((t) => t.target));
      for (const t of section.target) expect(t.arch).toEqual(matrix?.arches);
    }
  });

  it('leaves native rebuilds to package.mjs: npmRebuild off, and no install script rebuilds anything', () => {
    expect(config.npmRebuild).toBe(false);
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook]).toBeUndefined();
    expect(JSON.stringify(scripts)).not.toMatch(/install-app-deps|electron-rebuild|@electron\/rebuild/);
  });

  it('packs the bundles, the pages and the configuration, and none of the sources, tests, data or releases', () => {
    const [matcher] = builder.matchers.getMainFileMatchers(root, '/app', expand, config.linux, fakePackager(), outDir, false);
    if (!matcher) throw new Error('no file matcher');
    const included = matcher.createFilter();
    const at = (p: string) => included(path.join(root, p), file);
    for (const p of ['package.json', 'electron/dist/main.js', 'electron/dist/preload.cjs', 'electron/dist/chunks/service-X.js', 'dist/renderer/kiosk/index.html', 'config/demo-hall.json']) {
      expect(at(p), p).toBe(true);
    }
    for (const p of ['electron/main.ts', 'electron/shell.ts', 'hall/service.ts', 'renderer/kiosk/main.tsx', 'tests/unit/electron/packaging.test.ts', 'data/hall.sqlite', 'release/ServiceHall-0.1.0.AppImage', 'electron-builder.yml', 'scripts/package.mjs', 'packaging/README.md', '.git/config', 'node_modules/ws/index.js']) {
      expect(at(p), p).toBe(false);
    }
    // The app's entry points are inside what is packed.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(at(pkg.main)).toBe(true);

    // Every real file of the checkout that would be packed is one of the built outputs.
    const packed: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.name === 'node_modules' || entry.name === '.git') continue;
        if (entry.isDirectory()) walk(rel);
        else if (at(rel)) packed.push(rel);
      }
    };
    walk('');
    expect(packed).toContain('package.json');
    for (const rel of packed) expect(rel, rel).toMatch(/^(package\.json|electron\/dist\/|dist\/renderer\/|config\/)/);
  });

  it('copies production modules without the build tools', () => {
    const included = builder.matchers.getNodeModuleFileMatcher(root, '/app', expand, config.linux, fakePackager().info).createFilter();
    const at = (p: string) => included(path.join(root, p), file);
    for (const p of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/ws/index.js', 'node_modules/zod/package.json']) expect(at(p), p).toBe(true);
    for (const p of ['node_modules/vite/package.json', 'node_modules/tsx/package.json', 'node_modules/esbuild/package.json', 'node_modules/typescript/package.json', 'node_modules/@types/pngjs/index.d.ts']) {
      expect(at(p), p).toBe(false);
    }
  });

  // Mutation checked: with node-hid removed from asarUnpack, its .node files are reported.
  it('unpacks every native binary from the asar, and nothing else', () => {
    expect(config.asar).toBe(true);
    const [matcher] = builder.matchers.getFileMatchers(config, 'asarUnpack', '/app', { macroExpander: expand, customBuildOptions: config.linux, globalOutDir: outDir, defaultSrc: root }) ?? [];
    if (!matcher) throw new Error('no asarUnpack matcher');
    const unpacked = matcher.createFilter();
    const binaries = script.nativeModules.flatMap((m) => findFiles(path.join(root, 'node_modules', m.name), '.node'));
    expect(binaries.length).toBeGreaterThanOrEqual(script.nativeModules.length);
    expect(binaries.filter((b) => !unpacked(b, file))).toEqual([]);
    expect(unpacked(path.join(root, 'node_modules/ws/index.js'), file)).toBe(false);
    expect(unpacked(path.join(root, 'electron/dist/main.js'), file)).toBe(false);
  });

  it('installs the supervisor files with the app, under resources/packaging', () => {
    const [matcher] = builder.matchers.getFileMatchers(config, 'extraResources', '/res', { macroExpander: expand, customBuildOptions: config.linux, globalOutDir: outDir, defaultSrc: root }) ?? [];
    if (!matcher) throw new Error('no extraResources');
    expect(matcher.from).toBe(path.join(root, 'packaging'));
    const shipped = matcher.createFilter();
    for (const rel of ['linux/servicehall-terminal.service', 'linux/servicehall-terminal.desktop', 'windows/servicehall-terminal-task.xml', 'windows/supervise.ps1', 'README.md']) {
      expect(fs.existsSync(path.join(root, 'packaging', rel)), rel).toBe(true);
      expect(shipped(path.join(root, 'packaging', rel), file), rel).toBe(true);
    }
  });
});

describe('native modules', () => {
  // Mutation checked: dropping @serialport/bindings-cpp from package.mjs's nativeModules fails here.
  it('lists every production dependency with native code, and the bundle keeps each one external', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const native = Object.entries(lock.packages)
      .filter(([key, entry]) => key.startsWith('node_modules/') && !key.slice(13).includes('/node_modules/') && entry.dev !== true)
      .map(([key]) => key.slice('node_modules/'.length))
      .filter((name) => fs.existsSync(path.join(root, 'node_modules', name, 'binding.gyp')));
    expect(native.sort()).toEqual(script.nativeModules.map((m) => m.name).sort());
    for (const m of script.nativeModules) {
      const external = nativeExternals.some((e) => e === m.name || (e.endsWith('/*') && m.name.startsWith(e.slice(0, -1))));
      expect(external, m.name).toBe(true);
    }
  });

  it('has the prebuilt N-API binaries of every target architecture in node_modules', () => {
    expect(script.missingPrebuilds({ platform: 'linux', arches: ['x64', 'arm64'] })).toEqual([]);
    expect(script.missingPrebuilds({ platform: 'win32', arches: ['x64'] })).toEqual([]);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-prebuilds-'));
    try {
      expect(script.missingPrebuilds({ projectRoot: empty, platform: 'linux', arches: ['arm64'] })).toEqual([
        'node-hid: prebuilds/HID-linux-arm64',
        'node-hid: prebuilds/HID_hidraw-linux-arm64',
        '@serialport/bindings-cpp: prebuilds/linux-arm64',
      ]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the beforePack guard (scripts/package.mjs)', () => {
  /** A minimal ELF or PE header for a CPU, followed by the addon's registration symbol. */
  function fakeAddon(format: 'elf' | 'pe', machine: number, abi: string): Buffer {
    const header = Buffer.alloc(0x100);
    if (format === 'elf') {
      header.writeUInt32BE(0x7f454c46, 0);
      header.writeUInt16LE(machine, 18);
    } else {
      header.writeUInt16LE(0x5a4d, 0);
      header.writeUInt32LE(0x80, 0x3c);
      header.writeUInt32LE(0x00004550, 0x80);
      header.writeUInt16LE(machine, 0x84);
    }
    return Buffer.concat([header, Buffer.from(`\0node_register_module_v${abi}\0`, 'latin1')]);
  }
  function projectWith(addon: Buffer | null): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-native-'));
    if (addon) {
      fs.mkdirSync(path.join(dir, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), addon);
    }
    return dir;
  }

  it('reads the CPU of the real better-sqlite3 build from its ELF header', () => {
    const real = fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    const hostArch = process.arch === 'x64' || process.arch === 'arm64' ? process.arch : null;
    if (process.platform === 'linux' && hostArch !== null) expect(script.binaryTarget(real)).toEqual({ format: 'elf', arch: hostArch });
    expect(script.binaryTarget(Buffer.from('not a binary'))).toBeNull();
  });

  it('accepts an Electron build for the target CPU, and names every mismatch', () => {
    const cases: [Buffer | null, string, string, string[]][] = [
      [fakeAddon('elf', 0xb7, '150'), 'linux', 'arm64', []],
      [fakeAddon('pe', 0x8664, '150'), 'win32', 'x64', []],
      [fakeAddon('elf', 0x3e, '150'), 'linux', 'arm64', ['better-sqlite3 is built for elf x64, not linux-arm64']],
      [fakeAddon('elf', 0x3e, '127'), 'linux', 'x64', ["better-sqlite3 is built for ABI 127, not Electron's 150"]],
      [fakeAddon('elf', 0x3e, '150'), 'win32', 'x64', ['better-sqlite3 is built for elf x64, not win32-x64']],
      [null, 'linux', 'x64', ['better-sqlite3: build/Release/better_sqlite3.node is missing']],
    ];
    for (const [addon, platform, arch, problems] of cases) {
      const dir = projectWith(addon);
      try {
        expect(script.nativeBuildProblems({ projectRoot: dir, platform, arch, electronAbi: '150' }), `${platform}-${arch}`).toEqual(problems);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  // Mutation checked: with beforePack removed from electron-builder.yml, resolveFunction returns null and this fails.
  it('is the hook electron-builder resolves from electron-builder.yml, and it refuses the Node build in node_modules', { timeout: 30_000 }, async () => {
    const resolve = requireFromRoot('app-builder-lib/out/util/resolve') as {
      resolveFunction(type: string, executor: unknown, name: string, root: string): Promise<unknown>;
    };
    const hook = await resolve.resolveFunction('module', config.beforePack, 'beforePack', root);
    // package.mjs's beforePack, loaded by electron-builder itself (its own instance of the module).
    expect(typeof hook === 'function' && hook.name).toBe('beforePack');
    // node_modules holds better-sqlite3 built for Node (the tests need it), never for Electron:
    // packing it must fail, for either architecture.
    const run = hook as typeof script.beforePack;
    await expect(run({ electronPlatformName: 'linux', arch: 3 })).rejects.toThrow(/Not packing linux-arm64: .*not Electron's/);
    await expect(run({ electronPlatformName: 'linux', arch: 1 })).rejects.toThrow(/Not packing linux-x64: better-sqlite3 is built for ABI \d+, not Electron's \d+/);
  });
});

describe('the packaging plan (scripts/package.mjs)', () => {
  const electronVersion = '45.4.1';
  const plan = (platform: string, argv: string[] = []) => script.packagePlan({ projectRoot: '/src/servicehall', platform, electronVersion, argv, execPath: '/usr/bin/node' });

  it('on Linux: builds once, then per architecture rebuilds better-sqlite3 for Electron and packages that architecture', () => {
    const linux = plan('linux');
    expect(linux.arches).toEqual(['x64', 'arm64']);
    expect(linux.steps.map((s) => s.title)).toEqual([
      'Building the renderer pages',
      'Bundling the Electron shell',
      'Rebuilding better-sqlite3 for Electron 45.4.1 on linux-x64',
      'Packaging AppImage and deb for linux-x64',
      'Rebuilding better-sqlite3 for Electron 45.4.1 on linux-arm64',
      'Packaging AppImage and deb for linux-arm64',
    ]);
    expect(linux.steps[4]).toEqual({
      title: 'Rebuilding better-sqlite3 for Electron 45.4.1 on linux-arm64',
      command: '/usr/bin/node',
      args: [
        '/src/servicehall/node_modules/@electron/rebuild/lib/cli.js',
        '--version', '45.4.1',
        '--platform', 'linux',
        '--arch', 'arm64',
        '--only', 'better-sqlite3',
        '--types', 'prod',
        '--force',
        '--module-dir', '/src/servicehall',
      ],
    });
    expect(linux.steps[5]?.args).toEqual([
      '/src/servicehall/node_modules/electron-builder/cli.js',
      '--config', 'electron-builder.yml', '--publish', 'never',
      '--linux', 'AppImage', 'deb', '--arm64',
    ]);
    expect(linux.restore).toEqual({ title: 'Rebuilding better-sqlite3 for Node again', command: 'npm', args: ['rebuild', 'better-sqlite3'] });
  });

  it('on Windows: NSIS for x64 only', () => {
    const win = plan('win32');
    expect(win.arches).toEqual(['x64']);
    expect(win.steps.filter((s) => s.title.startsWith('Packaging')).map((s) => s.args?.slice(5))).toEqual([['--win', 'nsis', '--x64']]);
    expect(win.restore.command).toBe('npm.cmd');
  });

  it('limits the architectures on request and passes other arguments to electron-builder', () => {
    const arm = plan('linux', ['--arm64', '--dir']);
    expect(arm.arches).toEqual(['arm64']);
    expect(arm.steps.at(-1)?.args?.slice(-2)).toEqual(['--arm64', '--dir']);
    expect(arm.steps.some((s) => s.args?.includes('x64'))).toBe(false);
  });

  it('refuses what the matrix does not build, with a plain message', () => {
    expect(() => plan('darwin')).toThrow('built on Linux (AppImage, deb) or Windows (NSIS), not on darwin');
    expect(() => plan('win32', ['--arm64'])).toThrow('no win32 installer for arm64');
  });

  it('runs tools that exist in node_modules, and rebuilds only the module built against V8', () => {
    const real = script.packagePlan({ platform: 'linux', electronVersion, execPath: process.execPath });
    for (const step of real.steps.filter((s) => s.command === process.execPath)) {
      const tool = step.args?.[0] ?? '';
      expect(fs.existsSync(tool), tool).toBe(true);
    }
    expect(script.nativeModules.filter((m) => m.abi === 'electron').map((m) => m.name)).toEqual(['better-sqlite3']);
    // better-sqlite3 is not N-API: it exports a V8-ABI-specific registration symbol.
    const addon = fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    expect(addon.includes('node_register_module_v')).toBe(true);
  });
});

describe('supervisor files (packaging/)', () => {
  const read = (rel: string) => fs.readFileSync(path.join(root, 'packaging', rel), 'utf8');

  // Mutations checked: RestartPreventExitStatus=4 fails here; a misspelt key (RestartSecs=) fails the systemd-analyze test.
  it('systemd: starts the deb-installed binary, supervised, restarts except after a give-up, and caps restarts', () => {
    const unit = parseIni(read('linux/servicehall-terminal.service'));
    expect(unit.Service?.ExecStart).toEqual([`/opt/${config.productName}/${config.linux.executableName}`]);
    const env = Object.fromEntries((unit.Service?.Environment ?? []).map((e) => e.split('=') as [string, string]));
    expect(isSupervised(env)).toBe(true);
    expect(unit.Service?.Restart).toEqual(['always']);
    expect(unit.Service?.RestartPreventExitStatus).toEqual([String(GIVE_UP_EXIT_CODE)]);
    expect(Number(unit.Unit?.StartLimitBurst?.[0])).toBeGreaterThan(0);
    expect(Number(unit.Unit?.StartLimitIntervalSec?.[0])).toBe(3600);
    expect(unit.Install?.WantedBy).toEqual(['graphical-session.target']);
  });

  it('systemd-analyze finds nothing to complain about in the unit (when systemd is installed)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-unit-'));
    try {
      // The binary is not installed here: verify the unit against one that exists.
      const copy = path.join(dir, 'servicehall-terminal.service');
      fs.writeFileSync(copy, read('linux/servicehall-terminal.service').replace(/^ExecStart=.*$/m, `ExecStart=${process.execPath}`));
      const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return; // no systemd on this machine: the parse above stands
      expect(result.stderr.replace(/.*RuntimeDirectory.*\n?|.*Failed to initialize manager.*\n?/g, '')).toBe('');
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('autostart entry: starts the unit with the session\'s display', () => {
    const entry = parseIni(read('linux/servicehall-terminal.desktop'))['Desktop Entry'];
    expect(entry?.Type).toEqual(['Application']);
    expect(entry?.Exec?.[0]).toContain('systemctl --user start servicehall-terminal.service');
    expect(entry?.Exec?.[0]).toContain('import-environment DISPLAY');
  });

  // Mutation checked: a mismatched closing tag (</Setting>) in the task XML fails here.
  it('Windows task: well-formed XML, at logon, one instance, no time limit, runs supervise.ps1 from the install folder', () => {
    const { DOMParser } = requireFromRoot('@xmldom/xmldom') as { DOMParser: new (options: object) => { parseFromString(xml: string, type: string): XmlDoc } };
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: (level: string, message: string) => void errors.push(`${level}: ${message}`) }).parseFromString(read('windows/servicehall-terminal-task.xml'), 'text/xml');
    expect(errors).toEqual([]);
    const text = (tag: string) => doc.getElementsByTagName(tag)[0]?.textContent ?? null;
    expect(doc.getElementsByTagName('LogonTrigger')).toHaveLength(1);
    expect(text('MultipleInstancesPolicy')).toBe('IgnoreNew');
    expect(text('ExecutionTimeLimit')).toBe('PT0S');
    expect(text('DisallowStartIfOnBatteries')).toBe('false');
    expect(text('Command')).toBe('powershell.exe');
    expect(text('Arguments')).toContain(`-File "C:\\Program Files\\${config.productName}\\resources\\packaging\\windows\\supervise.ps1"`);
    expect(config.nsis.perMachine).toBe(true); // what puts the app in Program Files
  });

  it('Windows supervisor loop: supervised, stops on the give-up code, caps starts, finds the installed exe', () => {
    const ps1 = read('windows/supervise.ps1');
    expect(ps1).toMatch(new RegExp(`^\\$GiveUpExitCode = ${GIVE_UP_EXIT_CODE}$`, 'm'));
    const supervisor = /^\$env:SERVICEHALL_SUPERVISOR = '([^']+)'$/m.exec(ps1)?.[1];
    expect(isSupervised({ SERVICEHALL_SUPERVISOR: supervisor })).toBe(true);
    expect(ps1).toMatch(/\[int\]\$MaxPerHour = \d+/);
    // resources\packaging\windows\ → three levels up is the install folder.
    expect(ps1).toContain(`(Join-Path $PSScriptRoot '..\\..\\..\\${config.productName}.exe')`);
  });
});

interface XmlDoc {
  getElementsByTagName(tag: string): ArrayLike<{ textContent: string | null }> & { length: number };
}

/** systemd units and desktop entries: [Section] then Key=Value lines; keys may repeat. */
function parseIni(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let current: Record<string, string[]> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = sections[header[1] as string] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (current === null || eq < 1) throw new Error(`not a key=value line inside a section: ${line}`);
    const key = line.slice(0, eq);
    (current[key] ??= []).push(line.slice(eq + 1));
  }
  return sections;
}

function findFiles(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath, e.name));
}
