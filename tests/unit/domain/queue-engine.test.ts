// The queue engine's everyday rules, one story per test.
import { describe, expect, it } from 'vitest';
import { DomainError, previewCalls, peopleAhead, serviceDayOf } from '../../../hall/domain/index.js';
import { EngineDriver } from '../../helpers/engine-driver.js';
import { DAY_RULE, MONDAY_9AM, freshState, testSetup } from '../../helpers/hall-setup.js';

function hall() {
  const setup = testSetup();
  const d = new EngineDriver(setup, freshState(setup), MONDAY_9AM);
  for (const c of ['g1', 'd2', 'd3']) d.run({ type: 'sign_in', counterId: c, staffId: `s-${c}` });
  return d;
}

describe('issuing tickets', () => {
  it('numbers each queue separately with its prefix, from 001', () => {
    const d = hall();
    expect([d.issue('m-a').number, d.issue('m-a').number, d.issue('m-b').number, d.issue('m-a').number]).toEqual(['A001', 'A002', 'B001', 'A003']);
  });

  it('rejects an unknown matter or green category without changing anything', () => {
    const d = hall();
    expect(() => d.issue('nope')).toThrow(DomainError);
    expect(() => d.issue('m-a', 'vip')).toThrow(/category/);
    expect(d.issue('m-a').number).toBe('A001');
  });

  it('counts people ahead: green tickets are ahead of every walk-in of the queue', () => {
    const d = hall();
    const w1 = d.issue('m-a');
    d.advance(1);
    const g1 = d.issue('m-a', 'elderly');
    const w1Ticket = d.state.tickets.get(w1.ticketId)!;
    expect(peopleAhead(d.state, w1Ticket)).toBe(1);
    expect(peopleAhead(d.state, d.state.tickets.get(g1.ticketId)!)).toBe(0);
  });
});

describe('calling', () => {
  it('calls the oldest ticket of the queues the counter serves', () => {
    const d = hall();
    d.issue('m-b');
    d.advance(1);
    d.issue('m-a');
    const [called] = d.run({ type: 'call_next', counterId: 'd2' });
    expect(called).toMatchObject({ type: 'ticket_called', number: 'A001', counterNumber: 2, reason: 'in_order' });
    const [general] = d.run({ type: 'call_next', counterId: 'g1' });
    expect(general).toMatchObject({ number: 'B001' });
  });

  it('calls the green channel first, then lets a walk-in through after the streak limit', () => {
    const d = hall();
    d.issue('m-a');
    for (let i = 0; i < 3; i++) d.issue('m-a', 'elderly');
    const calls: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [e] = d.run({ type: 'call_next', counterId: 'd2' });
      calls.push(e!.type === 'ticket_called' ? `${e!.number}:${e!.reason}` : '');
      d.run({ type: 'finish_service', counterId: 'd2', ratingId: d.nextRatingId() });
    }
    expect(calls).toEqual(['A002:class_first', 'A003:class_first', 'A001:ratio_turn', 'A004:in_order']);
  });

  it('lets a ticket that waited past the maximum go before younger green tickets', () => {
    const d = hall();
    d.issue('m-a');
    d.advance(31);
    d.issue('m-a', 'pregnant');
    const [e] = d.run({ type: 'call_next', counterId: 'd2' });
    expect(e).toMatchObject({ number: 'A001', reason: 'overdue' });
  });

  it('never hands one ticket to two counters', () => {
    const d = hall();
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    expect(() => d.run({ type: 'call_next', counterId: 'g1' })).toThrow(expect.objectContaining({ code: 'no_waiting' }));
  });

  it('refuses to call while paused, while holding a ticket, or when nobody is signed in', () => {
    const d = hall();
    d.issue('m-a');
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    expect(() => d.run({ type: 'call_next', counterId: 'd2' })).toThrow(expect.objectContaining({ code: 'counter_busy' }));
    d.run({ type: 'pause', counterId: 'g1' });
    expect(() => d.run({ type: 'call_next', counterId: 'g1' })).toThrow(expect.objectContaining({ code: 'counter_paused' }));
    d.run({ type: 'resume', counterId: 'g1' });
    d.run({ type: 'sign_out', counterId: 'g1' });
    expect(() => d.run({ type: 'call_next', counterId: 'g1' })).toThrow(expect.objectContaining({ code: 'not_signed_in' }));
  });

  it('previews the next calls in the order they would happen', () => {
    const d = hall();
    d.issue('m-a');
    d.issue('m-a', 'elderly');
    d.issue('m-a', 'elderly');
    d.issue('m-a', 'elderly');
    const preview = previewCalls(d.state, d.setup, 'd2', d.now, 4).map((c) => d.state.tickets.get(c.ticketId)!.number);
    const actual: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [e] = d.run({ type: 'call_next', counterId: 'd2' });
      actual.push(e!.type === 'ticket_called' ? e!.number : '');
      d.run({ type: 'mark_no_show', counterId: 'd2' });
    }
    expect(preview).toEqual(actual);
  });
});

describe('serving', () => {
  it('walks a ticket through call → recall → start → finish and asks for a rating', () => {
    const d = hall();
    const issued = d.issue('m-c');
    d.advance(5);
    d.run({ type: 'call_next', counterId: 'd3' });
    d.advance(1);
    expect(d.run({ type: 'recall', counterId: 'd3' })[0]).toMatchObject({ type: 'ticket_recalled', recallCount: 1 });
    d.run({ type: 'start_service', counterId: 'd3' });
    expect(() => d.run({ type: 'recall', counterId: 'd3' })).toThrow(expect.objectContaining({ code: 'not_called' }));
    d.advance(12);
    const events = d.run({ type: 'finish_service', counterId: 'd3', ratingId: 'rate-1' });
    expect(events.map((e) => e.type)).toEqual(['service_finished', 'rating_requested']);
    expect(d.state.tickets.get(issued.ticketId)).toMatchObject({ status: 'finished', counterId: 'd3', staffId: 's-d3' });
    expect(d.state.counters.get('d3')).toMatchObject({ status: 'idle', currentTicketId: null });
  });

  it('records a rating once, and a silent visitor as not rated', () => {
    const d = hall();
    d.issue('m-a');
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'finish_service', counterId: 'd2', ratingId: 'r-yes' });
    d.run({ type: 'record_rating', ratingId: 'r-yes', outcome: 'satisfied', source: 'pad' });
    expect(() => d.run({ type: 'record_rating', ratingId: 'r-yes', outcome: 'very_dissatisfied', source: 'pad' })).toThrow(
      expect.objectContaining({ code: 'rating_closed' }),
    );
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'finish_service', counterId: 'd2', ratingId: 'r-silent' });
    d.advance(0.5);
    expect(d.run({ type: 'expire_rating', ratingId: 'r-silent' })).toEqual([]);
    d.advance(1);
    expect(d.run({ type: 'expire_rating', ratingId: 'r-silent' })[0]).toMatchObject({ outcome: 'not_rated', source: 'timeout' });
  });

  it('marks a no-show only before service starts', () => {
    const d = hall();
    d.issue('m-a');
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'start_service', counterId: 'd2' });
    expect(() => d.run({ type: 'mark_no_show', counterId: 'd2' })).toThrow(expect.objectContaining({ code: 'not_called' }));
  });

  it('transfers a ticket to another queue keeping its original issue time', () => {
    const d = hall();
    const early = d.issue('m-a');
    d.advance(10);
    d.issue('m-b');
    d.advance(10);
    d.run({ type: 'call_next', counterId: 'd2' });
    d.run({ type: 'transfer', counterId: 'd2', toQueueId: 'B' });
    const t = d.state.tickets.get(early.ticketId)!;
    expect(t).toMatchObject({ status: 'waiting', queueId: 'B', number: 'A001', issuedAt: MONDAY_9AM, transferCount: 1 });
    const [next] = d.run({ type: 'call_next', counterId: 'd3' });
    expect(next).toMatchObject({ number: 'A001' });
  });
});

describe('service days', () => {
  it('starts the day at 03:00 local time', () => {
    expect(serviceDayOf(Date.UTC(2026, 10, 23, 18, 59), DAY_RULE)).toBe('2026-11-23'); // 02:59 on the 24th local
    expect(serviceDayOf(Date.UTC(2026, 10, 23, 19, 0), DAY_RULE)).toBe('2026-11-24'); // 03:00 local
  });

  it('restarts numbering every service day and expires what still waits', () => {
    const d = hall();
    const left = d.issue('m-a');
    d.issue('m-a');
    d.advance(24 * 60);
    const events = d.run({ type: 'issue_ticket', ticketId: 'next-day', matterId: 'm-a', greenCategory: null, kioskId: null });
    expect(events[0]).toMatchObject({ type: 'service_day_closed', serviceDay: '2026-11-23', nextServiceDay: '2026-11-24' });
    expect((events[0] as { expiredTicketIds: string[] }).expiredTicketIds).toContain(left.ticketId);
    expect(events[1]).toMatchObject({ type: 'ticket_issued', number: 'A001' });
    expect(d.state.serviceDay).toBe('2026-11-24');
  });
});
