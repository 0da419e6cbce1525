// The hall runtime over a real SQLite file with a manual clock: whole days in milliseconds.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { HallRuntime } from '../../../hall/runtime/hall-runtime.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function runtimeAt(now: number, dir = tempDataDir()) {
  dirs.push(dir);
  const db = openDatabase(path.join(dir, 'hall.sqlite'));
  dbs.push(db);
  const timers = new ManualTimers(now);
  const runtime = new HallRuntime(db, hallSetupFrom(config), timers);
  runtime.start();
  return { runtime, timers, db, dir };
}

describe('hall runtime', () => {
  it('stores "not rated" when the visitor does not answer before the timeout', () => {
    const { runtime, timers, db } = runtimeAt(MONDAY_9AM);
    runtime.execute({ type: 'issue_ticket', ticketId: 't1', matterId: 'bdc-01', greenCategory: null, kioskId: 'kiosk-1' });
    runtime.execute({ type: 'sign_in', counterId: 'c03', staffId: 's03' });
    runtime.execute({ type: 'call_next', counterId: 'c03' });
    runtime.execute({ type: 'finish_service', counterId: 'c03', ratingId: 'r1' });
    timers.advance(59_000);
    expect(db.prepare('SELECT outcome FROM ratings WHERE id = ?').pluck().get('r1')).toBeNull();
    timers.advance(2_000);
    expect(db.prepare('SELECT outcome, source FROM ratings WHERE id = ?').get('r1')).toEqual({ outcome: 'not_rated', source: 'timeout' });
  });

  it('re-arms rating timeouts after a restart', () => {
    const first = runtimeAt(MONDAY_9AM);
    first.runtime.execute({ type: 'issue_ticket', ticketId: 't1', matterId: 'bdc-01', greenCategory: null, kioskId: null });
    first.runtime.execute({ type: 'sign_in', counterId: 'c03', staffId: 's03' });
    first.runtime.execute({ type: 'call_next', counterId: 'c03' });
    first.runtime.execute({ type: 'finish_service', counterId: 'c03', ratingId: 'r1' });
    first.runtime.stop();
    first.db.close();
    const second = runtimeAt(MONDAY_9AM + 10_000, first.dir);
    second.timers.advance(60_000);
    expect(second.db.prepare('SELECT outcome FROM ratings WHERE id = ?').pluck().get('r1')).toBe('not_rated');
  });

  it('closes the service day at 03:00 by itself and numbers afresh', () => {
    const { runtime, timers, db } = runtimeAt(MONDAY_9AM);
    runtime.execute({ type: 'issue_ticket', ticketId: 't1', matterId: 'bdc-01', greenCategory: null, kioskId: null });
    timers.advance(17 * 3_600_000 + 60_000); // Tuesday 02:01 local: still Monday's service day
    expect(runtime.state.serviceDay).toBe('2026-11-23');
    timers.advance(3_600_000); // 03:01
    expect(runtime.state.serviceDay).toBe('2026-11-24');
    expect(db.prepare('SELECT status FROM tickets WHERE id = ?').pluck().get('t1')).toBe('expired');
    runtime.execute({ type: 'issue_ticket', ticketId: 't2', matterId: 'bdc-01', greenCategory: null, kioskId: null });
    expect(runtime.state.tickets.get('t2')!.number).toBe('A001');
  });

  it('changes nothing, in memory or on disk, when a commit fails', () => {
    const { runtime, db } = runtimeAt(MONDAY_9AM);
    runtime.execute({ type: 'issue_ticket', ticketId: 't1', matterId: 'bdc-01', greenCategory: null, kioskId: null });
    // Simulate a failing disk for the next ticket's event.
    db.exec(`CREATE TRIGGER fail_issue BEFORE INSERT ON events WHEN NEW.type = 'ticket_issued' BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END`);
    expect(() => runtime.execute({ type: 'issue_ticket', ticketId: 't2', matterId: 'bdc-01', greenCategory: null, kioskId: null })).toThrow(/simulated/);
    expect(runtime.state.tickets.has('t2')).toBe(false);
    expect(runtime.state.lastQueueNumber.get('A')).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM tickets').pluck().get()).toBe(1);
    db.exec('DROP TRIGGER fail_issue');
    runtime.execute({ type: 'issue_ticket', ticketId: 't3', matterId: 'bdc-01', greenCategory: null, kioskId: null });
    expect(runtime.state.tickets.get('t3')!.number).toBe('A002');
  });

  it('runs a busy simulated day in milliseconds with gapless event numbers', () => {
    const { runtime, timers, db } = runtimeAt(MONDAY_9AM);
    for (const [c, s] of [['c01', 's01'], ['c02', 's02'], ['c03', 's03']] as const) runtime.execute({ type: 'sign_in', counterId: c, staffId: s });
    for (let minute = 0; minute < 8 * 60; minute++) {
      runtime.execute({ type: 'issue_ticket', ticketId: `t${minute}`, matterId: minute % 3 ? 'rsj-01' : 'bdc-02', greenCategory: minute % 7 === 0 ? 'elderly' : null, kioskId: null });
      const counter = ['c01', 'c02', 'c03'][minute % 3]!;
      try {
        runtime.execute({ type: 'finish_service', counterId: counter, ratingId: `r${minute}` });
      } catch {
        /* idle counter */
      }
      try {
        runtime.execute({ type: 'call_next', counterId: counter });
      } catch {
        /* nobody waiting */
      }
      timers.advance(60_000);
    }
    const seqs = db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all() as number[];
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const numbers = db.prepare("SELECT number FROM tickets WHERE service_day = '2026-11-23'").pluck().all() as string[];
    expect(new Set(numbers).size).toBe(480);
  });
});

describe('hall runtime across a night it did not run through', () => {
  it('closes the old day at the next start: tickets expire, 挂起 ones are withdrawn, counters are free', () => {
    const dir = tempDataDir();
    const first = runtimeAt(MONDAY_9AM, dir);
    first.runtime.execute({ type: 'sign_in', counterId: 'c03', staffId: 's03' });
    for (const id of ['t1', 't2', 't3']) first.runtime.execute({ type: 'issue_ticket', ticketId: id, matterId: 'bdc-01', greenCategory: null, kioskId: null });
    first.runtime.execute({ type: 'call_next', counterId: 'c03' });
    first.runtime.execute({ type: 'suspend', counterId: 'c03', reason: '缺复印件', minutes: 240 });
    first.runtime.execute({ type: 'call_next', counterId: 'c03' }); // c03 holds t2 when the PC is switched off
    first.runtime.stop();
    first.db.close();

    // Switched on again on Tuesday morning: the hall never ran across 03:00.
    const { runtime, db } = runtimeAt(MONDAY_9AM + 24 * 3_600_000, dir);
    expect(runtime.state.serviceDay).toBe('2026-11-24');
    const status = (id: string) => db.prepare('SELECT status FROM tickets WHERE id = ?').pluck().get(id);
    expect([status('t1'), status('t2'), status('t3')]).toEqual(['withdrawn', 'expired', 'expired']);
    const types = db.prepare("SELECT type FROM events WHERE type IN ('ticket_withdrawn', 'service_day_closed') ORDER BY seq").pluck().all();
    expect(types).toEqual(['ticket_withdrawn', 'service_day_closed']);
    expect(runtime.state.counters.get('c03')).toMatchObject({ currentTicketId: null, status: 'idle' });
    runtime.execute({ type: 'issue_ticket', ticketId: 't4', matterId: 'bdc-01', greenCategory: null, kioskId: null });
    expect(runtime.execute({ type: 'call_next', counterId: 'c03' })[0]!.payload).toMatchObject({ number: 'A001' });
  });
});
