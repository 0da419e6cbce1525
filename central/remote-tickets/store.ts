// Central's remote tickets (线上取号, docs/remote-tickets.md; central migration 006): the hall's
// settings, issuing with the limits, the hall's outcomes, and what the phone's page reads.
// Contract:
//   - issue() decides and stores under a per-hall advisory lock, so two phones at once never both
//     take the last number of a limit. Limits, in order: the hall's settings (enabled, matter,
//     hours), per identity per day at this hall, the identity's no-shows (expired remote tickets
//     within noShowWindowDays, all halls' settings being the hall's own), per hall per day, the
//     queue's daily quota (its share). Remote tickets the hall refused to admit count for none.
//   - The ID number is hashed at once (identityHash under central's key for the limits;
//     hallIdentityHash under the key shared with the hall for card check-in) and then forgotten.
//   - outcomes() applies the hall's checked_in / expired / cancelled once; a repeated or unknown
//     outcome changes nothing and is acknowledged (the hall stops re-posting it).
// Dangers: identity_hash is a keyed hash of an ID number — never answer it, never log it.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db.js';
import {
  hallIdentityKey,
  identityHash,
  normalizeIdNumber,
  REMOTE_CODE_ALPHABET,
  remoteQrContent,
  type RemoteOutcome,
  type RemoteRefusal,
  type RemoteTicketSettings,
  type RemoteTicketState,
  type RemoteTicketView,
} from '../../protocol/central/remote-tickets.js';

export class RemoteRefused extends Error {
  constructor(
    readonly code: RemoteRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteRefused';
  }
}

/** Arbitrary constant mixed with the hall id: the advisory lock serialising one hall's issues. */
const ISSUE_LOCK = 5_170_016;
const DAY_MS = 86_400_000;

function localMinutes(now: number, offset: number): number {
  const d = new Date(now + offset * 60_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The service day ("YYYY-MM-DD") of `now` under the hall's day rule. */
export function serviceDayAt(now: number, s: Pick<RemoteTicketSettings, 'utcOffsetMinutes' | 'dayStartsAtHour'>): string {
  return new Date(now + (s.utcOffsetMinutes - s.dayStartsAtHour * 60) * 60_000).toISOString().slice(0, 10);
}

/** The instant of local `hhmm` on the local date of `now` (the hall's offset). */
function todayAt(now: number, hhmm: string, offset: number): number {
  const localMidnight = Math.floor((now + offset * 60_000) / DAY_MS) * DAY_MS - offset * 60_000;
  return localMidnight + minutesOf(hhmm) * 60_000;
}

export async function putSettings(pool: pg.Pool, hallId: string, settings: RemoteTicketSettings, at: number): Promise<void> {
  await pool.query(
    `INSERT INTO remote_ticket_settings (hall_id, settings, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (hall_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    [hallId, JSON.stringify(settings), at],
  );
}

export async function settingsOf(pool: pg.Pool | pg.PoolClient, hallId: string): Promise<{ settings: RemoteTicketSettings; hallName: string } | null> {
  const r = await pool.query<{ settings: RemoteTicketSettings; name: string }>(
    'SELECT s.settings, h.name FROM remote_ticket_settings s JOIN halls h ON h.hall_id = s.hall_id WHERE s.hall_id = $1',
    [hallId],
  );
  return r.rows[0] ? { settings: r.rows[0].settings, hallName: r.rows[0].name } : null;
}

/** Central's key for identity hashes: one row, made at first use. */
async function centralKey(c: pg.PoolClient, at: number): Promise<Buffer> {
  await c.query('INSERT INTO remote_ticket_keys (id, key, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [randomBytes(32), at]);
  return (await c.query<{ key: Buffer }>('SELECT key FROM remote_ticket_keys WHERE id = 1')).rows[0]!.key;
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += REMOTE_CODE_ALPHABET[randomInt(REMOTE_CODE_ALPHABET.length)];
  return code;
}

/** Counted remote tickets: every one except those the hall refused to admit. */
const COUNTED = `NOT EXISTS (SELECT 1 FROM phone_inbox pi WHERE pi.id = rt.inbox_message_id AND pi.outcome IN ('refused', 'unsupported'))`;

export interface Issued {
  view: RemoteTicketView;
  accessKey: string;
  message: { id: string; body: Record<string, unknown> };
}

/** Decides and stores one remote ticket; throws RemoteRefused with the reason. The caller relays `message`. */
export async function issue(pool: pg.Pool, hallId: string, input: { matterId: string; idNumber: string }, now: number): Promise<Issued> {
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!idNumber) throw new RemoteRefused('invalid_id_number', 'that is not an 18-character ID number with a valid check digit');
  return withTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ISSUE_LOCK, hallId]);
    const found = await settingsOf(c, hallId);
    if (!found || !found.settings.enabled) throw new RemoteRefused('not_enabled', `hall "${hallId}" takes no remote tickets`);
    const { settings: s, hallName } = found;
    const matter = s.matters.find((m) => m.matterId === input.matterId);
    if (!matter) throw new RemoteRefused('unknown_matter', `hall "${hallId}" offers no remote tickets for matter "${input.matterId}"`);
    const minute = localMinutes(now, s.utcOffsetMinutes);
    if ((s.issueFrom && minute < minutesOf(s.issueFrom)) || (s.issueUntil && minute >= minutesOf(s.issueUntil))) {
      throw new RemoteRefused('outside_hours', `remote tickets are issued from ${s.issueFrom ?? '00:00'} until ${s.issueUntil ?? '24:00'}`);
    }
    let checkInUntil = now + s.checkInWithinMinutes * 60_000;
    if (s.checkInUntil) {
      const closes = todayAt(now, s.checkInUntil, s.utcOffsetMinutes);
      if (closes <= now) throw new RemoteRefused('outside_hours', `check-in closes at ${s.checkInUntil} today`);
      checkInUntil = Math.min(checkInUntil, closes);
    }
    const day = serviceDayAt(now, s);
    const key = await centralKey(c, now);
    const idHash = identityHash(key, idNumber);
    const count = async (where: string, params: unknown[]) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM remote_tickets rt WHERE ${where} AND ${COUNTED}`, params)).rows[0]!.n);
    const mine = await count('rt.identity_hash = $1 AND rt.hall_id = $2 AND rt.service_day = $3', [idHash, hallId, day]);
    if (mine >= s.perIdentityPerDay) throw new RemoteRefused('identity_limit', `this ID number has already taken ${mine} remote ticket(s) at this hall today (at most ${s.perIdentityPerDay})`);
    if (s.noShowLimit > 0) {
      const since = serviceDayAt(now - s.noShowWindowDays * DAY_MS, s);
      const noShows = await count("rt.identity_hash = $1 AND rt.state = 'expired' AND rt.service_day > $2", [idHash, since]);
      if (noShows >= s.noShowLimit) throw new RemoteRefused('no_show_limit', `this ID number did not check in ${noShows} remote ticket(s) in the last ${s.noShowWindowDays} days (limit ${s.noShowLimit}); please take a number at the hall`);
    }
    const hallToday = await count('rt.hall_id = $1 AND rt.service_day = $2', [hallId, day]);
    if (hallToday >= s.perHallPerDay) throw new RemoteRefused('hall_limit', `this hall's ${s.perHallPerDay} remote tickets of today are gone`);
    const quota = s.queues.find((q) => q.queueId === matter.queueId)?.dailyQuota ?? 0;
    const queueToday = await count('rt.hall_id = $1 AND rt.service_day = $2 AND rt.queue_id = $3', [hallId, day, matter.queueId]);
    if (queueToday >= quota) throw new RemoteRefused('queue_share_full', `the remote share of this queue today (${quota}) is taken; walk-in numbers are still issued at the hall`);

    const tokenHash = (await c.query<{ token_hash: Buffer }>('SELECT token_hash FROM halls WHERE hall_id = $1', [hallId])).rows[0]!.token_hash;
    const hallIdHash = identityHash(hallIdentityKey(tokenHash), idNumber);
    const remoteTicketId = `rt-${randomUUID()}`;
    const accessKey = randomBytes(18).toString('base64url');
    const messageId = `remote:${remoteTicketId}`;
    let code = newCode();
    for (let tries = 0; ; tries++) {
      const taken = await c.query('SELECT 1 FROM remote_tickets WHERE hall_id = $1 AND service_day = $2 AND code = $3', [hallId, day, code]);
      if (taken.rowCount === 0) break;
      if (tries > 20) throw new Error('no free remote-ticket code after 20 tries');
      code = newCode();
    }
    await c.query(
      `INSERT INTO remote_tickets (remote_ticket_id, hall_id, service_day, code, matter_id, queue_id, identity_hash, hall_identity_hash, access_hash, issued_at, check_in_until, state, state_at, inbox_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'issued', $10, $12)`,
      [remoteTicketId, hallId, day, code, matter.matterId, matter.queueId, idHash, hallIdHash, createHash('sha256').update(accessKey).digest('hex'), now, checkInUntil, messageId],
    );
    const body = { remoteTicketId, code, matterId: matter.matterId, serviceDay: day, issuedAt: now, checkInUntil, hallIdentityHash: hallIdHash };
    const view: RemoteTicketView = {
      remoteTicketId, hallId, hallName, code, qrContent: remoteQrContent(code), matterId: matter.matterId, matterName: matter.name,
      issuedAt: now, checkInUntil, state: 'issued', ticketId: null, ticketNumber: null, reason: null,
    };
    return { view, accessKey, message: { id: messageId, body } };
  });
}

/** Forgets a remote ticket whose relay could not be queued (the phone is told to try again). */
export async function dropUnrelayed(pool: pg.Pool, remoteTicketId: string): Promise<void> {
  await pool.query("DELETE FROM remote_tickets WHERE remote_ticket_id = $1 AND state = 'issued'", [remoteTicketId]);
}

export async function applyOutcomes(pool: pg.Pool, hallId: string, outcomes: readonly RemoteOutcome[]): Promise<{ acknowledged: string[]; unknown: string[] }> {
  const acknowledged: string[] = [];
  const unknown: string[] = [];
  for (const o of outcomes) {
    const r = await pool.query(
      `UPDATE remote_tickets SET state = $3, state_at = $4, ticket_id = $5, ticket_number = $6, hall_identity_hash = NULL
       WHERE hall_id = $1 AND remote_ticket_id = $2 AND state = 'issued'`,
      [hallId, o.remoteTicketId, o.status === 'cancelled' ? 'refused' : o.status, o.at, o.ticketId, o.ticketNumber],
    );
    if (r.rowCount === 1) acknowledged.push(o.remoteTicketId);
    else {
      const known = await pool.query('SELECT 1 FROM remote_tickets WHERE hall_id = $1 AND remote_ticket_id = $2', [hallId, o.remoteTicketId]);
      (known.rowCount === 1 ? acknowledged : unknown).push(o.remoteTicketId);
    }
  }
  return { acknowledged, unknown };
}

interface Row {
  remote_ticket_id: string; hall_id: string; code: string; matter_id: string; issued_at: string; check_in_until: string; state: RemoteTicketState;
  reason: string | null; ticket_id: string | null; ticket_number: string | null; access_hash: string; outcome: string | null; inbox_reason: string | null; settings: RemoteTicketSettings | null; name: string;
}

/** The phone's view of one remote ticket, with the access hash to check the phone's key against; null if unknown. */
export async function remoteTicketOf(pool: pg.Pool, remoteTicketId: string): Promise<{ view: RemoteTicketView; accessHash: string } | null> {
  const r = await pool.query<Row>(
    `SELECT rt.*, pi.outcome, pi.reason AS inbox_reason, s.settings, h.name FROM remote_tickets rt
       JOIN halls h ON h.hall_id = rt.hall_id
       LEFT JOIN phone_inbox pi ON pi.id = rt.inbox_message_id
       LEFT JOIN remote_ticket_settings s ON s.hall_id = rt.hall_id
     WHERE rt.remote_ticket_id = $1`,
    [remoteTicketId],
  );
  const row = r.rows[0];
  if (!row) return null;
  const refusedByHall = row.state === 'issued' && (row.outcome === 'refused' || row.outcome === 'unsupported');
  const view: RemoteTicketView = {
    remoteTicketId: row.remote_ticket_id,
    hallId: row.hall_id,
    hallName: row.name,
    code: row.code,
    qrContent: remoteQrContent(row.code),
    matterId: row.matter_id,
    matterName: row.settings?.matters.find((m) => m.matterId === row.matter_id)?.name ?? row.matter_id,
    issuedAt: Number(row.issued_at),
    checkInUntil: Number(row.check_in_until),
    state: refusedByHall ? 'refused' : row.state,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    reason: refusedByHall ? (row.inbox_reason ?? row.outcome) : row.reason,
  };
  return { view, accessHash: row.access_hash };
}
