// The hall service's core: one engine state, one SQLite writer, one order of
// events. Every command goes through execute():
//   decide (pure) → one transaction { append events, evolve state, persist } → notify
// Contract: when execute() returns, the events are durable (synchronous=FULL)
// and listeners have been told; if it throws, nothing changed — in SQLite or
// in memory (the state is reloaded from the database after a failed commit).
import { randomUUID } from 'node:crypto';
import { decide, evolve, nextDeadline, serviceDayOf, type DeviceEvent, type ServiceRecordEvent, type ServiceDeskEvent, type BadRatingCaseEvent, type HallCommand, type HallEventType, type HallSetup, type HallState } from '../domain/index.js';
import type { Db } from '../store/db.js';
import { EventLog, type EventType, type StoredEvent, type StoredEventOf } from '../store/event-log.js';
import { HallStore } from '../store/hall-store.js';
import type { Timers } from './timers.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('runtime');

export type EventListener = (events: StoredEvent[]) => void;

/** What execute() returns: the engine's events as stored. Device events (hall/domain/device-events.ts) go through recordDeviceEvent(). */
export type StoredHallEvent = StoredEventOf<HallEventType>;

const HOUSEKEEPING_RETRY_MS = 5_000;

/** Events that can move the next housekeeping deadline (deadlines.ts). */
const DEADLINE_EVENTS = new Set<EventType>([
  'ticket_called',
  'ticket_recalled',
  'ticket_resumed',
  'ticket_suspended',
  'ticket_withdrawn',
  'ticket_no_show',
  'service_started',
  'service_finished',
  'ticket_transferred',
  'service_day_closed',
]);

export class HallRuntime {
  readonly log: EventLog;
  readonly store: HallStore;
  private stateRef: HallState;
  private readonly listeners = new Set<EventListener>();
  private readonly ratingTimers = new Map<string, { cancel(): void }>();
  private dayTimer: { cancel(): void } | null = null;
  private housekeeping: { at: number; timer: { cancel(): void } } | null = null;
  private housekeepingFailed = false;

  constructor(
    readonly db: Db,
    readonly setup: HallSetup,
    readonly timers: Timers,
  ) {
    this.log = new EventLog(db);
    this.store = new HallStore(db);
    this.stateRef = this.store.loadState(setup, serviceDayOf(timers.now(), setup.dayRule));
  }

  get state(): HallState {
    return this.stateRef;
  }

  /** Arms the timers the state implies (open ratings, the next day) and closes a stale day. */
  start(): void {
    this.execute({ type: 'tick' });
    for (const r of this.stateRef.openRatings.values()) this.armRatingTimer(r.id, r.expiresAt);
    this.armDayTimer();
    this.armHousekeeping();
  }

  stop(): void {
    for (const t of this.ratingTimers.values()) t.cancel();
    this.ratingTimers.clear();
    this.dayTimer?.cancel();
    this.housekeeping?.timer.cancel();
    this.housekeeping = null;
  }

  onEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `withinTransaction` runs after the events are appended, inside the same
   * transaction: data that must commit with them (a real-name ticket's identity).
   */
  execute(cmd: HallCommand, withinTransaction?: (stored: StoredHallEvent[]) => void): StoredHallEvent[] {
    const now = this.timers.now();
    const events = decide(this.stateRef, this.setup, cmd, now);
    if (events.length === 0) return [];
    let stored: StoredHallEvent[];
    try {
      stored = this.db.transaction(() => {
        const appended = events.map((event) => {
          const changes = evolve(this.stateRef, event, now);
          const day = event.type === 'service_day_closed' ? event.serviceDay : this.stateRef.serviceDay;
          this.store.persist(event, changes, this.stateRef, day);
          return this.log.record(event, day, now);
        });
        withinTransaction?.(appended);
        return appended;
      })();
    } catch (err) {
      // The transaction rolled back; memory may hold half of it. Start again from what is durable.
      this.stateRef = this.store.loadState(this.setup, serviceDayOf(now, this.setup.dayRule));
      throw err;
    }
    this.afterCommit(stored);
    return stored;
  }

  /** Appends an event that records a device outcome (printed, print failed, a kiosk fault): no engine state changes. */
  recordDeviceEvent(event: DeviceEvent): StoredEvent {
    const stored = this.log.record(event, this.stateRef.serviceDay, this.timers.now());
    this.afterCommit([stored]);
    return stored;
  }

  /**
   * Appends events that change no engine state (hall/domain/service-record-events.ts) with the
   * caller's own table writes (`write`, run first) in one transaction; listeners hear them after
   * the commit. Throws (nothing stored) when `write` or the append fails.
   */
  recordWith(events: readonly (ServiceRecordEvent | ServiceDeskEvent | BadRatingCaseEvent)[], write: () => void): StoredEvent[] {
    const now = this.timers.now();
    const stored = this.db.transaction(() => {
      write();
      return events.map((e) => this.log.record(e, this.stateRef.serviceDay, now));
    })();
    this.afterCommit(stored);
    return stored;
  }

  newId(): string {
    return randomUUID();
  }

  private afterCommit(stored: StoredEvent[]): void {
    for (const e of stored) {
      if (e.type === 'rating_requested') this.armRatingTimer(e.payload.ratingId, e.payload.expiresAt);
      if (e.type === 'rating_recorded') {
        this.ratingTimers.get(e.payload.ratingId)?.cancel();
        this.ratingTimers.delete(e.payload.ratingId);
      }
      if (e.type === 'service_day_closed') this.armDayTimer();
    }
    if (stored.some((e) => DEADLINE_EVENTS.has(e.type))) this.armHousekeeping();
    for (const l of this.listeners) {
      try {
        l(stored);
      } catch (err) {
        log.error('event listener failed', { err });
      }
    }
  }

  private armRatingTimer(ratingId: string, expiresAt: number): void {
    this.ratingTimers.get(ratingId)?.cancel();
    this.ratingTimers.set(
      ratingId,
      this.timers.at(expiresAt, () => {
        this.ratingTimers.delete(ratingId);
        this.safely({ type: 'expire_rating', ratingId });
      }),
    );
  }

  /** Closes the service day at its boundary even when nobody does anything (displays reset at night). */
  private armDayTimer(): void {
    this.dayTimer?.cancel();
    const { utcOffsetMinutes, dayStartsAtHour } = this.setup.dayRule;
    const dayMs = 86_400_000;
    const shift = (utcOffsetMinutes - dayStartsAtHour * 60) * 60_000;
    const now = this.timers.now();
    const nextBoundary = Math.floor((now + shift) / dayMs) * dayMs + dayMs - shift;
    this.dayTimer = this.timers.at(nextBoundary, () => {
      this.safely({ type: 'tick' });
      this.armDayTimer();
    });
  }

  /** Automatic no-shows and overdue suspensions: one timer at the earliest deadline. */
  private armHousekeeping(): void {
    let at = nextDeadline(this.stateRef, this.setup);
    // A deadline already past means the last tick could not commit (disk full, locked):
    // retry in a few seconds rather than spin.
    if (at !== null && this.housekeepingFailed) at = Math.max(at, this.timers.now() + HOUSEKEEPING_RETRY_MS);
    if (this.housekeeping?.at === at) return;
    this.housekeeping?.timer.cancel();
    this.housekeeping = null;
    if (at === null) return;
    this.housekeeping = {
      at,
      timer: this.timers.at(at, () => {
        this.housekeeping = null;
        this.housekeepingFailed = !this.safely({ type: 'tick' });
        this.armHousekeeping();
      }),
    };
  }

  /** Runs a timer's command; false when it failed for a reason other than the rules. */
  private safely(cmd: HallCommand): boolean {
    try {
      this.execute(cmd);
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'DomainError') return true;
      log.error(`timer command ${cmd.type} failed`, { err });
      return false;
    }
  }
}
