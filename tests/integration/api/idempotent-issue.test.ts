// Issue 10, defect 7: POST /api/v1/tickets with an Idempotency-Key. A kiosk whose reply was
// lost retries with the same key and gets the same ticket; the key → ticket row commits in
// the ticket's own transaction. Real hall, real SQLite file, raw TCP for the lost reply.
// Mutations tried:
//   - kiosk.ts without the lookup (find) before issuing: the retry tries a second ticket, which
//     the key's primary key rolls back into a 500 — the first test fails;
//   - issue-keys.ts record() outside the ticket's transaction (after execute returns): the
//     conflicting key no longer rolls the ticket back — the atomicity test fails.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { computeCheckDigit } from '../../../drivers/idcard/index.js';
import type { ApiErrorBody, IssueTicketResponse } from '../../../hall/api/dto.js';

let h: Harness;
let timers: ManualTimers;
beforeAll(async () => {
  timers = new ManualTimers(MONDAY_9AM);
  h = await startHarness({ timers });
});
afterAll(() => h.close());

const ticketsInDb = () => h.hall.runtime.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number;
const issue = (body: object, key?: string, terminal = 'kiosk-1') =>
  h.api<IssueTicketResponse & ApiErrorBody>('POST', '/api/v1/tickets', { terminal, body, headers: key ? { 'idempotency-key': key } : {} });

/** Sends the request and hangs up once the hall has committed, without reading the reply. */
async function issueAndLoseTheReply(body: object, key: string): Promise<void> {
  const before = ticketsInDb();
  const text = JSON.stringify(body);
  const socket = net.connect(Number(new URL(h.url).port), '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    `POST /api/v1/tickets HTTP/1.1\r\nHost: hall\r\nAuthorization: Bearer ${h.token('kiosk-1')}\r\nIdempotency-Key: ${key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
  await expect.poll(ticketsInDb).toBe(before + 1);
  socket.destroy();
}

describe('idempotent ticket issuing', () => {
  it('answers a retry after a lost reply with the same ticket, and issues only one', async () => {
    const before = ticketsInDb();
    await issueAndLoseTheReply({ matterId: 'bdc-01' }, '6f1c2b3a-0000-4000-8000-000000000001');
    const retry = await issue({ matterId: 'bdc-01' }, '6f1c2b3a-0000-4000-8000-000000000001');
    expect(retry.status).toBe(201);
    expect(retry.body.ticket.number).toBe('A001');
    expect(ticketsInDb()).toBe(before + 1);
    // And again: still the same ticket.
    const again = await issue({ matterId: 'bdc-01' }, '6f1c2b3a-0000-4000-8000-000000000001');
    expect(again.body.ticket).toMatchObject({ id: retry.body.ticket.id, number: 'A001' });
    expect(ticketsInDb()).toBe(before + 1);
    // A new visitor action (a new key) is a new ticket.
    expect((await issue({ matterId: 'bdc-01' }, '6f1c2b3a-0000-4000-8000-000000000002')).body.ticket.number).toBe('A002');
  });

  it('refuses the same key with a different request (422) and issues nothing', async () => {
    const key = '6f1c2b3a-0000-4000-8000-000000000003';
    expect((await issue({ matterId: 'bdc-01' }, key)).status).toBe(201);
    const before = ticketsInDb();
    const other = await issue({ matterId: 'scjg-01' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(ticketsInDb()).toBe(before);
  });

  it('keeps keys per kiosk: another kiosk with the same key gets its own ticket', async () => {
    const key = '6f1c2b3a-0000-4000-8000-000000000004';
    const a = await issue({ matterId: 'rsj-01' }, key, 'kiosk-1');
    const b = await issue({ matterId: 'rsj-01' }, key, 'kiosk-24h');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.ticket.id).not.toBe(a.body.ticket.id);
  });

  it('replays a real-name ticket without counting the identity twice', async () => {
    const idNumber = `150602${'19900101'}${'456'}${computeCheckDigit('15060219900101456')}`;
    const body = { matterId: 'gjj-01', identity: { source: 'manual', idNumber } };
    const key = '6f1c2b3a-0000-4000-8000-000000000005';
    const first = await issue(body, key);
    const retry = await issue(body, key);
    expect(retry.body.ticket.id).toBe(first.body.ticket.id);
    const rows = h.hall.runtime.db.prepare('SELECT COUNT(*) FROM ticket_identities WHERE ticket_id = ?').pluck().get(first.body.ticket.id);
    expect(rows).toBe(1);
    // The key row never holds the ID number (only its keyed hash inside request_hash).
    const stored = JSON.stringify(h.hall.runtime.db.prepare('SELECT * FROM ticket_issue_keys').all());
    expect(stored).not.toContain(idNumber);
  });

  it('refuses a malformed key with 400 and issues nothing', async () => {
    const before = ticketsInDb();
    const res = await issue({ matterId: 'bdc-01' }, 'short');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_idempotency_key');
    expect(ticketsInDb()).toBe(before);
  });

  it('writes the key in the ticket’s transaction: when the key cannot be stored, no ticket exists', async () => {
    const key = '6f1c2b3a-0000-4000-8000-000000000006';
    const some = h.hall.runtime.db.prepare('SELECT id FROM tickets LIMIT 1').pluck().get() as string;
    // A row for a later service day: invisible to today's lookup, but it blocks the insert.
    h.hall.runtime.db
      .prepare("INSERT INTO ticket_issue_keys (kiosk_id, idempotency_key, service_day, request_hash, ticket_id, created_at) VALUES ('kiosk-1', ?, '2999-01-01', 'x', ?, 0)")
      .run(key, some);
    const before = ticketsInDb();
    const res = await issue({ matterId: 'ybj-01' }, key);
    expect(res.status).toBe(500);
    expect(ticketsInDb()).toBe(before);
    h.hall.runtime.db.prepare("DELETE FROM ticket_issue_keys WHERE service_day = '2999-01-01'").run();
    expect((await issue({ matterId: 'ybj-01' }, key)).status).toBe(201);
  });

  it('keeps a key for its service day only', async () => {
    const key = '6f1c2b3a-0000-4000-8000-000000000007';
    const monday = await issue({ matterId: 'bdc-02' }, key);
    timers.advance(24 * 3_600_000); // Tuesday 09:00: the day closed
    const tuesday = await issue({ matterId: 'bdc-02' }, key);
    expect(tuesday.status).toBe(201);
    expect(tuesday.body.ticket.id).not.toBe(monday.body.ticket.id);
    const days = h.hall.runtime.db.prepare('SELECT DISTINCT service_day FROM ticket_issue_keys').pluck().all();
    expect(days).toEqual([h.hall.runtime.state.serviceDay]);
  });
});
