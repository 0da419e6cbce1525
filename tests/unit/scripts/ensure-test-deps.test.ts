// `npm test` first runs scripts/ensure-test-deps.mjs: on a fresh Debian machine it installs
// the packages the tests need (as root) or stops with the one command to run. Its decisions
// are tested here with the dpkg probe, the user id and apt-get injected; nothing is installed.
// Mutations checked: plan() installing as a non-root user, or printing the command without
// the missing packages, fails "stops at once…"; treating "not-installed" (a removed package
// whose config files remain) as installed fails the probe test; apt-get update skipped or run
// per package fails the install test.
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface RunResult {
  stdout?: string;
  status?: number | null;
  error?: Error;
}
type Run = (cmd: string, args: string[], opts?: { env?: Record<string, string | undefined> }) => RunResult;
interface EnsureTestDeps {
  TEST_PACKAGES: string[];
  missingPackages(wanted: string[], run?: Run): string[] | null;
  plan(facts: { missing: string[] | null; uid: number; hasAptGet: boolean }): { action: 'none'; note?: string } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string };
  install(packages: string[], run?: Run): number;
}

const script = path.resolve(import.meta.dirname, '../../../scripts/ensure-test-deps.mjs');
const mod = (await import(script)) as EnsureTestDeps;

describe('ensure-test-deps: the plan', () => {
  it('does nothing when every package is installed, whoever runs it', () => {
    expect(mod.plan({ missing: [], uid: 1000, hasAptGet: true })).toEqual({ action: 'none' });
    expect(mod.plan({ missing: [], uid: 0, hasAptGet: false })).toEqual({ action: 'none' });
  });

  it('installs exactly the missing packages as root', () => {
    expect(mod.plan({ missing: ['socat', 'postgresql'], uid: 0, hasAptGet: true })).toEqual({ action: 'install', packages: ['socat', 'postgresql'] });
  });

  it('stops at once with the one command to run when not root', () => {
    const decision = mod.plan({ missing: ['chromium', 'fonts-noto-cjk'], uid: 1000, hasAptGet: true });
    expect(decision).toEqual({
      action: 'stop',
      message:
        'The tests need Debian packages that are not installed: chromium fonts-noto-cjk.\n' +
        'Install them, then run npm test again:\n' +
        '  sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk',
    });
  });

  it('as root without apt-get, names the command without sudo instead of trying', () => {
    const decision = mod.plan({ missing: ['sox'], uid: 0, hasAptGet: false });
    expect(decision.action).toBe('stop');
    expect(decision.action === 'stop' && decision.message.endsWith('\n  apt-get install -y --no-install-recommends sox')).toBe(true);
  });

  it('lets the tests run (with a note) where there is no dpkg to ask', () => {
    const decision = mod.plan({ missing: null, uid: 1000, hasAptGet: false });
    expect(decision.action).toBe('none');
    expect(decision.action === 'none' && decision.note).toContain('chromium');
  });
});

describe('ensure-test-deps: the probe and the install', () => {
  it('asks dpkg once and counts only "installed" packages as present', () => {
    const calls: string[][] = [];
    const run: Run = (cmd, args) => {
      calls.push([cmd, ...args]);
      // dpkg-query prints the packages it knows; "socat" was removed (config files remain), "sox" it never heard of.
      return { status: 1, stdout: 'chromium\tinstalled\nsocat\tconfig-files\nlibusb-1.0-0:amd64\tinstalled\n' };
    };
    expect(mod.missingPackages(['chromium', 'socat', 'libusb-1.0-0', 'sox'], run)).toEqual(['socat', 'sox']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.slice(0, 2)).toEqual(['dpkg-query', '-W']);
  });

  it('answers null where dpkg-query cannot run', () => {
    const run: Run = () => ({ error: Object.assign(new Error('spawn dpkg-query ENOENT'), { code: 'ENOENT' }) });
    expect(mod.missingPackages(['chromium'], run)).toBeNull();
  });

  it('runs apt-get update once, then one noninteractive install of every missing package', () => {
    const calls: { cmd: string; args: string[]; frontend: string | undefined }[] = [];
    const run: Run = (cmd, args, opts) => {
      calls.push({ cmd, args, frontend: opts?.env?.DEBIAN_FRONTEND });
      return { status: 0 };
    };
    expect(mod.install(['socat', 'sox'], run)).toBe(0);
    expect(calls).toEqual([
      { cmd: 'apt-get', args: ['update', '-qq'], frontend: 'noninteractive' },
      { cmd: 'apt-get', args: ['install', '-y', '-qq', '--no-install-recommends', 'socat', 'sox'], frontend: 'noninteractive' },
    ]);
  });

  it('lists every package .ci/run used to install, and libfaketime for the soak smoke test', () => {
    expect(mod.TEST_PACKAGES).toEqual(expect.arrayContaining(['chromium', 'socat', 'udev', 'libusb-1.0-0', 'fonts-noto-cjk', 'fonts-noto-core', 'espeak-ng', 'sox', 'postgresql', 'faketime']));
  });
});
