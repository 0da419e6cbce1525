// Helper process for data-lock.test.ts: takes the data folder lock of argv[2] the way the
// hall does, prints "locked" and waits to be killed; prints "refused: …" and exits 3 when
// another process holds it.
import { DataFolderLockedError, lockDataFolder } from '../../../hall/runtime/data-lock.js';

try {
  lockDataFolder(process.argv[2]!);
  process.stdout.write('locked\n');
  setInterval(() => {}, 60_000);
} catch (err) {
  process.stdout.write(`refused: ${(err as Error).message}\n`);
  process.exit(err instanceof DataFolderLockedError ? 3 : 4);
}
