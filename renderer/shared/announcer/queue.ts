// The hall display's announcement queue: every call is announced, in order, one at a time.
//
// Contracts:
// - Strict order and no overlap: one drain loop awaits each playClips before the next.
// - Nothing is dropped silently: every enqueued call ends in `done` as 'played' or 'failed'
//   with a reason code (invalid input, expired, or the player's PlaybackError code).
// - No stall: a failed player call marks the item 'failed' and the loop moves on; a player
//   that never settles breaks the Player contract (WebAudioPlayer has watchdogs for this).
// - Dedupe by callId: an id already queued, playing, finished or rejected within the last
//   SEEN_LIMIT calls is ignored, so a reconnect replaying events is not announced twice.
//   A recall (重呼) must come as a new event id to be announced again.
// - Persistence: the queue (head = item playing), the dedupe window and the last announced id
//   are saved to the injected storage after every change; a new Announcer on the same storage
//   resumes, replaying from its start an item cut off by the reload.
import { systemClock, type Clock } from './clock';
import { AnnouncementError, PlaybackError } from './errors';
import { planAnnouncement, validateCall } from './plan';
import type { Player } from './player';
import { loadState, saveState, type AnnouncerStorage, type PersistedAnnouncerState, type QueuedAnnouncement } from './storage';
import { MAX_TIMES, MIN_TIMES, isVoiceLocale, type CallToAnnounce, type ClipId, type VoiceLocale } from './types';

export interface CallAnnouncement {
  /** Hall event id or sequence of the call; numbers and their decimal strings are the same id. */
  callId: string | number;
  ticketNumber: string;
  counterNumber: number;
}

export interface AnnouncerOptions {
  player: Player;
  /** window.localStorage on the page; null keeps the queue in memory only. */
  storage: AnnouncerStorage | null;
  locale: VoiceLocale;
  /** How often each call is said (hall setting), 1–3. Default 1. */
  times?: number;
  clock?: Clock;
  /** One key per display page sharing a browser profile. Default DEFAULT_STORAGE_KEY. */
  storageKey?: string;
  /** Calls waiting longer than this (e.g. across a long power cut) are marked 'failed' / 'expired' instead of played late. Default: never. */
  expireAfterMs?: number;
  /**
   * A second language said after the locale's sentence (and a 'pause'), e.g. the hall's recorded
   * Mongolian (recorded.ts); [] says nothing more. Asked per call, so it can be switched on later.
   */
  also?: (call: CallToAnnounce) => ClipId[];
}

export interface CurrentAnnouncement extends QueuedAnnouncement {
  startedAt: number;
}

export interface FinishedAnnouncement extends QueuedAnnouncement {
  outcome: 'played' | 'failed';
  /** Stable code when failed: an AnnouncementErrorCode, a PlaybackErrorCode, 'expired' or 'playback-failed'. */
  reason: string | null;
  /** Developer text for logs; not for the screen. */
  detail: string | null;
  finishedAt: number;
}

export interface AnnouncerSnapshot {
  current: CurrentAnnouncement | null;
  /** Waiting, in the order they will play. */
  pending: readonly QueuedAnnouncement[];
  /** The last DONE_LIMIT finished calls, oldest first. */
  done: readonly FinishedAnnouncement[];
  /** The last call that left the queue, played or failed (not a rejected one): a resume cursor. */
  lastAnnouncedCallId: string | null;
  times: number;
  /** Set while the queue cannot be persisted or was not restored intact; announcing goes on. */
  storageError: string | null;
}

export type EnqueueResult =
  | { status: 'queued' }
  | { status: 'duplicate' }
  | { status: 'rejected'; reason: string; detail: string };

export const DEFAULT_STORAGE_KEY = 'servicehall.announcer';
export const DONE_LIMIT = 50;
export const SEEN_LIMIT = 1000;

type Outcome = Pick<FinishedAnnouncement, 'outcome' | 'reason' | 'detail'>;

export class Announcer {
  private readonly clock: Clock;
  private readonly storageKey: string;
  private readonly state: PersistedAnnouncerState;
  private readonly seen: Set<string>;
  private current: CurrentAnnouncement | null = null;
  private done: FinishedAnnouncement[] = [];
  private times: number;
  private started = false;
  private draining = false;
  private loadError: string | null;
  private saveError: string | null = null;
  private cached: AnnouncerSnapshot | null = null;
  private readonly listeners = new Set<(snapshot: AnnouncerSnapshot) => void>();
  private idleWaiters: Array<() => void> = [];

  /** Restores the persisted queue; plays nothing until start(). Throws AnnouncementError on a bad locale or times. */
  constructor(private readonly options: AnnouncerOptions) {
    if (!isVoiceLocale(options.locale)) throw new AnnouncementError('unsupported-locale', `no voice for locale ${String(options.locale)}`);
    this.times = checkTimes(options.times ?? MIN_TIMES);
    this.clock = options.clock ?? systemClock;
    this.storageKey = options.storageKey ?? DEFAULT_STORAGE_KEY;
    const loaded = loadState(options.storage, this.storageKey);
    this.state = loaded.state;
    this.loadError = loaded.error;
    this.seen = new Set(this.state.seen);
  }

  /** Starts (or resumes after stop()) announcing the queue. Idempotent. */
  start = (): void => {
    this.started = true;
    void this.drain();
  };

  /** Stops after the announcement playing now; the rest stays queued and persisted. */
  stop = (): void => {
    this.started = false;
  };

  /** Queues a call; never throws. Invalid calls are recorded in `done` as failed and reported here. */
  enqueue = (call: CallAnnouncement): EnqueueResult => {
    const rawId: unknown = call?.callId;
    const callId = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : rawId;
    // Frozen: snapshots hand these objects to the page.
    const item: QueuedAnnouncement = Object.freeze({
      callId: typeof callId === 'string' ? callId : '',
      ticketNumber: call?.ticketNumber,
      counterNumber: call?.counterNumber,
      enqueuedAt: this.clock.now(),
    });
    if (item.callId !== '' && (this.seen.has(item.callId) || this.state.queue.some((q) => q.callId === item.callId))) {
      return { status: 'duplicate' };
    }
    try {
      if (item.callId === '') throw new AnnouncementError('invalid-call-id', `callId must be a non-empty string or a number, got ${String(rawId)}`);
      validateCall(item);
    } catch (error) {
      const outcome = failure(error);
      this.finish(item, outcome);
      return { status: 'rejected', reason: outcome.reason ?? 'invalid-call', detail: outcome.detail ?? '' };
    }
    this.state.queue.push(item);
    this.persistAndNotify();
    void this.drain();
    return { status: 'queued' };
  };

  /** Applies a new hall setting from the next announcement on. Throws AnnouncementError outside 1–3. */
  setTimes = (times: number): void => {
    this.times = checkTimes(times);
    this.notify();
  };

  /** Calls listener after every change with the new snapshot; returns the unsubscribe function. */
  subscribe = (listener: (snapshot: AnnouncerSnapshot) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Current state; the same object until something changes (fits React's useSyncExternalStore). */
  snapshot = (): AnnouncerSnapshot => {
    this.cached ??= Object.freeze({
      current: this.current,
      pending: Object.freeze(this.state.queue.slice(this.current ? 1 : 0)),
      done: Object.freeze([...this.done]),
      lastAnnouncedCallId: this.state.lastAnnouncedCallId,
      times: this.times,
      storageError: this.saveError ?? this.loadError,
    });
    return this.cached;
  };

  /** Resolves when nothing is playing and nothing is pending; with a queue, only after start(). */
  whenIdle = (): Promise<void> => {
    if (!this.draining && this.state.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  };

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let item = this.state.queue[0]; this.started && item; item = this.state.queue[0]) {
        this.current = Object.freeze({ ...item, startedAt: this.clock.now() });
        this.notify();
        const outcome = await this.announce(item);
        this.state.queue.shift();
        this.current = null;
        this.state.lastAnnouncedCallId = item.callId;
        this.finish(item, outcome);
      }
    } finally {
      this.draining = false;
      if (this.state.queue.length === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  /** Never throws: every way an announcement can go wrong becomes a 'failed' outcome. */
  private async announce(item: QueuedAnnouncement): Promise<Outcome> {
    const waitedMs = this.clock.now() - item.enqueuedAt;
    const { expireAfterMs } = this.options;
    if (expireAfterMs !== undefined && waitedMs > expireAfterMs) {
      return { outcome: 'failed', reason: 'expired', detail: `waited ${waitedMs} ms, limit ${expireAfterMs} ms` };
    }
    try {
      const clips = planAnnouncement(item, this.options.locale, { times: this.times });
      const more = this.options.also?.(item) ?? [];
      await this.options.player.playClips(more.length ? [...clips, 'pause', ...more] : clips);
      return { outcome: 'played', reason: null, detail: null };
    } catch (error) {
      return failure(error);
    }
  }

  private finish(item: QueuedAnnouncement, outcome: Outcome): void {
    this.done.push(Object.freeze({ ...item, ...outcome, finishedAt: this.clock.now() }));
    if (this.done.length > DONE_LIMIT) this.done.splice(0, this.done.length - DONE_LIMIT);
    if (item.callId !== '') {
      this.seen.add(item.callId);
      this.state.seen.push(item.callId);
      while (this.state.seen.length > SEEN_LIMIT) this.seen.delete(this.state.seen.shift() as string);
    }
    this.persistAndNotify();
  }

  private persistAndNotify(): void {
    this.saveError = saveState(this.options.storage, this.storageKey, this.state);
    this.notify();
  }

  private notify(): void {
    this.cached = null;
    const snapshot = this.snapshot();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        console.error('announcer listener failed', error); // a broken view must not stop the voice
      }
    }
  }
}

function checkTimes(times: number): number {
  if (!Number.isInteger(times) || times < MIN_TIMES || times > MAX_TIMES) {
    throw new AnnouncementError('invalid-times', `times must be an integer ${MIN_TIMES}–${MAX_TIMES}, got ${String(times)}`);
  }
  return times;
}

function failure(error: unknown): Outcome {
  if (error instanceof AnnouncementError || error instanceof PlaybackError) {
    return { outcome: 'failed', reason: error.code, detail: error.message };
  }
  return { outcome: 'failed', reason: 'playback-failed', detail: String(error) };
}
