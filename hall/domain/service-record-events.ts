// Service-record events: what the hall records about work that outlives a ticket and a
// service day (docs/service-records.md) — cases (首问负责, 容缺受理 over days, 限时办结),
// on-site complaints, home visits (上门服务) and guides' help (帮办代办). They travel in the
// same outbox as the engine's events, to terminals and to central; the engine never emits
// them (hall/records/ records them with their table rows in one transaction).
// Contract: payloads never carry identity data nor visitors' or staff's free text
// (a complaint's content, a case's question, a visitor's contact stay in the hall's tables).
// Danger: central checks these fields (protocol/central/events.ts); renaming or removing
// one makes old events unreadable there.
import type { CounterId, MatterId, StaffId, TicketId } from './types.js';

export type CaseStatus = 'open' | 'pending_materials' | 'accepted' | 'completed' | 'withdrawn';
export type ComplaintChannel = 'kiosk' | 'counter';
export type HomeVisitChannel = 'kiosk' | 'counter_phone' | 'central';
/** 帮办代办: a guide holds the ticket and accompanies the visitor; 代为认证; 代为办理 (004 第十一条). */
export type AssistKind = 'accompany' | 'proxy_auth' | 'proxy_handle';

export type ServiceRecordEvent =
  /** 首问负责: the counter that first took the visitor's question owns the case. */
  | { type: 'case_opened'; caseId: string; code: string; ticketId: TicketId | null; number: string | null; matterId: MatterId; counterId: CounterId; staffId: StaffId | null }
  | { type: 'case_handed_over'; caseId: string; code: string; fromCounterId: CounterId; toCounterId: CounterId; staffId: StaffId | null }
  /** 容缺受理 over days: accepted on a written promise; `missingCount` items due by `materialsDueAt`. */
  | { type: 'case_pending_materials'; caseId: string; code: string; counterId: CounterId; staffId: StaffId | null; missingCount: number; materialsDueAt: number }
  | { type: 'case_materials_supplied'; caseId: string; code: string; counterId: CounterId; staffId: StaffId | null }
  /** 限时办结: the promised time limit runs from `acceptedAt`; `dueAt` null when the catalog gives none. */
  | { type: 'case_accepted'; caseId: string; code: string; counterId: CounterId; matterId: MatterId; acceptedAt: number; dueAt: number | null }
  | { type: 'case_completed'; caseId: string; code: string; counterId: CounterId; staffId: StaffId | null; overdue: boolean }
  /** Materials not supplied by the promised date: the application counts as withdrawn (000 第二十四条). */
  | { type: 'case_withdrawn'; caseId: string; code: string; reason: 'materials_overdue' }
  | { type: 'complaint_received'; complaintId: string; code: string; channel: ComplaintChannel; terminalId: string; counterId: CounterId | null; category: string; replyDueAt: number }
  | { type: 'complaint_replied'; complaintId: string; code: string; staffId: StaffId; late: boolean }
  | { type: 'home_visit_requested'; visitId: string; code: string; channel: HomeVisitChannel; matterId: MatterId }
  | { type: 'home_visit_scheduled'; visitId: string; code: string; scheduledAt: number; staffId: StaffId }
  | { type: 'home_visit_completed'; visitId: string; code: string; staffId: StaffId | null }
  | { type: 'home_visit_cancelled'; visitId: string; code: string }
  | { type: 'ticket_assisted'; ticketId: TicketId; number: string; staffId: StaffId; kind: AssistKind };

export type ServiceRecordEventType = ServiceRecordEvent['type'];
