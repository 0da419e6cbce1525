// Small files written atomically and durably: after a power cut the file holds
// either the old content or the new one, never a mix or zero bytes.
// Contract: write <file>.tmp-<pid>-<n> with the mode asked for, fsync it,
// rename it over <file>, fsync the directory (so the rename itself survives).
// Shared by the hall (keys, tokens, the lock) and the device agent (terminal.json, its
// journal's compaction): it lives beside drivers/' other Node-only helpers because the
// agent may import only drivers/ and protocol/ (eslint.config.js).
// Danger: only for small files written whole (tokens, keys, pids); a crash
// leaves at most a stray *.tmp-* file, which the next write of the same file
// does not need and anyone may delete.
import fs from 'node:fs';
import path from 'node:path';

let counter = 0;

/** fsync a directory so a rename or create inside it survives a power cut (no-op where unsupported). */
export function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function writeFileDurably(file: string, data: string | Uint8Array, mode = 0o600): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${counter++}`);
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.chmodSync(tmp, mode); // the umask may have narrowed or the file may have existed
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDirectory(dir);
}

/**
 * Creates `file` with `data` only if it does not exist yet, durably: the content is
 * complete and synced before the name appears (link of a synced temp file). Returns
 * false when the file already existed (its content untouched).
 */
export function createFileDurably(file: string, data: string | Uint8Array, mode = 0o600): boolean {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${counter++}`);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(tmp, mode);
    try {
      fs.linkSync(tmp, file); // atomic and exclusive: fails with EEXIST, never overwrites
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
    fsyncDirectory(dir);
    return true;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
