// Remote tickets (线上取号) checked in at the kiosk: where they go in the queue (hall/domain/remote-placement.ts).
// The fairness property: whatever the share of remote tickets, under both placements, a walk-in with A
// tickets ahead of it when issued is passed by at most floor(share × A / (100 − share)) remote tickets,
// and is called after at most A + that many calls of its line — walk-ins are always served.
// Mutations tried: remotePlace returning the earned place without the bound (the property fails with a
// walk-in passed beyond its allowance); passAllowance using `ceil` (the issue_time property fails);
// evolve ignoring the event's lineKey (the issue_time example fails: the remote ticket lands at the back).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyState, type HallEvent } from '../../../hall/domain/index.js';
import { isJumper, passAllowance } from '../../../hall/domain/remote-placement.js';
import { EngineDriver } from '../../helpers/engine-driver.js';
import { MONDAY_9AM, testSetup } from '../../helpers/hall-setup.js';

type Placement = 'check_in_time' | 'issue_time';

function hall() {
  const setup = testSetup({ guard: { maxConsecutiveGreen: 2, maxWaitMinutes: 30 } });
  const driver = new EngineDriver(setup, emptyState(setup, '2026-11-23'), MONDAY_9AM);
  driver.run({ type: 'sign_in', counterId: 'd2', staffId: 's2' });
  return driver;
}

let remoteIds = 0;
function checkInRemote(d: EngineDriver, issuedMinutesAgo: number, placement: Placement, share: number): HallEvent & { type: 'ticket_issued' } {
  const id = `rt${++remoteIds}`;
  const events = d.run({
    type: 'check_in_remote',
    ticketId: `t-${id}`,
    kioskId: 'k1',
    remote: { id, matterId: 'm-a', issuedAt: d.now - issuedMinutesAgo * 60_000, checkInUntil: d.now + 3600_000, status: 'pending' },
    greenCategory: null,
    placement,
    maxSharePercent: share,
  });
  return events.find((e) => e.type === 'ticket_issued') as HallEvent & { type: 'ticket_issued' };
}

function lineA(d: EngineDriver): string[] {
  return d.state.lines.get('A')!.walk_in.ids();
}

function serveOne(d: EngineDriver): string | null {
  const line = lineA(d);
  if (line.length === 0) return null;
  const called = d.run({ type: 'call_next', counterId: 'd2' }).find((e) => e.type === 'ticket_called') as (HallEvent & { type: 'ticket_called' }) | undefined;
  d.run({ type: 'start_service', counterId: 'd2' });
  d.run({ type: 'finish_service', counterId: 'd2', ratingId: d.nextRatingId() });
  return called?.ticketId ?? null;
}

describe('remote ticket placement', () => {
  it('check_in_time (the default) puts it at the back like a walk-in; issue_time at its earned place within the bound', () => {
    const d = hall();
    for (let i = 0; i < 8; i++) {
      d.issue('m-a');
      d.advance(1);
    }
    const back = checkInRemote(d, 30, 'check_in_time', 20);
    expect(lineA(d).at(-1)).toBe(back.ticketId);
    expect(back.remoteTicketId).toBeDefined();
    // Issued remotely 30 minutes ago, before all 8: earned the head, but the first walk-ins may not be passed.
    const earned = checkInRemote(d, 30, 'issue_time', 20);
    const at = lineA(d).indexOf(earned.ticketId);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(8);
    // 20 %: the walk-in right behind it had `at` non-jumpers ahead: allowance floor(at / 4) ≥ 1.
    expect(passAllowance(at, 20)).toBeGreaterThanOrEqual(1);
    expect(passAllowance(at - 1, 20)).toBe(0);
    expect(isJumper(d.state.tickets.get(earned.ticketId)!)).toBe(true);
  });

  it('never passes the first in line, and never anyone with a share of 0', () => {
    const d = hall();
    d.issue('m-a');
    d.advance(5);
    const first = lineA(d)[0];
    const r = checkInRemote(d, 60, 'issue_time', 50);
    expect(lineA(d)).toEqual([first, r.ticketId]);
    for (let i = 0; i < 10; i++) d.issue('m-a');
    const none = checkInRemote(d, 60, 'issue_time', 0);
    expect(lineA(d).at(-1)).toBe(none.ticketId);
    expect(isJumper(d.state.tickets.get(none.ticketId)!)).toBe(false);
  });

  it('refuses a remote ticket past its window, not pending, or checked in twice', () => {
    const d = hall();
    const remote = { id: 'rx', matterId: 'm-a', issuedAt: d.now - 60_000, checkInUntil: d.now - 1, status: 'pending' as const };
    const cmd = { type: 'check_in_remote' as const, ticketId: 'tx', kioskId: 'k1', remote, greenCategory: null, placement: 'issue_time' as const, maxSharePercent: 20 };
    expect(() => d.run(cmd)).toThrow(expect.objectContaining({ code: 'remote_expired' }));
    expect(() => d.run({ ...cmd, remote: { ...remote, checkInUntil: d.now + 1, status: 'expired' } })).toThrow(expect.objectContaining({ code: 'remote_not_pending' }));
    d.run({ ...cmd, remote: { ...remote, checkInUntil: d.now + 1 } });
    expect(() => d.run({ ...cmd, ticketId: 'ty', remote: { ...remote, checkInUntil: d.now + 1 } })).toThrow(expect.objectContaining({ code: 'already_checked_in' }));
  });

  // One step of a random day: a walk-in arrives, a remote ticket issued `ago` minutes before is checked in, or the counter serves one.
  const step = fc.oneof(
    fc.record({ kind: fc.constant('walk_in' as const), gap: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant('remote' as const), gap: fc.integer({ min: 0, max: 4 }), ago: fc.integer({ min: 0, max: 180 }) }),
    fc.record({ kind: fc.constant('serve' as const), gap: fc.integer({ min: 0, max: 12 }) }),
  );

  for (const placement of ['check_in_time', 'issue_time'] as const) {
    it(`walk-ins' waits stay within their bound whatever the share of remote tickets (${placement})`, () => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: 90 }), (steps, share) => {
          const d = hall();
          // Per walk-in: the tickets ahead of it when it was issued, all and those not jumpers.
          const aheadAtIssue = new Map<string, { all: number; notJumpers: number }>();
          for (const s of steps) {
            d.advance(s.gap);
            if (s.kind === 'walk_in') {
              const line = lineA(d);
              aheadAtIssue.set(d.issue('m-a').ticketId, { all: line.length, notJumpers: line.filter((id) => !isJumper(d.state.tickets.get(id)!)).length });
            } else if (s.kind === 'remote') checkInRemote(d, s.ago, placement, share);
            else serveOne(d);
          }
          const order: string[] = [];
          for (let id = serveOne(d); id !== null; id = serveOne(d)) order.push(id);
          // Everyone was served, in the order the engine called them (the day's calls before the drain included).
          // Tickets in the order of the events (several happen in one millisecond).
          const issuedAt = new Map<string, number>();
          const calls: string[] = [];
          d.log.forEach((r, i) => {
            if (r.event.type === 'ticket_issued') issuedAt.set(r.event.ticketId, i);
            if (r.event.type === 'ticket_called') calls.push(r.event.ticketId);
          });
          const calledAt = new Map(d.log.flatMap((r, i) => (r.event.type === 'ticket_called' ? [[r.event.ticketId, i] as const] : [])));
          expect(calls.length).toBe(d.state.tickets.size);
          for (const [w, ahead] of aheadAtIssue) {
            const since = (id: string) => calledAt.get(id)! > issuedAt.get(w)! && calledAt.get(id)! < calledAt.get(w)!;
            const passedBy = calls.filter((id) => since(id) && isJumper(d.state.tickets.get(id)!) && issuedAt.get(id)! > issuedAt.get(w)!).length;
            const allowance = passAllowance(ahead.notJumpers, share);
            expect(passedBy).toBeLessThanOrEqual(placement === 'check_in_time' ? 0 : allowance);
            // Called after at most the tickets ahead of it and the remote tickets allowed to pass it.
            expect(calls.filter(since).length).toBeLessThanOrEqual(ahead.all + allowance);
          }
        }),
        { numRuns: 150, seed: 16_007 },
      );
    });
  }
});
