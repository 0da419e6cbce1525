// The event log's types (hall/store/event-log.ts): each stored event's payload is typed by
// its `type`, on a real SQLite file, written and read back through the real EventLog.
// The `@ts-expect-error` lines are the type half of this test: `npx tsc --noEmit` fails
// ("unused @ts-expect-error") if the log accepts a wrong payload again.
// Mutations tried: append's typed overload taking a `Record<string, unknown>` payload (tsc
// reports its two expect-error lines below as unused); eventFromRow dropping `hlc`
// (the round-trip assertion fails).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../hall/store/db.js';
import { EventLog, eventFromRow, isEventOf, loggedEvent, type EventRow, type StoredEvent } from '../../../hall/store/event-log.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function freshLog() {
  const d = tempDataDir();
  dirs.push(d);
  const db = openDatabase(path.join(d, 'hall.sqlite'));
  return { db, log: new EventLog(db, { node: 'hall-test' }) };
}

const AT = Date.UTC(2026, 11, 7, 1, 0);

describe('event log types', () => {
  it('gives back each payload under its type, as written, from SQLite', () => {
    const { db, log } = freshLog();
    const written = db.transaction(() => [
      log.record({ type: 'rating_requested', ratingId: 'r1', ticketId: 't1', number: 'A001', counterId: 'c1', staffId: null, matterId: 'm1', expiresAt: AT + 60_000 }, '2026-12-07', AT),
      log.record({ type: 'print_failed', ticketId: 't1', number: 'A001', kioskId: 'k1', jobId: null, code: 'paper_out', printed: 'none' }, '2026-12-07', AT + 1),
      log.append('counter_paused', '2026-12-07', AT + 2, { counterId: 'c1' }),
    ])();
    const read = log.readSince(0, 10);
    expect(read).toEqual(written);
    const [rating, failed] = read as [StoredEvent, StoredEvent];
    // Narrowing by type gives the typed payload, no cast.
    if (rating.type !== 'rating_requested') throw new Error('expected rating_requested first');
    const expiresAt: number = rating.payload.expiresAt;
    expect(expiresAt).toBe(AT + 60_000);
    expect(isEventOf(failed, ['print_failed']) && failed.payload.printed).toBe('none');
    expect(loggedEvent(rating)).toEqual({ type: 'rating_requested', ratingId: 'r1', ticketId: 't1', number: 'A001', counterId: 'c1', staffId: null, matterId: 'm1', expiresAt: AT + 60_000 });
    const row = db.prepare('SELECT seq, id, type, service_day, at, payload, hlc FROM events WHERE seq = 1').get() as EventRow;
    expect(eventFromRow(row)).toEqual(written[0]);
    db.close();
  });

  it('refuses at compile time a payload that does not match its type', () => {
    const { db, log } = freshLog();
    const attempt = (write: () => unknown) => {
      try {
        db.transaction(write)();
      } catch {
        // run time accepts anything: this test is about the compiler
      }
    };
    // @ts-expect-error counter_paused has no ticketId and needs counterId
    attempt(() => log.append('counter_paused', '2026-12-07', AT, { ticketId: 't1' }));
    // @ts-expect-error rating_requested's expiresAt is a number
    attempt(() => log.record({ type: 'rating_requested', ratingId: 'r1', ticketId: 't1', number: 'A001', counterId: 'c1', staffId: null, matterId: 'm1', expiresAt: 'soon' }, '2026-12-07', AT));
    // @ts-expect-error print_failed's printed is 'unknown' | 'none'
    attempt(() => log.append('print_failed', '2026-12-07', AT, { ticketId: 't1', number: 'A001', kioskId: 'k1', jobId: null, code: null, printed: true }));
    // A type only known at run time is stored unchecked (the uplink's tools append events outside the schema).
    const foreign: string = 'future_event';
    expect(log.append(foreign, '2026-12-07', AT, { anything: 1 }).type).toBe('future_event');
    db.close();
  });
});
