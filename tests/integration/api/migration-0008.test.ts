// Migration 0008 (ticket_issue_keys) upgrades a real version-7 database file: the tables
// already there keep their rows, and the key table accepts a key for an existing ticket only
// (its ticket_id references tickets). Mutation tried: 0008 unregistered — user_version stays 7
// and the insert finds no table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-m8-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migration 0008', () => {
  it('upgrades a version-7 file and keeps what it holds', () => {
    const file = path.join(dir, 'hall.sqlite');
    const old = openDatabase(file, migrations.filter((m) => m.version <= 7));
    expect(old.pragma('user_version', { simple: true })).toBe(7);
    old.prepare("INSERT INTO hall_meta (key, value) VALUES ('probe', 'kept')").run();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
    expect(db.prepare("SELECT value FROM hall_meta WHERE key = 'probe'").pluck().get()).toBe('kept');
    const insert = db.prepare("INSERT INTO ticket_issue_keys (kiosk_id, idempotency_key, service_day, request_hash, ticket_id, created_at) VALUES ('kiosk-1', 'k', '2026-11-23', 'h', ?, 0)");
    expect(() => insert.run('no-such-ticket')).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
