// One upgrade test per migration (hall/store/migrations/index.ts promises it): each builds a
// real SQLite file at the previous version through the real migrations, fills every table
// that exists then with representative rows, upgrades it with the real migration code, and
// checks that every row kept its values and that the new schema holds (tables, columns,
// indexes, constraints, the derived values a migration computes).
// A migration registered in index.ts without a test here fails the last test.
// Mutations tried: 0004's derived clock counting `k` from 1 (the hlc readings differ);
// 0002 without ON DELETE CASCADE (the identity row outlives its ticket); 0003's
// `UPDATE tickets SET line_key = issued_at` removed (line_key null); a test deleted
// from this file (the coverage test names the missing version).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { EventLog } from '../../../hall/store/event-log.js';
import { parseHlc } from '../../../hall/sync/hlc.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  open.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const DAY = '2026-11-23';
const T = Date.UTC(2026, 10, 23, 1, 0);

/** Representative rows for the tables each migration creates, written with the columns of that migration. */
const seeds: Record<number, (db: Db) => void> = {
  1: (db) => {
    db.prepare("INSERT INTO hall_meta (key, value) VALUES ('hall_id', 'hall 7:east')").run();
    const event = db.prepare('INSERT INTO events (id, type, service_day, at, schema_version, payload) VALUES (?, ?, ?, ?, 1, ?)');
    // The wall clock went back between the first two events (NTP step): 0004 must still order them.
    event.run('e1', 'counter_signed_in', DAY, T + 1000, JSON.stringify({ counterId: 'c1', staffId: 's1' }));
    event.run('e2', 'ticket_issued', DAY, T + 900, JSON.stringify({ ticketId: 't1', number: 'A001' }));
    event.run('e3', 'ticket_called', DAY, T + 1000, JSON.stringify({ ticketId: 't1', number: 'A001', counterId: 'c1' }));
    event.run('e4', 'ticket_issued', DAY, T + 5000, JSON.stringify({ ticketId: 't2', number: 'A002' }));
    const ticket = db.prepare(
      `INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, green_category, status, issued_at, issue_seq, kiosk_id, counter_id, staff_id, called_at)
       VALUES (?, ?, ?, 'A', 'm-a', ?, ?, ?, ?, ?, 'kiosk-1', ?, ?, ?)`,
    );
    ticket.run('t1', DAY, 'A001', 'walk_in', null, 'called', T + 900, 1, 'c1', 's1', T + 1000);
    ticket.run('t2', DAY, 'A002', 'green', 'elderly', 'waiting', T + 5000, 2, null, null, null);
    db.prepare("INSERT INTO day_numbers (service_day, queue_id, last_number) VALUES (?, 'A', 2)").run(DAY);
    db.prepare("INSERT INTO counters (id, staff_id, status, current_ticket_id, green_streak, last_call_reason) VALUES ('c1', 's1', 'called', 't1', 2, 'in_order')").run();
    db.prepare(
      "INSERT INTO ratings (id, ticket_id, counter_id, staff_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES ('r0', 't0', 'c1', 's1', 'm-a', ?, ?, ?, 'satisfied', 'pad', ?)",
    ).run(DAY, T, T + 60_000, T + 30_000);
    db.prepare("INSERT INTO ratings (id, ticket_id, counter_id, matter_id, service_day, requested_at, expires_at) VALUES ('r1', 't1', 'c1', 'm-a', ?, ?, ?)").run(DAY, T + 2000, T + 62_000);
    db.prepare("INSERT INTO terminals (id, role, counter_id, token_hash, registered_at) VALUES ('kiosk-1', 'kiosk', NULL, 'h-kiosk', ?), ('counter-1', 'counter', 'c1', 'h-counter', ?)").run(T, T);
    db.prepare("INSERT INTO staff_sessions (token_hash, staff_id, counter_id, terminal_id, created_at, expires_at) VALUES ('h-session', 's1', 'c1', 'counter-1', ?, ?)").run(T, T + 3600_000);
  },
  2: (db) => {
    db.prepare(
      "INSERT INTO ticket_identities (ticket_id, service_day, matter_id, id_hash, id_cipher, masked, card_type, source, created_at, purge_after) VALUES ('t2', ?, 'm-a', 'hash-1', ?, '1502**********1538', 'resident', 'card', ?, ?)",
    ).run(DAY, Buffer.from([1, 2, 3, 4]), T, T + 7 * 86_400_000);
  },
  3: (db) => {
    db.prepare(
      "INSERT INTO appointments (id, code, matter_id, service_day, slot_start, slot_end, id_hash, masked_name, status, ticket_id, source, created_at, updated_at) VALUES ('ap1', 'UBNDEY8S', 'm-a', ?, ?, ?, 'hash-1', '张*', 'booked', NULL, 'local', ?, ?)",
    ).run(DAY, T + 3600_000, T + 5400_000, T, T);
  },
  4: (db) => {
    db.prepare("INSERT INTO sync_cursor (stream, ack_seq, updated_at) VALUES ('s-1', 2, ?)").run(T);
    db.prepare("INSERT INTO sync_quarantine (seq, stream, event_id, type, reason, at) VALUES (3, 's-1', 'e3', 'ticket_called', 'payload: number must be a string', ?)").run(T);
    db.prepare("INSERT INTO sync_meta (key, value) VALUES ('stream', 's-1')").run();
  },
  5: (db) => {
    db.prepare("INSERT INTO dataset_state (dataset, version, checksum, item_count, synced_at) VALUES ('appointments', 3, 'sha-1', 1, ?)").run(T);
    db.prepare("INSERT INTO dataset_items (dataset, key, value) VALUES ('appointments', 'ap-c1', ?)").run(JSON.stringify({ appointmentCode: 'C0DE0001', slotStart: T }));
    db.prepare("INSERT INTO dataset_shadow_items (dataset, key, value) VALUES ('catalog', 'm-a', ?)").run(JSON.stringify({ name: '住房公积金提取' }));
  },
  6: (db) => {
    db.prepare(
      "INSERT INTO rating_uploads (rating_id, destination, assess_number, state, attempts, next_attempt_at, created_at, updated_at) VALUES ('r0', 'province', 1, 'pending', 0, ?, ?, ?)",
    ).run(T, T, T);
  },
  7: (db) => {
    db.prepare(
      "INSERT INTO print_jobs (id, terminal_id, device_id, kind, ticket_id, state, code, message, bytes, created_at, updated_at) VALUES ('j1', 'kiosk-1', 'kiosk-1-printer', 'ticket', 't1', 'sent', NULL, NULL, ?, ?, ?)",
    ).run(Buffer.from([0x1b, 0x40]), T, T);
  },
  8: (db) => {
    db.prepare("INSERT INTO ticket_issue_keys (kiosk_id, idempotency_key, service_day, request_hash, ticket_id, created_at) VALUES ('kiosk-1', 'key-1', ?, 'rh', 't1', ?)").run(DAY, T);
  },
  9: (db) => {
    db.prepare("INSERT INTO cases (id, code, service_day, ticket_id, ticket_number, matter_id, status, first_counter_id, owner_counter_id, created_at, updated_at) VALUES ('k1', '261123-001', ?, 't1', 'A001', 'bdc-01', 'open', 'c01', 'c01', ?, ?)").run(DAY, T, T);
    db.prepare("INSERT INTO ticket_assists (id, ticket_id, ticket_number, service_day, staff_id, kind, at) VALUES ('a1', 't1', 'A001', ?, 's09', 'accompany', ?)").run(DAY, T);
  },
  10: (db) => {
    db.prepare("INSERT INTO bad_rating_cases (id, code, rating_id, ticket_id, ticket_number, service_day, matter_id, counter_id, level, source, rated_at, real_name, status, revisit_due_at, rectify_due_at, created_at, updated_at) VALUES ('b1', 'B261123-001', 'r1', 't1', 'A001', ?, 'bdc-01', 'c01', 'dissatisfied', 'pad', ?, 0, 'opened', ?, ?, ?, ?)").run(DAY, T, T + 1, T + 2, T, T);
  },
  11: (db) => {
    db.prepare('INSERT INTO phone_inbox_cursor (id, after_seq, updated_at) VALUES (1, 3, ?)').run(T);
    db.prepare("INSERT INTO phone_inbox_applied (message_id, seq, kind, outcome, reason, detail, applied_at, acked_at) VALUES ('m3', 3, 'phone_rating', 'refused', 'already_rated', NULL, ?, NULL)").run(T);
  },
  12: (db) => {
    db.prepare("INSERT INTO remote_tickets (id, code, matter_id, service_day, issued_at, check_in_until, identity_hash, status, status_at, received_at) VALUES ('rt1', 'R7K2M9', 'm-a', ?, ?, ?, 'idh-1', 'pending', ?, ?)").run(DAY, T, T + 3600_000, T, T);
    db.prepare("UPDATE tickets SET remote_ticket_id = 'rt0' WHERE id = 't1'").run();
  },
};

/** A database file at `version`, built by the real migrations one at a time, with the representative rows of every migration up to it. */
function databaseAt(version: number): Db {
  const d = tempDataDir();
  dirs.push(d);
  const db = new Database(path.join(d, 'hall.sqlite'));
  open.push(db);
  db.pragma('foreign_keys = ON');
  // Each version's rows are written when the file is at that version, then carried up by the real migrations.
  for (let v = 1; v <= version; v++) {
    migrate(db, migrations.slice(0, v));
    seeds[v]!(db);
  }
  return db;
}

function upgradeTo(db: Db, version: number): void {
  migrate(db, migrations.slice(0, version));
  expect(db.pragma('user_version', { simple: true })).toBe(version);
}

type Dump = Map<string, { columns: string[]; rows: unknown[] }>;

function tables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}
function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}
function indexes(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}
function dump(db: Db): Dump {
  const out: Dump = new Map();
  for (const t of tables(db)) {
    const cols = columns(db, t);
    out.set(t, { columns: cols, rows: db.prepare(`SELECT ${cols.join(', ')} FROM ${t} ORDER BY 1`).all() });
  }
  return out;
}
/** Every row of `before` still there with the same values (columns renamed by the migration mapped to their new names). */
function expectRowsKept(db: Db, before: Dump, renamed: Record<string, Record<string, string>> = {}): void {
  let rows = 0;
  for (const [t, { columns: cols, rows: old }] of before) {
    const names = cols.map((c) => renamed[t]?.[c] ?? c);
    const now = db.prepare(`SELECT ${names.map((n, i) => `${n} AS ${cols[i]}`).join(', ')} FROM ${t} ORDER BY 1`).all();
    expect(now, `rows of ${t}`).toEqual(old);
    rows += old.length;
  }
  expect(rows).toBeGreaterThan(0);
}

const tested = new Set<number>();
/** Declares the upgrade test of one migration: from a database at version - 1, through the real code; `check` also writes this version's rows. */
function upgradeTest(version: number, title: string, check: (db: Db, before: Dump) => void): void {
  tested.add(version);
  it(`${String(version).padStart(4, '0')} ${title}`, () => {
    const db = databaseAt(version - 1);
    const before = dump(db);
    upgradeTo(db, version);
    check(db, before);
  });
}

describe('one upgrade test per migration', () => {
  upgradeTest(1, 'creates the first schema on an empty file', (db, before) => {
    expect(before.size).toBe(0);
    expect(tables(db)).toEqual(['counters', 'day_numbers', 'events', 'hall_meta', 'ratings', 'staff_sessions', 'terminals', 'tickets']);
    expect(indexes(db)).toEqual(['events_by_day', 'ratings_by_day', 'ratings_open', 'tickets_by_day_status']);
    seeds[1]!(db);
    // A number is unique within its service day.
    expect(() => db.prepare("INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq) VALUES ('t9', ?, 'A001', 'A', 'm-a', 'walk_in', 'waiting', 0, 9)").run(DAY)).toThrow(/UNIQUE/);
  });

  upgradeTest(2, 'adds encrypted ticket identities, tied to their ticket', (db, before) => {
    expectRowsKept(db, before);
    expect(columns(db, 'ticket_identities')).toEqual(['ticket_id', 'service_day', 'matter_id', 'id_hash', 'id_cipher', 'masked', 'card_type', 'source', 'created_at', 'purge_after']);
    expect(indexes(db)).toEqual(expect.arrayContaining(['ticket_identities_limit', 'ticket_identities_purge']));
    seeds[2]!(db);
    // An identity needs its ticket and goes with it.
    expect(() =>
      db.prepare("INSERT INTO ticket_identities (ticket_id, service_day, matter_id, id_hash, id_cipher, masked, card_type, source, created_at, purge_after) VALUES ('nope', ?, 'm', 'h', x'00', 'm', 'resident', 'card', 0, 0)").run(DAY),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM tickets WHERE id = 't2'").run();
    expect(db.prepare('SELECT count(*) FROM ticket_identities').pluck().get()).toBe(0);
    // STRICT: a text where a number belongs is refused, not stored.
    expect(() =>
      db.prepare("INSERT INTO ticket_identities (ticket_id, service_day, matter_id, id_hash, id_cipher, masked, card_type, source, created_at, purge_after) VALUES ('t1', ?, 'm', 'h', x'00', 'm', 'resident', 'card', 'soon', 0)").run(DAY),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  upgradeTest(3, 'derives line positions and last calls, renames the green streak, adds appointments', (db, before) => {
    expectRowsKept(db, before, { counters: { green_streak: 'priority_streak' } });
    expect(db.prepare('SELECT id, line_key, line_seq, last_called_at, rejoin_count, target_counter_id, appointment_id, suspend_reason, suspended_until FROM tickets ORDER BY id').all()).toEqual([
      { id: 't1', line_key: T + 900, line_seq: 1, last_called_at: T + 1000, rejoin_count: 0, target_counter_id: null, appointment_id: null, suspend_reason: null, suspended_until: null },
      { id: 't2', line_key: T + 5000, line_seq: 2, last_called_at: null, rejoin_count: 0, target_counter_id: null, appointment_id: null, suspend_reason: null, suspended_until: null },
    ]);
    expect(db.prepare('SELECT priority_streak, walk_in_streak FROM counters').get()).toEqual({ priority_streak: 2, walk_in_streak: 0 });
    expect(columns(db, 'counters')).not.toContain('green_streak');
    expect(indexes(db)).toEqual(expect.arrayContaining(['appointments_by_day', 'appointments_by_id_hash']));
    seeds[3]!(db);
    expect(() =>
      db.prepare("INSERT INTO appointments (id, code, matter_id, service_day, slot_start, slot_end, status, source, created_at, updated_at) VALUES ('ap2', 'OTHER001', 'm-a', ?, 0, 1, 'lost', 'local', 0, 0)").run(DAY),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO appointments (id, code, matter_id, service_day, slot_start, slot_end, status, source, created_at, updated_at) VALUES ('ap3', 'UBNDEY8S', 'm-a', ?, 0, 1, 'booked', 'local', 0, 0)").run(DAY),
    ).toThrow(/UNIQUE/);
  });

  upgradeTest(4, 'gives every event a clock reading that grows with seq, and adds the uplink tables', (db, before) => {
    expectRowsKept(db, before);
    // Running maximum of `at` in seq order, a counter within one millisecond, the hall id as node (':' and ' ' replaced).
    const node = 'hall_7_east';
    expect(db.prepare('SELECT hlc FROM events ORDER BY seq').pluck().all()).toEqual([
      `${String(T + 1000).padStart(16, '0')}:0000:${node}`,
      `${String(T + 1000).padStart(16, '0')}:0001:${node}`,
      `${String(T + 1000).padStart(16, '0')}:0002:${node}`,
      `${String(T + 5000).padStart(16, '0')}:0000:${node}`,
    ]);
    for (const t of ['sync_cursor', 'sync_quarantine', 'sync_meta']) expect(tables(db)).toContain(t);
    seeds[4]!(db);
    expect(db.prepare('SELECT ack_seq FROM sync_cursor').pluck().get()).toBe(2);
    // The hall's own log reads the derived readings and carries on after them, even with an earlier wall clock.
    const log = new EventLog(db);
    const read = log.readSince(0, 10);
    expect(read.map((e) => parseHlc(e.hlc!).physical)).toEqual([T + 1000, T + 1000, T + 1000, T + 5000]);
    const next = db.transaction(() => log.append('counter_paused', DAY, T + 2000, { counterId: 'c1' }))();
    expect(next.hlc! > read.at(-1)!.hlc!).toBe(true);
  });

  upgradeTest(5, 'adds the datasets, their items and the snapshot shadow', (db, before) => {
    expectRowsKept(db, before);
    for (const t of ['dataset_state', 'dataset_items', 'dataset_shadow_items']) expect(tables(db)).toContain(t);
    expect(indexes(db)).toEqual(expect.arrayContaining(['dataset_items_appointment_code', 'dataset_items_appointment_slot']));
    seeds[5]!(db);
    expect(db.prepare("SELECT key FROM dataset_items WHERE dataset = 'appointments' AND json_extract(value, '$.appointmentCode') = 'C0DE0001'").pluck().get()).toBe('ap-c1');
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT key FROM dataset_items WHERE dataset = 'appointments' AND json_extract(value, '$.appointmentCode') = ?").all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('dataset_items_appointment_code');
    expect(db.prepare("SELECT version, must_snapshot, snapshot_loaded FROM dataset_state WHERE dataset = 'appointments'").get()).toEqual({ version: 3, must_snapshot: 0, snapshot_loaded: 0 });
  });

  upgradeTest(6, 'adds the rating upload outbox, one row per rating, destination and assessment', (db, before) => {
    expectRowsKept(db, before);
    expect(indexes(db)).toEqual(expect.arrayContaining(['rating_uploads_due', 'rating_uploads_state', 'ratings_recorded_at']));
    seeds[6]!(db);
    expect(db.prepare("SELECT assess_number, checks, duplicate, last_error FROM rating_uploads WHERE rating_id = 'r0'").get()).toEqual({ assess_number: 1, checks: 0, duplicate: 0, last_error: null });
    const row = (state: string, assess: number) => () =>
      db.prepare('INSERT INTO rating_uploads (rating_id, destination, assess_number, state, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, 0)').run('r1', 'province', assess, state);
    expect(row('lost', 1)).toThrow(/CHECK/);
    expect(row('pending', 3)).toThrow(/CHECK/);
    expect(row('pending', 1)()).toMatchObject({ changes: 1 });
    expect(row('pending', 1)).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  upgradeTest(7, 'adds print jobs with their states', (db, before) => {
    expectRowsKept(db, before);
    expect(columns(db, 'print_jobs')).toEqual(['id', 'terminal_id', 'device_id', 'kind', 'ticket_id', 'state', 'code', 'message', 'bytes', 'created_at', 'updated_at']);
    expect(indexes(db)).toEqual(expect.arrayContaining(['print_jobs_open', 'print_jobs_ticket']));
    seeds[7]!(db);
    const job = (kind: string, state: string) => () =>
      db.prepare("INSERT INTO print_jobs (id, terminal_id, device_id, kind, state, created_at, updated_at) VALUES (?, 'kiosk-1', 'p', ?, ?, 0, 0)").run(`j-${kind}-${state}`, kind, state);
    expect(job('receipt', 'sent')).toThrow(/CHECK/);
    expect(job('notice', 'lost')).toThrow(/CHECK/);
    expect(job('notice', 'unknown')()).toMatchObject({ changes: 1 });
  });

  upgradeTest(8, 'adds the kiosks’ idempotency keys, each tied to its ticket', (db, before) => {
    expectRowsKept(db, before);
    expect(indexes(db)).toContain('ticket_issue_keys_day');
    seeds[8]!(db);
    expect(() => db.prepare("INSERT INTO ticket_issue_keys (kiosk_id, idempotency_key, service_day, request_hash, ticket_id, created_at) VALUES ('kiosk-1', 'key-2', ?, 'rh', 'no-such-ticket', 0)").run(DAY)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO ticket_issue_keys (kiosk_id, idempotency_key, service_day, request_hash, ticket_id, created_at) VALUES ('kiosk-1', 'key-1', ?, 'rh', 't2', 0)").run(DAY)).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare("DELETE FROM tickets WHERE id = 't1'").run();
    expect(db.prepare('SELECT count(*) FROM ticket_issue_keys').pluck().get()).toBe(0);
  });

  upgradeTest(9, 'adds the service records (cases, hand-overs, complaints, home visits, ticket assists)', (db, before) => {
    expectRowsKept(db, before);
    expect(tables(db)).toEqual(expect.arrayContaining(['cases', 'case_handovers', 'complaints', 'home_visits', 'ticket_assists']));
    seeds[9]!(db);
    const caseRow = (id: string, code: string, status: string) => () =>
      db.prepare("INSERT INTO cases (id, code, service_day, matter_id, status, first_counter_id, owner_counter_id, created_at, updated_at) VALUES (?, ?, ?, 'bdc-01', ?, 'c01', 'c01', 0, 0)").run(id, code, DAY, status);
    expect(caseRow('k2', '261123-002', 'lost')).toThrow(/CHECK/);
    expect(caseRow('k3', '261123-001', 'open')).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO case_handovers (case_id, from_counter_id, to_counter_id, at) VALUES ('no-such-case', 'c01', 'c02', 0)").run()).toThrow(/FOREIGN KEY/);
    // One mark per ticket and kind: a second 'accompany' for t1 is refused.
    expect(() => db.prepare("INSERT INTO ticket_assists (id, ticket_id, ticket_number, service_day, staff_id, kind, at) VALUES ('a2', 't1', 'A001', ?, 's09', 'accompany', 0)").run(DAY)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO home_visits (id, code, channel, matter_id, reason, contact_sealed, requested_at, status) VALUES ('v1', 'S1', 'mail', 'bdc-01', 'r', x'00', 0, 'requested')").run()).toThrow(/CHECK/);
  });

  upgradeTest(10, 'adds the 差评 cases, one per rating', (db, before) => {
    expectRowsKept(db, before);
    expect(indexes(db)).toEqual(expect.arrayContaining(['bad_rating_cases_status', 'bad_rating_cases_day']));
    seeds[10]!(db);
    const row = (id: string, ratingId: string, level: string, status: string) => () =>
      db.prepare("INSERT INTO bad_rating_cases (id, code, rating_id, ticket_id, service_day, matter_id, counter_id, level, source, rated_at, real_name, status, revisit_due_at, rectify_due_at, created_at, updated_at) VALUES (?, ?, ?, 't1', ?, 'bdc-01', 'c01', ?, 'pad', 0, 0, ?, 0, 0, 0, 0)").run(id, `B-${id}`, ratingId, DAY, level, status);
    expect(row('b2', 'r1', 'dissatisfied', 'opened')).toThrow(/UNIQUE/);
    expect(row('b3', 'r3', 'basic', 'opened')).toThrow(/CHECK/);
    expect(row('b4', 'r4', 'dissatisfied', 'lost')).toThrow(/CHECK/);
    expect(row('b5', 'r5', 'very_dissatisfied', 'appealed')()).toMatchObject({ changes: 1 });
  });

  upgradeTest(11, 'adds the phone inbox cursor and the applied inbox messages', (db, before) => {
    expectRowsKept(db, before);
    expect(indexes(db)).toContain('phone_inbox_applied_unacked');
    seeds[11]!(db);
    expect(() => db.prepare('INSERT INTO phone_inbox_cursor (id, after_seq, updated_at) VALUES (2, 0, 0)').run()).toThrow(/CHECK/);
    // A message is recorded once: the same id again is refused (the hall's at-most-once rests on it).
    expect(() => db.prepare("INSERT INTO phone_inbox_applied (message_id, seq, kind, outcome, applied_at) VALUES ('m3', 4, 'phone_rating', 'applied', 0)").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare("INSERT INTO phone_inbox_applied (message_id, seq, kind, outcome, applied_at) VALUES ('m4', 4, 'x', 'lost', 0)").run()).toThrow(/CHECK/);
  });

  upgradeTest(12, 'adds the remote tickets (线上取号) and marks tickets checked in from one', (db, before) => {
    expectRowsKept(db, before);
    expect(columns(db, 'tickets')).toContain('remote_ticket_id');
    expect(db.prepare('SELECT count(*) FROM tickets WHERE remote_ticket_id IS NOT NULL').pluck().get()).toBe(0);
    expect(indexes(db)).toEqual(expect.arrayContaining(['remote_tickets_pending', 'remote_tickets_identity', 'remote_tickets_unreported']));
    seeds[12]!(db);
    const row = (id: string, code: string, status: string) => () =>
      db.prepare('INSERT INTO remote_tickets (id, code, matter_id, service_day, issued_at, check_in_until, status, status_at, received_at) VALUES (?, ?, ?, ?, 0, 0, ?, 0, 0)').run(id, code, 'm-a', DAY, status);
    expect(row('rt2', 'R7K2M9', 'pending')).toThrow(/UNIQUE/);
    expect(row('rt3', 'X1', 'lost')).toThrow(/CHECK/);
    expect(row('rt4', 'X2', 'expired')()).toMatchObject({ changes: 1 });
    // An unreported change is found by the partial index's condition.
    expect(db.prepare('SELECT id FROM remote_tickets WHERE reported_status IS NOT status ORDER BY id').pluck().all()).toEqual(['rt1', 'rt4']);
  });

  it('covers every registered migration (a new one needs its upgrade test here)', () => {
    expect(migrations.map((m) => m.version).filter((v) => !tested.has(v))).toEqual([]);
    expect([...tested].sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
  });
});
