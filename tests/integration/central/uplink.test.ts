// Uplink ingest against a real central server and real PostgreSQL:
// duplicates, lost responses, gaps, poison, parked, sequence conflicts and
// re-registration (docs/sync-protocol.md "Uplink: events").
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';
import { ev, range, simple, startCentral, type Central, type CentralHall } from './helpers.js';

let pg: TestPostgres;
let c: Central;
let hall: CentralHall;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});
beforeEach(async () => {
  c = await startCentral(pg);
  hall = await c.hall('hall-1');
});
afterEach(async () => {
  await c.close();
});

async function count(table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
  const r = await c.central.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return r.rows[0].n as number;
}

describe('uplink', () => {
  it('registers a first stream at 0 and stores a batch with its ack', async () => {
    expect((await hall.cursor()).body).toEqual({ stream: hall.stream, ackSeq: 0 });
    const events = range(1, 5).map((s) => simple(s));
    const r = await hall.push(events);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ackSeq: 5, accepted: 5, duplicates: 0, quarantined: [], parked: [], gapAt: null });
    expect(r.headers.get('x-protocol-version')).toBe('1');
    expect(Number(r.headers.get('x-server-time'))).toBeGreaterThan(0);
    expect((await hall.cursor()).body).toEqual({ stream: hall.stream, ackSeq: 5 });
    const rows = await c.central.pool.query('SELECT seq, event_id::text AS id, type, service_day::text AS day FROM events ORDER BY seq');
    expect(rows.rows).toEqual(events.map((e) => ({ seq: String(e.seq), id: e.id, type: 'counter_paused', day: '2026-11-21' })));
  });

  it('answers a replayed batch (same batchId) with the same answer and stores each event once', async () => {
    const events = range(1, 4).map((s) => simple(s));
    const first = await hall.push(events, { batchId: 'b-1' });
    await hall.push([simple(5)]); // the stream moves on meanwhile
    const again = await hall.push(events, { batchId: 'b-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count('events')).toBe(5);
  });

  it('treats a re-send after a lost response (new batchId) as duplicates with the same ack', async () => {
    const events = range(1, 3).map((s) => simple(s));
    const first = await hall.push(events);
    const resent = await hall.push(events);
    expect(resent.body.ackSeq).toBe(first.body.ackSeq);
    expect(resent.body).toMatchObject({ ackSeq: 3, accepted: 0, duplicates: 3 });
    // overlapping: 2..6 → 2,3 duplicates, 4..6 new
    const overlap = await hall.push([...events.slice(1), ...range(4, 6).map((s) => simple(s))]);
    expect(overlap.body).toMatchObject({ ackSeq: 6, accepted: 3, duplicates: 2, gapAt: null });
    expect(await count('events')).toBe(6);
  });

  it('stops a batch at a gap, storing everything before it', async () => {
    await hall.push(range(1, 2).map((s) => simple(s)));
    const r = await hall.push([simple(3), simple(4), simple(6), simple(7)]);
    expect(r.body).toMatchObject({ ackSeq: 4, accepted: 2, gapAt: 5 });
    expect(await count('events')).toBe(4);
    expect(await count('events', 'seq > 4')).toBe(0);
    // a batch that starts above ackSeq + 1 stores nothing
    const ahead = await hall.push([simple(9), simple(10)]);
    expect(ahead.body).toMatchObject({ ackSeq: 4, accepted: 0, gapAt: 5 });
    // reordered: 5, 7, 6 → 5 taken, gap at 6
    const reordered = await hall.push([simple(5), simple(7), simple(6)]);
    expect(reordered.body).toMatchObject({ ackSeq: 5, accepted: 1, gapAt: 6 });
    expect(await count('events')).toBe(5);
  });

  it('quarantines poison with its reason and moves the ack past it', async () => {
    const good1 = simple(1);
    const missing = ev(2, 'ticket_called', { number: 'A001', counterId: 'c1' }); // no ticketId
    const unknown = ev(3, 'ticket_teleported', { ticketId: 't1' });
    const badDay = ev(4, 'counter_paused', { counterId: 'c1' }, { serviceDay: '2026-02-30' });
    const nul = ev(5, 'counter_paused', { counterId: 'c\u0000' });
    const good2 = simple(6);
    const surrogate = ev(7, 'counter_paused', { counterId: 'c1', note: ['ok', '\uD800'] });
    const lookalike = ev(8, 'counter_paused', { counterId: 'c\\u0000 \\uD800 😀' }); // a backslash, then text: fine
    const r = await hall.push([good1, missing, unknown, badDay, nul, good2, surrogate, lookalike]);
    expect(r.status).toBe(200);
    expect(r.body.ackSeq).toBe(8);
    expect(r.body.accepted).toBe(3);
    const reasons = Object.fromEntries(r.body.quarantined.map((q) => [q.seq, q.reason]));
    expect(Object.keys(reasons)).toEqual(['2', '3', '4', '5', '7']);
    expect(reasons[7]).toMatch(/^payload\.note\[1\]: .*surrogate/);
    const kept = await c.central.pool.query('SELECT payload FROM events WHERE seq = 8');
    expect(kept.rows[0].payload).toEqual(lookalike.payload);
    expect(reasons[2]).toMatch(/^payload\.ticketId: /);
    expect(reasons[3]).toContain('unknown event type "ticket_teleported" for schemaVersion 1');
    expect(reasons[4]).toMatch(/^serviceDay: /);
    expect(reasons[5]).toMatch(/^payload\.counterId: .*NUL/);
    expect(await count('events')).toBe(3);
    const q = await c.central.pool.query('SELECT seq::int, reason, raw FROM quarantine ORDER BY seq');
    expect(q.rows.map((row) => row.seq)).toEqual([2, 3, 4, 5, 7]);
    expect(q.rows[0].reason).toBe(reasons[2]);
    expect(JSON.parse(q.rows[0].raw).id).toBe(missing.id);
    // re-sent poison is a duplicate, not a second quarantine entry
    const again = await hall.push([missing]);
    expect(again.body).toMatchObject({ ackSeq: 8, duplicates: 1, quarantined: [] });
    expect(await count('quarantine')).toBe(5);
  });

  it('parks an event of a newer schemaVersion, acknowledges it, and keeps it across a restart', async () => {
    const future = ev(2, 'ticket_issued', { ticketId: 't1', anythingNew: true }, { schemaVersion: 2 });
    const r = await hall.push([simple(1), future, simple(3)]);
    expect(r.body).toMatchObject({ ackSeq: 3, accepted: 2, parked: [2], quarantined: [] });
    expect(await count('parked', 'seq = 2 AND schema_version = 2')).toBe(1);
    expect(await count('events', 'seq = 2')).toBe(0);
    const url = c.databaseUrl;
    await c.close();
    c = await startCentral(pg, {}, url);
    expect(await count('parked', 'seq = 2')).toBe(1); // this server still does not know version 2
  });

  it('answers a sequence conflict with 409 and the seq, stores nothing of the batch, and continues in a new stream after register', async () => {
    const original = range(1, 5).map((s) => simple(s));
    await hall.push(original);
    // the hall was restored from a backup holding seq 1..2, and wrote new events 3', 4'
    const restored = [original[1]!, simple(3), simple(4)];
    const conflict = await hall.push(restored);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: 'sequence_conflict' }, seq: 3 });
    expect(await count('events')).toBe(5);
    const oldStream = hall.stream;

    const reg = await hall.register('restored_from_backup', 2);
    expect(reg.status).toBe(200);
    expect(reg.body.stream).not.toBe(oldStream);
    expect(reg.body.ackSeq).toBe(2); // min(lastSeq 2, old ack 5, conflict 3 − 1)
    const next = await hall.push(restored.slice(1));
    expect(next.body).toMatchObject({ ackSeq: 4, accepted: 2, duplicates: 0 });
    // an old event re-sent in the new stream counts nothing twice
    const old = await hall.push([original[0]!]);
    expect(old.body).toMatchObject({ ackSeq: 4, accepted: 0, duplicates: 1 });
    expect(await count('events')).toBe(7);
    expect(await count('events', 'stream_id = $1', [oldStream])).toBe(5);
    // the old stream still answers its cursor, with the conflict remembered
    const s = await c.central.pool.query('SELECT ack_seq::int, conflict_seq::int, replaced_by FROM streams WHERE stream_id = $1', [oldStream]);
    expect(s.rows[0]).toEqual({ ack_seq: 5, conflict_seq: 3, replaced_by: hall.stream });
  });

  it('restarts a hall that lost its data in a new stream from 0, deduplicating by event id', async () => {
    const original = range(1, 3).map((s) => simple(s));
    await hall.push(original);
    const reg = await hall.register('first_start', 0);
    expect(reg.body.ackSeq).toBe(0);
    const r = await hall.push([...original, simple(4)]);
    expect(r.body).toMatchObject({ ackSeq: 4, accepted: 1, duplicates: 3 });
    expect(await count('events')).toBe(4);
  });

  it('refuses an unknown stream with 404 unknown_stream', async () => {
    const r = await hall.push([simple(1)], { stream: 'no-such-stream' });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: { code: 'unknown_stream' } });
    expect((await hall.cursor('nope')).status).toBe(404);
  });
});
