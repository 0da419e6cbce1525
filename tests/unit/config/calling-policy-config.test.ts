// Calling policies through the configuration file a hall writes (issue 12): a ratio that gives
// the green channel fewer calls than walk-ins is refused with a clear message unless the hall
// says allowFewerPriorityCalls; old "ratio-X-Y" ids are renamed after what the policy does, with
// a logged notice; policies without a cap are warned; the appointment window and the late rule
// take effect. Mutations checked: dropping the inverted-ratio check in schema.ts, not renaming
// counters' policyId in policy-config.ts, dropping the uncapped warning from load.ts, and ignoring
// visitRules.appointmentCallWindowMinutes / lateAppointment each fail a test here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { configureLogging } from '../../../drivers/log/logger.js';
import { chooseNext, emptyState, decide, evolve, type HallEvent } from '../../../hall/domain/index.js';
import { policyWarnings } from '../../../renderer/admin/policyWarnings.js';

const demoFile = path.resolve(import.meta.dirname, '../../../config/demo-hall.json');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The demo hall with no configured policy (every counter on "default"): each test adds its own. */
function demo(): Json {
  const cfg = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as Json;
  cfg.callingPolicies = [];
  for (const c of cfg.counters) delete c.policyId;
  return cfg;
}

let dir: string;
let logged: string[];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calling-config-'));
  logged = [];
  configureLogging({ level: 'warn', destination: { write: (s: string) => void logged.push(String((JSON.parse(s) as { msg: unknown }).msg)) } });
});
afterEach(() => {
  configureLogging({ level: 'silent' });
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(cfg: Json): string {
  const file = path.join(dir, 'hall.json');
  fs.writeFileSync(file, JSON.stringify(cfg, null, 2));
  return file;
}

function problemsOf(file: string): string[] {
  try {
    loadHallConfig(file);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
  }
}

const ratioPolicy = (id: string, priority: number, walkIn: number, extra: Json = {}) => ({
  id,
  name: '比例叫号',
  classOrder: ['green', 'appointment', 'walk_in'],
  mode: 'ratio',
  ratio: { priority, walkIn },
  maxWaitMinutes: 30,
  ...extra,
});

describe('ratios name both sides: priority:walkIn', () => {
  it('refuses a ratio giving the green channel fewer calls than walk-ins, saying what to write', () => {
    const cfg = demo();
    cfg.callingPolicies = [ratioPolicy('priority1-walkin3', 1, 3)];
    const problems = problemsOf(write(cfg));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^callingPolicies\[0\]\.ratio: calling policy "priority1-walkin3": ratio priority:walkIn = 1:3 gives the green channel/);
    expect(problems[0]).toContain('"allowFewerPriorityCalls": true');
    expect(problems[0]).toContain('{"priority": 3, "walkIn": 1}');
  });

  it('accepts it when the hall says so explicitly, and the admin page then warns of it', () => {
    const cfg = demo();
    cfg.callingPolicies = [ratioPolicy('priority1-walkin3', 1, 3, { allowFewerPriorityCalls: true })];
    const config = loadHallConfig(write(cfg));
    const p = config.callingPolicies[0]!;
    expect(p.ratio).toEqual({ priority: 1, walkIn: 3 });
    expect(policyWarnings([{ ...p, classOrder: [...p.classOrder] }]).map((w) => w.kind)).toEqual(['fewer_priority']);
  });

  it('accepts equal and priority-heavy ratios without a flag', () => {
    const cfg = demo();
    cfg.callingPolicies = [ratioPolicy('priority1-walkin1', 1, 1), ratioPolicy('priority3-walkin1', 3, 1)];
    expect(problemsOf(write(cfg))).toEqual([]);
  });
});

describe('old policy ids migrate through the configuration file', () => {
  it('renames "ratio-2-1" after what it does, with every counter following it, and logs a notice', () => {
    const cfg = demo();
    cfg.callingPolicies = [ratioPolicy('ratio-2-1', 2, 1)];
    cfg.counters[1].policyId = 'ratio-2-1';
    cfg.counters[2].policyId = 'ratio-2-1';
    const config = loadHallConfig(write(cfg));
    expect(config.callingPolicies.map((p) => p.id)).toEqual(['priority2-walkin1']);
    expect(config.counters.filter((c) => c.policyId === 'priority2-walkin1').map((c) => c.id)).toEqual([cfg.counters[1].id, cfg.counters[2].id]);
    expect(hallSetupFrom(config).policies.get('priority2-walkin1')?.ratio).toEqual({ priority: 2, walkIn: 1 });
    expect(logged.some((m) => m.includes('the old id "ratio-2-1" is now "priority2-walkin1"') && m.includes(`counters ${cfg.counters[1].id}, ${cfg.counters[2].id}`))).toBe(true);
  });

  it('names the truth of the old demo policy (1 priority to 2 walk-ins) and refuses it until the hall says so', () => {
    const cfg = demo();
    cfg.callingPolicies = [ratioPolicy('ratio-2-1', 1, 2, { name: '比例叫号：优先号1个、普通号2个交替' })];
    cfg.counters[1].policyId = 'ratio-2-1';
    expect(problemsOf(write(cfg))).toEqual([expect.stringContaining('callingPolicies[0].ratio: calling policy "priority1-walkin2": ratio priority:walkIn = 1:2')]);
    cfg.callingPolicies[0].allowFewerPriorityCalls = true;
    const config = loadHallConfig(write(cfg));
    expect(config.counters[1]!.policyId).toBe('priority1-walkin2');
  });

  it('leaves an old id alone when its new name is taken, and says so', () => {
    const cfg = demo();
    cfg.callingPolicies = [ratioPolicy('ratio-2-1', 2, 1), ratioPolicy('priority2-walkin1', 2, 1)];
    const config = loadHallConfig(write(cfg));
    expect(config.callingPolicies.map((p) => p.id)).toEqual(['ratio-2-1', 'priority2-walkin1']);
    expect(logged.some((m) => m.includes('not renamed to "priority2-walkin1"'))).toBe(true);
  });
});

describe('policies without a cap', () => {
  it('are named in the loader warnings with the counters that follow them', () => {
    const cfg = demo();
    cfg.callingPolicies = [{ ...ratioPolicy('priority2-walkin1', 2, 1), maxWaitMinutes: null }];
    cfg.counters[1].policyId = 'priority2-walkin1';
    loadHallConfig(write(cfg));
    expect(logged.some((m) => m.includes('callingPolicies[0].maxWaitMinutes: calling policy "priority2-walkin1" has no cap') && m.includes(`counters ${cfg.counters[1].id}`))).toBe(true);
  });

  it('the demo hall has none, so it starts without such a warning', () => {
    loadHallConfig(demoFile);
    expect(logged.filter((m) => m.includes('has no cap'))).toEqual([]);
  });
});

describe('appointment window and the late rule, set in the file', () => {
  function hallFrom(visitRules: Json) {
    const cfg = demo();
    Object.assign(cfg.visitRules, visitRules);
    const setup = hallSetupFrom(loadHallConfig(write(cfg)));
    const state = emptyState(setup, '2026-11-23');
    let now = Date.UTC(2026, 10, 23, 1, 0, 0); // 09:00 local
    const run = (cmd: Parameters<typeof decide>[2]) => {
      const events = decide(state, setup, cmd, now);
      for (const e of events) evolve(state, e, now);
      return events;
    };
    return { setup, state, run, at: (m: number) => (now = Date.UTC(2026, 10, 23, 1, m, 0)) };
  }
  const counterOf = (setup: ReturnType<typeof hallSetupFrom>, queueId: string) => [...setup.counters.values()].find((c) => c.queueIds.length === 1 && c.queueIds[0] === queueId)!;

  it('appointmentCallWindowMinutes sets how long after its slot an appointment must be called', () => {
    for (const window of [10, 40]) {
      const h = hallFrom({ appointmentCallWindowMinutes: window });
      const matter = h.setup.matters.keys().next().value!;
      const queueId = h.setup.matters.get(matter)!.queueId;
      const counter = counterOf(h.setup, queueId);
      h.run({ type: 'sign_in', counterId: counter.id, staffId: 's1' });
      h.at(0);
      h.run({ type: 'check_in', ticketId: 'ap', kioskId: null, greenCategory: null, appointment: { id: 'a1', matterId: matter, slotStart: Date.UTC(2026, 10, 23, 1, 0, 0), slotEnd: Date.UTC(2026, 10, 23, 1, 30, 0), status: 'booked' } });
      // A green ticket older in line than anything: with the slot started, the appointment still goes first
      // unless its window has passed, when it is overdue (reason "overdue") — the window decides which.
      h.at(25);
      const pick = chooseNext(h.state, h.setup, counter.id, Date.UTC(2026, 10, 23, 1, 25, 0))!;
      expect(pick.ticketId).toBe('ap');
      expect(pick.reason).toBe(window === 10 ? 'overdue' : 'appointment_slot');
    }
  });

  it('lateAppointment: "walk_in" issues a walk-in; "appointment_without_slot" keeps the class without the slot promise', () => {
    for (const rule of ['walk_in', 'appointment_without_slot'] as const) {
      const h = hallFrom({ lateAppointment: rule, appointmentLateMinutes: 15 });
      const matter = h.setup.matters.keys().next().value!;
      h.at(30); // slot at 09:00, check-in at 09:30: late
      const [issued] = h.run({ type: 'check_in', ticketId: 'late', kioskId: null, greenCategory: null, appointment: { id: 'a2', matterId: matter, slotStart: Date.UTC(2026, 10, 23, 1, 0, 0), slotEnd: Date.UTC(2026, 10, 23, 1, 30, 0), status: 'booked' } }) as (HallEvent & { type: 'ticket_issued' })[];
      expect(issued).toMatchObject({ checkIn: 'late', ticketClass: rule === 'walk_in' ? 'walk_in' : 'appointment' });
      expect(h.state.tickets.get('late')!.slotStart ?? null).toBeNull();
    }
  });
});
