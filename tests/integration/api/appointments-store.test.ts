// The appointment store on a real SQLite file (with the hall's migrations):
// masking and blind index, all-or-nothing import, cancel, retention purge, and
// central upserts that never undo a local check-in.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { IdentitySealer } from '../../../hall/identity/sealer.js';
import { AppointmentStore } from '../../../hall/appointments/store.js';
import { parseCsvRows } from '../../../hall/appointments/rows.js';
import { AppointmentError } from '../../../hall/appointments/types.js';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const DAY_RULE = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };
const MONDAY_8AM = Date.UTC(2026, 10, 23, 0, 0); // 2026-11-23 08:00 local
const ID = (() => {
  const body = '15060219900101456';
  return body + computeCheckDigit(body);
})();

let dir: string;
let db: Db;
let sealer: IdentitySealer;
let now = MONDAY_8AM;
let store: AppointmentStore;

beforeEach(() => {
  dir = tempDataDir();
  db = openDatabase(path.join(dir, 'hall.sqlite'));
  sealer = IdentitySealer.fromDataDir(dir);
  now = MONDAY_8AM;
  store = new AppointmentStore(db, sealer, { dayRule: DAY_RULE, matters: [{ id: 'gjj-01', code: 'GJJ01' }, { id: 'bdc-01', code: 'BDC01' }], now: () => now });
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = () => db.prepare('SELECT COUNT(*) FROM appointments').pluck().get() as number;
const allText = () => JSON.stringify(db.prepare('SELECT * FROM appointments').all());

describe('appointment store', () => {
  it('keeps the name masked and the ID number only as a blind index, and finds it again by the number', () => {
    const a = store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', name: '张三丰', idNumber: ID });
    expect(a).toMatchObject({ maskedName: '张*丰', serviceDay: '2026-11-23', slotStart: Date.UTC(2026, 10, 23, 1, 30), status: 'booked', source: 'local' });
    expect(a.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(allText()).not.toContain(ID);
    expect(allText()).not.toContain('张三丰');
    expect(store.byIdNumber(ID, '2026-11-23').map((x) => x.id)).toEqual([a.id]);
    expect(store.byIdNumber(ID, '2026-11-24')).toEqual([]);
    expect(store.byCode(a.code)?.id).toBe(a.id);
  });

  it('refuses a wrong ID number, an unknown matter, a slot already over, a taken code — storing nothing', () => {
    const wrong = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0');
    const attempts = [
      { matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', idNumber: wrong },
      { matterId: 'nope', date: '2026-11-23', start: '09:30', end: '10:00' },
      { matterId: 'gjj-01', date: '2026-11-23', start: '07:00', end: '07:30' },
      { matterId: 'gjj-01', date: '2026-02-30', start: '09:00', end: '09:30' },
    ];
    for (const input of attempts) expect(() => store.create(input)).toThrow(AppointmentError);
    expect(() => store.create(attempts[0]!)).toThrow(/bad_check_digit/);
    expect(() => store.create(attempts[0]!)).not.toThrow(new RegExp(wrong));
    expect(count()).toBe(0);
    store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', code: 'AB23CD45' });
    expect(() => store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '10:30', end: '11:00', code: 'AB23CD45' })).toThrow(expect.objectContaining({ code: 'code_taken' }));
    expect(count()).toBe(1);
  });

  it('imports a list all or nothing, naming every bad line', () => {
    store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', code: 'TAKEN234' });
    const csv = [
      'matterCode,date,start,end,name,code',
      'GJJ01,2026-11-23,10:00,10:30,李四,',
      'XXX99,2026-11-23,10:00,10:30,,',
      'BDC01,2026-11-24,09:00,09:30,,TAKEN234',
      'BDC01,2026-11-24,09:00,09:30,,NEWCODE2',
      'BDC01,2026-11-24,09:30,10:00,,NEWCODE2',
    ].join('\n');
    const rows = parseCsvRows(csv);
    if (!rows.ok) throw new Error('rows should parse');
    let error: AppointmentError | null = null;
    try {
      store.importRows(rows.rows);
    } catch (err) {
      error = err as AppointmentError;
    }
    expect(error?.code).toBe('import_invalid');
    expect(error?.problems.map((p) => p.line)).toEqual([3, 4, 6]);
    expect(error?.problems[0]!.message).toMatch(/no matter with code XXX99/);
    expect(error?.problems[2]!.message).toMatch(/NEWCODE2 is already used/);
    expect(count()).toBe(1);

    const good = parseCsvRows(['matterCode,date,start,end,name', 'GJJ01,2026-11-23,10:00,10:30,李四', 'BDC01,2026-11-24,09:00,09:30,'].join('\n'));
    if (!good.ok) throw new Error('rows should parse');
    const created = store.importRows(good.rows);
    expect(created.map((a) => [a.matterId, a.serviceDay, a.maskedName, a.source])).toEqual([
      ['gjj-01', '2026-11-23', '李*', 'import'],
      ['bdc-01', '2026-11-24', null, 'import'],
    ]);
    expect(store.listDay('2026-11-23').map((a) => a.code)).toEqual(['TAKEN234', created[0]!.code]);
  });

  it('cancels a booked appointment, idempotently, but never a checked-in one', () => {
    const a = store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00' });
    expect(store.cancel(a.id).status).toBe('cancelled');
    expect(store.cancel(a.id).status).toBe('cancelled');
    const b = store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '10:30', end: '11:00' });
    // What HallStore.persist does when the check-in's ticket_issued commits.
    db.prepare("UPDATE appointments SET status = 'checked_in', ticket_id = 't1' WHERE id = ?").run(b.id);
    expect(() => store.cancel(b.id)).toThrow(expect.objectContaining({ code: 'already_checked_in' }));
    expect(() => store.cancel('missing')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('clears the blind index and masked name after the retention period, keeping the rest', () => {
    const a = store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '09:30', end: '10:00', name: '王五', idNumber: ID });
    const later = store.create({ matterId: 'gjj-01', date: '2026-11-25', start: '09:30', end: '10:00', name: '赵六', idNumber: ID });
    now = MONDAY_8AM + 6 * 86_400_000;
    expect(store.purge(now, 7)).toBe(0);
    now = MONDAY_8AM + 7 * 86_400_000;
    expect(store.purge(now, 7)).toBe(1);
    expect(store.byId(a.id)).toMatchObject({ idHash: null, maskedName: null, code: a.code, status: 'booked' });
    expect(store.byId(later.id)).toMatchObject({ maskedName: '赵*' });
    expect(store.purge(now, 7)).toBe(0);
  });

  it('upserts central appointments by id, skips what it cannot place, and never undoes a local check-in', () => {
    const item = { id: 'c-1', matterCode: 'GJJ01', slotStart: Date.UTC(2026, 10, 23, 2, 0), slotEnd: Date.UTC(2026, 10, 23, 2, 30), applicantName: '钱*', appointmentCode: 'CENTRAL1', status: 'booked' as const };
    store.create({ matterId: 'gjj-01', date: '2026-11-23', start: '11:00', end: '11:30', code: 'LOCAL234' });
    const first = store.upsertFromCentral([item, { ...item, id: 'c-2', matterCode: 'ZZZ' }, { ...item, id: 'c-3', appointmentCode: 'LOCAL234' }]);
    expect(first.upserted).toBe(1);
    expect(first.skipped.map((s) => s.id)).toEqual(['c-2', 'c-3']);
    expect(store.byCode('CENTRAL1')).toMatchObject({ id: 'c-1', matterId: 'gjj-01', source: 'central', maskedName: '钱*', serviceDay: '2026-11-23', idHash: null });
    expect(store.upsertFromCentral([{ ...item, status: 'cancelled' }]).upserted).toBe(1);
    expect(store.byId('c-1')?.status).toBe('cancelled');
    // A cancellation stands: central listing it as booked again does not revive it.
    expect(store.upsertFromCentral([item]).skipped).toEqual([{ id: 'c-1', reason: expect.stringContaining('cancellation stands') }]);
    expect(store.byId('c-1')?.status).toBe('cancelled');
    db.prepare("UPDATE appointments SET status = 'checked_in', ticket_id = 't9' WHERE id = 'c-1'").run();
    const again = store.upsertFromCentral([{ ...item, status: 'cancelled' }]);
    expect(again).toEqual({ upserted: 0, skipped: [{ id: 'c-1', reason: expect.stringContaining('check-in stands') }] });
    expect(store.byId('c-1')?.status).toBe('checked_in');
  });
});
