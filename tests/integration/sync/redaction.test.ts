// Staff free text never reaches central: the uplink replaces
// ticket_suspended.reason, ticket_called.specialReason and
// ticket_withdrawn.suspendReason with "(redacted)" when it builds a batch; the
// same batch re-sent is byte-identical; central interprets the events (none
// quarantined). Real central, real PostgreSQL, real SQLite outbox.
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../../protocol/sync/http-client.js';
import { UplinkWorker } from '../../../hall/sync/uplink/uplink-worker.js';
import { SyncStore } from '../../../hall/sync/uplink/sync-store.js';
import { batchBody, envelopeBytes } from '../../../protocol/central/uplink.js';
import { systemTimers } from '../../../hall/runtime/timers.js';
import { appendEvents, drain, useUplinkHarness } from './uplink-harness.js';

const { world, http } = useUplinkHarness();

const SECRET = '张三 身份证110101199003077777 电话13800138000';
const t = { ticketId: 't-1', number: 'A001' };

const EVENTS = [
  { type: 'ticket_called', payload: { ...t, counterId: 'c1', counterNumber: 1, staffId: 's1', reason: 'special_call', specialReason: SECRET, queueId: 'q1' } },
  { type: 'ticket_called', payload: { ...t, counterId: 'c1', counterNumber: 1, staffId: 's1', reason: 'next', specialReason: null, queueId: 'q1' } },
  { type: 'ticket_suspended', payload: { ...t, counterId: 'c1', staffId: 's1', reason: SECRET, until: Date.UTC(2026, 10, 21, 3) } },
  { type: 'ticket_withdrawn', payload: { ...t, reason: 'suspension_expired', suspendReason: SECRET } },
  { type: 'ticket_withdrawn', payload: { ...t, reason: 'visitor_left', suspendReason: null } },
  { type: 'counter_paused', payload: { counterId: 'c1', note: 'kept as is' } },
];

describe('staff free text in uploaded events', () => {
  it('is replaced by "(redacted)" before upload, deterministically, and central takes the events', async () => {
    const w = await world();
    const { db, log } = w.openHall();
    appendEvents(db, log, EVENTS.length, undefined, 1000, (i) => EVENTS[i]!);

    // The same rows always serialise to the same bytes (a re-sent batch is identical).
    const store = new SyncStore(db);
    const a = store.readBatch(0, 500, 512 * 1024, envelopeBytes('b', 's'));
    const b = store.readBatch(0, 500, 512 * 1024, envelopeBytes('b', 's'));
    expect(batchBody('b', 's', a.items)).toBe(batchBody('b', 's', b.items));
    expect(a.count).toBe(EVENTS.length);

    const real = http();
    const sent: HttpRequest[] = [];
    const worker = new UplinkWorker({ db, http: (req) => (sent.push(req), real(req)), timers: systemTimers, settings: w.settings() });
    await drain(worker);

    const pushed = sent.filter((r) => r.url.endsWith('/events')).map((r) => r.body!).join('\n');
    expect(pushed).not.toContain('110101199003077777');
    expect(pushed).not.toContain('13800138000');
    expect(pushed).not.toContain('张三');

    const rows = await w.central.pool.query<{ seq: string; type: string; payload: Record<string, unknown> }>('SELECT seq, type, payload FROM events WHERE hall_id = $1 ORDER BY seq', [w.hallId]);
    expect(rows.rows.length).toBe(EVENTS.length); // all interpreted: none quarantined
    const p = rows.rows.map((r) => r.payload);
    expect(p[0]).toMatchObject({ specialReason: '(redacted)', reason: 'special_call' });
    expect(p[1]).toMatchObject({ specialReason: null, reason: 'next' });
    expect(p[2]).toMatchObject({ reason: '(redacted)', counterId: 'c1' });
    expect(p[3]).toMatchObject({ suspendReason: '(redacted)', reason: 'suspension_expired' });
    expect(p[4]).toMatchObject({ suspendReason: null, reason: 'visitor_left' });
    expect(p[5]).toMatchObject({ note: 'kept as is' });
    // The hall keeps its own text: only the upload is redacted.
    const local = db.prepare("SELECT payload FROM events WHERE type = 'ticket_suspended'").pluck().get() as string;
    expect(JSON.parse(local)).toMatchObject({ reason: SECRET });
    const quarantined = await w.central.pool.query('SELECT 1 FROM quarantine WHERE hall_id = $1', [w.hallId]);
    expect(quarantined.rowCount).toBe(0);
  });
});
