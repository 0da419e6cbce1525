// Central's migration files up to (not including) a given number, copied into a folder of their
// own — to build a database as an older central left it (tests of a migration's backfill, and
// bench/central-reports.ts which loads its events before the rollup's migration).
// The caller removes the folder when done (it is small; the OS's tmp cleaning also takes it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../../central/migrate.js';

export function centralMigrationsBefore(version: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-migrations-before-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR)) {
    if (/^\d{3}-.*\.sql$/.test(f) && Number(f.slice(0, 3)) < version) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  }
  return dir;
}
