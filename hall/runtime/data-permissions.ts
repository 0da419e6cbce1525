// Who may read the hall's files. The data folder holds the database (ticket
// history, sealed ID numbers, staff sessions), identity.key, terminals.json
// (terminal tokens) and the sync token; the configuration holds staff PIN
// hashes, which fall to an offline guess when PINs are short. On POSIX systems:
// - the data folder is 0700 and every file or folder directly in it loses its
//   group/other bits (0644 → 0600, 0755 → 0700), at every start;
// - hall.sqlite is created 0600 before SQLite opens it, so its -wal and -shm
//   (which SQLite creates with the database file's mode) are 0600 too;
// - a configuration file readable by group or others gives a warning (it is
//   the technician's file; the hall does not change it).
// Windows has no such bits: there the folder's ACL is the installer's job
// (docs/security.md).
import fs from 'node:fs';
import path from 'node:path';

const posix = process.platform !== 'win32';
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Tightens the data folder and its top-level entries; returns one line per change made.
 * Call after lockDataFolder and before openDatabase.
 */
export function secureDataFolder(dataDir: string): string[] {
  const changes: string[] = [];
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Created here (not by SQLite) so it never exists with the umask's mode.
  fs.closeSync(fs.openSync(path.join(dataDir, 'hall.sqlite'), 'a', 0o600));
  if (!posix) return changes;
  const tighten = (p: string, label: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink() || (st.mode & 0o077) === 0) return;
    const mode = st.mode & 0o700;
    fs.chmodSync(p, mode);
    changes.push(`${label}: ${octal(st.mode)} → ${octal(mode)}`);
  };
  tighten(dataDir, dataDir);
  for (const name of fs.readdirSync(dataDir)) tighten(path.join(dataDir, name), path.join(dataDir, name));
  return changes;
}

/** A warning when the configuration (it holds PIN hashes) is readable by group or others; null otherwise. */
export function configPermissionWarning(configPath: string): string | null {
  if (!posix) return null;
  const mode = fs.statSync(configPath).mode;
  if ((mode & 0o044) === 0) return null;
  return `warning: the hall configuration ${configPath} is readable by other users (mode ${octal(mode)}) and holds staff PIN hashes, which can be guessed offline; run: chmod 600 ${configPath}`;
}
