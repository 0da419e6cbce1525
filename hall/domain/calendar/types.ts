// The hall calendar's data: opening hours, holidays, 调休 make-up days and the
// extended-hours settings of 001 第三十二条 (早晚弹性办, 午间不间断, 周末不休息),
// plus what the calendar answers (HallMode, KioskMode, NextOpening).
// Pure data. Times of day are local "HH:MM" strings ("24:00" allowed as a
// closing time); dates are local "YYYY-MM-DD"; instants are epoch ms (UTC).
// Contract: a HallCalendar that came through hall/config/calendar-schema.ts is
// consistent (open < close, lunch inside the day, make-up days on weekends and
// outside holidays). Functions here still throw a clear Error on malformed
// times rather than return a wrong answer.
import type { MatterId } from '../types.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Counter kinds, as in the hall configuration (domain.md glossary). */
export type CounterKind = 'general' | 'domain' | 'bundled' | 'enquiry' | 'cross_region' | 'unresolved' | 'help_agency';
export const COUNTER_KINDS: readonly CounterKind[] = ['general', 'domain', 'bundled', 'enquiry', 'cross_region', 'unresolved', 'help_agency'];

export interface LunchBreak {
  start: string;
  end: string;
}

/** One weekday's regular hours; `lunch` null: no lunch break. */
export interface DayHours {
  open: string;
  close: string;
  lunch: LunchBreak | null;
}

/** Regular hours per weekday; null: the hall is closed that weekday. */
export type WeekHours = Record<Weekday, DayHours | null>;

/** Seasonal hours (夏季/冬季作息): from/to are "MM-DD", inclusive; may wrap the new year. */
export interface Season {
  name: string;
  from: string;
  to: string;
  hours: WeekHours;
}

/** A public holiday (放假), inclusive date range. */
export interface Holiday {
  name: string;
  from: string;
  to: string;
}

/** 调休: a weekend date that is a working day; it keeps the hours of weekday `hoursOf`. */
export interface MakeUpWorkday {
  date: string;
  name: string;
  hoursOf: Weekday;
}

/** 早晚弹性办: booked matters only, before opening and after closing on working days. */
export interface FlexHours {
  enabled: boolean;
  beforeOpenMinutes: number;
  afterCloseMinutes: number;
}

/** 周末不休息: service on rest days. Self-service matters always; counters only for the listed matters. */
export interface WeekendService {
  enabled: boolean;
  /** Weekend days with service (only where the weekday has no regular hours). */
  days: readonly Weekday[];
  /** Also on public holidays. */
  onHolidays: boolean;
  open: string;
  close: string;
  /** High-frequency matters served at counters during weekend service; empty: self-service only. */
  counterMatterIds: readonly MatterId[];
}

/** The 24-hour self-service zone (004 第十六条). */
export interface SelfServiceZone {
  /** Kiosks in the 24h zone keep running in self-service mode outside opening hours. */
  enabled: boolean;
  /** During opening hours a 24h-zone kiosk also issues counter tickets like a hall kiosk. */
  ticketsDuringHours: boolean;
}

export interface HallCalendar {
  hours: WeekHours;
  seasons: readonly Season[];
  /** 午间不间断: general counters keep calling over lunch. Off: no counter calls at lunch. */
  lunchNonStop: boolean;
  holidays: readonly Holiday[];
  makeUpWorkdays: readonly MakeUpWorkday[];
  /** Years whose holiday list is complete; a service day outside them is flagged (holidaysKnown: false). */
  holidayYears: readonly number[];
  flex: FlexHours;
  weekendService: WeekendService;
  selfServiceZone: SelfServiceZone;
  /** Where the holiday dates come from (a note for the manager). */
  source: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday';

export type HallPeriod =
  | 'before_open' // later today the hall opens (flex, regular hours or weekend service)
  | 'flex_morning' // 早弹性: booked check-ins only
  | 'open'
  | 'lunch' // general counters only (when lunchNonStop)
  | 'flex_evening' // 晚弹性: booked check-ins only
  | 'weekend_service' // 周末不休息 (also on holidays when set)
  | 'closed'; // after hours, or a day without service

/** Hours of one service day, for display ("今日办公时间 09:00–17:00"). */
export interface DisplayHours {
  kind: 'regular' | 'weekend_service';
  open: string;
  close: string;
  lunch: LunchBreak | null;
  /** 早晚弹性办 window edges, or null when there is none that day. */
  flexFrom: string | null;
  flexUntil: string | null;
  opensAt: number;
  closesAt: number;
}

export interface HallMode {
  /** The service day `now` belongs to (before dayStartsAtHour it is still yesterday). */
  serviceDay: string;
  dayKind: DayKind;
  /** Holiday or make-up day name, else null. */
  dayName: string | null;
  period: HallPeriod;
  /** Counter kinds that may call a ticket now (only 'general' at lunch). */
  callableCounterKinds: readonly CounterKind[];
  /** Whether kiosks may issue walk-in counter tickets now. */
  walkInTickets: boolean;
  /** Whether appointment check-ins are taken now. */
  checkIns: boolean;
  /** Only booked (appointment) visitors are served now: the flex windows. */
  bookedOnly: boolean;
  /** Matters counters serve now: all, the weekend-service list, or none. */
  counterMatters: 'all' | readonly MatterId[];
  /** When the mode next changes (epoch ms, > now): arm a timer for it. */
  nextChangeAt: number;
  /** This service day's hours, or null on a day without service. */
  hours: DisplayHours | null;
  /** False when the service day's year is not in holidayYears: holidays may be missing. */
  holidaysKnown: boolean;
}

export interface NextOpening {
  at: number;
  serviceDay: string;
  /** Local date and time of `at`, e.g. "2026-02-24" and "09:00". */
  localDate: string;
  localTime: string;
  dayKind: DayKind;
  period: 'open' | 'weekend_service';
  counterMatters: 'all' | readonly MatterId[];
}

export type KioskZone = 'hall' | '24h';

export type KioskScreen =
  | 'service' // full service: walk-in tickets, check-ins, self-service, guides
  | 'booked_only' // flex windows: check-ins, self-service, guides
  | 'weekend_service' // self-service, guides, check-ins, and tickets for the listed matters
  | 'self_service' // 24h zone outside hours: self-service matters and guides only
  | 'closed'; // hall zone outside hours: "closed, opens at …" (guides stay readable)

export interface KioskMode {
  zone: KioskZone;
  screen: KioskScreen;
  walkInTickets: boolean;
  checkIns: boolean;
  selfServiceMatters: boolean;
  guides: boolean;
  counterMatters: 'all' | readonly MatterId[];
  /** The next walk-in opening when tickets are not issued now, else null. */
  opensAt: NextOpening | null;
  nextChangeAt: number;
  hall: HallMode;
}
