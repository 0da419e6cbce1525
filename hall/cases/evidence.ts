// 申诉复核 evidence: the hall's own record of the rated service — when the ticket was issued,
// called (and recalled), started, transferred and finished, when the rating was asked for and
// when and how it was answered — read from the event log of the ticket's service day and the
// ratings table. Read once, when the counter appeals, and kept with the case.
import type { Db } from '../store/db.js';
import type { EvidenceItemDTO } from '../api/bad-rating-cases-dto.js';

const WHAT: Readonly<Record<string, EvidenceItemDTO['what']>> = {
  ticket_issued: 'issued',
  ticket_called: 'called',
  ticket_recalled: 'recalled',
  service_started: 'started',
  ticket_transferred: 'transferred',
  service_finished: 'finished',
  rating_requested: 'rating_requested',
  rating_recorded: 'rated',
};

export function evidenceOf(db: Db, ticketId: string, ratingId: string, serviceDay: string): EvidenceItemDTO[] {
  const types = Object.keys(WHAT);
  const rows = db
    .prepare(
      `SELECT type, at, json_extract(payload, '$.counterId') AS counterId, json_extract(payload, '$.ratingId') AS ratingId, json_extract(payload, '$.source') AS source, json_extract(payload, '$.outcome') AS outcome
       FROM events WHERE service_day = ? AND type IN (${types.map(() => '?').join(', ')}) AND json_extract(payload, '$.ticketId') = ? ORDER BY seq`,
    )
    .all(serviceDay, ...types, ticketId) as { type: string; at: number; counterId: string | null; ratingId: string | null; source: string | null; outcome: string | null }[];
  return rows
    .filter((r) => !r.type.startsWith('rating_') || r.ratingId === ratingId)
    .map((r) => ({ what: WHAT[r.type]!, at: r.at, counterId: r.counterId, detail: r.type === 'rating_recorded' ? `${r.outcome ?? ''}/${r.source ?? ''}` : null }));
}
