// hallModeAt across a working day, lunch, flex windows, weekends, holidays,
// 调休 make-up days, seasons, midnight and the 03:00 service-day boundary, and a
// zone other than China's +480.
import { describe, expect, it } from 'vitest';
import { hallModeAt, isBeforeCutOff, nextOpening } from '../../../hall/domain/calendar/index.js';
import { CN, MINUTE, at, calendar } from './calendar-fixtures.js';

const periodAt = (cal: ReturnType<typeof calendar>, local: string, clock: number | typeof CN = CN) => hallModeAt(cal, at(local, typeof clock === 'number' ? clock : clock.utcOffsetMinutes), clock).period;

describe('a working day with the default calendar (Mon–Fri 09:00–17:00, lunch 12:00–13:30, flex ±60)', () => {
  const cal = calendar();
  it('walks through every period of Monday 2026-03-02', () => {
    const seen = ['05:00', '07:59', '08:00', '08:59', '09:00', '11:59', '12:00', '13:29', '13:30', '16:59', '17:00', '17:59', '18:00', '23:59'].map(
      (t) => `${t} ${periodAt(cal, `2026-03-02 ${t}`)}`,
    );
    expect(seen).toEqual([
      '05:00 before_open',
      '07:59 before_open',
      '08:00 flex_morning',
      '08:59 flex_morning',
      '09:00 open',
      '11:59 open',
      '12:00 lunch',
      '13:29 lunch',
      '13:30 open',
      '16:59 open',
      '17:00 flex_evening',
      '17:59 flex_evening',
      '18:00 closed',
      '23:59 closed',
    ]);
  });

  it('lets every counter kind call and issues walk-in tickets while open', () => {
    const m = hallModeAt(cal, at('2026-03-02 10:00'), CN);
    expect(m).toMatchObject({ dayKind: 'workday', walkInTickets: true, checkIns: true, bookedOnly: false, counterMatters: 'all' });
    expect([...m.callableCounterKinds].sort()).toEqual(['bundled', 'cross_region', 'domain', 'enquiry', 'general', 'help_agency', 'unresolved']);
    expect(m.nextChangeAt).toBe(at('2026-03-02 12:00'));
    expect(m.hours).toMatchObject({ open: '09:00', close: '17:00', flexFrom: '08:00', flexUntil: '18:00', opensAt: at('2026-03-02 09:00'), closesAt: at('2026-03-02 17:00') });
  });

  it('午间不间断: only general counters call at lunch, and walk-in tickets are still issued', () => {
    const m = hallModeAt(cal, at('2026-03-02 12:30'), CN);
    expect(m.callableCounterKinds).toEqual(['general']);
    expect(m.walkInTickets).toBe(true);
    expect(m.nextChangeAt).toBe(at('2026-03-02 13:30'));
  });

  it('without 午间不间断 no counter calls at lunch', () => {
    const m = hallModeAt(calendar({ lunchNonStop: false }), at('2026-03-02 12:30'), CN);
    expect(m.period).toBe('lunch');
    expect(m.callableCounterKinds).toEqual([]);
  });

  it('早晚弹性办: booked visitors only, no walk-in tickets', () => {
    for (const t of ['08:15', '17:45']) {
      const m = hallModeAt(cal, at(`2026-03-02 ${t}`), CN);
      expect(m, t).toMatchObject({ bookedOnly: true, walkInTickets: false, checkIns: true });
      expect(m.callableCounterKinds.length).toBeGreaterThan(0);
    }
  });

  it('flex windows follow their setting: 30 min before, none after, or off', () => {
    const short = calendar({ flex: { beforeOpenMinutes: 30, afterCloseMinutes: 0 } });
    expect(periodAt(short, '2026-03-02 08:29')).toBe('before_open');
    expect(periodAt(short, '2026-03-02 08:30')).toBe('flex_morning');
    expect(periodAt(short, '2026-03-02 17:00')).toBe('closed');
    expect(hallModeAt(short, at('2026-03-02 10:00'), CN).hours?.flexUntil).toBeNull();
    const off = calendar({ flex: { enabled: false } });
    expect(periodAt(off, '2026-03-02 08:30')).toBe('before_open');
    expect(periodAt(off, '2026-03-02 17:30')).toBe('closed');
  });

  it('the evening closes into the night, and the night still belongs to Monday until 03:00', () => {
    const night = hallModeAt(cal, at('2026-03-03 01:00'), CN);
    expect(night).toMatchObject({ serviceDay: '2026-03-02', dayKind: 'workday', period: 'closed' });
    expect(night.nextChangeAt).toBe(at('2026-03-03 03:00'));
    const tuesday = hallModeAt(cal, at('2026-03-03 03:00'), CN);
    expect(tuesday).toMatchObject({ serviceDay: '2026-03-03', period: 'before_open' });
    expect(tuesday.nextChangeAt).toBe(at('2026-03-03 08:00'));
  });

  it('with the day starting at midnight, 01:00 belongs to the new day', () => {
    const m = hallModeAt(cal, at('2026-03-03 01:00'), { utcOffsetMinutes: 480, dayStartsAtHour: 0 });
    expect(m).toMatchObject({ serviceDay: '2026-03-03', period: 'before_open' });
  });
});

describe('weekends, holidays and 调休', () => {
  const cn2026 = calendar({
    holidays: [
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    ],
    makeUpWorkdays: [{ date: '2026-02-14', name: '春节调休上班', hoursOf: 'fri' }],
    holidayYears: [2026],
    hours: { fri: { open: '09:00', close: '16:00', lunch: null } },
  });

  it('a Saturday is a closed weekend day with no flex', () => {
    const m = hallModeAt(cn2026, at('2026-03-07 10:00'), CN);
    expect(m).toMatchObject({ dayKind: 'weekend', period: 'closed', walkInTickets: false, checkIns: false, hours: null });
    expect(m.callableCounterKinds).toEqual([]);
    expect(m.nextChangeAt).toBe(at('2026-03-08 03:00'));
  });

  it('a weekday holiday is closed all day and carries its name', () => {
    const m = hallModeAt(cn2026, at('2026-04-06 10:00'), CN); // Monday
    expect(m).toMatchObject({ dayKind: 'holiday', dayName: '清明节', period: 'closed', holidaysKnown: true });
  });

  it('a 调休 Saturday works with the hours of its weekday, flex included', () => {
    const seen = ['08:30', '09:00', '12:30', '15:59', '16:00', '16:30', '17:00'].map((t) => `${t} ${periodAt(cn2026, `2026-02-14 ${t}`)}`);
    expect(seen).toEqual(['08:30 flex_morning', '09:00 open', '12:30 open', '15:59 open', '16:00 flex_evening', '16:30 flex_evening', '17:00 closed']);
    expect(hallModeAt(cn2026, at('2026-02-14 10:00'), CN)).toMatchObject({ dayKind: 'make_up_workday', dayName: '春节调休上班', walkInTickets: true });
  });

  it('a Saturday with regular hours is open, but 早晚弹性办 applies on working days only', () => {
    const sat = calendar({ hours: { sat: { open: '09:00', close: '12:00', lunch: null } } });
    expect(periodAt(sat, '2026-03-07 08:30')).toBe('before_open');
    expect(hallModeAt(sat, at('2026-03-07 10:00'), CN)).toMatchObject({ dayKind: 'weekend', period: 'open' });
    expect(periodAt(sat, '2026-03-07 12:30')).toBe('closed');
  });

  it('flags a day whose year has no holiday list', () => {
    expect(hallModeAt(cn2026, at('2027-03-01 10:00'), CN).holidaysKnown).toBe(false);
    expect(hallModeAt(cn2026, at('2026-03-02 10:00'), CN).holidaysKnown).toBe(true);
  });
});

describe('周末不休息 (weekend service)', () => {
  const base = { holidays: [{ name: '劳动节', from: '2026-05-01', to: '2026-05-05' }] };

  it('serves only the listed matters at counters, during its own hours', () => {
    const cal = calendar({ ...base, weekendService: { enabled: true, days: ['sat'], open: '09:30', close: '12:00', counterMatterIds: ['m-sb', 'm-yb'] } });
    expect(periodAt(cal, '2026-03-07 09:00')).toBe('before_open');
    const m = hallModeAt(cal, at('2026-03-07 10:00'), CN);
    expect(m).toMatchObject({ dayKind: 'weekend', period: 'weekend_service', walkInTickets: true, bookedOnly: false, counterMatters: ['m-sb', 'm-yb'] });
    expect(m.hours).toMatchObject({ kind: 'weekend_service', open: '09:30', close: '12:00' });
    expect(m.nextChangeAt).toBe(at('2026-03-07 12:00'));
    expect(periodAt(cal, '2026-03-07 12:00')).toBe('closed');
    expect(periodAt(cal, '2026-03-08 10:00')).toBe('closed'); // Sunday not listed
    expect(periodAt(cal, '2026-05-02 10:00')).toBe('closed'); // holiday Saturday, onHolidays off
  });

  it('with no listed matters it is self-service only: no counter calls, no walk-in tickets', () => {
    const m = hallModeAt(calendar({ weekendService: { enabled: true } }), at('2026-03-08 10:00'), CN);
    expect(m).toMatchObject({ period: 'weekend_service', walkInTickets: false, counterMatters: [] });
    expect(m.callableCounterKinds).toEqual([]);
  });

  it('runs on holidays, weekday ones included, when onHolidays is set', () => {
    const cal = calendar({ ...base, weekendService: { enabled: true, onHolidays: true, counterMatterIds: ['m-sb'] } });
    expect(hallModeAt(cal, at('2026-05-04 10:00'), CN)).toMatchObject({ dayKind: 'holiday', dayName: '劳动节', period: 'weekend_service' });
  });
});

describe('seasons (夏季/冬季作息)', () => {
  const summer = { open: '08:30', close: '18:00', lunch: { start: '12:00', end: '14:30' } };
  const cal = calendar({
    seasons: [{ name: '夏季作息', from: '05-01', to: '09-30', hours: { mon: summer, tue: summer, wed: summer, thu: summer, fri: summer } }],
  });
  it('uses the season’s hours inside it and the default hours outside', () => {
    expect(periodAt(cal, '2026-06-01 14:00')).toBe('lunch');
    expect(periodAt(cal, '2026-03-02 14:00')).toBe('open');
    expect(periodAt(cal, '2026-10-05 17:30')).toBe('flex_evening');
    expect(periodAt(cal, '2026-09-30 17:30')).toBe('open');
  });
  it('a season may wrap the new year', () => {
    const winter = calendar({ seasons: [{ name: '冬季', from: '11-01', to: '02-28', hours: { mon: { open: '10:00', close: '16:00' } } }] });
    expect(periodAt(winter, '2026-01-05 09:30')).toBe('flex_morning');
    expect(periodAt(winter, '2026-03-02 09:30')).toBe('open');
  });
  it('weekdays a season leaves out keep the calendar’s own hours, not the defaults', () => {
    const c = calendar({
      hours: { tue: { open: '08:00', close: '12:00' } },
      seasons: [{ name: '夏季', from: '05-01', to: '09-30', hours: { mon: { open: '08:30', close: '18:00' } } }],
    });
    expect(periodAt(c, '2026-06-02 12:30')).toBe('flex_evening'); // Tuesday in the season: 08:00–12:00
    expect(periodAt(c, '2026-06-01 17:30')).toBe('open'); // Monday: the season's hours
  });
});

describe('other time zones', () => {
  const cal = calendar();
  it('reads hours in the hall’s local time at UTC−05:00', () => {
    const rule = { utcOffsetMinutes: -300, dayStartsAtHour: 3 };
    expect(hallModeAt(cal, at('2026-03-02 09:00', -300), rule).period).toBe('open');
    expect(hallModeAt(cal, at('2026-03-02 08:59', -300), rule).period).toBe('flex_morning');
    // 09:00 in Beijing is 20:00 the previous evening at UTC−05:00.
    expect(hallModeAt(cal, at('2026-03-02 09:00', 480), rule)).toMatchObject({ serviceDay: '2026-03-01', period: 'closed' });
  });
  it('handles a half-hour offset (+05:30) and a bare offset number', () => {
    const m = hallModeAt(cal, at('2026-03-02 13:29', 330), 330);
    expect(m.period).toBe('lunch');
    expect(m.nextChangeAt - at('2026-03-02 13:29', 330)).toBe(MINUTE);
  });
});

describe('bad input', () => {
  it('rejects a non-number instant and an impossible offset with a clear message', () => {
    expect(() => hallModeAt(calendar(), Number.NaN, CN)).toThrow(/epoch-ms/);
    expect(() => hallModeAt(calendar(), 0, 100_000)).toThrow(/utcOffsetMinutes/);
    expect(() => nextOpening(calendar(), Number.POSITIVE_INFINITY, CN)).toThrow(/epoch-ms/);
    expect(() => isBeforeCutOff(Number.NaN, '16:30', CN)).toThrow(/epoch-ms/);
    expect(() => hallModeAt(calendar(), 0, { utcOffsetMinutes: 480, dayStartsAtHour: 13 })).toThrow(/dayStartsAtHour/);
  });
});
