// A small hall for engine tests: three queues, a general counter serving all,
// two domain counters, and a clock helper. Times are epoch ms; the hall is UTC+8
// and its service day starts at 03:00 local time.
import { emptyState, type HallSetup, type HallState } from '../../hall/domain/index.js';

export const DAY_RULE = { utcOffsetMinutes: 480, dayStartsAtHour: 3 };

/** 2026-11-23 (a Monday) 09:00 in the hall's local time. */
export const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0, 0);

export function testSetup(overrides: Partial<HallSetup> = {}): HallSetup {
  return {
    dayRule: DAY_RULE,
    queues: new Map([
      ['A', { id: 'A', prefix: 'A', avgServiceMinutes: 10 }],
      ['B', { id: 'B', prefix: 'B', avgServiceMinutes: 6 }],
      ['C', { id: 'C', prefix: 'C', avgServiceMinutes: 15 }],
    ]),
    matters: new Map([
      ['m-a', { queueId: 'A' }],
      ['m-b', { queueId: 'B' }],
      ['m-c', { queueId: 'C' }],
    ]),
    counters: new Map([
      ['g1', { id: 'g1', number: 1, queueIds: ['A', 'B', 'C'] }],
      ['d2', { id: 'd2', number: 2, queueIds: ['A'] }],
      ['d3', { id: 'd3', number: 3, queueIds: ['B', 'C'] }],
    ]),
    greenCategories: new Set(['elderly', 'disabled', 'military', 'pregnant']),
    guard: { maxConsecutiveGreen: 2, maxWaitMinutes: 30 },
    ratingSeconds: 60,
    ...overrides,
  };
}

export function freshState(setup: HallSetup, day = '2026-11-23'): HallState {
  return emptyState(setup, day);
}
