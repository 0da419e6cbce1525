// Calling stories of issue 12, on deterministic days driven through the real engine
// (tests/helpers/calling-day.ts): every counter calls as soon as it is free, services last
// their queue's typical minutes.
//   - A senior burst: 60 green-channel visitors at once on a busy morning. Under every shipped
//     policy with a cap (the simulator's library, the demo hall's policies, and the old demo
//     ratio of 1 priority : 2 walk-ins a hall may still allow explicitly) nobody waits past the cap
//     whenever first-come-first-served could have kept everyone under it.
//   - Appointments under heavy walk-in and green load are called at their slot, within the window.
// Mutations checked: lookAhead() always answering ok makes the burst exceed the cap under the
// 1:2 ratio (as the issue found); dropping the appointment-slot rule makes every policy call
// appointments after the groups of seniors, past their slot.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { shippedPolicies } from '../../../hall/simulator/policies.js';
import type { CallingPolicy, HallSetup } from '../../../hall/domain/index.js';
import { fifoLongestWait, runCallingDay, type Arrival } from '../../helpers/calling-day.js';
import { MONDAY_9AM, testSetup } from '../../helpers/hall-setup.js';

const MIN = 60_000;
const SERVICE = 4;

/** Two queues of equal service minutes and `counters` general counters serving both. */
function hall(counters: number): HallSetup {
  const queue = (id: string) => [id, { id, prefix: id, avgServiceMinutes: SERVICE, waitTargetMinutes: 15, dailyCap: null, cutOff: null }] as const;
  return testSetup({
    guard: { maxConsecutiveGreen: 3, maxWaitMinutes: 30 },
    queues: new Map([queue('A'), queue('B')]),
    matters: new Map([
      ['m-a', { queueId: 'A', selfService: false }],
      ['m-b', { queueId: 'B', selfService: false }],
    ]),
    counters: new Map(Array.from({ length: counters }, (_, i) => [`c${i + 1}`, { id: `c${i + 1}`, number: i + 1, kind: 'general' as const, queueIds: ['A', 'B'], policyId: 'default' }] as const)),
  });
}

/** What a hall may run: the simulator's shipped library, the demo hall's policies, and the old demo ratio allowed explicitly. */
function everyShippedPolicy(setup: HallSetup): CallingPolicy[] {
  const demo = hallSetupFrom(loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json')));
  const old: CallingPolicy = { id: 'priority1-walkin2', name: '优先号1个、普通号2个', classOrder: ['green', 'appointment', 'walk_in'], mode: 'ratio', ratio: { priority: 1, walkIn: 2 }, allowFewerPriorityCalls: true, maxWaitMinutes: 30, queueOrder: 'oldest_first', queueWeights: {} };
  const byId = new Map<string, CallingPolicy>();
  for (const p of [...shippedPolicies(setup), ...[...demo.policies.values()].map((p) => ({ ...p, id: `demo-${p.id}` })), old]) byId.set(p.id, p);
  return [...byId.values()];
}

describe('a senior burst: 60 green-channel visitors at once', () => {
  const counters = 12;
  const setup = hall(counters);
  const burstAt = MONDAY_9AM + 60 * MIN;
  const arrivals: Arrival[] = [];
  for (let s = 0; s < 180 * 60; s += 30) arrivals.push({ at: MONDAY_9AM + s * 1000, matterId: s % 60 ? 'm-b' : 'm-a', kind: 'walk_in' });
  for (let i = 0; i < 60; i++) arrivals.push({ at: burstAt, matterId: i % 2 ? 'm-b' : 'm-a', kind: 'green' });
  const fifo = fifoLongestWait(arrivals, counters, SERVICE);

  it('first come, first served could keep every wait under 30 minutes on this day (so the caps below can hold)', () => {
    expect(fifo).toBeLessThanOrEqual(30 * MIN);
  });

  for (const policy of everyShippedPolicy(setup)) {
    it(`${policy.id}: ${policy.maxWaitMinutes === null ? 'has no cap to keep (the admin page warns of it); everyone is still called' : `nobody waits past its ${policy.maxWaitMinutes}-minute cap`}`, () => {
      const called = runCallingDay(setup, policy, arrivals, MONDAY_9AM);
      expect(called).toHaveLength(arrivals.length);
      if (policy.maxWaitMinutes === null) return;
      expect(fifo).toBeLessThanOrEqual(policy.maxWaitMinutes * MIN);
      const longest = Math.max(...called.map((t) => t.calledAt - t.issuedAt));
      expect(longest).toBeLessThanOrEqual(policy.maxWaitMinutes * MIN);
    });
  }
});

describe('appointments under heavy walk-in load', () => {
  const counters = 6;
  const setup = hall(counters);
  const window = setup.rules.appointmentCallWindowMinutes * MIN;
  const arrivals: Arrival[] = [];
  // 20 walk-ins waiting at opening, then a walk-in every 52 s (the counters serve one every 40 s), a green visitor every 12 minutes (and
  // two groups of 20), and an
  // appointment every 10 minutes checked in 5–20 minutes before its slot.
  for (let i = 0; i < 20; i++) arrivals.push({ at: MONDAY_9AM, matterId: i % 2 ? 'm-b' : 'm-a', kind: 'walk_in' });
  for (let s = 0; s < 150 * 60; s += 52) arrivals.push({ at: MONDAY_9AM + s * 1000, matterId: s % 104 ? 'm-b' : 'm-a', kind: 'walk_in' });
  for (let m = 0; m < 150; m += 12) arrivals.push({ at: MONDAY_9AM + m * MIN, matterId: 'm-a', kind: 'green' });
  // Groups of 20 seniors just before two slots: green-first order alone would keep those appointments waiting.
  for (const m of [58, 98]) for (let i = 0; i < 20; i++) arrivals.push({ at: MONDAY_9AM + m * MIN, matterId: i % 2 ? 'm-b' : 'm-a', kind: 'green' });
  for (let m = 40; m < 150; m += 10) arrivals.push({ at: MONDAY_9AM + (m - 5 - (m % 4) * 5) * MIN, matterId: m % 20 ? 'm-a' : 'm-b', kind: 'appointment', slotStart: MONDAY_9AM + m * MIN });

  for (const policy of everyShippedPolicy(setup)) {
    it(`${policy.id}: each appointment is called at its slot, within ${window / MIN} minutes`, () => {
      const called = runCallingDay(setup, policy, arrivals, MONDAY_9AM);
      const appointments = called.filter((t) => t.kind === 'appointment');
      expect(appointments).toHaveLength(11);
      for (const a of appointments) {
        expect(a.calledAt).toBeGreaterThanOrEqual(a.slotStart!);
        expect(a.calledAt - a.slotStart!).toBeLessThanOrEqual(window);
        // At its slot: by the first counter that frees (each is free again within one service).
        expect(a.calledAt - a.slotStart!).toBeLessThanOrEqual(SERVICE * MIN);
      }
      // The load was heavy: walk-ins did wait.
      expect(Math.max(...called.filter((t) => t.kind === 'walk_in').map((t) => t.calledAt - t.issuedAt))).toBeGreaterThan(5 * MIN);
    });
  }
});
