// The data-folder lock is an OS lock (hall/runtime/data-lock.ts): stale files never stop a
// start, a live second hall is refused, and the kernel frees it when the holder dies.
// Mutation checked: the old pid-file lock (empty file → pid 0 → process.kill(0, 0)
// succeeds; a reused pid is "alive") fails the stale-file cases; a lock that ignores
// SQLITE_BUSY fails the second-process case.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderLockedError, lockDataFolder } from '../../../hall/runtime/data-lock.js';

const holderScript = path.join(import.meta.dirname, 'lock-holder.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-lock-'));
  dirs.push(d);
  return d;
}

/** Starts a real second process that tries to take the lock; resolves with its first line. */
function holder(dir: string): Promise<{ child: ChildProcess; line: string; code: number | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      if (out.includes('\n') && out.startsWith('locked')) resolve({ child, line: out.trim(), code: null });
    });
    child.once('exit', (code) => resolve({ child, line: out.trim(), code }));
    child.once('error', reject);
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it.each([
    ['an empty hall.lock (power cut before the old pid was written)', ''],
    ['garbage', '\u0000\u0013garbage that is not a database'],
    ['a pid reused after reboot by another live process', 'LIVE_PID'],
    ['pid 0', '0'],
  ])('a stale lock file does not stop a start: %s', (_what, content) => {
    const dir = tempDir();
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(other);
    fs.writeFileSync(path.join(dir, 'hall.lock'), content.replace('LIVE_PID', String(other.pid)));
    fs.writeFileSync(path.join(dir, 'hall.pid'), '1');
    const unlock = lockDataFolder(dir);
    unlock();
    // And again after a clean release.
    lockDataFolder(dir)();
  });

  it('a second hall in the same process is refused', () => {
    const dir = tempDir();
    const unlock = lockDataFolder(dir);
    try {
      expect(() => lockDataFolder(dir)).toThrow(DataFolderLockedError);
    } finally {
      unlock();
    }
  });

  it('a second hall process on the same folder is refused, and kill -9 of the holder frees the folder', async () => {
    const dir = tempDir();
    const first = await holder(dir);
    expect(first.line).toBe('locked');
    const second = await holder(dir);
    expect(second.code).toBe(3);
    expect(second.line).toContain(`pid ${first.child.pid}`);
    // This process is refused too while the other one holds it.
    expect(() => lockDataFolder(dir)).toThrow(/in use by another hall service/);

    const gone = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await gone;
    // The holder left hall.lock and hall.pid behind (no clean-up ran): they do not matter.
    expect(fs.existsSync(path.join(dir, 'hall.lock'))).toBe(true);
    const third = await holder(dir);
    expect(third.line).toBe('locked');
  }, 30_000);
});
