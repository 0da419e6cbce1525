// The arrival generator: reproducible per seed, and shaped like a hall's day
// (peaks, green share, appointments, service times, staffing). Bounds are
// derived from the generator's own parameters and sampling error, not from
// a recorded run.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, defaultShifts, generateDay } from '../../../hall/simulator/generate.js';
import { localTime } from '../../../hall/simulator/day.js';
import { demoSetup } from './demo.js';

const setup = demoSetup();
const at = (hm: string) => localTime(DEFAULT_SCENARIO.serviceDay, hm, setup.dayRule.utcOffsetMinutes);

describe('generateDay', () => {
  it('builds the identical day from the same seed', () => {
    expect(generateDay(setup, 42)).toEqual(generateDay(setup, 42));
  });

  it('builds a different day from a different seed', () => {
    const a = generateDay(setup, 42).arrivals;
    const b = generateDay(setup, 43).arrivals;
    const key = (x: (typeof a)[number]) => `${x.at}:${x.matterId}:${x.serviceMs}`;
    const shared = new Set(a.map(key));
    expect(b.filter((x) => shared.has(key(x))).length).toBeLessThan(b.length / 10);
  });

  it('sorts arrivals by time with unique ids, known matters and positive service times', () => {
    const day = generateDay(setup, 5);
    expect(day.arrivals.length).toBeGreaterThan(100);
    expect(new Set(day.arrivals.map((a) => a.id)).size).toBe(day.arrivals.length);
    day.arrivals.forEach((a, i) => {
      if (i) expect(a.at).toBeGreaterThanOrEqual(day.arrivals[i - 1]!.at);
      expect(setup.matters.has(a.matterId)).toBe(true);
      expect(a.serviceMs).toBeGreaterThanOrEqual(60_000);
      if (a.greenCategory) expect(setup.greenCategories.has(a.greenCategory)).toBe(true);
    });
  });

  it('has a morning peak above the lunch dip and walk-ins only from opening time', () => {
    const arrivals = [1, 2, 3, 4, 5].flatMap((seed) => generateDay(setup, seed).arrivals);
    const between = (from: string, to: string) => arrivals.filter((a) => a.at >= at(from) && a.at < at(to)).length;
    expect(between('09:30', '10:30')).toBeGreaterThan(3 * between('12:00', '13:00'));
    expect(between('14:00', '15:00')).toBeGreaterThan(between('12:00', '13:00'));
    expect(between('14:00', '15:00')).toBeLessThan(between('09:30', '10:30'));
    expect(arrivals.filter((a) => !a.appointment && a.at < at('09:00'))).toEqual([]);
  });

  it('gives the asked shares of green-channel and booked visitors, within sampling error', () => {
    const arrivals = [1, 2, 3, 4, 5, 6].flatMap((seed) => generateDay(setup, seed).arrivals);
    const n = arrivals.length;
    const booked = arrivals.filter((a) => a.appointment).length;
    const p = DEFAULT_SCENARIO.appointmentShare;
    expect(Math.abs(booked / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    const walkIns = arrivals.filter((a) => !a.appointment);
    const g = DEFAULT_SCENARIO.greenShare;
    const green = walkIns.filter((a) => a.greenCategory).length;
    expect(Math.abs(green / walkIns.length - g)).toBeLessThan(4 * Math.sqrt((g * (1 - g)) / walkIns.length));
    // Mostly elderly (the generator's weight for "elderly" is the largest).
    const elderly = walkIns.filter((a) => a.greenCategory === 'elderly').length;
    expect(elderly).toBeGreaterThan(green / 2);
  });

  it('books 30-minute slots and never checks in before the early window', () => {
    const day = generateDay(setup, 9, { appointmentShare: 0.5 });
    const booked = day.arrivals.filter((a) => a.appointment);
    expect(booked.length).toBeGreaterThan(50);
    for (const a of booked) {
      expect(a.appointment!.slotEnd - a.appointment!.slotStart).toBe(30 * 60_000);
      expect(a.at).toBeGreaterThanOrEqual(a.appointment!.slotStart - setup.rules.appointmentEarlyMinutes * 60_000);
    }
    // Some come late past the window (they become walk-ins in the engine).
    expect(booked.some((a) => a.at > a.appointment!.slotStart + setup.rules.appointmentLateMinutes * 60_000)).toBe(true);
  });

  it('samples service times around each queue average', () => {
    const arrivals = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => generateDay(setup, seed).arrivals);
    for (const q of setup.queues.values()) {
      const xs = arrivals.filter((a) => setup.matters.get(a.matterId)!.queueId === q.id).map((a) => a.serviceMs / 60_000);
      if (xs.length < 100) continue;
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      // Log-normal with cv 0.6, clamped to [1, 6×avg]: the mean stays within 5 standard errors.
      expect(Math.abs(mean - q.avgServiceMinutes)).toBeLessThan(5 * ((0.6 * q.avgServiceMinutes) / Math.sqrt(xs.length)) + 0.3);
    }
  });

  it('scales the number of visitors', () => {
    const seeds = [1, 2, 3, 4];
    const count = (scale: number) => seeds.reduce((n, seed) => n + generateDay(setup, seed, { scale }).arrivals.length, 0);
    const ratio = count(2) / count(1);
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });

  it('staffs general counters through lunch and gives domain counters a break', () => {
    const shifts = defaultShifts(setup, DEFAULT_SCENARIO);
    for (const c of setup.counters.values()) {
      const mine = shifts.filter((s) => s.counterId === c.id);
      const atLunch = mine.some((s) => s.from <= at('12:30') && at('12:30') < s.to);
      expect(atLunch).toBe(c.kind === 'general');
    }
  });

  it('refuses a scenario it cannot generate, saying which value is wrong', () => {
    expect(() => generateDay(setup, 1, { greenShare: 1.5 })).toThrow(/greenShare must be between 0 and 1/);
    expect(() => generateDay(setup, 1, { openAt: '18:00' })).toThrow(/openAt and closeAt/);
    expect(() => generateDay(setup, 1, { serviceDay: '23.11.2026' })).toThrow(/serviceDay must be YYYY-MM-DD/);
  });
});
