// Applies central/migrations/NNN-name.sql in order at startup and records each
// applied file in schema_migrations. Contract: each file runs in its own
// transaction together with its schema_migrations row, so a failing file
// leaves the database at the previous migration; a session advisory lock makes
// two servers starting at once apply each file once.
// Dangers: never edit a migration that has shipped — add a new file. File
// names must start with three digits (001-, 002-, …); numbers must be unique.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Arbitrary constant: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 5_170_001;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = new Map<number, string>();
  return files.map((file) => {
    const m = /^(\d{3})-[a-z0-9-]+\.sql$/.exec(file);
    if (!m) throw new Error(`migration file name "${file}" must look like 001-name.sql`);
    const version = Number(m[1]);
    const other = seen.get(version);
    if (other) throw new Error(`migrations "${other}" and "${file}" share the number ${m[1]}`);
    seen.set(version, file);
    return { version, name: file, sql: fs.readFileSync(`${dir}/${file}`, 'utf8') };
  });
}

/** Applies the migrations not applied yet; returns the names it applied. */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const file of files) {
      if (done.has(file.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [file.version, file.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file.name} failed, database left at the previous migration: ${(err as Error).message}`, { cause: err });
      }
      applied.push(file.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
