// Recorded days: a day played through the real hall runtime into a real SQLite
// file, read back from its events, gives the same visitors and the same waits.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { HallRuntime } from '../../../hall/runtime/hall-runtime.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { openDatabase } from '../../../hall/store/db.js';
import { comparePolicies } from '../../../hall/simulator/compare.js';
import { generateDay } from '../../../hall/simulator/generate.js';
import { recordDay } from '../../../hall/simulator/record.js';
import { dayFromDatabase, recordedDays } from '../../../hall/simulator/recorded.js';
import { shippedPolicies } from '../../../hall/simulator/policies.js';
import type { SimDay } from '../../../hall/simulator/day.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const setup = hallSetupFrom(loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json')));
const policies = new Map(shippedPolicies(setup).map((p) => [p.id, p]));
const dirs: string[] = [];
let file: string;
let played: SimDay;

beforeAll(() => {
  const dir = tempDataDir();
  dirs.push(dir);
  file = path.join(dir, 'hall.sqlite');
  played = generateDay(setup, 21, { scale: 0.5 });
  recordDay(played, setup, policies.get('default')!, file);
});

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('a recorded day', () => {
  it('gives back the visitors that were played: times, matters, classes and service times', () => {
    const back = dayFromDatabase(file, played.serviceDay, setup);
    expect(back.source).toBe('recorded');
    expect(back.arrivals.map((a) => [a.id, a.at, a.matterId, a.greenCategory, a.appointment !== null, a.serviceMs])).toEqual(
      played.arrivals.map((a) => [a.id, a.at, a.matterId, a.greenCategory, a.appointment !== null, a.serviceMs]),
    );
    for (const counterId of new Set(played.shifts.map((s) => s.counterId))) expect(back.shifts.some((s) => s.counterId === counterId)).toBe(true);
  });

  it('replays to the same waits under both policies as the day it came from', () => {
    const a = policies.get('strict')!;
    const b = policies.get('priority2-walkin1-nocap')!;
    const fromFile = comparePolicies(dayFromDatabase(file, played.serviceDay, setup), setup, a, b);
    const original = comparePolicies(played, setup, a, b);
    expect(fromFile.a.rows).toEqual(original.a.rows);
    expect(fromFile.b.rows).toEqual(original.b.rows);
  });

  it('reads without changing the hall database', () => {
    const before = fs.readFileSync(file);
    dayFromDatabase(file, played.serviceDay, setup);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('rebuilds what the events do not say: no-show time at the counter, never-called tickets, staffing', () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const f = path.join(dir, 'hall.sqlite');
    const db = openDatabase(f);
    const start = Date.UTC(2026, 10, 24, 1, 0); // Tuesday 09:00 local
    const timers = new ManualTimers(start);
    const runtime = new HallRuntime(db, setup, timers);
    runtime.start();
    runtime.execute({ type: 'sign_in', counterId: 'c03', staffId: 's03' });
    for (const id of ['t1', 't2', 't3']) runtime.execute({ type: 'issue_ticket', ticketId: id, matterId: 'bdc-01', greenCategory: null, kioskId: 'kiosk-1' });
    runtime.execute({ type: 'call_next', counterId: 'c03' });
    runtime.execute({ type: 'start_service', counterId: 'c03' });
    timers.advance(7 * 60_000);
    runtime.execute({ type: 'finish_service', counterId: 'c03', ratingId: 'r1' });
    runtime.execute({ type: 'call_next', counterId: 'c03' });
    timers.advance(40_000);
    runtime.execute({ type: 'recall', counterId: 'c03' });
    timers.advance(80_000);
    runtime.execute({ type: 'mark_no_show', counterId: 'c03' });
    timers.advance(60_000);
    runtime.execute({ type: 'sign_out', counterId: 'c03' });
    runtime.stop();
    db.close();

    const day = dayFromDatabase(f, '2026-11-24', setup);
    const byId = new Map(day.arrivals.map((a) => [a.id, a]));
    expect(byId.get('t1')!.serviceMs).toBe(7 * 60_000);
    expect(byId.get('t2')!.serviceMs).toBe(120_000);
    expect(byId.get('t3')!.serviceMs).toBeGreaterThan(0);
    expect(day.notes.join('\n')).toMatch(/1 tickets were never called/);
    expect(day.shifts).toEqual([{ counterId: 'c03', from: start, to: start + 7 * 60_000 + 180_000 }]);
  });

  it('refuses a missing file, a file that is not a hall database, and a day without tickets, saying which', () => {
    const dir = tempDataDir();
    dirs.push(dir);
    expect(() => dayFromDatabase(path.join(dir, 'none.sqlite'), '2026-11-23', setup)).toThrow(/no such file/);
    const other = path.join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (x TEXT)');
    db.close();
    expect(() => dayFromDatabase(other, '2026-11-23', setup)).toThrow(/not a hall database: it has no events table/);
    const text = path.join(dir, 'text.sqlite');
    fs.writeFileSync(text, 'hello, not sqlite');
    expect(() => dayFromDatabase(text, '2026-11-23', setup)).toThrow(/not an SQLite database/);
    expect(() => dayFromDatabase(file, '2026-11-30', setup)).toThrow(new RegExp(`no tickets on 2026-11-30; days with tickets: ${played.serviceDay}`));
    expect(recordedDays(file)).toEqual([played.serviceDay]);
  });

  it('will not record simulated visitors into a file that already has that day', () => {
    const events = () => {
      const db = new Database(file, { readonly: true });
      const n = db.prepare('SELECT COUNT(*) FROM events').pluck().get();
      db.close();
      return n;
    };
    const before = events();
    expect(() => recordDay(played, setup, policies.get('default')!, file)).toThrow(/already holds \d+ events of 2026-11-23: record into a new file/);
    expect(events()).toBe(before);
  });
});
