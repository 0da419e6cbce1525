// A small hall for engine tests: three queues, a general counter serving all,
// two domain counters, and a clock helper. Times are epoch ms; the hall is UTC+8
// and its service day starts at 03:00 local time.
// `guard` builds the "default" policy the way the hall config does (ratio
// maxConsecutiveGreen : 1 with aging); `policies` replaces or adds policies.
import { emptyState, guardPolicy, type CallingPolicy, type HallSetup, type HallState, type VisitRules } from '../../hall/domain/index.js';

export const DAY_RULE = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };

/** 2026-11-23 (a Monday) 09:00 in the hall's local time. */
export const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0, 0);

export const TEST_RULES: VisitRules = {
  maxRecalls: 3,
  recallCooldownSeconds: 30,
  recallsBeforeNoShow: 0,
  autoNoShowMinutes: null,
  rejoinPlacesAhead: 3,
  maxRejoins: 1,
  rejoinWithinMinutes: 60,
  suspendDefaultMinutes: 60,
  suspendMaxMinutes: 240,
  appointmentEarlyMinutes: 30,
  appointmentLateMinutes: 15,
  appointmentCallWindowMinutes: 10,
  lateAppointment: 'walk_in',
};

export interface TestSetupOptions extends Partial<HallSetup> {
  guard?: { maxConsecutiveGreen: number; maxWaitMinutes: number };
  /** Policy per counter id (all counters use "default" otherwise). */
  counterPolicies?: Record<string, string>;
  extraPolicies?: CallingPolicy[];
  ruleOverrides?: Partial<VisitRules>;
}

export function testSetup(options: TestSetupOptions = {}): HallSetup {
  const { guard = { maxConsecutiveGreen: 2, maxWaitMinutes: 30 }, counterPolicies = {}, extraPolicies = [], ruleOverrides = {}, ...overrides } = options;
  const policies = new Map<string, CallingPolicy>([['default', guardPolicy(guard.maxConsecutiveGreen, guard.maxWaitMinutes)]]);
  for (const p of extraPolicies) policies.set(p.id, p);
  const queue = (id: string, avgServiceMinutes: number) => [id, { id, prefix: id, avgServiceMinutes, waitTargetMinutes: 15, dailyCap: null, cutOff: null }] as const;
  const counter = (id: string, number: number, kind: 'general' | 'domain', queueIds: string[]) =>
    [id, { id, number, kind, queueIds, policyId: counterPolicies[id] ?? 'default' }] as const;
  return {
    dayRule: DAY_RULE,
    queues: new Map([queue('A', 10), queue('B', 6), queue('C', 15)]),
    matters: new Map([
      ['m-a', { queueId: 'A', selfService: false }],
      ['m-b', { queueId: 'B', selfService: false }],
      ['m-c', { queueId: 'C', selfService: true }],
    ]),
    counters: new Map([counter('g1', 1, 'general', ['A', 'B', 'C']), counter('d2', 2, 'domain', ['A']), counter('d3', 3, 'domain', ['B', 'C'])]),
    greenCategories: new Set(['elderly', 'disabled', 'military', 'pregnant']),
    policies,
    rules: { ...TEST_RULES, ...ruleOverrides },
    calendar: null,
    ratingSeconds: 60,
    ...overrides,
  };
}

export function freshState(setup: HallSetup, day = '2026-11-23'): HallState {
  return emptyState(setup, day);
}
