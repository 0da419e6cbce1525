// The LAN API contract: every JSON body the hall service sends or accepts.
// This file is shared with renderer/ and must stay import-free and type-only
// (the lint boundary lets the browser import nothing else from hall/).
// HTTP reference: docs/api.md.

/** `wall`: the read-only 大厅综合监管屏 (/wall/, docs/wall.md), its own terminal since the display's token could do more. */
export type TerminalRole = 'kiosk' | 'counter' | 'hall_display' | 'counter_display' | 'admin' | 'wall';
export type TicketClass = 'green' | 'appointment' | 'walk_in';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'finished' | 'no_show' | 'suspended' | 'withdrawn' | 'expired';
export type CounterStatus = 'signed_out' | 'idle' | 'called' | 'serving' | 'paused';
export type RatingLevel = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';
export type RatingOutcome = RatingLevel | 'not_rated';
export type CounterAction =
  | 'call_next'
  | 'recall'
  | 'start'
  | 'finish'
  | 'no_show'
  | 'transfer'
  | 'pause'
  | 'resume'
  /** 特呼, 挂起, 恢复挂起的号, 过号重排 (docs/api.md "Counter rules"). */
  | 'call_specific'
  | 'suspend'
  | 'resume_suspended'
  | 'rejoin';

/**
 * Every error response: HTTP 4xx/5xx with this body. `code` is stable; `message` is plain English for logs.
 * `details`: for 400 invalid_request, the failing paths. A 409 domain refusal has RefusalErrorBody's shape.
 */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: ValidationIssueDTO[] };
}

/**
 * A 409 domain refusal: `details` holds the facts a screen needs to explain it (e.g. { readyAt } for
 * recall_cooldown, { needed, done } for recalls_required, { opensAt } for hall_closed). Never personal data.
 */
export interface RefusalErrorBody {
  error: { code: string; message: string; details?: RefusalFactsDTO };
}

export interface ValidationIssueDTO {
  path: string;
  message: string;
}

/** Facts of a domain refusal (hall/domain/errors.ts DomainError.details). */
export type RefusalFactsDTO = Record<string, string | number>;

export interface WaitEstimateDTO {
  minMinutes: number;
  maxMinutes: number;
  /** "measured": from today's recent services; "typical": from the hall's configured minutes per service. */
  basis: 'measured' | 'typical';
}

/** Translated names of a department, queue, matter or green category (docs/i18n.md); zh-CN is `name`. */
export type LocalizedNamesDTO = { en?: string; 'mn-Mong'?: string };

/** Languages of the public pages (hall/config/languages-schema.ts). */
export interface HallLanguagesDTO {
  default: 'zh-CN' | 'mn-Mong' | 'en';
  kiosk: ('zh-CN' | 'mn-Mong' | 'en')[];
  displaySecond: 'mn-Mong' | null;
  announce: ('zh-CN' | 'mn-Mong')[];
}

export interface DepartmentDTO {
  id: string;
  name: string;
  names?: LocalizedNamesDTO;
  icon: string;
  waiting: number;
}

export interface MatterDTO {
  id: string;
  code: string;
  name: string;
  names?: LocalizedNamesDTO;
  departmentId: string;
  queueId: string;
  /** Lower-case pinyin initials of the name, e.g. "bdcdjcx" for 不动产登记查询. */
  pinyinInitials: string;
  /** Full lower-case pinyin without tones or spaces. */
  pinyin: string;
  /** Other words that find it: its aliases (hall configuration) and its department's name, with their pinyin. */
  searchTerms?: SearchTermDTO[];
  /** Tickets taken for it over the last 30 days (the event log): ranks search results and chips. */
  popularity?: number;
}

/** A word the kiosk's search matches (renderer/shared/search/matterSearch.ts). */
export interface SearchTermDTO {
  text: string;
  /** Full lower-case pinyin, no tones or spaces. */
  pinyin: string;
  /** Lower-case pinyin initials. */
  initials: string;
  kind: 'alias' | 'department';
}

export interface QueueDTO {
  id: string;
  prefix: string;
  name: string;
  names?: LocalizedNamesDTO;
  waiting: number;
  waitingGreen: number;
  estimate: WaitEstimateDTO;
  waitTargetMinutes: number;
  /** Longest current wait in minutes (0 when empty). */
  longestWaitMinutes: number;
}

export interface StaffPublicDTO {
  id: string;
  staffNo: string;
  name: string;
  post: string;
}

export interface CounterSummaryDTO {
  id: string;
  number: number;
  name: string;
  kind: string;
  area: string;
  status: CounterStatus;
  staff: StaffPublicDTO | null;
  currentTicketNumber: string | null;
  queueIds: string[];
}

export interface CallDTO {
  /** Hall event sequence of the call: unique, increasing; the announcer dedupes on it. */
  seq: number;
  ticketNumber: string;
  counterId: string;
  counterNumber: number;
  at: number;
  recall: boolean;
}

export interface HallInfoDTO {
  hall: { id: string; name: string; utcOffsetMinutes: number };
  serviceDay: string;
  now: number;
  lastSeq: number;
  departments: DepartmentDTO[];
  matters: MatterDTO[];
  queues: QueueDTO[];
  counters: CounterSummaryDTO[];
  greenCategories: { id: string; label: string; names?: LocalizedNamesDTO }[];
  recentCalls: CallDTO[];
  settings: {
    kioskIdleSeconds: number;
    ticketScreenSeconds: number;
    ratingSeconds: number;
    announceTimes: number;
    recentCalls: number;
    notices: string[];
    languages: HallLanguagesDTO;
    /** The asking kiosk starts in the reachable-zone layout (低位操作; config `kioskLayout`). */
    reachableZone: boolean;
  };
  /** Whether kiosks can print right now (false: show the number on screen only). */
  printing: { available: boolean; reason: string | null };
  /** Every device with its health (no personal data); kept current by the `devices` live message. */
  devices: DeviceDTO[];
}

export interface TicketDTO {
  id: string;
  number: string;
  serviceDay: string;
  queueId: string;
  queueName: string;
  matterId: string;
  matterName: string;
  ticketClass: TicketClass;
  greenCategory: string | null;
  greenCategoryLabel: string | null;
  status: TicketStatus;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  counterId: string | null;
  counterNumber: number | null;
  recallCount: number;
  transferCount: number;
  /** People the hall expects to serve before this ticket (0 once called). */
  peopleAhead: number;
  estimate: WaitEstimateDTO;
  /** Public page that follows this ticket's progress (the ticket's QR code). */
  progressUrl: string;
  /** Real-name tickets: the masked ID number (150602********1234); null for anonymous walk-ins. */
  maskedIdentity: string | null;
}

export interface IssueTicketRequest {
  matterId: string;
  /** Green channel: declared category, confirmed by a guide's or staff member's credentials. */
  greenChannel?: { categoryId: string; staffNo: string; pin: string };
  /**
   * Real-name ticket (实名取号): the card just read on this kiosk's reader, or an ID number typed
   * in by hand (checked against its check digit). An elderly card holder joins the green channel.
   */
  identity?: { source: 'card' } | { source: 'manual'; idNumber: string };
}

/**
 * A print's outcome. sending: handed to the kiosk's device agent, the outcome follows as a live
 * `print_outcome`; printed: the printer confirmed it; unconfirmed: printed with no fault seen, but this
 * printer cannot confirm; failed: not printed (code says why); unknown: the terminal stopped mid-print —
 * it may or may not have come out; no_printer: this kiosk has none.
 */
export interface PrintOutcomeDTO {
  status: 'sending' | 'printed' | 'unconfirmed' | 'failed' | 'unknown' | 'no_printer';
  code: string | null;
  message: string | null;
}

export interface IssueTicketResponse {
  ticket: TicketDTO;
  print: PrintOutcomeDTO;
}

export interface SignInRequest {
  staffNo: string;
  pin: string;
}

export interface StaffSessionDTO {
  sessionToken: string;
  staff: StaffPublicDTO & { roles: string[] };
  counterId: string | null;
  expiresAt: number;
}

export interface ActionAvailabilityDTO {
  enabled: boolean;
  /** Why the action is disabled, in a stable code the UI translates (e.g. "no_waiting", "paused"). */
  reason: string | null;
}

export interface RatingDTO {
  id: string;
  ticketNumber: string;
  counterId: string;
  counterNumber: number;
  staffName: string | null;
  matterName: string;
  requestedAt: number;
  expiresAt: number;
  outcome: RatingOutcome | null;
  source: 'pad' | 'screen' | 'qr' | 'kiosk' | 'timeout' | null;
  ratedAt: number | null;
}

export interface CounterViewDTO {
  counter: CounterSummaryDTO;
  current: TicketDTO | null;
  queues: QueueDTO[];
  /** The next few tickets this counter would call, in calling order. */
  next: TicketDTO[];
  lastRating: RatingDTO | null;
  pendingRating: RatingDTO | null;
  transferTargets: { id: string; name: string; prefix: string }[];
  actions: Record<CounterAction, ActionAvailabilityDTO>;
  /** Why the current ticket was chosen (the calling rule), e.g. "class_first". */
  lastCallReason: string | null;
  /** 特呼: waiting tickets this counter may call out of turn, longest waiting first (at most 100). */
  callable: CallableTicketDTO[];
  /** 挂起: set-aside tickets of the whole hall (resumable at any counter), nearest deadline first. */
  suspended: SuspendedTicketDTO[];
  /** Today's no-shows of this counter's queues (or marked here) that may still rejoin (过号重排). */
  rejoinable: RejoinableTicketDTO[];
  /** Recall rules for the current ticket while it is called; null otherwise. */
  recall: RecallStateDTO | null;
  /** Why the current ticket is at this counter; null when there is none. */
  why: CallWhyDTO | null;
  /** The next few calls with the reason each would be made (same tickets and order as `next`). */
  nextCalls: NextCallDTO[];
  /** 转窗 to one counter: every other counter. */
  transferCounters: TransferCounterDTO[];
  /** 挂起: the hall's default and longest suspension in minutes. */
  suspendRules: { defaultMinutes: number; maxMinutes: number };
}

export interface CounterDisplayDTO {
  counter: CounterSummaryDTO;
  pendingRating: RatingDTO | null;
  lastRating: RatingDTO | null;
  /**
   * The published contact (联系方式, 001 第二十九条): the signed-in staff member's own (staff[].contact), else the
   * hall's (serviceDesk.contact) with its label; a staff contact has label null (the page says 联系方式). null when none is published.
   */
  contact: { label: string | null; value: string } | null;
}

/** 转窗: to another queue, or to one counter (toCounterId; toQueueId null keeps the ticket's queue). */
export interface TransferRequest {
  toQueueId: string | null;
  toCounterId?: string | null;
}

export interface RateRequest {
  level: RatingLevel;
}

export interface TicketProgressDTO {
  number: string;
  status: TicketStatus;
  matterName: string;
  peopleAhead: number;
  estimate: WaitEstimateDTO;
  counterNumber: number | null;
  hallName: string;
  /** The service's rating once the service has ended (the QR page offers it while open); null before. */
  rating: TicketRatingDTO | null;
}

/** A service's 好差评 on the ticket's QR page (TicketProgressDTO.rating). */
export interface TicketRatingDTO {
  /**
   * Open: the visitor may rate now — here, on the counter's pad or screen — until `expiresAt`;
   * whichever channel answers first is the one rating (一次一评), the others are refused.
   */
  open: boolean;
  expiresAt: number;
  /** Once closed: the level given, or not_rated (never an invented level). */
  outcome: 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied' | 'not_rated' | null;
  source: 'pad' | 'screen' | 'qr' | 'kiosk' | 'timeout' | null;
}

export interface HallEventDTO {
  seq: number;
  id: string;
  type: string;
  at: number;
  serviceDay: string;
  /** Redacted for the LAN: no identity data ever. */
  payload: Record<string, unknown>;
}

export type DeviceKind = 'printer' | 'id_reader' | 'rating_pad' | 'keypad';

/** A device plugged into a terminal, as the technician's admin page sees it. */
export interface DeviceDTO {
  id: string;
  terminalId: string;
  /** The counter a rating pad or caller keypad belongs to; null for kiosk devices. */
  counterId: string | null;
  kind: DeviceKind;
  /** Model profile id, e.g. "snbc-bk-t080", "reference-serial". */
  model: string;
  /** How it is reached, e.g. "tcp 127.0.0.1:9100", "serial /dev/ttyUSB0 @115200". */
  transport: string;
  /** True for the demo's emulators: the admin page may inject card swipes, presses and faults. */
  emulated: boolean;
  /** Whether the device agent of its terminal is connected now (false: the health shown is the last known). */
  agentConnected: boolean;
  /** The agent process that last reported it (pid, version), for the technician; null when none said. */
  agent: { pid: number; version: string } | null;
  health: { state: 'ok' | 'warning' | 'fault'; code: string; message: string; since: number };
}

/** What a kiosk is told about the card just read on its own reader. Masked: never the full number. */
export interface CardReadDTO {
  maskedName: string;
  maskedIdNumber: string;
  cardType: string;
  age: number;
  /** The card holder's age puts them in the green channel (老年人). */
  greenChannel: boolean;
}

/** Emulator controls for the admin page (demo and tests only; 409 not_emulated on real devices). */
export type EmulatorActionRequest =
  | { action: 'swipe_card'; fixture: string }
  | { action: 'press'; level: RatingLevel }
  | { action: 'printer_state'; state: { paperOut?: boolean; paperNearEnd?: boolean; coverOpen?: boolean; offline?: boolean } }
  | { action: 'unplug' }
  | { action: 'replug' };

export interface TestPrintResponse {
  print: PrintOutcomeDTO;
  /** SVG image of exactly the bytes sent (decoded ESC/POS). */
  previewSvg: string;
}

/** WebSocket messages, server → terminal. */
export type LiveMessage =
  | { type: 'hello'; lastSeq: number; serviceDay: string }
  | { type: 'event'; event: HallEventDTO }
  /** Too many events were missed to replay: refetch everything. */
  | { type: 'resync'; lastSeq: number }
  /** Only to the kiosk whose reader read the card. */
  | { type: 'card_read'; card: CardReadDTO }
  /** Only to the kiosk whose reader failed to read a card: say it plainly, walk-in tickets still work. */
  | { type: 'card_error'; code: string; message: string }
  /** To every terminal when any device's health changes (kiosks hide the printer or the reader hint). */
  | { type: 'devices'; devices: DeviceDTO[] }
  /** Only to the kiosk that issued the ticket: how its print went (the ticket screen never waits for it). */
  | { type: 'print_outcome'; ticketId: string; print: PrintOutcomeDTO }
  /** To every terminal: a 呼叫工作人员 request opened or acknowledged (admin pages list it, the kiosk that asked shows it). */
  | { type: 'help'; request: HelpRequestDTO };

/** A kiosk's 呼叫工作人员 request (hall/help/help-desk.ts). */
export interface HelpRequestDTO {
  id: string;
  terminalId: string;
  terminalName: string;
  at: number;
  acknowledgedAt: number | null;
  /** The staff member's name. */
  acknowledgedBy: string | null;
}

/** WebSocket messages, terminal → server. */
/** The first message on /api/v1/live must be `auth` (the token never goes in the URL). */
export type LiveRequest = { type: 'auth'; token: string } | { type: 'resume'; since: number };

// ---- Counter rules: special calls, suspend/resume, rejoin, recall rules, "why this ticket" ----

export interface CallableTicketDTO {
  id: string;
  number: string;
  ticketClass: TicketClass;
  greenCategoryLabel: string | null;
  matterName: string;
  queueId: string;
  issuedAt: number;
  waitedMinutes: number;
  /** Transferred to this very counter (转窗). */
  directedHere: boolean;
}

export interface SuspendedTicketDTO {
  id: string;
  number: string;
  matterName: string;
  /** Staff's words, e.g. "缺户口本复印件，容缺受理" (the page asks for no personal data in it). */
  reason: string;
  until: number;
  minutesLeft: number;
  /** The counter that set it aside. */
  counterNumber: number | null;
}

export interface RejoinableTicketDTO {
  id: string;
  number: string;
  matterName: string;
  noShowAt: number;
  /** Last moment it may rejoin. */
  rejoinUntil: number;
  minutesLeft: number;
  rejoinCount: number;
  maxRejoins: number;
}

export interface RecallStateDTO {
  count: number;
  max: number;
  cooldownSeconds: number;
  /** Hall time from which the next recall is allowed; null when the limit is reached. */
  readyAt: number | null;
  /** Recalls the hall requires before a no-show, and how many are still needed. */
  neededBeforeNoShow: number;
  stillNeeded: number;
  /** When the hall marks it a no-show by itself; null when it never does. */
  autoNoShowAt: number | null;
}

/** A ratio policy's place in its cycle: "比例 2:1 中第 1 个". */
export interface StreakPositionDTO {
  side: 'priority' | 'walk_in';
  index: number;
  of: number;
  ratio: { priority: number; walkIn: number };
}

export interface CallWhyDTO {
  /** hall/domain/events.ts CallReason: transferred_here, overdue, class_first, ratio_turn, in_order, special_call, resumed. */
  reason: string;
  ticketClass: TicketClass;
  /** 特呼: the staff member's reason. */
  specialReason: string | null;
  policyName: string;
  policyMode: 'strict' | 'ratio';
  /** The policy's aging bound (overdue calls). */
  maxWaitMinutes: number | null;
  position: StreakPositionDTO | null;
}

export interface NextCallDTO {
  ticket: TicketDTO;
  why: CallWhyDTO;
}

export interface TransferCounterDTO {
  id: string;
  number: number;
  name: string;
  status: CounterStatus;
}

/** 特呼: by ticket id or by the number the visitor shows (e.g. "A012"), with a reason of 2–100 characters. */
export interface CallSpecificRequest {
  ticketId?: string;
  number?: string;
  reason: string;
}

/** 挂起 (容缺受理): minutes null or absent: the hall's default. */
export interface SuspendRequest {
  reason: string;
  minutes?: number | null;
}

export interface ResumeSuspendedRequest {
  ticketId?: string;
  number?: string;
}

/** 过号重排 by the number on the visitor's ticket. */
export interface RejoinRequest {
  number: string;
}

/** 过号重排 by a guide at a kiosk or the admin page: the guide's credentials confirm it. */
export interface GuideRejoinRequest {
  number: string;
  staffNo: string;
  pin: string;
}

export interface RejoinResponse {
  ticket: TicketDTO;
  /** Tickets placed ahead of it in its line. */
  placesAhead: number;
}

// ---- Appointments, check-in and the kiosk's honest availability (docs/appointments.md) ----

export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled';

/** An appointment on the admin page. Personal data only masked; the ID number is never kept, only whether one was given. */
export interface AppointmentDTO {
  id: string;
  code: string;
  /** The check-in QR code's text: "servicehall:appt:<code>". */
  qrContent: string;
  matterId: string;
  matterName: string;
  serviceDay: string;
  slotStart: number;
  slotEnd: number;
  /** "09:30–10:00", hall local time. */
  slotText: string;
  maskedName: string | null;
  /** Booked with an ID number: the visitor can check in with the ID card. */
  hasIdNumber: boolean;
  status: AppointmentStatus;
  ticketNumber: string | null;
  source: 'local' | 'import' | 'central';
}

/** Admin page entry. `date` "YYYY-MM-DD", `start`/`end` "HH:MM" hall local time; name stored masked, ID number only as a blind index. */
export interface CreateAppointmentRequest {
  matterId: string;
  date: string;
  start: string;
  end: string;
  name?: string;
  idNumber?: string;
}

/** A JSON array or a CSV text (header: matterId or matterCode, date, start, end, name, idNumber, code). All rows or none. */
export interface ImportAppointmentsRequest {
  format: 'json' | 'csv';
  text: string;
}

export interface ImportAppointmentsResponse {
  imported: number;
  appointments: AppointmentDTO[];
}

/** Kiosk check-in: a typed code, a scanned QR text, or the ID card just read on this kiosk. */
export type CheckInRequest = { method: 'code'; code: string } | { method: 'qr'; text: string } | { method: 'card' };

export interface CheckInResponse extends IssueTicketResponse {
  /** on_time: appointment class; late: served as a walk-in (the kiosk says so kindly). */
  checkIn: 'on_time' | 'late';
  appointment: { code: string; matterName: string; slotStart: number; slotEnd: number; slotText: string };
}

export type KioskScreen = 'service' | 'booked_only' | 'weekend_service' | 'self_service' | 'closed';

/** What this kiosk offers now, from the hall calendar and its zone. */
export interface KioskModeDTO {
  zone: 'hall' | '24h';
  screen: KioskScreen;
  walkInTickets: boolean;
  checkIns: boolean;
  selfServiceMatters: boolean;
  /** Guides stay readable in every mode (a closed hall-zone kiosk too). */
  guides: boolean;
  /** The next opening for walk-in tickets when there are none now. */
  opensAt: { at: number; localDate: string; localTime: string } | null;
  /** When the mode next changes: the kiosk reloads at that instant. null: the hall has no calendar (always open). */
  nextChangeAt: number | null;
  /** Today's hours, for "今日办公时间". */
  hours: { open: string; close: string; flexFrom: string | null; flexUntil: string | null } | null;
  /** Holiday or make-up day name. */
  dayName: string | null;
}

/** Whether a walk-in ticket can be had for a matter right now, said before anything is printed. */
export interface MatterAvailabilityDTO {
  matterId: string;
  available: boolean;
  /** daily_cap_reached | after_cut_off | hall_closed | self_service_only | booked_only | matter_not_offered; null when available. */
  reason: string | null;
  /** Facts for the message: { cap } | { cutOff } | { opensAt, opensAtText }. */
  facts: Record<string, string | number>;
  /** Can be done at a self-service kiosk without staff. */
  selfService: boolean;
  waiting: number;
  estimate: WaitEstimateDTO;
}

export interface KioskAvailabilityDTO {
  now: number;
  serviceDay: string;
  mode: KioskModeDTO;
  matters: MatterAvailabilityDTO[];
}

/** A queue whose wait is past its target (admin page). */
export interface QueueWarningDTO {
  queueId: string;
  prefix: string;
  name: string;
  /** over_target: someone has already waited longer than the target; estimate_over_target: a new visitor would. */
  warning: 'over_target' | 'estimate_over_target';
  waiting: number;
  longestWaitMinutes: number;
  estimate: WaitEstimateDTO;
  waitTargetMinutes: number;
  openCounters: number;
}

/** A kiosk device fault the hall saw, kept so a fault with nobody around is still seen on the admin page. */
export interface KioskFaultDTO {
  deviceId: string;
  terminalId: string;
  terminalName: string;
  zone: 'hall' | '24h';
  kind: DeviceKind;
  code: string;
  message: string;
  since: number;
  /** null: still faulty. */
  endedAt: number | null;
  /** The kiosk was running without staff (24-hour zone outside opening hours, or the hall closed) when it began. */
  unattended: boolean;
}

export interface KioskFaultsDTO {
  faults: KioskFaultDTO[];
  /** Today's tickets that did not print (the number was shown on screen). */
  failedPrints: { at: number; kioskId: string; number: string; code: string | null }[];
}

// ---- 办事指南 and 一次性告知 (hall/api/routes/guides.ts; docs/downlink.md) ----
// Plain mirrors of hall/sync/downlink/schemas.ts (Guide, Material): guides.ts checks at
// compile time that what it sends fits these.

export interface GuideTimeLimitDTO {
  value: number;
  unit: 'working_days' | 'natural_days' | 'hours' | 'immediate';
}

export interface GuideMaterialDTO {
  name: string;
  /** 来源渠道. */
  source: 'applicant' | 'government' | 'intermediary' | 'shared';
  originals: number;
  copies: number;
  /** Mandatory, or only in the case `condition` describes. */
  required: boolean;
  condition?: string;
  format: 'paper' | 'electronic' | 'paper_or_electronic';
  spec?: string;
  sample?: string;
  notes?: string;
}

export interface GuideDTO {
  code: string;
  implementationCode: string;
  name: string;
  type: { code: string; name: string };
  legalBasis: string[];
  implementer: { name: string; code: string };
  conditions: string[];
  serviceObjects: ('person' | 'legal_person')[];
  steps: { name: string; description: string; timeLimit?: string }[];
  materials: GuideMaterialDTO[];
  acceptPending?: string[];
  timeLimits: { statutory: GuideTimeLimitDTO; promised: GuideTimeLimitDTO };
  caseType: 'immediate' | 'promised';
  fees: { charged: boolean; items?: { name: string; standard: string; basis: string }[] };
  result: { name: string; sample?: string };
  scope: 'county' | 'city' | 'province' | 'nationwide';
  forms: ('onsite' | 'online' | 'mail')[];
  offers: { booking: boolean; onlinePayment: boolean; courier: boolean; onlineHandling: boolean };
  reviewStandard?: string;
  specialProcedures?: string;
  location: string;
  hours: string;
  enquiry: { phone: string; other?: string };
  complaint: { phone: string; other?: string };
  faq?: { question: string; answer: string }[];
}

/** GET /matters/{matterId}/guide. 404 unknown_matter / guide_not_available otherwise. */
export interface MatterGuideDTO {
  matterId: string;
  matterCode: string;
  catalogVersion: number;
  syncedAt: number | null;
  /** The complete materials list (一次性告知), mandatory ones first. */
  materials: GuideMaterialDTO[];
  guide: GuideDTO;
  /** Where the guide comes from: central's catalog, or the hall's own (docs/guides.md); absent means central. */
  origin?: 'central' | 'hall';
  /** The guide's page for a visitor's phone (the hall's public address): the kiosk shows it as a QR code. */
  phoneUrl?: string;
}

/** POST /kiosk/guide-print: print the matter's 一次性告知 on this kiosk's ticket printer. */
export interface GuidePrintRequest {
  matterId: string;
}

export interface GuidePrintResponse {
  matterId: string;
  catalogVersion: number;
  /** How many materials the printed notice lists. */
  materials: number;
  print: { status: 'printed'; warnings: string[] };
}

// ---- Policy simulator (GET/POST /api/v1/admin/simulate…; hall/simulator/, docs/simulator.md) ----

export type SimulationRow = TicketClass | 'overall';
export type SimulationVerdict = 'a' | 'b' | 'same' | 'none';

export interface SimulationWaitSummaryDTO {
  /** Tickets issued in this class. */
  count: number;
  served: number;
  /** Issued but not called by the end of the run (their waits are lower bounds). */
  unserved: number;
  meanMinutes: number | null;
  p90Minutes: number | null;
  worstMinutes: number | null;
  /** Share (0–1) of the group's tickets that waited longer than their queue's wait target; null: no tickets. */
  overTargetShare: number | null;
  /** Called visitors who never came (no-shows). */
  noShows: number;
}

/** Visitor behaviour a simulation models (hall/simulator/behaviour.ts, BehaviourRates). */
export interface SimulationBehaviourDTO {
  /** Share of called visitors who never come (the counter recalls as the rules require, then marks a no-show). */
  noShowRate: number;
  /** Share of called visitors who come only after one or two recalls. */
  recallRate: number;
  /** Share of visitors sent on to another queue part-way through their service. */
  transferRate: number;
  /** Share of visitors set aside to fetch a missing paper, who come back later. */
  suspendRate: number;
  /** Mean minutes a set-aside visitor is away. */
  suspendAwayMinutes: number;
  /** Mean seconds from the call on the display to the visitor reaching the counter. */
  walkSeconds: number;
}

/** The headline verdict: which policy serves its worst-served group better (docs/simulator.md). */
export interface SimulationOverallVerdictDTO {
  winner: 'a' | 'b' | 'same';
  /** The group each policy serves worst: most tickets over target, then the longest wait. */
  worstClass: { a: TicketClass | null; b: TicketClass | null };
  /** The figure that decided; null when nothing differs materially. */
  decidedBy: 'over_target' | 'worst' | 'p90' | 'mean' | null;
}

export interface SimulationPolicyResultDTO {
  policy: { id: string; name: string };
  rows: Record<SimulationRow, SimulationWaitSummaryDTO>;
  /** Tickets the engine refused (e.g. a queue's daily cap), not in any class. */
  refused: number;
  endedAt: number;
}

export interface SimulationDTO {
  day: { serviceDay: string; source: 'generated' | 'recorded'; seed: number | null; visitors: number; notes: string[] };
  a: SimulationPolicyResultDTO;
  b: SimulationPolicyResultDTO;
  /** B − A per row, minutes (null when either side has no tickets in the row). */
  diff: Record<SimulationRow, { meanMinutes: number | null; p90Minutes: number | null; worstMinutes: number | null }>;
  /** Per row, tail first: share over target, then longest, p90 and mean wait (docs/simulator.md). */
  better: Record<SimulationRow, SimulationVerdict>;
  verdict: SimulationOverallVerdictDTO;
  /** The behaviour rates the visitors' plans were drawn from, and where they came from. */
  behaviour: SimulationBehaviourDTO & { source: 'default' | 'set' | 'learned' | 'none' };
}

export interface SimulateResponseDTO extends SimulationDTO {
  limits: { maxTickets: number; maxScale: number };
}

// ---- TLS on the LAN (GET /api/v1/admin/tls; hall/tls/status.ts, docs/security-tls.md) ----

export interface TlsStatusDTO {
  enabled: boolean;
  /** SHA-256 of the certificate terminals pin, "AB:CD:…" (32 pairs); null with TLS off. */
  sha256: string | null;
  /** Base64 SHA-256 of the public key (Chromium's --ignore-certificate-errors-spki-list); null with TLS off. */
  spkiSha256: string | null;
  /** generated / kept: the hall's self-signed certificate; configured: lan.tls.certFile. */
  source: 'configured' | 'generated' | 'kept' | null;
  /** End of validity, ms since the epoch; null with TLS off. */
  notAfter: number | null;
}

// The service desk's bodies (daily-cap offers, pause notices, 办不成事 cases): docs/service-desk.md.
export type * from './service-desk-dto.js';

// The rating channels beyond the counter and the public 评价公示: hall/api/ratings-dto.ts.
export type * from './ratings-dto.js';
