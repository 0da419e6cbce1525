// Long-polls central's inbox for this hall (docs/phone.md "Inbox"), applies each message once and
// posts the results back. One loop: post the results central has not acknowledged → wait at
// central for messages after the cursor → apply them in seq order → again.
// Contract:
//   - At most once per message id: the id is recorded in phone_inbox_applied, with the cursor
//     advanced, in the same SQLite transaction as the handler's writes (inbox-handlers.ts). A
//     message already recorded (re-delivered after a lost cursor, a restart …) is skipped.
//   - Every message gets exactly one result: the handler's outcome; `unsupported` for a kind no
//     handler registered; `refused` / `invalid_body` for a body its schema refuses (the reason
//     names the field); `refused` / <DomainError code> when the handler throws one; `refused` /
//     `hall_error` for any other throw (logged). No message blocks the ones after it.
//   - Results stay in SQLite until central acknowledges them; they are re-posted (first, at each
//     turn of the loop, across restarts) until it does. A post central refuses (4xx) is logged and
//     does not stop the polling.
//   - Network trouble: logged once per outage, retried with the sync kernel's backoff.
//   - stop() ends the long-poll at once (its own HTTP client is closed) and waits for the loop.
import type { InboxMessage, InboxResult } from '../../../protocol/central/phone.js';
import { retryDelay } from '../../../protocol/sync/backoff.js';
import { SyncFailure } from '../../../protocol/sync/failure.js';
import type { HallConfig } from '../../config/schema.js';
import { DomainError } from '../../domain/errors.js';
import type { HallRuntime } from '../../runtime/hall-runtime.js';
import type { Timers } from '../../runtime/timers.js';
import type { Db } from '../../store/db.js';
import type { PhoneCentralClient } from './central-client.js';
import { inboxHandlerOf, type InboxOutcome } from './inbox-handlers.js';
import './handlers/index.js';

export interface InboxPollerSettings {
  waitSeconds: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export interface InboxPollerStatus {
  cursor: number;
  applied: number;
  unacknowledged: number;
  consecutiveFailures: number;
  lastError: string | null;
}

interface AppliedRow {
  message_id: string;
  outcome: InboxResult['outcome'];
  reason: string | null;
  detail: string | null;
}

const RESULTS_PER_POST = 200;

export class InboxPoller {
  private loop: Promise<void> | null = null;
  private stopped = true;
  private failures = 0;
  private lastError: string | null = null;
  private sleeping: { cancel(): void; wake(): void } | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      runtime: HallRuntime;
      config: HallConfig;
      client: PhoneCentralClient;
      timers: Timers;
      settings: InboxPollerSettings;
      log: (line: string) => void;
      /** Ends a long-poll in flight (closes the poller's own HTTP client). */
      abort?: () => void;
      random?: () => number;
    },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.wake();
    this.deps.abort?.();
    await this.loop;
    this.loop = null;
  }

  cursor(): number {
    return (this.deps.db.prepare('SELECT after_seq FROM phone_inbox_cursor WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  }

  status(): InboxPollerStatus {
    const db = this.deps.db;
    return {
      cursor: this.cursor(),
      applied: db.prepare('SELECT count(*) FROM phone_inbox_applied').pluck().get() as number,
      unacknowledged: db.prepare('SELECT count(*) FROM phone_inbox_applied WHERE acked_at IS NULL').pluck().get() as number,
      consecutiveFailures: this.failures,
      lastError: this.lastError,
    };
  }

  /** One turn: post pending results, fetch once (waiting up to waitSeconds), apply, post. Tests drive it. */
  async turn(waitSeconds = this.deps.settings.waitSeconds): Promise<number> {
    await this.postResultsUnlessRefused();
    const messages = await this.deps.client.inbox(this.cursor(), waitSeconds);
    for (const m of messages) {
      if (this.stopped && this.loop) break;
      this.apply(m);
    }
    if (messages.length > 0) await this.postResultsUnlessRefused();
    return messages.length;
  }

  /** A results post central refuses (4xx) is logged and tried again next turn, never blocking the inbox. */
  private async postResultsUnlessRefused(): Promise<void> {
    try {
      await this.postResults();
    } catch (err) {
      if (!(err instanceof SyncFailure) || err.kind !== 'refused') throw err;
      this.deps.log(`phone inbox: central refused the results (kept, posted again next turn): ${err.message}`);
    }
  }

  private async run(): Promise<void> {
    const { settings, log } = this.deps;
    while (!this.stopped) {
      try {
        await this.turn();
        if (this.failures > 0) log(`phone inbox: central reached again after ${this.failures} failed polls`);
        this.failures = 0;
        this.lastError = null;
      } catch (err) {
        if (this.stopped) break;
        const message = (err as Error).message;
        if (this.failures === 0) log(`phone inbox: poll failed, retrying with backoff: ${message}`);
        this.lastError = message;
        const retryAfter = (err as { retryAfterMs?: number | null }).retryAfterMs ?? null;
        await this.sleep(retryDelay(this.failures++, { baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs }, this.deps.random ?? Math.random, retryAfter));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = this.deps.timers.at(this.deps.timers.now() + ms, () => done());
      const done = () => {
        t.cancel();
        this.sleeping = null;
        resolve();
      };
      this.sleeping = { cancel: () => t.cancel(), wake: done };
    });
  }

  /** Applies one message at most once (see the contract above). */
  apply(m: InboxMessage): void {
    const { db, runtime, config, log } = this.deps;
    const now = runtime.timers.now();
    const record = (o: InboxOutcome | { outcome: 'unsupported'; reason?: string; detail?: Record<string, unknown> }) => {
      db.prepare('INSERT INTO phone_inbox_applied (message_id, seq, kind, outcome, reason, detail, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        m.id,
        m.seq,
        m.kind,
        o.outcome,
        // The wire allows 60 characters (protocol/central/phone.ts): a longer reason would make central refuse every post after it.
        o.reason === undefined ? null : o.reason.slice(0, 60),
        o.detail === undefined ? null : JSON.stringify(o.detail),
        now,
      );
      this.advance(m.seq, now);
    };
    if (db.prepare('SELECT 1 FROM phone_inbox_applied WHERE message_id = ?').get(m.id)) {
      this.advance(m.seq, now);
      return;
    }
    const handler = inboxHandlerOf(m.kind);
    if (!handler) return void db.transaction(() => record({ outcome: 'unsupported' }))();
    const parsed = handler.schema.safeParse(m.body);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      return void db.transaction(() => record({ outcome: 'refused', reason: 'invalid_body', detail: { message: where.slice(0, 300) } }))();
    }
    const { body: _body, ...envelope } = m;
    void _body;
    try {
      db.transaction(() => {
        const outcome = handler.handle(parsed.data, { message: envelope, runtime, db, config, now, log });
        if (!outcome || typeof (outcome as unknown as Promise<unknown>).then === 'function') throw new Error(`the ${m.kind} inbox handler must return its outcome synchronously`);
        record(outcome);
      })();
    } catch (err) {
      const code = err instanceof DomainError ? err.code : 'hall_error';
      if (code === 'hall_error') log(`phone inbox: the ${m.kind} handler failed on message ${m.id}: ${(err as Error).message}`);
      db.transaction(() => record({ outcome: 'refused', reason: code }))();
    }
  }

  private advance(seq: number, now: number): void {
    this.deps.db
      .prepare('INSERT INTO phone_inbox_cursor (id, after_seq, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET after_seq = max(after_seq, excluded.after_seq), updated_at = excluded.updated_at')
      .run(seq, now);
  }

  /** Posts every result central has not acknowledged, oldest first; marks what it acknowledged. */
  async postResults(): Promise<void> {
    const { db } = this.deps;
    for (;;) {
      const rows = db.prepare('SELECT message_id, outcome, reason, detail FROM phone_inbox_applied WHERE acked_at IS NULL ORDER BY seq LIMIT ?').all(RESULTS_PER_POST) as AppliedRow[];
      if (rows.length === 0) return;
      const results: InboxResult[] = rows.map((r) => ({
        id: r.message_id,
        outcome: r.outcome,
        ...(r.reason !== null ? { reason: r.reason } : {}),
        ...(r.detail !== null ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {}),
      }));
      const answer = await this.deps.client.postResults(results);
      const ack = db.prepare('UPDATE phone_inbox_applied SET acked_at = ? WHERE message_id = ?');
      const now = this.deps.timers.now();
      db.transaction(() => answer.acknowledged.forEach((id) => ack.run(now, id)))();
      if (answer.unknown.length > 0) this.deps.log(`phone inbox: central does not know ${answer.unknown.length} result(s) the hall posted (acknowledged anyway)`);
      if (answer.acknowledged.length === 0) return;
    }
  }
}
