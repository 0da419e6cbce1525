// Learning visitor behaviour from a hall's own recorded days: a day with
// no-shows, recalls, transfers, suspensions and walking is played through the
// real hall runtime into a real SQLite file; the rates read back from its event
// log must be what happened that day, and near the rates it was drawn from.
// Mutation checked: counting every recalled ticket (no-shows too) as "came
// after a recall" fails both rate tests.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { withBehaviour, type BehaviourRates } from '../../../hall/simulator/behaviour.js';
import { generateDay } from '../../../hall/simulator/generate.js';
import { recordDay } from '../../../hall/simulator/record.js';
import { learnBehaviour } from '../../../hall/simulator/recorded.js';
import { shippedPolicies } from '../../../hall/simulator/policies.js';
import type { SimRun } from '../../../hall/simulator/run.js';
import type { SimDay } from '../../../hall/simulator/day.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const setup = hallSetupFrom(loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json')));
const rates: BehaviourRates = { noShowRate: 0.08, recallRate: 0.12, transferRate: 0.06, suspendRate: 0.05, suspendAwayMinutes: 25, walkSeconds: 50 };
let dir: string;
let file: string;
let day: SimDay;
let run: SimRun;

beforeAll(() => {
  dir = tempDataDir();
  file = path.join(dir, 'hall.sqlite');
  day = withBehaviour(generateDay(setup, 5), setup, rates);
  run = recordDay(day, setup, shippedPolicies(setup).find((p) => p.id === 'default')!, file);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('behaviour learned from a recorded day', () => {
  it('is what happened that day, counted from the event log', () => {
    const learned = learnBehaviour(file, day.serviceDay, day.serviceDay);
    const called = run.tickets.filter((t) => t.calledAt !== null);
    const share = (n: number) => Math.round((n / called.length) * 10_000) / 10_000;
    expect(learned.days).toEqual([day.serviceDay]);
    expect(learned.called).toBe(called.length);
    expect(learned.rates.noShowRate).toBe(share(called.filter((t) => t.noShow).length));
    expect(learned.rates.transferRate).toBe(share(called.filter((t) => t.transferred).length));
    expect(learned.rates.suspendRate).toBe(share(called.filter((t) => t.suspended).length));
    const plans = new Map(day.arrivals.map((a) => [a.id, a.plan!]));
    const recalledAndCame = called.filter((t) => (plans.get(t.id)!.recallsBeforeAnswer ?? 0) > 0);
    expect(learned.rates.recallRate).toBe(share(recalledAndCame.length));
  });

  it('is near the rates the day was drawn from', () => {
    const { rates: learned } = learnBehaviour(file, day.serviceDay, day.serviceDay);
    for (const k of ['noShowRate', 'recallRate', 'transferRate', 'suspendRate'] as const) expect(Math.abs(learned[k] - rates[k])).toBeLessThan(0.05);
    expect(learned.walkSeconds).toBeGreaterThan(rates.walkSeconds * 0.7);
    expect(learned.walkSeconds).toBeLessThan(rates.walkSeconds * 1.4);
    expect(learned.suspendAwayMinutes).toBeGreaterThan(rates.suspendAwayMinutes * 0.6);
    expect(learned.suspendAwayMinutes).toBeLessThan(rates.suspendAwayMinutes * 1.6);
  });

  it('refuses a range without calls, saying so', () => {
    expect(() => learnBehaviour(file, '2020-01-01', '2020-01-31')).toThrow(/no calls between 2020-01-01 and 2020-01-31/);
  });
});
