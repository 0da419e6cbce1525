// Central's per-hall inbox: what phones ask of a hall (a QR rating, a remote ticket to admit …),
// relayed to the hall, which long-polls it (GET /v1/halls/{hallId}/inbox) and posts back what it
// made of each message (POST …/inbox/results). Central migration 005: phone_inbox, phone_inbox_seqs.
// Contract:
//   - appendInboxMessage numbers messages per hall 1, 2, 3 … without gaps even under concurrent
//     appends (the hall's counter row is locked by its UPDATE until commit) and returns {id, seq}.
//     Central code of any feature calls it (H6's rating route, H7's remote tickets); `ticketId`
//     names the ticket a message is about so the phone's ticket view can find it
//     (phoneRatingOf reads the newest `phone_rating` of a ticket; its body carries `level`).
//   - Each append and each first answer sends a NOTIFY on channel PHONE_INBOX_CHANNEL (payload
//     JSON InboxNotice) at commit: hub.ts wakes the hall's long-poll and the phones that wait.
//   - recordResults keeps the first answer of a message (idempotent by id): a repeated post of
//     the same result changes nothing; an id unknown for this hall is acknowledged too (listed in
//     `unknown`) so a hall never retries it forever.
// Dangers: a body is stored as given; each kind's schema (its own file) must keep personal data
// out of it unless that kind's doc says otherwise.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db.js';
import type { InboxMessage, InboxResult, PublicTicketView } from '../../protocol/central/phone.js';

export const PHONE_INBOX_CHANNEL = 'phone_inbox';

/** The payload of a NOTIFY on PHONE_INBOX_CHANNEL. */
export interface InboxNotice {
  what: 'message' | 'result';
  hallId: string;
  seq: number;
  kind: string;
  ticketId: string | null;
}

export class InboxError extends Error {
  override name = 'InboxError';
}

const KIND = /^[a-z_]{1,40}$/;
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export interface AppendOptions {
  /** Central's clock (deps.now()). */
  at: number;
  /** The ticket the message is about, if any. */
  ticketId?: string | null;
  /** A caller-chosen id (idempotent appends: the same id twice throws); default a fresh uuid. */
  id?: string;
}

/** Appends one message to the hall's inbox; resolves once it is committed. */
export async function appendInboxMessage(pool: pg.Pool, hallId: string, kind: string, body: unknown, o: AppendOptions): Promise<{ id: string; seq: number }> {
  if (!KIND.test(kind)) throw new InboxError(`inbox kind "${kind}" must be 1–40 lowercase letters or "_"`);
  const id = o.id ?? randomUUID();
  if (!ID.test(id)) throw new InboxError(`inbox message id "${id}" must be 1–100 letters, digits or "_.:-"`);
  if (o.ticketId != null && !ID.test(o.ticketId)) throw new InboxError(`ticket id "${o.ticketId}" is not a ticket id`);
  return withTransaction(pool, async (c) => {
    const hall = await c.query('SELECT 1 FROM halls WHERE hall_id = $1', [hallId]);
    if (hall.rowCount !== 1) throw new InboxError(`no hall "${hallId}" is registered on this central platform`);
    const s = await c.query<{ last_seq: string }>(
      `INSERT INTO phone_inbox_seqs (hall_id, last_seq) VALUES ($1, 1)
       ON CONFLICT (hall_id) DO UPDATE SET last_seq = phone_inbox_seqs.last_seq + 1 RETURNING last_seq`,
      [hallId],
    );
    const seq = Number(s.rows[0]!.last_seq);
    await c.query('INSERT INTO phone_inbox (hall_id, seq, id, kind, ticket_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      hallId,
      seq,
      id,
      kind,
      o.ticketId ?? null,
      JSON.stringify(body ?? null),
      o.at,
    ]);
    await notify(c, { what: 'message', hallId, seq, kind, ticketId: o.ticketId ?? null });
    return { id, seq };
  });
}

/** The hall's messages after `after`, in seq order, at most `limit`. */
export async function readInbox(pool: pg.Pool, hallId: string, after: number, limit: number): Promise<InboxMessage[]> {
  const r = await pool.query<{ id: string; seq: string; kind: string; created_at: string; body: unknown }>(
    'SELECT id, seq, kind, created_at, body FROM phone_inbox WHERE hall_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [hallId, after, limit],
  );
  return r.rows.map((m) => ({ id: m.id, seq: Number(m.seq), kind: m.kind, at: Number(m.created_at), body: m.body }));
}

/** Stores the hall's answers (first answer wins); returns the ids acknowledged and those unknown. */
export async function recordResults(pool: pg.Pool, hallId: string, results: readonly InboxResult[], at: number): Promise<{ acknowledged: string[]; unknown: string[] }> {
  return withTransaction(pool, async (c) => {
    const unknown: string[] = [];
    for (const r of results) {
      const u = await c.query<{ seq: string; kind: string; ticket_id: string | null }>(
        `UPDATE phone_inbox SET outcome = $3, reason = $4, detail = $5, answered_at = $6
         WHERE hall_id = $1 AND id = $2 AND outcome IS NULL RETURNING seq, kind, ticket_id`,
        [hallId, r.id, r.outcome, r.reason ?? null, r.detail === undefined ? null : JSON.stringify(r.detail), at],
      );
      const row = u.rows[0];
      if (row) {
        await notify(c, { what: 'result', hallId, seq: Number(row.seq), kind: row.kind, ticketId: row.ticket_id });
        continue;
      }
      const held = await c.query('SELECT 1 FROM phone_inbox WHERE hall_id = $1 AND id = $2', [hallId, r.id]);
      if (held.rowCount !== 1) unknown.push(r.id);
    }
    return { acknowledged: results.map((r) => r.id), unknown };
  });
}

export interface InboxRow {
  id: string;
  hallId: string;
  seq: number;
  kind: string;
  ticketId: string | null;
  body: unknown;
  createdAt: number;
  /** Null while the hall has not answered. */
  outcome: InboxResult['outcome'] | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
  answeredAt: number | null;
}

/** One message by id with the hall's answer (null outcome: pending), or null when unknown. */
export async function findInboxMessage(pool: pg.Pool, id: string): Promise<InboxRow | null> {
  const r = await pool.query<{ id: string; hall_id: string; seq: string; kind: string; ticket_id: string | null; body: unknown; created_at: string; outcome: InboxResult['outcome'] | null; reason: string | null; detail: Record<string, unknown> | null; answered_at: string | null }>(
    'SELECT id, hall_id, seq, kind, ticket_id, body, created_at, outcome, reason, detail, answered_at FROM phone_inbox WHERE id = $1',
    [id],
  );
  const m = r.rows[0];
  if (!m) return null;
  return {
    id: m.id,
    hallId: m.hall_id,
    seq: Number(m.seq),
    kind: m.kind,
    ticketId: m.ticket_id,
    body: m.body,
    createdAt: Number(m.created_at),
    outcome: m.outcome,
    reason: m.reason,
    detail: m.detail,
    answeredAt: m.answered_at === null ? null : Number(m.answered_at),
  };
}

/** The newest `phone_rating` message about a ticket as the phone shows it (body.level), or null. */
export async function phoneRatingOf(pool: pg.Pool, hallId: string, ticketId: string): Promise<PublicTicketView['phoneRating']> {
  const r = await pool.query<{ outcome: InboxResult['outcome'] | null; reason: string | null; level: string | null }>(
    `SELECT outcome, reason, body->>'level' AS level FROM phone_inbox
     WHERE hall_id = $1 AND ticket_id = $2 AND kind = 'phone_rating' ORDER BY seq DESC LIMIT 1`,
    [hallId, ticketId],
  );
  const m = r.rows[0];
  if (!m || !m.level) return null;
  const level = m.level as NonNullable<PublicTicketView['phoneRating']>['level'];
  if (m.outcome === null) return { state: 'pending', level };
  if (m.outcome === 'applied') return { state: 'applied', level };
  return { state: 'refused', level, reason: m.reason ?? m.outcome };
}

async function notify(c: pg.PoolClient, notice: InboxNotice): Promise<void> {
  await c.query('SELECT pg_notify($1, $2)', [PHONE_INBOX_CHANNEL, JSON.stringify(notice)]);
}
