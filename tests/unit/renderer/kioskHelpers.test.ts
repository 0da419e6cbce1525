import { describe, expect, test } from 'vitest';
import { pageOf, pageSize } from '../../../renderer/kiosk/paging';
import { printFaultMessage } from '../../../renderer/kiosk/outcomes';
import { ratingDistribution, overTarget } from '../../../renderer/admin/stats';
import { reasonKey, callReasonKey, actionErrorKey } from '../../../renderer/counter/labels';
import type { RatingDTO } from '../../../hall/api/dto';

describe('kiosk paging', () => {
  test('large type shows fewer items per screen', () => {
    expect(pageSize('departments', true, true)).toBeLessThan(pageSize('departments', false, true));
    expect(pageSize('matters', true, true)).toBeLessThan(pageSize('matters', false, true));
  });
  test('a page past the end clamps to the last page', () => {
    expect(pageOf([1, 2, 3, 4, 5], 9, 2)).toEqual({ items: [5], page: 2, pages: 3 });
    expect(pageOf([], 0, 4)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('kiosk print outcome', () => {
  test('paper out has its own plain-words message; other faults a general one', () => {
    expect(printFaultMessage({ status: 'printed', code: null, message: null })).toBeNull();
    expect(printFaultMessage({ status: 'failed', code: 'paper_out', message: 'x' })).toBe('kiosk.print.paper_out');
    expect(printFaultMessage({ status: 'failed', code: 'offline', message: 'x' })).toBe('kiosk.print.failed');
    expect(printFaultMessage({ status: 'no_printer', code: 'no_printer', message: 'x' })).toBe('kiosk.print.no_printer');
  });
});

describe('counter labels', () => {
  test('known codes translate; unknown codes get a generic phrase, never the raw code', () => {
    expect(reasonKey('no_waiting')).toBe('reason.no_waiting');
    expect(reasonKey('something_new')).toBe('reason.generic');
    expect(callReasonKey('green_first')).toBe('callReason.green_first');
    expect(callReasonKey(null)).toBe('callReason.unknown');
    expect(actionErrorKey('counter_busy')).toBe('counterError.counter_busy');
    expect(actionErrorKey('zzz')).toBeNull();
  });
});

describe('admin figures', () => {
  const r = (outcome: RatingDTO['outcome']): RatingDTO => ({
    id: String(Math.random()),
    ticketNumber: 'A001',
    counterId: 'c1',
    counterNumber: 1,
    staffName: null,
    matterName: 'm',
    requestedAt: 0,
    expiresAt: 0,
    outcome,
    source: null,
    ratedAt: null,
  });
  test('distribution counts outcomes and skips open requests', () => {
    const d = ratingDistribution([r('satisfied'), r('satisfied'), r('not_rated'), r(null)]);
    expect(d).toMatchObject({ satisfied: 2, not_rated: 1, very_satisfied: 0 });
  });
  test('a queue is over target when someone already waited longer (measured), not when the estimate would be', () => {
    expect(overTarget({ longestWaitMinutes: 20, estimate: { minMinutes: 0, maxMinutes: 5, basis: 'typical' }, waitTargetMinutes: 15 })).toBe(true);
    expect(overTarget({ longestWaitMinutes: 5, estimate: { minMinutes: 10, maxMinutes: 20, basis: 'typical' }, waitTargetMinutes: 15 })).toBe(false);
    expect(overTarget({ longestWaitMinutes: 5, estimate: { minMinutes: 5, maxMinutes: 10, basis: 'typical' }, waitTargetMinutes: 15 })).toBe(false);
  });
});
