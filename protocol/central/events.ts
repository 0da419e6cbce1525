// What the central platform checks in each hall event it interprets, per
// schema version and type (the hall's types: hall/domain/events.ts, plus the
// device events ticket_printed / print_failed / kiosk_device_fault / kiosk_device_recovered).
// Contract: a tolerant reader — each schema requires the fields the central
// side reads (ids, numbers, times, levels) with their types, and lets other
// fields through untouched, so a hall adding a field within a schema version
// is not poison; a missing or mistyped required field is. An event type not
// listed for its schema version is poison (quarantined).
// Dangers: adding a required field here turns old events of that type into
// poison on re-interpretation — add required fields only with a new schema
// version. Adding a type is safe; quarantined events of that type are
// re-checked at the next start (central/ingest/parked.ts).
// Staff free text (ticket_suspended.reason, ticket_called.specialReason,
// ticket_withdrawn.suspendReason) arrives as "(redacted)" from the hall's
// uplink (hall/sync/uplink/sync-store.ts); any string is accepted, so events
// sent before the redaction are not poison either.
import { z } from 'zod';
import { badRatingCaseSchemas } from './bad-rating-case-events.js';

const id = z.string().min(1).max(200);
const optionalId = id.nullable().optional();
const epochMs = z.number().int().nonnegative();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ticket = { ticketId: id, number: z.string().min(1).max(20) };

export const RATING_OUTCOMES = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied', 'not_rated'] as const;

const v1: Record<string, z.ZodType<Record<string, unknown>>> = {
  ticket_issued: z.looseObject({
    ...ticket,
    queueId: id,
    matterId: id,
    ticketClass: z.enum(['green', 'appointment', 'walk_in']),
    greenCategory: z.string().nullable().optional(),
    kioskId: optionalId,
    issuedAt: epochMs,
    issueSeq: z.number().int().nonnegative().optional(),
    queueNumber: z.number().int().nonnegative().optional(),
  }),
  ticket_called: z.looseObject({ ...ticket, counterId: id, counterNumber: z.number().int().optional(), staffId: optionalId, reason: z.string().optional(), specialReason: z.string().nullable().optional() }),
  ticket_recalled: z.looseObject({ ...ticket, counterId: id, recallCount: z.number().int().nonnegative().optional() }),
  service_started: z.looseObject({ ...ticket, counterId: id }),
  service_finished: z.looseObject({ ...ticket, counterId: id, staffId: optionalId, matterId: id }),
  ticket_no_show: z.looseObject({ ...ticket, counterId: id, automatic: z.boolean().optional() }),
  ticket_rejoined: z.looseObject({ ...ticket, queueId: id }),
  ticket_transferred: z.looseObject({ ...ticket, counterId: id, fromQueueId: id, toQueueId: id, toCounterId: optionalId }),
  ticket_requeued: z.looseObject({ ...ticket, counterId: id, reason: z.enum(['counter_signed_out', 'counter_paused']) }),
  ticket_suspended: z.looseObject({ ...ticket, counterId: id, staffId: optionalId, reason: z.string().optional(), until: epochMs.optional() }),
  ticket_resumed: z.looseObject({ ...ticket, counterId: id, staffId: optionalId }),
  ticket_withdrawn: z.looseObject({ ...ticket, reason: z.string(), suspendReason: z.string().nullable().optional() }),
  counter_signed_in: z.looseObject({ counterId: id, staffId: id }),
  counter_signed_out: z.looseObject({ counterId: id, staffId: id }),
  counter_paused: z.looseObject({ counterId: id }),
  counter_resumed: z.looseObject({ counterId: id }),
  rating_requested: z.looseObject({ ratingId: id, ticketId: id, counterId: id, staffId: optionalId, matterId: id, expiresAt: epochMs }),
  rating_recorded: z.looseObject({ ratingId: id, ticketId: id, counterId: id, outcome: z.enum(RATING_OUTCOMES), source: z.enum(['pad', 'screen', 'qr', 'kiosk', 'timeout']) }),
  service_day_closed: z.looseObject({ serviceDay: day, nextServiceDay: day, expiredTicketIds: z.array(id) }),
  ticket_printed: z.looseObject({ ...ticket, kioskId: optionalId }),
  print_failed: z.looseObject({ ...ticket, kioskId: optionalId, code: z.string().optional() }),
  kiosk_device_fault: z.looseObject({ deviceId: id, terminalId: id, zone: z.enum(['hall', '24h']), code: z.string(), unattended: z.boolean() }),
  kiosk_device_recovered: z.looseObject({ deviceId: id, terminalId: id }),
  // Service records (hall/domain/service-record-events.ts): no identity data, no free text.
  case_opened: z.looseObject({ caseId: id, code: id, ticketId: optionalId, number: z.string().nullable().optional(), matterId: id, counterId: id, staffId: optionalId }),
  case_handed_over: z.looseObject({ caseId: id, code: id, fromCounterId: id, toCounterId: id, staffId: optionalId }),
  case_pending_materials: z.looseObject({ caseId: id, code: id, counterId: id, staffId: optionalId, missingCount: z.number().int().positive(), materialsDueAt: epochMs }),
  case_materials_supplied: z.looseObject({ caseId: id, code: id, counterId: id, staffId: optionalId }),
  case_accepted: z.looseObject({ caseId: id, code: id, counterId: id, matterId: id, acceptedAt: epochMs, dueAt: epochMs.nullable() }),
  case_completed: z.looseObject({ caseId: id, code: id, counterId: id, staffId: optionalId, overdue: z.boolean() }),
  case_withdrawn: z.looseObject({ caseId: id, code: id, reason: z.string() }),
  complaint_received: z.looseObject({ complaintId: id, code: id, channel: z.enum(['kiosk', 'counter']), terminalId: id, counterId: optionalId, category: z.string(), replyDueAt: epochMs }),
  complaint_replied: z.looseObject({ complaintId: id, code: id, staffId: id, late: z.boolean() }),
  home_visit_requested: z.looseObject({ visitId: id, code: id, channel: z.enum(['kiosk', 'counter_phone', 'central']), matterId: id }),
  home_visit_scheduled: z.looseObject({ visitId: id, code: id, scheduledAt: epochMs, staffId: id }),
  home_visit_completed: z.looseObject({ visitId: id, code: id, staffId: optionalId }),
  home_visit_cancelled: z.looseObject({ visitId: id, code: id }),
  ticket_assisted: z.looseObject({ ...ticket, staffId: id, kind: z.enum(['accompany', 'proxy_auth', 'proxy_handle']) }),
  // Service desk (hall/domain/service-desk-events.ts): 办不成事 cases (summary and answer arrive redacted), daily-cap offers, pause notices.
  unresolved_case_recorded: z.looseObject({ caseId: id, counterId: id, staffId: optionalId, matterId: optionalId, ticketNumber: z.string().nullable().optional(), summary: z.string() }),
  unresolved_case_escalated: z.looseObject({ caseId: id, leaderStaffId: optionalId }),
  unresolved_case_answered: z.looseObject({ caseId: id, staffId: id, answer: z.string() }),
  cap_offer_taken: z.looseObject({ offer: z.enum(['unresolved_counter', 'next_day_booking', 'guide_help']), cause: z.string(), queueId: id, matterId: id, kioskId: id, ticketId: optionalId, appointmentId: optionalId }),
  service_notice_posted: z.looseObject({ noticeId: id, counterId: optionalId, queueId: optionalId, reasonId: id, startsAt: epochMs, resumesAt: epochMs, staffId: optionalId }),
  service_notice_withdrawn: z.looseObject({ noticeId: id, staffId: optionalId }),
  // 差评 follow-up (hall/domain/bad-rating-case-events.ts): no identity data, no free text.
  ...badRatingCaseSchemas,
};

/** Schemas by schema version, then by event type. */
export const EVENT_SCHEMAS: ReadonlyMap<number, Readonly<Record<string, z.ZodType<Record<string, unknown>>>>> = new Map([[1, v1]]);

/** The newest schema version this server interprets; newer events are parked. */
export const NEWEST_SCHEMA_VERSION = Math.max(...EVENT_SCHEMAS.keys());
