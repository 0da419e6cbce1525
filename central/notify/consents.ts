// Consents (notify_consents, central migration 007): what the visitor chose on the phone page.
// Contract: one consent per (hall, ticket); giving it again replaces the choice and re-arms the
// "people ahead" message from the ticket's position now. withdraw() stops everything at once: it
// erases the sealed address and expires the ticket's queued messages in one transaction.
// purge_after = the end of the ticket's service day (China time, +08:00) + the retention setting.
// Dangers: the address goes in sealed (AddressSealer) and comes out masked; never log it.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db.js';
import type { ConsentRequest, ConsentView, NotifyChannel, NotifyKind, NotifyLanguage, NotifyState } from '../../protocol/central/notifications.js';
import { maskAddress, type AddressSealer } from './seal.js';

/** The hall's service day ends at midnight China time. */
export function endOfServiceDay(serviceDay: string): number {
  return Date.parse(`${serviceDay}T00:00:00+08:00`) + 86_400_000;
}

export interface ConsentRow {
  consentId: string;
  hallId: string;
  ticketId: string;
  channel: NotifyChannel;
  addressSealed: string;
  addressMasked: string;
  lang: NotifyLanguage;
  aheadThreshold: number;
  aheadAtConsent: number | null;
  withdrawnAt: number | null;
}

interface ConsentDbRow {
  consent_id: string;
  hall_id: string;
  ticket_id: string;
  channel: NotifyChannel;
  address_sealed: string;
  address_masked: string;
  lang: NotifyLanguage;
  ahead_threshold: number;
  ahead_at_consent: number | null;
  withdrawn_at: string | null;
}

export function consentFromDb(r: ConsentDbRow): ConsentRow {
  return {
    consentId: r.consent_id,
    hallId: r.hall_id,
    ticketId: r.ticket_id,
    channel: r.channel,
    addressSealed: r.address_sealed,
    addressMasked: r.address_masked,
    lang: r.lang,
    aheadThreshold: r.ahead_threshold,
    aheadAtConsent: r.ahead_at_consent,
    withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at),
  };
}

export async function giveConsent(
  pool: pg.Pool,
  sealer: AddressSealer,
  now: number,
  o: { hallId: string; ticketId: string; serviceDay: string; peopleAhead: number | null; retentionMs: number; request: ConsentRequest },
): Promise<void> {
  const r = o.request;
  const address = r.channel === 'sms' ? r.phone! : r.openid!;
  await pool.query(
    `INSERT INTO notify_consents (consent_id, hall_id, ticket_id, service_day, channel, address_sealed, address_masked, lang, ahead_threshold, ahead_at_consent, created_at, updated_at, withdrawn_at, purge_after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, NULL, $12)
     ON CONFLICT (hall_id, ticket_id) DO UPDATE SET service_day = $4, channel = $5, address_sealed = $6, address_masked = $7, lang = $8,
       ahead_threshold = $9, ahead_at_consent = $10, updated_at = $11, withdrawn_at = NULL, purge_after = $12`,
    [randomUUID(), o.hallId, o.ticketId, o.serviceDay, r.channel, sealer.seal(address), maskAddress(r.channel, address), r.lang, r.aheadThreshold, o.peopleAhead, now, endOfServiceDay(o.serviceDay) + o.retentionMs],
  );
}

/** Withdraws the ticket's consent: address erased, queued messages expired. False when there was none. */
export async function withdrawConsent(pool: pg.Pool, now: number, hallId: string, ticketId: string): Promise<boolean> {
  return withTransaction(pool, async (c) => {
    const res = await c.query<{ consent_id: string }>(
      `UPDATE notify_consents SET withdrawn_at = COALESCE(withdrawn_at, $3), address_sealed = '', updated_at = $3
       WHERE hall_id = $1 AND ticket_id = $2 RETURNING consent_id`,
      [hallId, ticketId, now],
    );
    const id = res.rows[0]?.consent_id;
    if (!id) return false;
    await c.query(
      `UPDATE notify_messages SET state = 'expired', last_error = 'consent withdrawn', updated_at = $2, finished_at = $2
       WHERE consent_id = $1 AND state = 'queued'`,
      [id, now],
    );
    return true;
  });
}

export async function consentView(pool: pg.Pool, hallId: string, ticketId: string, channels: NotifyChannel[]): Promise<ConsentView> {
  const c = await pool.query<ConsentDbRow>('SELECT * FROM notify_consents WHERE hall_id = $1 AND ticket_id = $2', [hallId, ticketId]);
  const row = c.rows[0] ? consentFromDb(c.rows[0]) : null;
  if (!row) return { consent: null, messages: [], channels };
  const m = await pool.query<{ kind: NotifyKind; state: NotifyState; created_at: string }>(
    'SELECT kind, state, created_at FROM notify_messages WHERE consent_id = $1 ORDER BY created_at, message_id',
    [row.consentId],
  );
  return {
    consent: { channel: row.channel, addressMasked: row.addressMasked, aheadThreshold: row.aheadThreshold, lang: row.lang, withdrawn: row.withdrawnAt !== null },
    messages: m.rows.map((r) => ({ kind: r.kind, state: r.state, createdAt: Number(r.created_at) })),
    channels,
  };
}

/** Active consents of a hall (not withdrawn). */
export async function activeConsents(db: pg.Pool | pg.PoolClient, hallId: string, forUpdate = false): Promise<ConsentRow[]> {
  const { rows } = await db.query<ConsentDbRow>(`SELECT * FROM notify_consents WHERE hall_id = $1 AND withdrawn_at IS NULL ORDER BY consent_id${forUpdate ? ' FOR UPDATE' : ''}`, [hallId]);
  return rows.map(consentFromDb);
}

export async function hallsWithActiveConsents(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ hall_id: string }>('SELECT DISTINCT hall_id FROM notify_consents WHERE withdrawn_at IS NULL');
  return rows.map((r) => r.hall_id);
}

/** Rows the key file protects (AddressSealer.fromKeyFile refuses a new key while this is > 0). */
export async function sealedConsents(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM notify_consents WHERE address_sealed <> ''");
  return Number(rows[0]?.n ?? 0);
}

/** Deletes consents (and their messages) past purge_after, and old delivery reports. */
export async function purgeExpired(pool: pg.Pool, now: number, retentionMs: number): Promise<number> {
  const res = await pool.query('DELETE FROM notify_consents WHERE purge_after <= $1', [now]);
  await pool.query('DELETE FROM notify_reports WHERE received_at <= $1', [now - retentionMs - 2 * 86_400_000]);
  return res.rowCount ?? 0;
}
