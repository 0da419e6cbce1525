// How `npm start` (scripts/start.mjs) decides between Electron and the headless hall.
// Checked on throw-away project folders; nothing here runs Electron or vite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

interface StartScript {
  electronAvailability(options: { projectRoot: string; env: Record<string, string>; platform: string }): { ok: boolean; reason?: string; binary?: string };
  rendererNeedsBuild(projectRoot: string): boolean;
  nativeModuleAbi(file: string): string | null;
}

let start: StartScript;
beforeAll(async () => {
  const script = path.resolve(import.meta.dirname, '../../../scripts/start.mjs');
  start = (await import(script)) as StartScript;
});

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-start-'));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

const electronInstalled = {
  'node_modules/electron/path.txt': 'electron',
  'node_modules/electron/dist/electron': '',
  'node_modules/electron/abi_version': '150',
};
const sqliteFor = (abi: string) => Buffer.from(`\x7fELF…node_register_module_v${abi}\0…`, 'latin1');
const desktop = { DISPLAY: ':0' };

describe('can Electron start here?', () => {
  it('not when the electron package has no binary (this development machine)', () => {
    const root = project({ 'node_modules/electron/package.json': '{}' });
    expect(start.electronAvailability({ projectRoot: root, env: desktop, platform: 'linux' })).toEqual({
      ok: false,
      reason: 'no binary in node_modules/electron/dist',
    });
  });

  it('not when path.txt names a binary that is missing', () => {
    const root = project({ 'node_modules/electron/path.txt': 'electron' });
    expect(start.electronAvailability({ projectRoot: root, env: desktop, platform: 'linux' }).ok).toBe(false);
  });

  it('not on Linux without a display', () => {
    const root = project(electronInstalled);
    expect(start.electronAvailability({ projectRoot: root, env: {}, platform: 'linux' }).reason).toMatch(/no display/);
    expect(start.electronAvailability({ projectRoot: root, env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' }).ok).toBe(true);
    expect(start.electronAvailability({ projectRoot: root, env: {}, platform: 'win32' }).ok).toBe(true);
  });

  it('not when SQLite is built for Node, because the master terminal runs the hall inside Electron', () => {
    const root = project({ ...electronInstalled, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node': sqliteFor('115') });
    expect(start.electronAvailability({ projectRoot: root, env: desktop, platform: 'linux' }).reason).toBe(
      'better-sqlite3 is built for ABI 115, Electron needs 150 (only npm run package rebuilds it)',
    );
  });

  it('yes with a binary, a display and SQLite built for Electron', () => {
    const root = project({ ...electronInstalled, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node': sqliteFor('150') });
    expect(start.electronAvailability({ projectRoot: root, env: desktop, platform: 'linux' })).toEqual({
      ok: true,
      binary: path.join(root, 'node_modules/electron/dist/electron'),
    });
  });

  it('not when SERVICEHALL_HEADLESS=1 asks for the headless hall', () => {
    const root = project(electronInstalled);
    expect(start.electronAvailability({ projectRoot: root, env: { ...desktop, SERVICEHALL_HEADLESS: '1' }, platform: 'linux' }).ok).toBe(false);
  });

  it('reads the ABI of the real better-sqlite3 in this checkout', () => {
    const addon = path.resolve(import.meta.dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    if (!fs.existsSync(addon)) return;
    expect(start.nativeModuleAbi(addon)).toBe(process.versions.modules);
  });
});

describe('does the renderer need a build?', () => {
  it('yes when dist/renderer is missing', () => {
    expect(start.rendererNeedsBuild(project({ 'renderer/kiosk/index.html': '<html>' }))).toBe(true);
  });

  it('yes when a source is newer than the build, no otherwise', () => {
    const root = project({ 'renderer/kiosk/index.html': '<html>', 'dist/renderer/kiosk/index.html': '<html>' });
    const old = new Date('2025-01-01T00:00:00Z');
    const recent = new Date('2025-06-01T00:00:00Z');
    fs.utimesSync(path.join(root, 'renderer/kiosk/index.html'), old, old);
    fs.utimesSync(path.join(root, 'dist/renderer/kiosk/index.html'), recent, recent);
    expect(start.rendererNeedsBuild(root)).toBe(false);
    fs.utimesSync(path.join(root, 'renderer/kiosk/index.html'), new Date(), new Date());
    expect(start.rendererNeedsBuild(root)).toBe(true);
  });
});
