// The soak's verdicts (bench/soak/ledger.ts) against a real hall database: what the hall
// acknowledged is compared with what its SQLite file holds. Each verdict must be able to
// say "lost", "duplicated" and "called twice", or a soak reporting zeros proves nothing.
// Mutations checked: verify() comparing only ids (not day and number) fails "a ticket stored
// under another number"; counting a re-check of the same missing ticket twice fails
// "counts a lost ticket once"; storedDuplicates() without the ticket_called grouping fails
// the last test.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { HallRuntime } from '../../../hall/runtime/hall-runtime.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { Ledger } from '../../../bench/soak/ledger.js';
import { tempDataDir } from '../../helpers/hall-harness.js';

const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A hall database with tickets t1..tn issued and t1 called at counter c03. */
function hallWith(n: number) {
  const dir = tempDataDir();
  dirs.push(dir);
  const file = path.join(dir, 'hall.sqlite');
  const db = openDatabase(file);
  dbs.push(db);
  const runtime = new HallRuntime(db, hallSetupFrom(config), new ManualTimers(MONDAY_9AM));
  runtime.start();
  for (let i = 1; i <= n; i++) runtime.execute({ type: 'issue_ticket', ticketId: `t${i}`, matterId: 'bdc-01', greenCategory: null, kioskId: 'kiosk-1' });
  runtime.execute({ type: 'sign_in', counterId: 'c03', staffId: 's03' });
  runtime.execute({ type: 'call_next', counterId: 'c03' });
  const ticket = (id: string) => {
    const t = runtime.state.tickets.get(id)!;
    return { id, serviceDay: t.serviceDay, number: t.number };
  };
  return { file, db, ticket };
}

describe('soak ledger', () => {
  it('finds nothing lost when every acknowledged ticket and call is stored', () => {
    const { file, ticket } = hallWith(3);
    const ledger = new Ledger();
    for (const id of ['t1', 't2', 't3']) ledger.ticketAcknowledged(ticket(id));
    ledger.callAcknowledged('t1', ticket('t1').number);
    expect(ledger.verify(file)).toBe(0);
    expect(ledger.counts).toMatchObject({ acknowledged: 3, callsAcknowledged: 1, lost: 0, lostCalls: 0, duplicated: 0, calledTwice: 0 });
  });

  it('says lost for an acknowledged ticket that is not stored, or stored under another number', () => {
    const { file, ticket } = hallWith(2);
    const ledger = new Ledger();
    ledger.ticketAcknowledged({ ...ticket('t1'), id: 'never-stored' });
    ledger.ticketAcknowledged({ ...ticket('t2'), number: 'A999' });
    expect(ledger.verify(file)).toBe(2);
    expect(ledger.counts.lost).toBe(2);
    expect(ledger.examples.join('\n')).toMatch(/not stored[\s\S]*stored as/);
  });

  it('counts a lost ticket once however often it is checked again', () => {
    const { file, ticket } = hallWith(1);
    const ledger = new Ledger();
    ledger.ticketAcknowledged({ ...ticket('t1'), id: 'never-stored' });
    ledger.verify(file);
    ledger.verify(file, true);
    ledger.verify(file, true);
    expect(ledger.counts.lost).toBe(1);
  });

  it('says lost call for a call acknowledged but not stored as called', () => {
    const { file, ticket } = hallWith(2);
    const ledger = new Ledger();
    ledger.callAcknowledged('t2', ticket('t2').number); // t2 was never called
    expect(ledger.verify(file)).toBe(1);
    expect(ledger.counts.lostCalls).toBe(1);
  });

  it('says duplicated when one number of a day is acknowledged for two tickets, and called twice for a repeated call', () => {
    const { ticket } = hallWith(2);
    const ledger = new Ledger();
    ledger.ticketAcknowledged(ticket('t1'));
    ledger.ticketAcknowledged({ ...ticket('t2'), number: ticket('t1').number });
    ledger.ticketAcknowledged({ ...ticket('t2'), serviceDay: '2026-11-24', number: ticket('t1').number }); // another day: allowed
    ledger.callAcknowledged('t1', ticket('t1').number);
    ledger.callAcknowledged('t1', ticket('t1').number);
    expect(ledger.counts).toMatchObject({ duplicated: 1, calledTwice: 1 });
  });

  it('finds a ticket with two ticket_called events in the stored log', () => {
    const { file, db } = hallWith(2);
    expect(Ledger.storedDuplicates(file)).toEqual({ numbers: 0, calls: 0 });
    db.close();
    const raw = new Database(file);
    const called = raw.prepare("SELECT * FROM events WHERE type = 'ticket_called'").get() as Record<string, unknown>;
    // The same call once more, as a second row (a new event id and sequence number).
    const columns = Object.keys(called).filter((c) => c !== 'seq');
    raw.prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => (c === 'id' ? `again-${String(called[c])}` : called[c])));
    raw.close();
    expect(Ledger.storedDuplicates(file).calls).toBe(1);
  });
});
