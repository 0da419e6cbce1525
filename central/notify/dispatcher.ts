// The notification worker: one loop (the sync kernel's SyncLoop on real timers) whose round
//   1. purges consents past their retention (and their messages),
//   2. decides the messages of every hall with active consents whose board changed since the
//      last round (triggers.ts; boardChanged() pokes a round at once),
//   3. expires queued messages past their deadline, recovers rows a dead process left sending,
//   4. claims due messages and sends each through its channel (notifier.ts), recording the
//      outcome: sent / delivered, retry with backoff (transient; unknown on an idempotent
//      channel), failed (permanent; unknown on a channel that is not idempotent; attempts used
//      up), expired (the next attempt would be past the deadline, or the consent withdrawn).
// Contract: a message is sent at most once per event (the outbox's unique key), never after
// its deadline, never after its consent is withdrawn. Times are deps.now(); with a simulated
// clock, tests drive runOnce() instead of start().
// Dangers: the address is opened only to hand it to the channel; log lines name message ids and
// masked addresses only.
import type pg from 'pg';
import type { NotifyChannel } from '../../protocol/central/notifications.js';
import { realTimers, SyncLoop } from '../../protocol/sync/loop.js';
import { hallsWithActiveConsents, purgeExpired } from './consents.js';
import type { Notifier, SendOutcome } from './notifier.js';
import { applyReports, claim, consentAddress, expireOverdue, finish, RECOVERY_MARGIN_MS, recoverInterrupted, retryLater, type MessageRow } from './outbox.js';
import type { AddressSealer } from './seal.js';
import { renderMessage } from './texts.js';
import { decideForHall, type HallBoard, type TriggerTimes } from './triggers.js';

export interface DispatcherOptions {
  pool: pg.Pool;
  now(): number;
  sealer: AddressSealer;
  notifiers: Notifier[];
  /** The board central holds for a hall (the phone hub's memory copy), with its version. */
  board(hallId: string): Promise<(HallBoard & { version: number }) | null>;
  times: TriggerTimes;
  retentionMs: number;
  pollMs?: number;
  batchSize?: number;
  /** At most this many attempts per message (default 8). */
  maxAttempts?: number;
  random?: () => number;
  log?: (line: string) => void;
}

export interface RoundSummary {
  purged: number;
  queued: number;
  expired: number;
  sent: number;
  retried: number;
  failed: number;
}

/** Consents past their retention are looked for at most this often. */
const PURGE_EVERY_MS = 60_000;

/** Backoff before attempt n+1: 2 s, 4 s, 8 s … capped at 60 s, ±20 % jitter. */
export function backoffMs(attempts: number, random: () => number): number {
  const base = Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class NotifyDispatcher {
  private readonly loop: SyncLoop<RoundSummary>;
  private readonly channels: Map<NotifyChannel, Notifier>;
  /** The board version each hall's decisions were last made from (this process). */
  private readonly decided = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private watched: string[] = [];
  private lastPurgeAt = -Infinity;

  constructor(private readonly o: DispatcherOptions) {
    this.channels = new Map(o.notifiers.map((n) => [n.channel, n]));
    this.loop = new SyncLoop(realTimers(o.now), (stopped) => this.round(stopped), (outcome, poked) => {
      if ('error' in outcome) o.log?.(`notifications: round failed: ${outcome.error.message}`);
      return poked ? 0 : (o.pollMs ?? 1_000);
    });
  }

  get channelNames(): NotifyChannel[] {
    return [...this.channels.keys()];
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Halls with active consents as of the last round (their pushes should poke()). */
  get hallsWatched(): string[] {
    return this.watched;
  }

  /** A round soon (a board may have moved: versions are compared). */
  poke(): void {
    this.loop.poke();
  }

  /** A hall's consents changed: decide its messages in a round soon, whatever its board version. */
  boardChanged(hallId: string): void {
    this.dirty.add(hallId);
    this.loop.poke();
  }

  runOnce(): Promise<RoundSummary> {
    return this.loop.runOnce();
  }

  private async round(stopped: () => boolean): Promise<RoundSummary> {
    const o = this.o;
    const s: RoundSummary = { purged: 0, queued: 0, expired: 0, sent: 0, retried: 0, failed: 0 };
    if (o.now() - this.lastPurgeAt >= PURGE_EVERY_MS || o.now() < this.lastPurgeAt) {
      s.purged = await purgeExpired(o.pool, o.now(), o.retentionMs);
      this.lastPurgeAt = o.now();
    }
    this.watched = await hallsWithActiveConsents(o.pool);
    for (const hallId of this.watched) {
      const board = await o.board(hallId);
      if (!board) continue;
      // Every round re-decides a hall whose board moved, and any hall poked (a new consent).
      if (this.decided.get(hallId) === board.version && !this.dirty.has(hallId)) continue;
      this.dirty.delete(hallId);
      s.queued += await decideForHall(o.pool, hallId, board, o.now(), o.times);
      this.decided.set(hallId, board.version);
    }
    s.expired = await expireOverdue(o.pool, o.now());
    for (const n of this.channels.values()) await recoverInterrupted(o.pool, o.now(), n.channel, n.idempotent, n.timeoutMs + RECOVERY_MARGIN_MS);
    const rows = await claim(o.pool, o.now(), this.channelNames, o.batchSize ?? 20);
    for (const row of rows) {
      if (stopped()) {
        await retryLater(o.pool, o.now(), row.messageId, o.now(), 'central stopping');
        continue;
      }
      const result = await this.sendOne(row);
      s[result]++;
    }
    return s;
  }

  private async sendOne(row: MessageRow): Promise<'sent' | 'retried' | 'failed' | 'expired'> {
    const o = this.o;
    const notifier = this.channels.get(row.channel)!;
    const consent = await consentAddress(o.pool, row.consentId);
    if (!consent || consent.withdrawn || consent.sealed === '') {
      await finish(o.pool, o.now(), row.messageId, 'expired', { error: 'consent withdrawn' });
      return 'expired';
    }
    const { text, fields } = renderMessage(row.kind, row.lang, row.params);
    let outcome: SendOutcome;
    try {
      outcome = await notifier.send({ messageId: row.messageId, address: o.sealer.open(consent.sealed), text, fields });
    } catch (err) {
      outcome = { kind: 'unknown', error: `channel failed: ${(err as Error).message}` };
    }
    const now = o.now();
    if (outcome.kind === 'sent' || outcome.kind === 'delivered') {
      await finish(o.pool, now, row.messageId, outcome.kind, { providerId: outcome.providerId });
      await applyReports(o.pool, now, row.channel, outcome.providerId);
      return 'sent';
    }
    const retryable = outcome.kind === 'transient' || (outcome.kind === 'unknown' && notifier.idempotent);
    if (!retryable) {
      const error = outcome.kind === 'unknown' ? `${outcome.error}; outcome unknown, not sent again` : outcome.error;
      await finish(o.pool, now, row.messageId, 'failed', { error });
      o.log?.(`notifications: message ${row.messageId} (${row.kind}, ${row.channel}) failed: ${error}`);
      return 'failed';
    }
    const at = now + Math.max(outcome.kind === 'transient' ? (outcome.retryAfterMs ?? 0) : 0, backoffMs(row.attempts, o.random ?? Math.random));
    if (row.attempts >= (o.maxAttempts ?? 8)) {
      await finish(o.pool, now, row.messageId, 'failed', { error: `${outcome.error}; gave up after ${row.attempts} attempts` });
      return 'failed';
    }
    if (at >= row.expiresAt) {
      await finish(o.pool, now, row.messageId, 'expired', { error: `${outcome.error}; the next attempt would be past its deadline` });
      return 'expired';
    }
    await retryLater(o.pool, now, row.messageId, at, outcome.error);
    return 'retried';
  }
}
