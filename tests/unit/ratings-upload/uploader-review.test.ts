// The uploader loop (shared by hall and central) after review:
//  - an `unknown` outcome is never checked sooner than the request timeout,
//    even when the jitter is 0 (a request still in flight would read as
//    not found and be sent twice);
//  - a run stops between rows when asked (shutdown does not work through a batch);
//  - a destination problem (unreadable credentials) touches no row.
// Pure: an in-memory RatingOutboxStore with the same compare-and-set contract
// as the SQLite and PostgreSQL ones; the destination answers like a real one
// that timed out.
import { describe, expect, it } from 'vitest';
import { afterSend, recoverInterrupted, type UploadPatch, type UploadRow, type UploadState } from '../../../protocol/central/ratings/state-machine.js';
import { RatingUploader, type RatingDestination, type RatingOutboxStore } from '../../../protocol/central/ratings/uploader.js';
import type { RatingRecord } from '../../../protocol/central/ratings/profiles/types.js';

const TIMEOUT = 15_000;
const zero = () => 0;

function row(id: string, over: Partial<UploadRow> = {}): UploadRow {
  return {
    ratingId: id,
    destination: 'dest',
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
  };
}

class MemoryStore implements RatingOutboxStore {
  readonly rows = new Map<string, UploadRow>();
  constructor(ids: string[]) {
    for (const id of ids) this.rows.set(id, row(id));
  }
  async due(_d: string, now: number, limit: number): Promise<UploadRow[]> {
    return [...this.rows.values()].filter((r) => (r.state === 'pending' || r.state === 'unknown') && r.nextAttemptAt <= now).slice(0, limit);
  }
  async update(r: UploadRow, expected: UploadState, patch: UploadPatch): Promise<boolean> {
    const cur = this.rows.get(r.ratingId);
    if (!cur || cur.state !== expected) return false;
    this.rows.set(r.ratingId, { ...cur, ...patch });
    return true;
  }
  async record(r: UploadRow): Promise<RatingRecord | null> {
    return {
      ratingId: r.ratingId,
      hallId: 'h',
      caseNumber: `case-${r.ratingId}`,
      assessNumber: 1,
      level: 'satisfied',
      ratedAt: 0,
      channel: 'hall_pad',
      areaCode: '150602',
      deptCode: null,
      matterCode: 'M',
      matterName: null,
      comment: null,
    };
  }
}

function destination(o: { onSubmit?: () => void; problem?: () => string | null; outcome?: 'unknown' | 'acked' } = {}): RatingDestination & { submits: number; checks: number } {
  const d = {
    id: 'dest',
    timeoutMs: TIMEOUT,
    submits: 0,
    checks: 0,
    problem: o.problem,
    async submit() {
      d.submits++;
      o.onSubmit?.();
      return o.outcome === 'acked' ? ({ kind: 'acked', duplicate: false } as const) : ({ kind: 'unknown', reason: `no answer within ${TIMEOUT} ms` } as const);
    },
    async check() {
      d.checks++;
      return { kind: 'not_found' } as const;
    },
  };
  return d;
}

describe('unknown outcomes are checked no sooner than the request timeout', () => {
  it('afterSend: jitter 0 still waits the timeout', () => {
    const p = afterSend(row('a', { state: 'sent', attempts: 1 }), { kind: 'unknown', reason: 'timeout' }, 1_000, zero, undefined, TIMEOUT);
    expect(p).toMatchObject({ state: 'unknown' });
    expect(p.nextAttemptAt).toBe(1_000 + TIMEOUT);
    // A longer jitter is kept.
    const later = afterSend(row('a', { state: 'sent', attempts: 20 }), { kind: 'unknown', reason: 'timeout' }, 1_000, () => 0.9, undefined, TIMEOUT);
    expect(later.nextAttemptAt).toBeGreaterThan(1_000 + TIMEOUT);
  });

  it('the uploader passes the destination timeout: a run right after the timeout does not check it', async () => {
    const store = new MemoryStore(['a']);
    const dest = destination();
    let now = 1_000;
    const up = new RatingUploader({ store, destination: dest, now: () => now, random: zero });
    await up.runOnce();
    expect(store.rows.get('a')).toMatchObject({ state: 'unknown', nextAttemptAt: 1_000 + TIMEOUT });
    now += 1; // full jitter near 0 used to make it due here
    await up.runOnce();
    expect(dest.checks).toBe(0);
    expect(dest.submits).toBe(1);
    now = 1_000 + TIMEOUT;
    await up.runOnce();
    expect(dest.checks).toBe(1);
  });

  it('a row left in sent by a crash is checked no sooner than its send + the timeout', () => {
    expect(recoverInterrupted(row('a', { state: 'sent', sentAt: 5_000 }), 6_000, TIMEOUT)).toMatchObject({ state: 'unknown', nextAttemptAt: 5_000 + TIMEOUT });
    expect(recoverInterrupted(row('a', { state: 'sent', sentAt: 5_000 }), 60_000, TIMEOUT)).toMatchObject({ nextAttemptAt: 60_000 });
  });
});

describe('stopping and destination problems', () => {
  it('a run stops after the row in flight once asked to stop', async () => {
    const store = new MemoryStore(['a', 'b', 'c', 'd', 'e']);
    let stopping = false;
    const dest = destination({ outcome: 'acked', onSubmit: () => (stopping = true) });
    const up = new RatingUploader({ store, destination: dest, now: () => 1_000, random: zero });
    const summary = await up.runOnce(10, () => stopping);
    expect(dest.submits).toBe(1);
    expect(summary.acked).toBe(1);
    expect([...store.rows.values()].filter((r) => r.state === 'pending').length).toBe(4);
  });

  it('a destination problem touches no row and is returned', async () => {
    const store = new MemoryStore(['a', 'b']);
    const dest = destination({ problem: () => 'cannot read the rating upload credentials file /x/creds.json: ENOENT' });
    const up = new RatingUploader({ store, destination: dest, now: () => 1_000, random: zero });
    const summary = await up.runOnce();
    expect(summary.problem).toMatch(/ENOENT/);
    expect(dest.submits).toBe(0);
    expect([...store.rows.values()].every((r) => r.state === 'pending' && r.attempts === 0)).toBe(true);
  });
});
