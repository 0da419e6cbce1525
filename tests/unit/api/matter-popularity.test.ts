// docs/search.md: results are ranked by the tickets taken over the last 30 service days,
// counted from the event log. Against a real SQLite events table: days inside the window
// count, older ones do not, a closing day re-reads the window, and only ticket_issued counts.
// Mutations tried: `service_day > ?` dropped from the query (the ticket of 30 days before counts);
// observe() ignoring service_day_closed (the old day stays counted after the window moves).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MatterPopularity, POPULARITY_DAYS } from '../../../hall/api/matter-search.js';
import type { StoredEvent } from '../../../hall/store/event-log.js';

function db(rows: [type: string, day: string, matterId: string][]) {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, service_day TEXT NOT NULL, payload TEXT NOT NULL)');
  const insert = d.prepare('INSERT INTO events (type, service_day, payload) VALUES (?, ?, ?)');
  for (const [type, day, matterId] of rows) insert.run(type, day, JSON.stringify({ matterId }));
  return d;
}

describe('tickets taken per matter', () => {
  it(`counts the last ${POPULARITY_DAYS} service days of ticket_issued events`, () => {
    const d = db([
      ['ticket_issued', '2026-10-08', 'old'], // 30 days before 2026-11-07: outside (the window is 10-09 … 11-07)
      ['ticket_issued', '2026-10-09', 'a'], // the window's first day
      ['ticket_issued', '2026-11-07', 'a'],
      ['ticket_called', '2026-11-07', 'a'],
      ['ticket_issued', '2026-11-07', 'b'],
    ]);
    const p = new MatterPopularity(d);
    p.rebuild('2026-11-07');
    expect([p.of('a'), p.of('b'), p.of('old')]).toEqual([2, 1, 0]);

    p.observe({ type: 'ticket_issued', payload: { matterId: 'b' } } as unknown as StoredEvent);
    expect(p.of('b')).toBe(2);
    // The next day: the window moves and the 2026-10-09 ticket drops out (b's observed ticket was never stored).
    p.observe({ type: 'service_day_closed', payload: { serviceDay: '2026-11-07', nextServiceDay: '2026-11-08', expiredTicketIds: [] } } as unknown as StoredEvent);
    expect([p.of('a'), p.of('b')]).toEqual([1, 1]);
    expect(p.apply([{ id: 'a' } as never, { id: 'z' } as never]).map((m) => m.popularity)).toEqual([1, 0]);
  });
});
