// Small files that must survive a power cut whole: written to a temporary file,
// fsync'd, renamed over the old one, and the folder fsync'd. A reader sees the
// old content or the new, never a torn mix. Mode 0600: these may hold secrets.
import fs from 'node:fs';
import path from 'node:path';

export function writeFileDurably(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
