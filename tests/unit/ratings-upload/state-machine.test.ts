// The upload state machine: transitions, backoff with jitter and Retry-After.
import { describe, expect, it } from 'vitest';
import { afterCheck, afterSend, backoffMs, beginSend, recoverInterrupted, requeueRejected, type UploadRow } from '../../../protocol/central/ratings/state-machine.js';

const row = (over: Partial<UploadRow> = {}): UploadRow => ({
  ratingId: 'r1',
  destination: 'provincial',
  assessNumber: 1,
  state: 'pending',
  attempts: 0,
  checks: 0,
  nextAttemptAt: 0,
  lastError: null,
  rejectReason: null,
  duplicate: false,
  createdAt: 0,
  updatedAt: 0,
  sentAt: null,
  ackedAt: null,
  ...over,
});
const half = () => 0.5;
const top = () => 0.999999;

describe('backoff', () => {
  it('is full jitter under an exponential ceiling, capped at 5 minutes', () => {
    expect(backoffMs(1, top)).toBe(999);
    expect(backoffMs(3, top)).toBe(3_999);
    expect(backoffMs(3, () => 0)).toBe(1); // the kernel's one backoff waits at least 1 ms
    expect(backoffMs(30, top)).toBe(299_999);
    expect(backoffMs(1000, top)).toBe(299_999);
  });

  it('honours Retry-After as a floor', () => {
    expect(backoffMs(1, half, 30_000)).toBe(30_000);
    expect(backoffMs(20, top, 1_000)).toBe(299_999);
  });
});

describe('transitions', () => {
  it('only pending rows are sent; sending counts an attempt', () => {
    expect(beginSend(row(), 100)).toMatchObject({ state: 'sent', attempts: 1, sentAt: 100 });
    expect(() => beginSend(row({ state: 'unknown' }), 100)).toThrow(/checked first/);
    expect(() => beginSend(row({ state: 'rejected' }), 100)).toThrow();
  });

  it('maps each send outcome', () => {
    const sent = row({ state: 'sent', attempts: 2 });
    expect(afterSend(sent, { kind: 'acked', duplicate: true }, 10, half)).toMatchObject({ state: 'acked', duplicate: true, ackedAt: 10 });
    expect(afterSend(sent, { kind: 'rejected', reason: 'bad level' }, 10, half)).toMatchObject({ state: 'rejected', rejectReason: 'bad level' });
    const retry = afterSend(sent, { kind: 'retry', reason: '503', retryAfterMs: 7_000 }, 10, half);
    expect(retry).toMatchObject({ state: 'pending', lastError: '503', nextAttemptAt: 7_010 });
    const unknown = afterSend(sent, { kind: 'unknown', reason: 'timeout' }, 10, top);
    expect(unknown.state).toBe('unknown');
    expect(unknown.nextAttemptAt).toBeGreaterThan(10);
  });

  it('an unknown row becomes acked when found, pending (due now) when not found, stays unknown when the check fails', () => {
    const u = row({ state: 'unknown', attempts: 1 });
    expect(afterCheck(u, { kind: 'found' }, 50, half)).toMatchObject({ state: 'acked', checks: 1 });
    expect(afterCheck(u, { kind: 'not_found' }, 50, half)).toMatchObject({ state: 'pending', nextAttemptAt: 50, checks: 1 });
    expect(afterCheck(u, { kind: 'retry', reason: 'down', retryAfterMs: 9_000 }, 50, half)).toMatchObject({ state: 'unknown', nextAttemptAt: 9_050 });
  });

  it('a row left in sent by a crash becomes unknown; others are untouched', () => {
    expect(recoverInterrupted(row({ state: 'sent' }), 5)).toMatchObject({ state: 'unknown', nextAttemptAt: 5 });
    expect(recoverInterrupted(row({ state: 'pending' }), 5)).toBeNull();
    expect(recoverInterrupted(row({ state: 'acked' }), 5)).toBeNull();
  });

  it('only rejected rows can be re-queued', () => {
    expect(requeueRejected(row({ state: 'rejected', rejectReason: 'x' }), 9)).toMatchObject({ state: 'pending', rejectReason: null, nextAttemptAt: 9 });
    expect(() => requeueRejected(row({ state: 'acked' }), 9)).toThrow();
  });
});
