// The hall's domain model. Names follow ../shared/design/domain.md.
// Pure data: no behaviour, no I/O. Times are epoch milliseconds (UTC);
// a service day is the hall's local calendar date "YYYY-MM-DD".

export type MatterId = string;
export type QueueId = string;
export type CounterId = string;
export type StaffId = string;
export type TicketId = string;

/** Green-channel categories (000 第二十九条, 001 第三十一条). Configurable per hall. */
export type GreenCategory = string;

export type TicketClass = 'green' | 'appointment' | 'walk_in';

export type TicketStatus =
  | 'waiting' // in a queue
  | 'called' // called to a counter, holder not yet arrived
  | 'serving' // being served
  | 'finished'
  | 'no_show' // 过号
  | 'suspended' // 挂起: set aside (容缺受理, waiting for a document) until resumed or its deadline
  | 'withdrawn' // a suspended ticket not resumed by its deadline: counts as withdrawn
  | 'expired'; // still waiting when the service day closed

export interface Ticket {
  id: TicketId;
  /** Display number, e.g. "A012": queue prefix + sequence of that queue in the service day. */
  number: string;
  serviceDay: string;
  queueId: QueueId;
  matterId: MatterId;
  ticketClass: TicketClass;
  greenCategory: GreenCategory | null;
  status: TicketStatus;
  /** Original issue time; kept across transfers so a transferred visitor does not lose their place. */
  issuedAt: number;
  /** Order tiebreak for tickets issued in the same millisecond: the hall's issue sequence. */
  issueSeq: number;
  /**
   * Place in its waiting line (epoch ms): the issue time, kept across transfers; a
   * rejoining no-show gets a key between two waiting tickets. Aging reads it too.
   */
  lineKey: number;
  /** Tiebreak within equal line keys (the issue sequence; a fraction for a rejoin). */
  lineSeq: number;
  /** Transferred to one counter (转窗): only that counter calls it. */
  targetCounterId: CounterId | null;
  /** The appointment this ticket was checked in for. */
  appointmentId: string | null;
  /** A checked-in appointment's booked slot start when it keeps its slot promise (hall/domain/call-deadlines.ts); absent/null: none. */
  slotStart?: number | null;
  /** The remote ticket (线上取号) this ticket was checked in from; absent/null: none. */
  remoteTicketId?: string | null;
  /** Last call or recall: the cooldown and the automatic no-show count from here. */
  lastCalledAt: number | null;
  rejoinCount: number;
  suspendReason: string | null;
  /** Suspended tickets not resumed by this time are withdrawn. */
  suspendedUntil: number | null;
  kioskId: string | null;
  counterId: CounterId | null;
  staffId: StaffId | null;
  calledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  recallCount: number;
  transferCount: number;
}

export type CounterStatus = 'signed_out' | 'idle' | 'called' | 'serving' | 'paused';

export interface CounterState {
  id: CounterId;
  staffId: StaffId | null;
  status: CounterStatus;
  currentTicketId: TicketId | null;
  /** Ratio policies: priority calls made in the current cycle while walk-ins waited. */
  priorityStreak: number;
  /** Ratio policies: walk-in calls made in the current cycle while priority tickets waited. */
  walkInStreak: number;
  pausedAt: number | null;
}

export type RatingLevel = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';
/** A rating request that timed out is stored as not_rated: never an invented level. */
export type RatingOutcome = RatingLevel | 'not_rated';
/** Where a visitor rated (every channel, 001 第三十六、三十七条): the counter's rating pad or display screen, the ticket's QR page, a self-service terminal. */
export type RatingSource = 'pad' | 'screen' | 'qr' | 'kiosk';

export const RATING_LEVELS: readonly RatingLevel[] = [
  'very_satisfied',
  'satisfied',
  'basic',
  'dissatisfied',
  'very_dissatisfied',
];

export interface RatingRequest {
  id: string;
  /** The service rated: a ticket, or a self-service transaction's id (decide-self-service.ts). */
  ticketId: TicketId;
  /** The place rated: a counter, or the 24-hour-zone terminal of a self-service transaction (source 'kiosk'). */
  counterId: CounterId;
  staffId: StaffId | null;
  matterId: MatterId;
  requestedAt: number;
  expiresAt: number;
  outcome: RatingOutcome | null;
  source: RatingSource | 'timeout' | null;
  ratedAt: number | null;
}

/** Starvation guard for the green channel (docs/domain-rules.md). */
export interface GreenChannelGuard {
  /** At most this many green calls in a row at one counter while walk-ins wait. */
  maxConsecutiveGreen: number;
  /** A ticket waiting at least this long is called before any younger one, green or not. */
  maxWaitMinutes: number;
}
