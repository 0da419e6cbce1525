// Issue 4's queue rules, one story per test: special calls, recall rules and
// automatic no-shows, rejoining, suspending, transfers to a counter,
// appointments, caps and cut-offs, the calendar, and measured estimates.
import { describe, expect, it } from 'vitest';
import { admissionProblem, queueEstimate, waitWarning, type AppointmentSnapshot, type HallEvent } from '../../../hall/domain/index.js';
import { hallCalendarSchema } from '../../../hall/config/calendar-schema.js';
import { EngineDriver } from '../../helpers/engine-driver.js';
import { MONDAY_9AM, freshState, testSetup, type TestSetupOptions } from '../../helpers/hall-setup.js';

function hall(options: TestSetupOptions = {}) {
  const setup = testSetup(options);
  const d = new EngineDriver(setup, freshState(setup), MONDAY_9AM);
  for (const c of ['g1', 'd2', 'd3']) d.run({ type: 'sign_in', counterId: c, staffId: `s-${c}` });
  return d;
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

function appointment(d: EngineDriver, id: string, slotOffsetMinutes: number, status: AppointmentSnapshot['status'] = 'booked'): AppointmentSnapshot {
  const slotStart = d.now + slotOffsetMinutes * 60_000;
  return { id, matterId: 'm-a', slotStart, slotEnd: slotStart + 30 * 60_000, status };
}

describe('special call (特呼)', () => {
  it('calls a ticket out of turn with its reason, and only with one', () => {
    const d = hall();
    d.issue('m-a');
    const late = d.issue('m-a');
    expect(code(() => d.run({ type: 'call_specific', counterId: 'd2', ticketId: late.ticketId, reason: ' ' }))).toBe('reason_required');
    const [called] = d.run({ type: 'call_specific', counterId: 'd2', ticketId: late.ticketId, reason: '轮椅，行动不便' });
    expect(called).toMatchObject({ type: 'ticket_called', number: 'A002', reason: 'special_call', specialReason: '轮椅，行动不便' });
  });

  it('refuses a ticket the counter does not serve', () => {
    const d = hall();
    const b = d.issue('m-b');
    expect(code(() => d.run({ type: 'call_specific', counterId: 'd2', ticketId: b.ticketId, reason: '窗口空闲' }))).toBe('not_served_here');
  });
});

describe('recall and no-show', () => {
  it('recalls after a cooldown, up to the limit, and asks for recalls before a no-show', () => {
    const d = hall({ ruleOverrides: { maxRecalls: 2, recallCooldownSeconds: 30, recallsBeforeNoShow: 1 } });
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    expect(code(() => d.run({ type: 'mark_no_show', counterId: 'd2' }))).toBe('recalls_required');
    expect(code(() => d.run({ type: 'recall', counterId: 'd2' }))).toBe('recall_cooldown');
    d.now += 30_000;
    d.run({ type: 'recall', counterId: 'd2' });
    d.now += 30_000;
    d.run({ type: 'recall', counterId: 'd2' });
    d.now += 30_000;
    expect(code(() => d.run({ type: 'recall', counterId: 'd2' }))).toBe('recall_limit');
    expect(d.run({ type: 'mark_no_show', counterId: 'd2' })[0]).toMatchObject({ type: 'ticket_no_show', automatic: false });
  });

  it('marks a no-show by itself after autoNoShowMinutes since the last call, and frees the counter', () => {
    const d = hall({ ruleOverrides: { autoNoShowMinutes: 5 } });
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    d.advance(3);
    d.run({ type: 'recall', counterId: 'd2' });
    d.advance(4);
    expect(d.run({ type: 'tick' })).toEqual([]); // 4 min after the recall: not yet
    d.advance(1);
    expect(d.run({ type: 'tick' })).toEqual([expect.objectContaining({ type: 'ticket_no_show', automatic: true, counterId: 'd2' })]);
    expect(d.state.counters.get('d2')).toMatchObject({ status: 'idle', currentTicketId: null });
  });
});

describe('rejoin (过号重排)', () => {
  it('puts a returning no-show behind at most K waiting tickets, once', () => {
    const d = hall({ ruleOverrides: { rejoinPlacesAhead: 2, maxRejoins: 1 } });
    const first = d.issue('m-a');
    for (let i = 0; i < 4; i++) d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'mark_no_show', counterId: 'd2' });
    d.advance(10);
    const [rejoined] = d.run({ type: 'rejoin', ticketId: first.ticketId });
    expect(rejoined).toMatchObject({ type: 'ticket_rejoined', placesAhead: 2, rejoinCount: 1 });
    expect(d.state.lines.get('A')!.walk_in.ids().indexOf(first.ticketId)).toBe(2);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [e] = d.run({ type: 'call_next', counterId: 'd2' }) as (HallEvent & { type: 'ticket_called' })[];
      order.push(e!.number);
      d.run({ type: 'finish_service', counterId: 'd2', ratingId: d.nextRatingId() });
    }
    expect(order).toEqual(['A002', 'A003', 'A001']);
  });

  it('refuses a second rejoin, a late one, and a ticket that is not a no-show', () => {
    const d = hall({ ruleOverrides: { maxRejoins: 1, rejoinWithinMinutes: 30 } });
    const t = d.issue('m-a');
    const other = d.issue('m-a');
    expect(code(() => d.run({ type: 'rejoin', ticketId: other.ticketId }))).toBe('not_no_show');
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'mark_no_show', counterId: 'd2' });
    d.advance(31);
    expect(code(() => d.run({ type: 'rejoin', ticketId: t.ticketId }))).toBe('rejoin_too_late');
  });
});

describe('suspend (挂起, 容缺受理)', () => {
  it('sets a ticket aside, resumes it at another counter, and withdraws one past its deadline', () => {
    const d = hall();
    const a = d.issue('m-a');
    const b = d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    const [suspended] = d.run({ type: 'suspend', counterId: 'd2', reason: '缺少户口本复印件', minutes: 30 });
    expect(suspended).toMatchObject({ type: 'ticket_suspended', reason: '缺少户口本复印件', until: d.now + 30 * 60_000 });
    expect(d.state.counters.get('d2')!.currentTicketId).toBeNull();
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'suspend', counterId: 'd2', reason: '回家取身份证', minutes: null });
    d.advance(20);
    const [resumed] = d.run({ type: 'resume_suspended', counterId: 'g1', ticketId: a.ticketId });
    expect(resumed).toMatchObject({ type: 'ticket_resumed', counterId: 'g1', counterNumber: 1 });
    expect(d.state.tickets.get(a.ticketId)).toMatchObject({ status: 'serving', counterId: 'g1' });
    d.advance(41); // b's default 60 minutes are over
    expect(d.run({ type: 'tick' })).toEqual([expect.objectContaining({ type: 'ticket_withdrawn', ticketId: b.ticketId, reason: 'suspend_overdue' })]);
    expect(code(() => d.run({ type: 'resume_suspended', counterId: 'd3', ticketId: b.ticketId }))).toBe('not_suspended');
  });

  it('withdraws suspended tickets when the service day closes, and refuses too long a deadline', () => {
    const d = hall({ ruleOverrides: { suspendMaxMinutes: 120 } });
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    expect(code(() => d.run({ type: 'suspend', counterId: 'd2', reason: '缺材料', minutes: 121 }))).toBe('suspend_too_long');
    d.run({ type: 'suspend', counterId: 'd2', reason: '缺材料', minutes: 120 });
    d.advance(24 * 60);
    const events = d.run({ type: 'tick' });
    expect(events.map((e) => e.type)).toEqual(['ticket_withdrawn', 'service_day_closed']);
    expect(events[0]).toMatchObject({ reason: 'day_closed', suspendReason: '缺材料' });
  });
});

describe('transfer to a counter (转窗)', () => {
  it('sends the ticket to that counter, which calls it before its own queues', () => {
    const d = hall();
    const a = d.issue('m-a');
    d.issue('m-b');
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'transfer', counterId: 'd2', toQueueId: null, toCounterId: 'd3' });
    // g1 serves queue A too, but a ticket transferred to d3 is d3's alone.
    expect(d.run({ type: 'call_next', counterId: 'g1' })[0]).toMatchObject({ number: 'B001' });
    const [called] = d.run({ type: 'call_next', counterId: 'd3' });
    expect(called).toMatchObject({ ticketId: a.ticketId, reason: 'transferred_here' });
  });
});

describe('transfer to a counter that stops calling', () => {
  it('refuses a counter that is signed out or paused', () => {
    const d = hall();
    d.issue('m-a');
    d.run({ type: 'sign_out', counterId: 'd3' });
    d.run({ type: 'call_next', counterId: 'd2' });
    expect(code(() => d.run({ type: 'transfer', counterId: 'd2', toQueueId: null, toCounterId: 'd3' }))).toBe('counter_unavailable');
  });

  it('puts the ticket back in its queue, keeping its place, when that counter signs out or pauses', () => {
    for (const stop of ['sign_out', 'pause'] as const) {
      const d = hall();
      const a = d.issue('m-b');
      d.advance(1);
      d.issue('m-b');
      d.run({ type: 'call_next', counterId: 'g1' });
      d.run({ type: 'transfer', counterId: 'g1', toQueueId: null, toCounterId: 'd3' });
      const events = d.run({ type: stop, counterId: 'd3' });
      expect(events[0]).toMatchObject({ type: 'ticket_requeued', ticketId: a.ticketId, reason: stop === 'pause' ? 'counter_paused' : 'counter_signed_out' });
      expect(d.state.tickets.get(a.ticketId)!.targetCounterId).toBeNull();
      // Still first in line by its issue time: the next counter of its queue calls it.
      expect(d.run({ type: 'call_next', counterId: 'g1' })[0]).toMatchObject({ ticketId: a.ticketId });
    }
  });

  it('lets another counter of its queue take it with a special call', () => {
    const d = hall();
    const a = d.issue('m-b');
    d.run({ type: 'call_next', counterId: 'g1' });
    d.run({ type: 'transfer', counterId: 'g1', toQueueId: null, toCounterId: 'd3' });
    expect(d.run({ type: 'call_specific', counterId: 'g1', ticketId: a.ticketId, reason: '窗口已空' })[0]).toMatchObject({ reason: 'special_call' });
  });
});

describe('appointments', () => {
  it('checks in on time as an appointment, late as a walk-in, and refuses early, twice and cancelled', () => {
    const d = hall();
    expect(code(() => d.run({ type: 'check_in', ticketId: 't-early', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap1', 31) }))).toBe('too_early');
    const [onTime] = d.run({ type: 'check_in', ticketId: 't-on', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap1', 29) });
    expect(onTime).toMatchObject({ ticketClass: 'appointment', appointmentId: 'ap1', checkIn: 'on_time' });
    expect(code(() => d.run({ type: 'check_in', ticketId: 't-again', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap1', 29) }))).toBe('already_checked_in');
    const [late] = d.run({ type: 'check_in', ticketId: 't-late', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap2', -16) });
    expect(late).toMatchObject({ ticketClass: 'walk_in', checkIn: 'late' });
    expect(code(() => d.run({ type: 'check_in', ticketId: 't-x', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap3', 0, 'cancelled') }))).toBe('appointment_cancelled');
    expect(code(() => d.run({ type: 'check_in', ticketId: 't-y', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap4', 24 * 60) }))).toBe('appointment_other_day');
  });

  // Issue 12: an appointment whose slot has started is behind nobody (it used to wait for the green channel).
  it('serves an on-time appointment at its slot before the green channel and walk-ins, by the default policy', () => {
    const d = hall();
    d.issue('m-a');
    d.run({ type: 'check_in', ticketId: 't-ap', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap1', 0) });
    d.issue('m-a', 'elderly');
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [e] = d.run({ type: 'call_next', counterId: 'd2' }) as (HallEvent & { type: 'ticket_called' })[];
      numbers.push(`${e!.number}:${e!.ticketClass}`);
      d.run({ type: 'finish_service', counterId: 'd2', ratingId: d.nextRatingId() });
    }
    expect(numbers).toEqual(['A002:appointment', 'A003:green', 'A001:walk_in']);
  });

  it('holds an appointment checked in before its slot behind the others until nobody else waits', () => {
    const d = hall();
    d.issue('m-a');
    d.run({ type: 'check_in', ticketId: 't-ap', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap1', 20) });
    d.issue('m-a', 'elderly');
    const calls: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [e] = d.run({ type: 'call_next', counterId: 'd2' }) as (HallEvent & { type: 'ticket_called' })[];
      calls.push(`${e!.number}:${e!.reason}`);
      d.run({ type: 'finish_service', counterId: 'd2', ratingId: d.nextRatingId() });
    }
    expect(calls).toEqual(['A003:class_first', 'A001:in_order', 'A002:in_order']);
  });
});

describe('caps, cut-offs and the calendar', () => {
  it('stops a queue at its daily cap and after its cut-off, but still checks appointments in', () => {
    const setup = testSetup();
    setup.queues.set('A', { ...setup.queues.get('A')!, dailyCap: 2, cutOff: '16:30' });
    const d = new EngineDriver(setup, freshState(setup), MONDAY_9AM);
    d.issue('m-a');
    d.issue('m-a');
    expect(admissionProblem(d.state, setup, 'm-a', 'walk_in', 'hall', d.now)?.code).toBe('daily_cap_reached');
    expect(code(() => d.issue('m-a'))).toBe('daily_cap_reached');
    expect(d.run({ type: 'check_in', ticketId: 't-ap', kioskId: 'k', greenCategory: null, appointment: appointment(d, 'ap1', 0) })[0]).toMatchObject({ number: 'A003' });
    // ...and booked visitors never use up the walk-in numbers.
    const booked = new EngineDriver(setup, freshState(setup), MONDAY_9AM);
    booked.run({ type: 'check_in', ticketId: 't-b1', kioskId: 'k', greenCategory: null, appointment: appointment(booked, 'b1', 0) });
    booked.run({ type: 'check_in', ticketId: 't-b2', kioskId: 'k', greenCategory: null, appointment: appointment(booked, 'b2', 0) });
    expect(admissionProblem(booked.state, setup, 'm-a', 'walk_in', 'hall', booked.now)).toBeNull();
    expect(booked.issue('m-a', 'elderly')).toMatchObject({ number: 'A003' });
    d.advance(7.5 * 60); // 16:30
    expect(admissionProblem(d.state, setup, 'm-b', 'walk_in', 'hall', d.now)).toBeNull();
    setup.queues.set('B', { ...setup.queues.get('B')!, cutOff: '16:30' });
    expect(code(() => d.issue('m-b'))).toBe('after_cut_off');
  });

  it('follows the hall calendar: closed at night, self-service in the 24-hour zone, booked only in the flex window', () => {
    const calendar = hallCalendarSchema.parse({ flex: { enabled: true, beforeOpenMinutes: 60, afterCloseMinutes: 60 } });
    const d = hall({ calendar });
    const at = (hhmm: string) => MONDAY_9AM + ((Number(hhmm.slice(0, 2)) - 9) * 60 + Number(hhmm.slice(3))) * 60_000;
    expect(admissionProblem(d.state, d.setup, 'm-a', 'walk_in', 'hall', at('10:00'))).toBeNull();
    expect(admissionProblem(d.state, d.setup, 'm-a', 'walk_in', 'hall', at('08:30'))?.code).toBe('booked_only');
    expect(admissionProblem(d.state, d.setup, 'm-a', 'check_in', 'hall', at('08:30'))).toBeNull();
    expect(admissionProblem(d.state, d.setup, 'm-a', 'walk_in', 'hall', at('22:00'))?.code).toBe('hall_closed');
    expect(admissionProblem(d.state, d.setup, 'm-a', 'walk_in', '24h', at('22:00'))?.code).toBe('self_service_only');
    const closed = admissionProblem(d.state, d.setup, 'm-a', 'walk_in', 'hall', at('22:00'))!;
    expect(closed.details?.opensAtText).toMatch(/^2026-11-24 0[89]:00$/);
  });
});

describe('wait estimate from measured service times', () => {
  it('uses the configured minutes until three services were measured, then today’s quartiles', () => {
    const d = hall();
    for (let i = 0; i < 6; i++) d.issue('m-c');
    expect(queueEstimate(d.state, d.setup, 'C')).toMatchObject({ basis: 'typical' });
    for (let i = 0; i < 3; i++) {
      d.run({ type: 'call_next', counterId: 'd3' });
      d.run({ type: 'start_service', counterId: 'd3' });
      d.advance(2);
      d.run({ type: 'finish_service', counterId: 'd3', ratingId: d.nextRatingId() });
    }
    const measured = queueEstimate(d.state, d.setup, 'C');
    // 3 waiting, 2-minute services, 2 counters serve C (g1, d3): about 3 minutes → the 0–5 band.
    expect(measured).toEqual({ minMinutes: 0, maxMinutes: 5, basis: 'measured' });
  });

  it('warns the manager when the longest wait passes the queue target', () => {
    const d = hall();
    d.issue('m-a');
    d.advance(14);
    expect(waitWarning(d.state, d.setup, 'A', d.now)).toBeNull();
    d.advance(2);
    expect(waitWarning(d.state, d.setup, 'A', d.now)).toBe('over_target');
  });
});
