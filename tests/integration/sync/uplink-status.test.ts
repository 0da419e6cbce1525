// Migration 0004 on a real database file (derived HLC readings for existing
// events, even where the wall clock went back), the event log stamping new
// events, and the manager's route GET /api/v1/admin/sync over real HTTP with
// the hall's own access rules (admin terminal + staff session).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../hall/store/db.js';
import { EventLog } from '../../../hall/store/event-log.js';
import { withSyncMigration } from '../../../hall/sync/uplink/migrations.js';
import { compareHlc, parseHlc } from '../../../hall/sync/hlc.js';
import { readSyncStatus, type SyncStatusDTO } from '../../../hall/sync/status.js';
import { sendError } from '../../../hall/api/http.js';
import { Router } from '../../../hall/api/router.js';
import { syncRoutes } from '../../../hall/api/routes/sync.js';
import { PinLockout, StaffSessions, TerminalRegistry } from '../../../hall/auth/tokens.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const dirs: string[] = [];
const closers: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});
const dir = () => {
  const d = tempDataDir();
  dirs.push(d);
  return d;
};

describe('migration 0004 and the event clock', () => {
  it('gives existing events readings that grow with seq even where `at` went back; new events continue after them', () => {
    const file = path.join(dir(), 'hall.sqlite');
    const list = withSyncMigration();
    const db = new Database(file);
    closers.push(() => void (db.open && db.close()));
    migrate(db, list.filter((m) => m.version < 4));
    db.prepare("INSERT INTO hall_meta (key, value) VALUES ('hall_id', 'nm-001')").run();
    const T = Date.UTC(2026, 10, 21, 1);
    const ats = [T, T, T + 5, T - 3600_000, T - 3600_000, T + 10, T + 10];
    const insert = db.prepare('INSERT INTO events (id, type, service_day, at, schema_version, payload) VALUES (?, ?, ?, ?, 1, ?)');
    ats.forEach((at, i) => insert.run(`00000000-0000-7000-8000-00000000000${i}`, 'counter_paused', '2026-11-21', at, '{"counterId":"c1"}'));
    migrate(db, list);
    expect(db.pragma('user_version', { simple: true })).toBe(list.at(-1)!.version);

    const hlcs = db.prepare('SELECT hlc FROM events ORDER BY seq').pluck().all() as string[];
    expect(hlcs.map((h) => { const r = parseHlc(h); return [r.physical - T, r.counter]; })).toEqual([[0, 0], [0, 1], [5, 0], [5, 1], [5, 2], [10, 0], [10, 1]]);
    expect(hlcs.every((h) => parseHlc(h).node === 'nm-001')).toBe(true);
    for (const t of ['sync_cursor', 'sync_quarantine', 'sync_meta']) expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(t)).toBeDefined();

    // The event log (the runtime's append) continues from the newest stored reading, with the wall clock an hour behind.
    const log = new EventLog(db);
    const e = db.transaction(() => log.append('counter_resumed', '2026-11-21', T - 3600_000, { counterId: 'c1' }))();
    expect(compareHlc(parseHlc(e.hlc!), parseHlc(hlcs.at(-1)!))).toBe(1);
    expect(log.readSince(7, 10)[0]!.hlc).toBe(e.hlc);
  });

  it('an event log on a database without migration 0004 still appends (without readings)', () => {
    const db = openDatabase(path.join(dir(), 'old.sqlite'), withSyncMigration().filter((m) => m.version < 4));
    closers.push(() => void db.close());
    const e = new EventLog(db).append('counter_paused', '2026-11-21', 1, { counterId: 'c1' });
    expect(e.seq).toBe(1);
    expect(e.hlc).toBeUndefined();
    // And the status of such a hall says nothing is synced rather than failing.
    expect(readSyncStatus(db, { centralUrl: null, hallId: 'h', maxDriftMs: 1 }, 2)).toMatchObject({ enabled: false, state: 'offline_only', lastSeq: 1 });
  });
});

describe('GET /api/v1/admin/sync', () => {
  it('answers the status to an admin terminal with a staff session, and refuses anyone else', async () => {
    const d = dir();
    const db = openDatabase(path.join(d, 'hall.sqlite'), withSyncMigration());
    closers.push(() => void db.close());
    const log = new EventLog(db);
    const T = Date.UTC(2026, 10, 21, 1);
    db.transaction(() => [0, 1, 2].forEach((i) => log.append('counter_paused', '2026-11-21', T + i * 1000, { counterId: 'c1' })))();
    db.prepare("INSERT INTO sync_meta (key, value) VALUES ('stream', 's-1'), ('catch_up', ?)").run(JSON.stringify({ startedAt: T, fromAck: 0 }));
    db.prepare("INSERT INTO sync_cursor (stream, ack_seq, updated_at) VALUES ('s-1', 1, ?)").run(T);
    db.prepare("INSERT INTO sync_quarantine (seq, stream, event_id, type, reason, at) VALUES (1, 's-1', 'e1', 'ticket_issued', 'payload.ticketId: required', ?)").run(T);

    const terminals = new TerminalRegistry(db);
    const tokens = terminals.registerConfigured(
      [
        { id: 'admin-1', role: 'admin', name: '', zone: 'hall' },
        { id: 'kiosk-1', role: 'kiosk', name: '', zone: 'hall' },
      ],
      d,
      T,
    );
    const sessions = new StaffSessions(db);
    const now = T + 3600_000;
    const session = sessions.create({ staffId: 's01', counterId: null, terminalId: 'admin-1', expiresAt: now + 3600_000 }, now);
    const router = new Router({ terminals, sessions, lockout: new PinLockout(), staffByNo: new Map(), now: () => now });
    const settings = { centralUrl: 'http://central.test', hallId: 'nm-001', maxDriftMs: 300_000 };
    syncRoutes(router, { status: () => readSyncStatus(db, settings, now) });
    const server = http.createServer((req, res) => void router.handle(req, res, new URL(req.url!, 'http://hall')).catch((err) => sendError(res, err)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/admin/sync`;
    const get = async (headers: Record<string, string>) => {
      const res = await fetch(url, { headers });
      return { status: res.status, body: (await res.json()) as SyncStatusDTO & { error?: { code: string } } };
    };

    const ok = await get({ authorization: `Bearer ${tokens.get('admin-1')}`, 'x-staff-session': session });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ enabled: true, stream: 's-1', ackSeq: 1, lastSeq: 3, backlog: 2, oldestPendingAt: T + 1000, oldestPendingAgeMs: now - T - 1000, state: 'not_started' });
    expect(ok.body.catchUp).toEqual({ startedAt: T, acked: 1, total: 3 });
    expect(ok.body.quarantined).toEqual({ count: 1, items: [{ seq: 1, eventId: 'e1', type: 'ticket_issued', reason: 'payload.ticketId: required', at: T }] });

    expect((await get({ authorization: `Bearer ${tokens.get('admin-1')}` })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${tokens.get('kiosk-1')}`, 'x-staff-session': session })).status).toBe(403);
    expect((await get({})).status).toBe(401);
  });
});
