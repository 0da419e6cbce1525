// The LAN API contract: every JSON body the hall service sends or accepts.
// This file is shared with renderer/ and must stay import-free and type-only
// (the lint boundary lets the browser import nothing else from hall/).
// HTTP reference: docs/api.md.

export type TerminalRole = 'kiosk' | 'counter' | 'hall_display' | 'counter_display' | 'admin';
export type TicketClass = 'green' | 'appointment' | 'walk_in';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'finished' | 'no_show' | 'expired';
export type CounterStatus = 'signed_out' | 'idle' | 'called' | 'serving' | 'paused';
export type RatingLevel = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';
export type RatingOutcome = RatingLevel | 'not_rated';
export type CounterAction = 'call_next' | 'recall' | 'start' | 'finish' | 'no_show' | 'transfer' | 'pause' | 'resume';

/** Every error response: HTTP 4xx/5xx with this body. `code` is stable; `message` is plain English for logs. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

export interface WaitEstimateDTO {
  minMinutes: number;
  maxMinutes: number;
}

export interface DepartmentDTO {
  id: string;
  name: string;
  icon: string;
  waiting: number;
}

export interface MatterDTO {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  queueId: string;
  /** Lower-case pinyin initials of the name, e.g. "bdcdjcx" for 不动产登记查询. */
  pinyinInitials: string;
  /** Full lower-case pinyin without tones or spaces. */
  pinyin: string;
}

export interface QueueDTO {
  id: string;
  prefix: string;
  name: string;
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
  greenCategories: { id: string; label: string }[];
  recentCalls: CallDTO[];
  settings: {
    kioskIdleSeconds: number;
    ticketScreenSeconds: number;
    ratingSeconds: number;
    announceTimes: number;
    recentCalls: number;
    notices: string[];
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

export interface PrintOutcomeDTO {
  status: 'printed' | 'failed' | 'no_printer';
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
  source: 'pad' | 'screen' | 'timeout' | null;
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
  /** Why the current ticket was chosen (the calling rule), e.g. "green_first". */
  lastCallReason: string | null;
}

export interface CounterDisplayDTO {
  counter: CounterSummaryDTO;
  pendingRating: RatingDTO | null;
  lastRating: RatingDTO | null;
}

export interface TransferRequest {
  toQueueId: string;
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
  | { type: 'devices'; devices: DeviceDTO[] };

/** WebSocket messages, terminal → server. */
export type LiveRequest = { type: 'resume'; since: number };
