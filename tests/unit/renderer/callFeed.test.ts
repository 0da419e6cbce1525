import { describe, expect, test } from 'vitest';
import type { CallDTO, HallEventDTO } from '../../../hall/api/dto';
import { callFromEvent, callsToAnnounce, gridColumns, mergeCalls } from '../../../renderer/display/callFeed';

const call = (seq: number, at = seq * 1000, recall = false): CallDTO => ({ seq, ticketNumber: `A${String(seq).padStart(3, '0')}`, counterId: 'c3', counterNumber: 3, at, recall });

describe('hall display call feed', () => {
  test('ticket_called and ticket_recalled events become calls (hall/domain/events.ts payloads)', () => {
    const e: HallEventDTO = { seq: 12, id: 'x', type: 'ticket_recalled', at: 5, serviceDay: 'd', payload: { number: 'A012', counterId: 'c3', counterNumber: 3 } };
    expect(callFromEvent(e)).toEqual({ seq: 12, ticketNumber: 'A012', counterId: 'c3', counterNumber: 3, at: 5, recall: true });
    expect(callFromEvent({ ...e, type: 'ticket_issued' })).toBeNull();
    expect(callFromEvent({ ...e, payload: {} })).toBeNull();
  });

  test('merging keeps one call per seq, newest first, up to the limit', () => {
    expect(mergeCalls([call(1), call(3)], [call(3), call(2), call(4)], 3).map((c) => c.seq)).toEqual([4, 3, 2]);
  });

  test('calls go to the announcer once, oldest first, only while fresh', () => {
    const handed = new Set([2]);
    const now = 100_000;
    const picked = callsToAnnounce([call(5, 99_000), call(2, 99_000), call(4, 98_000), call(1, 1_000)], handed, now, 60_000);
    expect(picked.map((c) => c.seq)).toEqual([4, 5]);
  });

  test('the counter grid stays close to the screen shape', () => {
    expect(gridColumns(12, 1152, 760)).toBe(4);
    expect(gridColumns(1, 1152, 760)).toBe(1);
    expect(gridColumns(0, 1152, 760)).toBe(1);
  });
});
