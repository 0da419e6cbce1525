// Print jobs from the hall to a kiosk's device agent, each printed at most once
// and never lost from sight:
//   submit   → the job is stored (state "sent") and sent; the caller gets at once
//              "sending", or a plain refusal when the kiosk cannot print now (its
//              agent is away or its printer is in fault: nothing is queued for
//              later — a ticket coming out minutes after the visitor left helps
//              nobody and may be taken by someone else; a refused ticket is stored
//              as "failed" and never sent, so a retried request reports it again)
//   result   → the agent's outcome is stored, recorded as an event (tickets), and
//              told to the kiosk page (live `print_outcome`)
//   relink   → when an agent connects, every job still "sent" to it is asked
//              again: re-sent to print if still fresh, otherwise outcome-only
//              (the agent answers from its journal, or "never received")
// Contracts: the agent prints a job id at most once (agent/print-journal.ts);
// this table makes the hall ask until it knows. The kiosk screen never waits
// for a printer.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { PrintOutcomeDTO } from '../api/dto.js';
import type { PrintResult } from '../../protocol/agent.js';
import type { AgentHub } from './agent-hub.js';
import type { DeviceRegistry } from './device-registry.js';

export interface PrintJobMeta {
  kind: 'ticket' | 'notice';
  terminalId: string;
  /** Tickets: the ticket and its number, for the printed/failed events. */
  ticketId?: string;
  number?: string;
}

type JobRow = { id: string; terminal_id: string; device_id: string; kind: 'ticket' | 'notice'; ticket_id: string | null; state: string; bytes: Buffer | null; created_at: number };

export class PrintJobs {
  private readonly waiters = new Map<string, ((outcome: PrintOutcomeDTO) => void)[]>();
  private readonly listeners = new Set<(terminalId: string, jobId: string, meta: PrintJobMeta, outcome: PrintOutcomeDTO) => void>();

  constructor(
    private readonly db: Db,
    private readonly runtime: HallRuntime,
    private readonly hub: AgentHub,
    private readonly registry: DeviceRegistry,
    private readonly freshMs: number,
  ) {}

  /** Hands the bytes to the kiosk's agent. Returns at once; the outcome follows through onOutcome()/wait(). */
  submit(meta: PrintJobMeta, deviceId: string, bytes: Uint8Array): { jobId: string; print: PrintOutcomeDTO } {
    const jobId = randomUUID();
    const link = this.hub.link(meta.terminalId);
    if (!link) return { jobId, print: this.unavailable(meta, 'agent_offline', `the device agent of kiosk ${meta.terminalId} is not connected: printing is unavailable`, deviceId) };
    const health = this.registry.device(meta.terminalId, deviceId)?.health;
    if (health?.state === 'fault') return { jobId, print: this.unavailable(meta, health.code, `${health.message} Nothing was printed.`, deviceId) };
    const now = this.runtime.timers.now();
    this.db
      .prepare(`INSERT INTO print_jobs (id, terminal_id, device_id, kind, ticket_id, state, bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'sent', ?, ?, ?)`)
      .run(jobId, meta.terminalId, deviceId, meta.kind, meta.ticketId ?? null, Buffer.from(bytes), now, now);
    link.send({ type: 'print', jobId, deviceId, bytes: Buffer.from(bytes).toString('base64'), printIfNew: true, sentAt: this.hub.monotonicNow(), freshMs: this.freshMs });
    return { jobId, print: { status: 'sending', code: null, message: null } };
  }

  /** The agent's answer for one of its own jobs; answers for another terminal's job are ignored. */
  result(terminalId: string, jobId: string, result: PrintResult): void {
    const row = this.db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(jobId) as JobRow | undefined;
    if (!row || row.terminal_id !== terminalId || row.state !== 'sent') return;
    const state = result.status === 'not_printed' ? 'failed' : result.status;
    const outcome: PrintOutcomeDTO = { status: state, code: result.code, message: result.message };
    const meta: PrintJobMeta = { kind: row.kind, terminalId, ...(row.ticket_id ? { ticketId: row.ticket_id } : {}) };
    this.db.transaction(() => {
      this.db.prepare('UPDATE print_jobs SET state = ?, code = ?, message = ?, bytes = NULL, updated_at = ? WHERE id = ?').run(state, result.code, result.message, this.runtime.timers.now(), jobId);
      if (row.kind === 'ticket' && row.ticket_id) this.recordTicketOutcome(row.ticket_id, terminalId, outcome, jobId);
    })();
    this.settle(jobId, terminalId, meta, outcome);
  }

  /** An agent (re)connected: ask again about every job it has not answered. */
  relink(terminalId: string): void {
    const link = this.hub.link(terminalId);
    if (!link) return;
    const now = this.runtime.timers.now();
    const open = this.db.prepare("SELECT id, device_id, bytes, created_at FROM print_jobs WHERE terminal_id = ? AND state = 'sent' ORDER BY created_at").all(terminalId) as JobRow[];
    for (const job of open) {
      const fresh = now - job.created_at < this.freshMs && job.bytes !== null;
      link.send({ type: 'print', jobId: job.id, deviceId: job.device_id, bytes: fresh ? job.bytes!.toString('base64') : '', printIfNew: fresh, sentAt: this.hub.monotonicNow() - (now - job.created_at), freshMs: this.freshMs });
    }
  }

  /** Resolves with the outcome, or null after timeoutMs (the job goes on; its outcome still arrives later). */
  wait(jobId: string, timeoutMs: number): Promise<PrintOutcomeDTO | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(jobId)?.filter((w) => w !== done) ?? [];
        if (list.length) this.waiters.set(jobId, list);
        else this.waiters.delete(jobId);
        resolve(null);
      }, timeoutMs);
      const done = (outcome: PrintOutcomeDTO) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), done]);
    });
  }

  onOutcome(listener: (terminalId: string, jobId: string, meta: PrintJobMeta, outcome: PrintOutcomeDTO) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The latest outcome recorded for a ticket's print, for a kiosk that reloaded mid-print. */
  ticketOutcome(ticketId: string): PrintOutcomeDTO | null {
    const row = this.db.prepare('SELECT state, code, message FROM print_jobs WHERE ticket_id = ? ORDER BY created_at DESC LIMIT 1').get(ticketId) as
      | { state: string; code: string | null; message: string | null }
      | undefined;
    if (!row) return null;
    return { status: row.state === 'sent' ? 'sending' : (row.state as PrintOutcomeDTO['status']), code: row.code, message: row.message };
  }

  /**
   * At day close: a job its agent never answered (the kiosk PC was switched off for good) ends as
   * `unknown` — the ticket may or may not have come out — and jobs older than `keepMs` are deleted.
   */
  closeDay(now: number, keepMs = 7 * 24 * 3600_000): void {
    const open = this.db.prepare("SELECT id, terminal_id, kind, ticket_id FROM print_jobs WHERE state = 'sent'").all() as JobRow[];
    for (const job of open) this.result(job.terminal_id, job.id, { status: 'unknown', code: 'no_answer', message: 'the kiosk never reported how this print went' });
    this.db.prepare('DELETE FROM print_jobs WHERE created_at < ?').run(now - keepMs);
  }

  /**
   * Not sent at all: recorded as a failed print for tickets (the manager's list of unprinted tickets),
   * stored as a failed job so that ticketOutcome() knows it — a retried request (same Idempotency-Key)
   * or a reloaded kiosk gets this outcome back instead of a second print_failed event.
   */
  unavailable(meta: PrintJobMeta, code: string, message: string, deviceId = ''): PrintOutcomeDTO {
    const outcome: PrintOutcomeDTO = { status: 'failed', code, message };
    if (meta.kind === 'ticket' && meta.ticketId) {
      const ticketId = meta.ticketId;
      const now = this.runtime.timers.now();
      this.db.transaction(() => {
        this.db
          .prepare(`INSERT INTO print_jobs (id, terminal_id, device_id, kind, ticket_id, state, code, message, bytes, created_at, updated_at) VALUES (?, ?, ?, 'ticket', ?, 'failed', ?, ?, NULL, ?, ?)`)
          .run(randomUUID(), meta.terminalId, deviceId, ticketId, code, message, now, now);
        this.recordTicketOutcome(ticketId, meta.terminalId, outcome, null);
      })();
    }
    return outcome;
  }

  private recordTicketOutcome(ticketId: string, kioskId: string, outcome: PrintOutcomeDTO, jobId: string | null): void {
    // A ticket of a closed day (an outcome learned at day close or after a restart) is no longer in memory.
    const number = (this.runtime.state.tickets.get(ticketId) ?? this.runtime.store.ticket(ticketId))?.number ?? ticketId;
    if (outcome.status === 'printed' || outcome.status === 'unconfirmed') {
      this.runtime.recordDeviceEvent({ type: 'ticket_printed', ticketId, number, kioskId, jobId, confirmed: outcome.status === 'printed' });
    } else {
      this.runtime.recordDeviceEvent({ type: 'print_failed', ticketId, number, kioskId, jobId, code: outcome.code ?? outcome.status, printed: outcome.status === 'unknown' ? 'unknown' : 'none' });
    }
  }

  private settle(jobId: string, terminalId: string, meta: PrintJobMeta, outcome: PrintOutcomeDTO): void {
    for (const w of this.waiters.get(jobId) ?? []) w(outcome);
    this.waiters.delete(jobId);
    for (const l of this.listeners) l(terminalId, jobId, meta, outcome);
  }
}
