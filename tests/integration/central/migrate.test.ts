// Migrations and re-interpretation at startup, on real PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../../central/migrate.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { ev, simple, startCentral } from './helpers.js';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

describe('migrate', () => {
  it('applies every file once, in order, even when two servers migrate at once', async () => {
    const pool = new pg.Pool({ connectionString: await server.createDatabase() });
    try {
      const [a, b] = await Promise.all([migrate(pool), migrate(pool)]);
      const names = readMigrations().map((m) => m.name);
      expect([...a, ...b].sort()).toEqual(names);
      expect(await migrate(pool)).toEqual([]);
      const rows = await pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.rows.map((r) => r.name)).toEqual(names);
      expect(rows.rows[0]).toEqual({ version: 1, name: '001-core.sql' });
    } finally {
      await pool.end();
    }
  });

  it('leaves the database at the previous migration when a file fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-migrations-'));
    fs.writeFileSync(path.join(dir, '001-one.sql'), 'CREATE TABLE one (x int);');
    fs.writeFileSync(path.join(dir, '002-two.sql'), 'CREATE TABLE two (x int); INSERT INTO two VALUES (1); SELECT no_such_function();');
    const pool = new pg.Pool({ connectionString: await server.createDatabase() });
    try {
      await expect(migrate(pool, dir)).rejects.toThrow(/migration 002-two\.sql failed, database left at the previous migration: .*no_such_function/);
      const tables = await pool.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      expect(tables.rows.map((r) => r.table_name)).toEqual(['one', 'schema_migrations']);
      fs.writeFileSync(path.join(dir, '002-two.sql'), 'CREATE TABLE two (x int);');
      expect(await migrate(pool, dir)).toEqual(['002-two.sql']);
    } finally {
      await pool.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses badly named or duplicate-numbered files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-migrations-'));
    try {
      fs.writeFileSync(path.join(dir, '001-a.sql'), '');
      fs.writeFileSync(path.join(dir, '001-b.sql'), '');
      expect(() => readMigrations(dir)).toThrow(/share the number 001/);
      fs.rmSync(path.join(dir, '001-b.sql'));
      fs.writeFileSync(path.join(dir, 'two.sql'), '');
      expect(() => readMigrations(dir)).toThrow(/must look like 001-name\.sql/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('re-interpretation at startup', () => {
  it('moves parked events of a now-known version and quarantined events that now pass into events; poison stays', async () => {
    const c = await startCentral(server);
    const h = await c.hall('hall-p');
    await h.push([simple(1), ev(2, 'counter_paused', { counterId: 'c1' }, { schemaVersion: 2 }), ev(3, 'counter_paused', {}), simple(4)]);
    const pool = c.central.pool;
    // Simulate a server upgrade: version 2 of counter_paused is now understood as version 1,
    // and a fixed validator now accepts the quarantined event at seq 3 as it is stored.
    await pool.query(`UPDATE parked SET schema_version = 1, raw = jsonb_set(raw::jsonb, '{schemaVersion}', '1')::text WHERE seq = 2`);
    await pool.query(`UPDATE quarantine SET raw = jsonb_set(raw::jsonb, '{payload}', '{"counterId": "c9"}')::text WHERE seq = 3`);
    await h.push([ev(5, 'counter_paused', { counterId: 42 })]); // stays poison
    const url = c.databaseUrl;
    await c.close();

    const again = await startCentral(server, {}, url);
    try {
      const events = await again.central.pool.query('SELECT seq::int, type, payload FROM events ORDER BY seq');
      expect(events.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(events.rows[2].payload).toEqual({ counterId: 'c9' });
      const left = await again.central.pool.query('SELECT seq::int, reason FROM quarantine UNION ALL SELECT seq::int, \'parked\' FROM parked');
      expect(left.rows).toEqual([{ seq: 5, reason: expect.stringMatching(/^payload\.counterId: /) }]);
    } finally {
      await again.close();
    }
  });
});
