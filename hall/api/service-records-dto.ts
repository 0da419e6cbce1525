// Bodies and replies of the service-record routes (docs/service-records.md): cases (首问负责,
// 容缺受理 over days, 限时办结), complaints, home visits, guides' help (帮办代办).
// Contract: plain types only (the route table imports them for the renderer). Contacts reach
// screens masked (张*, 138****1234, the address cut after its district); never whole.
import type { AssistKind, CaseStatus, ComplaintChannel, HomeVisitChannel } from '../domain/service-record-events.js';
import type { LimitState } from '../domain/service-deadlines.js';
import type { PrintOutcomeDTO } from './dto.js';

export type { AssistKind, CaseStatus, ComplaintChannel, HomeVisitChannel, LimitState };

export interface CaseHandoverDTO {
  fromCounterId: string;
  toCounterId: string;
  staffId: string | null;
  note: string;
  at: number;
}

export interface CaseDTO {
  id: string;
  /** What the visitor keeps on paper and gives at any counter, e.g. "261207-003". */
  code: string;
  serviceDay: string;
  ticketNumber: string | null;
  matterId: string;
  matterName: string;
  status: CaseStatus;
  /** 首问负责: the counter that first took the question, and the one that owns it now. */
  firstCounterId: string;
  ownerCounterId: string;
  ownerCounterNumber: number | null;
  question: string;
  /** 容缺受理: what is missing and by when (null unless a promise was written). */
  missing: string[];
  materialsDueAt: number | null;
  /** 限时办结: the promised limit from the catalog, and when it ends (null: the catalog gives none). */
  promised: { value: number; unit: 'working_days' | 'natural_days' | 'hours' | 'immediate' } | null;
  acceptedAt: number | null;
  dueAt: number | null;
  /** The limit's state now; null when no limit runs (not accepted, finished, or none known). */
  limitState: LimitState | null;
  completedAt: number | null;
  createdAt: number;
  handovers: CaseHandoverDTO[];
}

export interface OpenCaseRequest {
  /** The visitor's question or request, as staff wrote it. */
  question: string;
  /** The matter; absent: the matter of the ticket being served at this counter. */
  matterId?: string;
  /** Link the case to the ticket being served at this counter (default true when one is). */
  withCurrentTicket?: boolean;
}

export interface HandOverCaseRequest {
  toCounterId: string;
  note: string;
}

/** 容缺受理 over days: what is missing, how many working days to bring it, where to print the notice. */
export interface AcceptPendingRequest {
  missing: string[];
  workingDays?: number;
  /** The kiosk whose printer prints the 容缺受理告知; absent: the hall's setting, else the first kiosk with a printer. */
  printAt?: string;
}

export interface AcceptPendingResponse {
  case: CaseDTO;
  print: PrintOutcomeDTO;
}

export interface CaseListDTO {
  now: number;
  warnBeforeHours: number;
  cases: CaseDTO[];
}

export interface ComplaintRequest {
  category: 'attitude' | 'efficiency' | 'refused' | 'environment' | 'other';
  content: string;
  contact?: { name?: string; phone?: string };
}

export interface ComplaintDTO {
  id: string;
  code: string;
  channel: ComplaintChannel;
  terminalId: string;
  counterId: string | null;
  category: ComplaintRequest['category'];
  content: string;
  /** Masked. */
  contact: { name: string | null; phone: string | null } | null;
  receivedAt: number;
  replyDueAt: number;
  status: 'open' | 'replied';
  /** Open past its deadline, or replied after it. */
  late: boolean;
  reply: string | null;
  repliedAt: number | null;
  repliedBy: string | null;
}

export interface ComplaintReplyRequest {
  reply: string;
}

export interface HomeVisitRequest {
  matterId: string;
  reason: string;
  contact: { name: string; phone: string; address: string };
}

export interface HomeVisitDTO {
  id: string;
  code: string;
  channel: HomeVisitChannel;
  matterId: string;
  matterName: string;
  reason: string;
  /** Masked (the full contact stays sealed in the hall; the assigned staff member reads it on paper). */
  contact: { name: string; phone: string; address: string };
  requestedAt: number;
  status: 'requested' | 'scheduled' | 'completed' | 'cancelled';
  scheduledAt: number | null;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  completedAt: number | null;
  outcome: string | null;
}

export type HomeVisitActionRequest =
  | { action: 'schedule'; at: number; staffId: string }
  | { action: 'complete'; outcome: string }
  | { action: 'cancel'; outcome: string };

/** A guide takes a ticket for a visitor (or holds one the visitor took) and accompanies them. */
export interface AssistRequest {
  staffNo: string;
  pin: string;
  /** Take a new ticket for this matter (neither this nor `number`: for the help-and-agency counter) … */
  matterId?: string;
  /** … or hold the ticket the visitor already has. */
  number?: string;
  /** 代为认证 / 代为办理 for an elderly visitor, besides accompanying. */
  proxy?: 'proxy_auth' | 'proxy_handle';
}

export interface AssistDTO {
  ticketId: string;
  number: string;
  serviceDay: string;
  /** The guide (蓝马甲) or counter staff member who helped. */
  staffId: string;
  staffName: string;
  kinds: AssistKind[];
  at: number;
}

export interface AssistSummaryDTO {
  serviceDay: string;
  counts: Record<AssistKind, number>;
  assists: AssistDTO[];
}

/** A counter's cases (its own, or those a search found) and the help the current ticket got. */
export interface CounterCasesDTO extends CaseListDTO {
  currentAssist: AssistDTO | null;
}

/** The manager's 上门服务 list, and the staff a visit may be assigned to. */
export interface HomeVisitsDTO {
  visits: HomeVisitDTO[];
  staff: { id: string; name: string; post: string }[];
}
