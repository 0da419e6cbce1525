// Kiosk modes by zone, the next opening ("今天已停止取号，下次开放时间 …") and
// queue cut-offs across the service-day boundary.
import { describe, expect, it } from 'vitest';
import { cutOffAt, isBeforeCutOff, kioskModeAt, localTimeBeforeCutOff, nextOpening } from '../../../hall/domain/calendar/index.js';
import { CN, at, calendar } from './calendar-fixtures.js';

const cal = calendar({
  holidays: [{ name: '清明节', from: '2026-04-04', to: '2026-04-06' }],
  makeUpWorkdays: [{ date: '2026-02-28', name: '春节调休上班' }],
});

describe('kioskModeAt', () => {
  it('a hall-zone kiosk outside hours is closed and says when it opens', () => {
    const k = kioskModeAt(cal, at('2026-03-06 19:00'), 'hall', CN); // Friday evening
    expect(k).toMatchObject({ screen: 'closed', walkInTickets: false, checkIns: false, selfServiceMatters: false, guides: true });
    expect(k.opensAt).toMatchObject({ localDate: '2026-03-09', localTime: '09:00', dayKind: 'workday', period: 'open' });
  });

  it('a 24h-zone kiosk outside hours runs self-service: matters and guides, no counter tickets', () => {
    const k = kioskModeAt(cal, at('2026-03-07 23:00'), '24h', CN);
    expect(k).toMatchObject({ screen: 'self_service', walkInTickets: false, checkIns: false, selfServiceMatters: true, guides: true, counterMatters: [] });
    expect(k.opensAt?.localDate).toBe('2026-03-09');
  });

  it('both zones serve fully during hours; the 24h zone can be set to self-service only', () => {
    for (const zone of ['hall', '24h'] as const) {
      expect(kioskModeAt(cal, at('2026-03-02 10:00'), zone, CN)).toMatchObject({ screen: 'service', walkInTickets: true, opensAt: null });
    }
    const selfOnly = calendar({ selfServiceZone: { ticketsDuringHours: false } });
    expect(kioskModeAt(selfOnly, at('2026-03-02 10:00'), '24h', CN)).toMatchObject({ screen: 'self_service', walkInTickets: false });
    expect(kioskModeAt(selfOnly, at('2026-03-02 10:00'), 'hall', CN).screen).toBe('service');
  });

  it('without a 24h zone, a "24h" kiosk closes with the hall', () => {
    const noZone = calendar({ selfServiceZone: { enabled: false } });
    expect(kioskModeAt(noZone, at('2026-03-07 23:00'), '24h', CN).screen).toBe('closed');
  });

  it('during 早晚弹性办 the kiosk takes check-ins but issues no walk-in ticket, and says when walk-ins start', () => {
    const k = kioskModeAt(cal, at('2026-03-02 08:10'), 'hall', CN);
    expect(k).toMatchObject({ screen: 'booked_only', checkIns: true, walkInTickets: false, selfServiceMatters: true });
    expect(k.opensAt).toMatchObject({ localDate: '2026-03-02', localTime: '09:00' });
    expect(k.nextChangeAt).toBe(at('2026-03-02 09:00'));
  });

  it('at lunch the kiosk keeps issuing tickets', () => {
    expect(kioskModeAt(cal, at('2026-03-02 12:15'), 'hall', CN)).toMatchObject({ screen: 'service', walkInTickets: true });
  });

  it('weekend service: tickets only for the listed matters', () => {
    const ws = calendar({ weekendService: { enabled: true, counterMatterIds: ['m-sb'] } });
    expect(kioskModeAt(ws, at('2026-03-07 10:00'), 'hall', CN)).toMatchObject({ screen: 'weekend_service', walkInTickets: true, counterMatters: ['m-sb'] });
  });
});

describe('nextOpening', () => {
  it('skips the weekend and a holiday Monday', () => {
    expect(nextOpening(cal, at('2026-04-03 18:30'), CN)).toMatchObject({ localDate: '2026-04-07', localTime: '09:00', dayKind: 'workday' });
  });

  it('finds a 调休 Saturday', () => {
    expect(nextOpening(cal, at('2026-02-27 17:30'), CN)).toMatchObject({ localDate: '2026-02-28', dayKind: 'make_up_workday' });
  });

  it('after the evening, at 01:00 (still yesterday’s service day), it is this morning', () => {
    const o = nextOpening(cal, at('2026-03-03 01:00'), CN);
    expect(o).toMatchObject({ serviceDay: '2026-03-03', localDate: '2026-03-03', localTime: '09:00' });
    expect(o?.at).toBe(at('2026-03-03 09:00'));
  });

  it('at the very minute of opening, the next opening is the following one', () => {
    expect(nextOpening(cal, at('2026-03-02 09:00'), CN)?.at).toBe(at('2026-03-03 09:00'));
    expect(nextOpening(cal, at('2026-03-02 09:00') - 1, CN)?.at).toBe(at('2026-03-02 09:00'));
  });

  it('while open, the next opening is the next day’s: lunch is not a re-opening', () => {
    expect(nextOpening(cal, at('2026-03-02 12:30'), CN)?.localDate).toBe('2026-03-03');
  });

  it('when lunch starts at the opening minute, the day’s opening is still found', () => {
    const lunchFirst = calendar({ hours: { tue: { open: '09:00', close: '17:00', lunch: { start: '09:00', end: '10:00' } } } });
    expect(nextOpening(lunchFirst, at('2026-03-02 20:00'), CN)).toMatchObject({ localDate: '2026-03-03', localTime: '09:00' });
  });

  it('offers weekend service with counter matters first, unless regular hours are asked for', () => {
    const ws = calendar({ weekendService: { enabled: true, open: '10:00', counterMatterIds: ['m-sb'] } });
    expect(nextOpening(ws, at('2026-03-06 18:00'), CN)).toMatchObject({ localDate: '2026-03-07', localTime: '10:00', period: 'weekend_service', counterMatters: ['m-sb'] });
    expect(nextOpening(ws, at('2026-03-06 18:00'), CN, { regularOnly: true })).toMatchObject({ localDate: '2026-03-09', period: 'open' });
    const selfOnly = calendar({ weekendService: { enabled: true } });
    expect(nextOpening(selfOnly, at('2026-03-06 18:00'), CN)?.localDate).toBe('2026-03-09');
  });

  it('is null for a hall that never opens', () => {
    const never = calendar({ hours: { mon: null, tue: null, wed: null, thu: null, fri: null } });
    expect(nextOpening(never, at('2026-03-02 10:00'), CN)).toBeNull();
  });
});

describe('queue cut-off', () => {
  it('compares within the service day: 01:00 is after a 16:30 cut-off', () => {
    expect(localTimeBeforeCutOff('16:29', '16:30', 3)).toBe(true);
    expect(localTimeBeforeCutOff('16:30', '16:30', 3)).toBe(false);
    expect(localTimeBeforeCutOff('01:00', '16:30', 3)).toBe(false);
    expect(localTimeBeforeCutOff('01:00', '16:30', 0)).toBe(true);
    expect(localTimeBeforeCutOff('23:00', '01:00', 3)).toBe(true);
  });

  it('works on instants and gives the cut-off instant for a timer', () => {
    expect(isBeforeCutOff(at('2026-03-02 16:00'), '16:30', CN)).toBe(true);
    expect(isBeforeCutOff(at('2026-03-03 01:00'), '16:30', CN)).toBe(false);
    expect(cutOffAt(at('2026-03-03 01:00'), '16:30', CN)).toBe(at('2026-03-02 16:30'));
    expect(cutOffAt(at('2026-03-02 10:00'), '01:00', CN)).toBe(at('2026-03-03 01:00'));
  });

  it('rejects a malformed cut-off with the bad value in the message', () => {
    expect(() => localTimeBeforeCutOff('10:00', '4:30pm', 3)).toThrow(/"4:30pm"/);
    expect(() => isBeforeCutOff(0, '25:00', CN)).toThrow(/"25:00"/);
  });
});
