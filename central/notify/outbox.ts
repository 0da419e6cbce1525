// The notification outbox (notify_messages, central migration 007): claiming due messages,
// recording each send's outcome, delivery reports.
// State machine: queued → sending → sent → delivered | failed
//                queued → failed (permanent refusal, attempts used up) | expired (past expires_at,
//                or the consent withdrawn) ; sending → queued (retry) | delivered (a channel
//                without reports) | failed.
// Contract: claim() moves rows queued → sending with FOR UPDATE SKIP LOCKED, so two central
// processes never send the same row; every later write is a compare-and-set on the state.
// A row left in `sending` by a dead process is recovered only once older than the channel's
// timeout + RECOVERY_MARGIN_MS: back to queued when the channel is idempotent (the provider
// drops a repeat), else failed — "outcome unknown" is never sent a second time.
// Delivery reports are stored once per (channel, reportId); a repeat changes nothing. A
// `delivered` report wins over `failed` (a report that arrives late or out of order cannot turn
// a delivered message into a failed one); a report naming a message whose send answer is not
// stored yet is kept and applied when it is.
import type pg from 'pg';
import type { NotifyChannel, NotifyKind, NotifyLanguage } from '../../protocol/central/notifications.js';
import type { SmsReport } from './sms-protocol.js';
import type { MessageParams } from './texts.js';

export const RECOVERY_MARGIN_MS = 60_000;

export interface MessageRow {
  messageId: string;
  consentId: string;
  hallId: string;
  ticketId: string;
  kind: NotifyKind;
  channel: NotifyChannel;
  lang: NotifyLanguage;
  params: MessageParams;
  attempts: number;
  expiresAt: number;
}

interface MessageDbRow {
  message_id: string;
  consent_id: string;
  hall_id: string;
  ticket_id: string;
  kind: NotifyKind;
  channel: NotifyChannel;
  lang: NotifyLanguage;
  params: MessageParams;
  attempts: number;
  expires_at: string;
}

const fromDb = (r: MessageDbRow): MessageRow => ({
  messageId: r.message_id,
  consentId: r.consent_id,
  hallId: r.hall_id,
  ticketId: r.ticket_id,
  kind: r.kind,
  channel: r.channel,
  lang: r.lang,
  params: r.params,
  attempts: r.attempts,
  expiresAt: Number(r.expires_at),
});

/** Queued messages past their deadline → expired (dropped, never sent late). */
export async function expireOverdue(pool: pg.Pool, now: number): Promise<number> {
  const res = await pool.query(
    `UPDATE notify_messages SET state = 'expired', updated_at = $1, finished_at = $1, last_error = COALESCE(last_error, 'not sent before its deadline')
     WHERE state = 'queued' AND expires_at <= $1`,
    [now],
  );
  return res.rowCount ?? 0;
}

/** Rows a dead process left in `sending` (see the contract above). */
export async function recoverInterrupted(pool: pg.Pool, now: number, channel: NotifyChannel, idempotent: boolean, staleAfterMs: number): Promise<number> {
  const res = idempotent
    ? await pool.query(
        `UPDATE notify_messages SET state = 'queued', next_attempt_at = $2, updated_at = $2, last_error = 'interrupted while sending; sent again (the provider drops repeats)'
         WHERE channel = $1 AND state = 'sending' AND updated_at <= $3`,
        [channel, now, now - staleAfterMs],
      )
    : await pool.query(
        `UPDATE notify_messages SET state = 'failed', updated_at = $2, finished_at = $2, last_error = 'interrupted while sending; outcome unknown, not sent again'
         WHERE channel = $1 AND state = 'sending' AND updated_at <= $3`,
        [channel, now, now - staleAfterMs],
      );
  return res.rowCount ?? 0;
}

/** Takes up to `limit` due messages of the channels given (queued → sending). */
export async function claim(pool: pg.Pool, now: number, channels: readonly NotifyChannel[], limit: number): Promise<MessageRow[]> {
  const { rows } = await pool.query<MessageDbRow>(
    `UPDATE notify_messages SET state = 'sending', attempts = attempts + 1, updated_at = $1
     WHERE state = 'queued' AND message_id IN (
       SELECT message_id FROM notify_messages
       WHERE state = 'queued' AND next_attempt_at <= $1 AND expires_at > $1 AND channel = ANY($2::text[])
       ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING message_id, consent_id, hall_id, ticket_id, kind, channel, lang, params, attempts, expires_at`,
    [now, channels, limit],
  );
  return rows.map(fromDb);
}

/** sending → `state` (compare-and-set); false when the row moved on meanwhile. */
export async function finish(pool: pg.Pool, now: number, messageId: string, state: 'sent' | 'delivered' | 'failed' | 'expired', o: { providerId?: string; error?: string } = {}): Promise<boolean> {
  const res = await pool.query(
    `UPDATE notify_messages SET state = $2, updated_at = $3, provider_id = COALESCE($4, provider_id), last_error = COALESCE($5, last_error),
       sent_at = CASE WHEN $2 IN ('sent', 'delivered') THEN $3 ELSE sent_at END,
       finished_at = CASE WHEN $2 = 'sent' THEN finished_at ELSE $3 END
     WHERE message_id = $1 AND state = 'sending'`,
    [messageId, state, now, o.providerId ?? null, o.error ?? null],
  );
  if (res.rowCount === 1) return true;
  // A delivery report overtook the send's answer: keep the provider's id all the same.
  if (o.providerId) await pool.query('UPDATE notify_messages SET provider_id = $2, sent_at = COALESCE(sent_at, $3) WHERE message_id = $1 AND provider_id IS NULL', [messageId, o.providerId, now]);
  return false;
}

/** sending → queued for another attempt at `at`. */
export async function retryLater(pool: pg.Pool, now: number, messageId: string, at: number, error: string): Promise<boolean> {
  const res = await pool.query(
    `UPDATE notify_messages SET state = 'queued', next_attempt_at = $3, updated_at = $2, last_error = $4 WHERE message_id = $1 AND state = 'sending'`,
    [messageId, now, at, error],
  );
  return res.rowCount === 1;
}

export async function consentAddress(pool: pg.Pool, consentId: string): Promise<{ sealed: string; withdrawn: boolean } | null> {
  const { rows } = await pool.query<{ address_sealed: string; withdrawn_at: string | null }>('SELECT address_sealed, withdrawn_at FROM notify_consents WHERE consent_id = $1', [consentId]);
  const r = rows[0];
  return r ? { sealed: r.address_sealed, withdrawn: r.withdrawn_at !== null } : null;
}

export interface ReportSummary {
  received: number;
  duplicates: number;
  applied: number;
}

/** Stores the gateway's delivery reports once each and applies them. */
export async function receiveReports(pool: pg.Pool, now: number, channel: NotifyChannel, reports: readonly SmsReport[]): Promise<ReportSummary> {
  const out: ReportSummary = { received: reports.length, duplicates: 0, applied: 0 };
  for (const r of reports) {
    const status = r.status === 'DELIVRD' ? 'delivered' : 'failed';
    const ins = await pool.query(
      `INSERT INTO notify_reports (channel, report_key, provider_id, status, detail, reported_at, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING`,
      [channel, r.reportId, r.msgId, status, r.errCode ?? null, r.reportTime, now],
    );
    if (ins.rowCount === 0) {
      out.duplicates++;
      continue;
    }
    // Bind the provider id to our message when the gateway echoes our id (clientMsgId).
    if (r.clientMsgId) await pool.query('UPDATE notify_messages SET provider_id = $3 WHERE message_id = $1 AND channel = $2 AND provider_id IS NULL', [r.clientMsgId, channel, r.msgId]);
    out.applied += await applyReports(pool, now, channel, r.msgId);
  }
  return out;
}

/** Applies the stored, unapplied reports of one provider id to its message (if known yet). */
export async function applyReports(pool: pg.Pool, now: number, channel: NotifyChannel, providerId: string): Promise<number> {
  const { rows } = await pool.query<{ report_key: string; status: 'delivered' | 'failed'; detail: string | null }>(
    'SELECT report_key, status, detail FROM notify_reports WHERE channel = $1 AND provider_id = $2 AND NOT applied ORDER BY (status = \'delivered\') DESC, reported_at',
    [channel, providerId],
  );
  let applied = 0;
  for (const r of rows) {
    const res =
      r.status === 'delivered'
        ? await pool.query(
            `UPDATE notify_messages SET state = 'delivered', updated_at = $3, finished_at = $3, sent_at = COALESCE(sent_at, $3), last_error = NULL
             WHERE channel = $1 AND provider_id = $2 AND (state IN ('sending', 'sent') OR (state = 'failed' AND sent_at IS NOT NULL))`,
            [channel, providerId, now],
          )
        : await pool.query(
            `UPDATE notify_messages SET state = 'failed', updated_at = $3, finished_at = $3, last_error = $4
             WHERE channel = $1 AND provider_id = $2 AND state IN ('sending', 'sent')`,
            [channel, providerId, now, `undelivered (${r.detail ?? 'no code'})`],
          );
    const known = await pool.query('SELECT 1 FROM notify_messages WHERE channel = $1 AND provider_id = $2', [channel, providerId]);
    if ((known.rowCount ?? 0) > 0) {
      await pool.query('UPDATE notify_reports SET applied = true WHERE channel = $1 AND report_key = $2', [channel, r.report_key]);
      applied += res.rowCount ?? 0;
    }
  }
  return applied;
}

export interface OutboxStatus {
  counts: Record<string, number>;
  recent: { messageId: string; hallId: string; ticketId: string; kind: NotifyKind; channel: NotifyChannel; state: string; attempts: number; lastError: string | null; address: string }[];
}

/** The operator's view: counts per state and the latest messages with masked addresses. */
export async function outboxStatus(pool: pg.Pool, limit = 50): Promise<OutboxStatus> {
  const counts: Record<string, number> = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, expired: 0 };
  const c = await pool.query<{ state: string; n: string }>('SELECT state, COUNT(*) AS n FROM notify_messages GROUP BY state');
  for (const r of c.rows) counts[r.state] = Number(r.n);
  const { rows } = await pool.query<{ message_id: string; hall_id: string; ticket_id: string; kind: NotifyKind; channel: NotifyChannel; state: string; attempts: number; last_error: string | null; address_masked: string }>(
    `SELECT m.message_id, m.hall_id, m.ticket_id, m.kind, m.channel, m.state, m.attempts, m.last_error, c.address_masked
     FROM notify_messages m JOIN notify_consents c USING (consent_id) ORDER BY m.updated_at DESC, m.message_id LIMIT $1`,
    [limit],
  );
  return {
    counts,
    recent: rows.map((r) => ({ messageId: r.message_id, hallId: r.hall_id, ticketId: r.ticket_id, kind: r.kind, channel: r.channel, state: r.state, attempts: r.attempts, lastError: r.last_error, address: r.address_masked })),
  };
}
