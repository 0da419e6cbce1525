// The faults the soak injects besides kill -9, and what this machine allows:
//   - damaged small files between runs: hall.lock (+ hall.pid), identity.key, terminals.json;
//   - a full disk: the data folder lives on a size-limited tmpfs (root, mount permitted) that
//     is shrunk to what it holds; else RLIMIT_FSIZE on the hall process (prlimit), which
//     stops every file from growing past its size at start (the kernel then sends SIGXFSZ);
//   - a jumped clock: libfaketime (Debian `faketime`) preloaded into the hall process, its
//     offset read from a control file the soak rewrites while the hall runs.
// Danger: the tmpfs mount must be unmounted at the end (teardown()); a soak killed with
// SIGKILL leaves it mounted — `umount <dir>/disk` cleans up.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const isRoot = () => process.getuid?.() === 0;

// ---------- damaged small files ----------

export type FileFault = 'lock' | 'identity_key' | 'terminals';

/** Damages one small file of the data folder; returns which variant was applied. */
export function damage(dataDir: string, fault: FileFault, random: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const file = path.join(dataDir, fault === 'lock' ? 'hall.lock' : fault === 'identity_key' ? 'identity.key' : 'terminals.json');
  const current = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
  const variant = pick(fault === 'lock' ? ['empty', 'truncated', 'garbage', 'pid-of-a-live-process'] : ['empty', 'truncated', 'garbage']);
  if (variant === 'empty') fs.writeFileSync(file, '');
  else if (variant === 'truncated') fs.writeFileSync(file, current.subarray(0, Math.max(1, Math.floor(current.length / 2))));
  else if (variant === 'garbage') fs.writeFileSync(file, fault === 'identity_key' ? Buffer.alloc(32 + 7, 0x5a) : '\x00garbage{"');
  else {
    // A pid that exists (this very process), as after a reboot that reused the old owner's pid.
    fs.writeFileSync(file, String(process.pid));
    fs.writeFileSync(path.join(dataDir, 'hall.pid'), String(process.pid));
  }
  return variant;
}

// ---------- a full disk ----------

export interface Disk {
  kind: 'tmpfs' | 'fsize' | 'none';
  /** Where the data folder goes. */
  dataDir: string;
  /** Fill the disk now (tmpfs only: works while the hall runs). */
  fill(): boolean;
  release(): void;
  /** The wrapper that limits file sizes for the next start (fsize kind), or []. */
  wrapperForFullStart(): string[];
  teardown(): void;
}

export function prepareDisk(baseDir: string, sizeMiB: number, allowMount: boolean): Disk {
  const mountPoint = path.join(baseDir, 'disk');
  fs.mkdirSync(mountPoint, { recursive: true });
  const fullSize = `${sizeMiB}m`;
  if (allowMount && isRoot() && spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${fullSize},mode=0700`, 'tmpfs', mountPoint]).status === 0) {
    const remount = (size: string) => spawnSync('mount', ['-o', `remount,size=${size}`, mountPoint]).status === 0;
    let full = false;
    return {
      kind: 'tmpfs',
      dataDir: path.join(mountPoint, 'data'),
      fill() {
        // Shrink the file system to what it holds now (plus a page): the next growth fails with ENOSPC.
        for (let slack = 4; slack <= 64; slack *= 2) {
          const s = fs.statfsSync(mountPoint);
          const usedKiB = Math.ceil(((s.blocks - s.bfree) * s.bsize) / 1024);
          if (remount(`${usedKiB + slack}k`)) return (full = true);
        }
        return false;
      },
      release() {
        if (full && remount(fullSize)) full = false;
      },
      wrapperForFullStart: () => [],
      teardown() {
        if (spawnSync('umount', [mountPoint]).status !== 0) spawnSync('umount', ['-l', mountPoint]);
      },
    };
  }
  const dataDir = path.join(baseDir, 'data');
  const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;
  return {
    kind: hasPrlimit ? 'fsize' : 'none',
    dataDir,
    fill: () => false,
    release() {},
    wrapperForFullStart() {
      if (!hasPrlimit) return [];
      const largest = Math.max(0, ...fs.readdirSync(dataDir).map((f) => fs.statSync(path.join(dataDir, f)).size));
      return ['prlimit', `--fsize=${largest + 4096}`, '--'];
    },
    teardown() {},
  };
}

// ---------- a jumped clock ----------

const FAKETIME_PATHS = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/faketime/libfaketime.so.1'];

const findFaketime = () => FAKETIME_PATHS.find((p) => fs.existsSync(p)) ?? null;

/**
 * libfaketime's path; installs Debian's `faketime` when it is missing and this runs as root.
 * null (with the reason) when it cannot be had.
 */
export function ensureFaketime(log: (line: string) => void): string | null {
  const found = findFaketime();
  if (found || !isRoot()) {
    if (!found) log('clock jumps: off (libfaketime missing; install it with: sudo apt-get install -y faketime)');
    return found;
  }
  log('clock jumps: installing Debian faketime (libfaketime)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'faketime'], { env, stdio: 'ignore' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    install();
  }
  return findFaketime();
}

export class Clock {
  /** Seconds the hall's clock is ahead of (or, negative, behind) the real one. */
  offsetSeconds = 0;

  constructor(
    private readonly lib: string | null,
    private readonly controlFile: string,
  ) {
    if (lib) fs.writeFileSync(controlFile, '+0\n');
  }

  get available(): boolean {
    return this.lib !== null;
  }

  /** The environment that puts the hall process on this clock. */
  env(): Record<string, string> {
    if (!this.lib) return {};
    return {
      LD_PRELOAD: this.lib,
      FAKETIME_TIMESTAMP_FILE: this.controlFile,
      // Re-read the control file at most every second, so a jump lands while the hall runs.
      FAKETIME_CACHE_DURATION: '1',
      // Only wall-clock time jumps; timers (monotonic) run on.
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    };
  }

  /** Jumps the hall's clock by `seconds` (negative: back); takes effect within about a second. */
  jump(seconds: number): void {
    this.offsetSeconds += seconds;
    const s = Math.round(this.offsetSeconds);
    fs.writeFileSync(`${this.controlFile}.tmp`, `${s >= 0 ? '+' : ''}${s}\n`);
    fs.renameSync(`${this.controlFile}.tmp`, this.controlFile);
  }
}

/** The commit the soak ran against, for the report. */
export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: path.resolve(import.meta.dirname, '../..') }).toString().trim();
  } catch {
    return 'unknown';
  }
}
