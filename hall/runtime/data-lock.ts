// One hall service per data folder: a second one would issue the same
// numbers twice. The lock file holds the owner's pid; a lock left by a
// process that no longer exists (kill -9, power loss) is taken over.
import fs from 'node:fs';
import path from 'node:path';

export class DataFolderLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`the data folder ${dir} is in use by another hall service (pid ${pid}); stop it first or use another --data folder`);
    this.name = 'DataFolderLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this process holds: a second hall service in the same process is refused too. */
const heldHere = new Set<string>();

export function lockDataFolder(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'hall.lock');
  if (heldHere.has(file)) throw new DataFolderLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldHere.add(file);
      return () => {
        heldHere.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) throw new DataFolderLockedError(dir, owner);
      fs.rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`cannot lock the data folder ${dir}`);
}
