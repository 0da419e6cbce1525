// Which notifications a hall's board calls for, decided per consent from the board central
// holds now (level-triggered: a missed push, a restart or two central processes deciding at
// once change nothing — every message has a unique key per ticket + kind + event, and the
// decision inserts it with ON CONFLICT DO NOTHING in one transaction with the consent check).
//   ahead   status waiting, peopleAhead ≤ the visitor's threshold, and it was above it when the
//           consent was given (or unknown then): "前面还有 N 人" — once per ticket.
//   called  status called at a counter: "请到 X 号窗口" — once per call (key: calledAt), so a
//           recall or a call after a transfer is a new event. Expires comeNowMs after the call:
//           a "come now" that could not go out in time is dropped, never sent late.
//   missed  status no_show: "您已过号，请在 M 分钟内…" with the board's missedRejoinMinutes —
//           once per call missed; expires when the rejoin window closes.
// Dangers: calledAt is the hall's clock; a hall clock far off central's shortens or lengthens
// the come-now window (the hall keeps its clock in step through sync, docs/sync.md).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db.js';
import type { BoardPush, BoardTicket } from '../../protocol/central/phone.js';
import type { NotifyKind } from '../../protocol/central/notifications.js';
import { activeConsents, type ConsentRow } from './consents.js';
import type { MessageParams } from './texts.js';

export interface TriggerTimes {
  /** How long a "come now" (called) message may wait to go out. */
  comeNowMs: number;
  /** How long a "people ahead" message may wait to go out. */
  aheadMs: number;
}

export interface Decision {
  kind: NotifyKind;
  eventKey: string;
  params: MessageParams;
  expiresAt: number;
}

/** The messages one ticket's entry calls for under one consent (pure). */
export function decide(c: Pick<ConsentRow, 'aheadThreshold' | 'aheadAtConsent'>, t: BoardTicket, hall: Pick<BoardPush['hall'], 'name' | 'missedRejoinMinutes'>, now: number, times: TriggerTimes): Decision[] {
  const base = { hallName: hall.name, number: t.number };
  if (t.status === 'waiting' && t.peopleAhead <= c.aheadThreshold && (c.aheadAtConsent === null || c.aheadAtConsent > c.aheadThreshold)) {
    return [{ kind: 'ahead', eventKey: 'ahead', params: { ...base, ahead: t.peopleAhead }, expiresAt: now + times.aheadMs }];
  }
  if (t.status === 'called' && t.counterNumber !== null) {
    const at = t.calledAt ?? now;
    return [{ kind: 'called', eventKey: `called:${at}:${t.counterNumber}`, params: { ...base, counter: t.counterNumber }, expiresAt: at + times.comeNowMs }];
  }
  if (t.status === 'no_show') {
    const minutes = hall.missedRejoinMinutes;
    return [{ kind: 'missed', eventKey: `missed:${t.calledAt ?? ''}`, params: { ...base, minutes }, expiresAt: (t.calledAt ?? now) + Math.max(minutes * 60_000, times.comeNowMs) }];
  }
  return [];
}

export interface HallBoard {
  hall: Pick<BoardPush['hall'], 'name' | 'missedRejoinMinutes'>;
  tickets: ReadonlyMap<string, BoardTicket>;
}

/** Decides and queues a hall's messages; returns how many were new. */
export async function decideForHall(pool: pg.Pool, hallId: string, board: HallBoard, now: number, times: TriggerTimes): Promise<number> {
  return withTransaction(pool, async (client) => {
    let queued = 0;
    // FOR UPDATE: a withdrawal waits for this decision, and a decision after it sees it withdrawn.
    const consents = await activeConsents(client, hallId, true);
    for (const c of consents) {
      const t = board.tickets.get(c.ticketId);
      if (!t) continue;
      for (const d of decide(c, t, board.hall, now, times)) {
        const res = await client.query(
          `INSERT INTO notify_messages (message_id, consent_id, hall_id, ticket_id, kind, event_key, channel, lang, params, state, next_attempt_at, expires_at, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', $10, $11, $10, $10)
           ON CONFLICT (hall_id, ticket_id, kind, event_key) DO NOTHING`,
          [randomUUID(), c.consentId, hallId, c.ticketId, d.kind, d.eventKey, c.channel, c.lang, JSON.stringify(d.params), now, d.expiresAt],
        );
        queued += res.rowCount ?? 0;
      }
    }
    return queued;
  });
}
