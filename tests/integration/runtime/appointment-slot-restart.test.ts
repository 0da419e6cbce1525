// An on-time appointment keeps its slot promise across a restart of the hall (issue 12): the
// state rebuilt from the real SQLite file gives the ticket its slot back (from the appointment
// row), so at its slot it is still called ahead of the green channel, and a late check-in kept
// in the appointment class (visitRules.lateAppointment) still has no slot.
// Mutation checked: loadState() without the appointments join restores no slot, and the call
// after the restart goes to the green ticket ("class_first") — the first test fails.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { chooseNext } from '../../../hall/domain/index.js';
import { HallRuntime } from '../../../hall/runtime/hall-runtime.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const MIN = 60_000;
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
/** Undone after each test, last first: open databases, then their folders. */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((undo) => undo()));

function folder(): string {
  const dir = tempDataDir();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function runtimeAt(now: number, dir: string, rules: Partial<typeof config.visitRules> = {}) {
  const db: Db = openDatabase(path.join(dir, 'hall.sqlite'));
  cleanups.push(() => db.open && db.close());
  const timers = new ManualTimers(now);
  const setup = hallSetupFrom({ ...config, visitRules: { ...config.visitRules, ...rules } });
  const runtime = new HallRuntime(db, setup, timers);
  runtime.start();
  return { runtime, timers, db, setup };
}

function book(db: Db, id: string, slotStart: number): void {
  db.prepare(
    "INSERT INTO appointments (id, code, matter_id, service_day, slot_start, slot_end, id_hash, masked_name, status, ticket_id, source, created_at, updated_at) VALUES (?, ?, 'bdc-01', '2026-11-23', ?, ?, NULL, NULL, 'booked', NULL, 'local', ?, ?)",
  ).run(id, `CODE${id.toUpperCase()}`, slotStart, slotStart + 30 * MIN, slotStart, slotStart);
}

describe('an appointment slot across a restart', () => {
  it('is restored from the appointment, so the appointment is still called at its slot before a green ticket', () => {
    const dir = folder();
    const first = runtimeAt(MONDAY_9AM - 20 * MIN, dir);
    book(first.db, 'ap1', MONDAY_9AM);
    first.runtime.execute({ type: 'check_in', ticketId: 't-ap', kioskId: null, greenCategory: null, appointment: { id: 'ap1', matterId: 'bdc-01', slotStart: MONDAY_9AM, slotEnd: MONDAY_9AM + 30 * MIN, status: 'booked' } });
    first.runtime.execute({ type: 'issue_ticket', ticketId: 't-green', matterId: 'bdc-01', greenCategory: 'elderly', kioskId: null });
    first.runtime.stop();
    first.db.close();

    const second = runtimeAt(MONDAY_9AM, dir);
    expect(second.runtime.state.tickets.get('t-ap')).toMatchObject({ ticketClass: 'appointment', slotStart: MONDAY_9AM });
    second.runtime.execute({ type: 'sign_in', counterId: 'c03', staffId: 's03' });
    expect(chooseNext(second.runtime.state, second.setup, 'c03', MONDAY_9AM)).toMatchObject({ ticketId: 't-ap', reason: 'appointment_slot' });
  });

  it('is not given to a late check-in kept in the appointment class', () => {
    const dir = folder();
    const rules = { lateAppointment: 'appointment_without_slot' as const };
    const first = runtimeAt(MONDAY_9AM + 40 * MIN, dir, rules);
    book(first.db, 'ap2', MONDAY_9AM);
    first.runtime.execute({ type: 'check_in', ticketId: 't-late', kioskId: null, greenCategory: null, appointment: { id: 'ap2', matterId: 'bdc-01', slotStart: MONDAY_9AM, slotEnd: MONDAY_9AM + 30 * MIN, status: 'booked' } });
    first.runtime.stop();
    first.db.close();
    const second = runtimeAt(MONDAY_9AM + 41 * MIN, dir, rules);
    expect(second.runtime.state.tickets.get('t-late')).toMatchObject({ ticketClass: 'appointment', slotStart: null });
  });
});
