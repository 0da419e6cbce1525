// 呼叫工作人员: a visitor at a kiosk asks for a member of staff; the guide's station (every
// admin page) is alerted with the kiosk's name until someone acknowledges it.
// Contract: one open request per kiosk (a double tap, or a second tap while waiting, returns
// the open one); acknowledged requests stay listed for ACK_VISIBLE_MS so the desk sees who
// went; every change is reported to the listeners (the live feed) in order.
// Danger: requests live in memory only. A hall restart forgets open requests (the kiosk page
// reloads and its button is ready again); they are no record, so nothing durable is lost.
import type { HelpRequestDTO } from '../api/dto.js';

/** A request as the API shows it (hall/api/dto.ts): the desk keeps nothing more. */
export type HelpRequest = HelpRequestDTO;

/** How long an acknowledged request stays on the admin page. */
export const ACK_VISIBLE_MS = 10 * 60_000;
/** Open requests older than this are dropped (a kiosk nobody went to for hours is a stale alert, not a visitor). */
export const OPEN_MAX_MS = 4 * 60 * 60_000;

export class HelpError extends Error {
  constructor(readonly code: 'unknown_help_request', message: string) {
    super(message);
  }
}

export class HelpDesk {
  private readonly requests = new Map<string, HelpRequest>();
  private readonly listeners = new Set<(r: HelpRequest) => void>();
  private nextId = 1;

  /** Opens (or returns the open) request of a kiosk. */
  request(terminalId: string, terminalName: string, now: number): HelpRequest {
    this.prune(now);
    const open = [...this.requests.values()].find((r) => r.terminalId === terminalId && r.acknowledgedAt === null);
    if (open) return open;
    const created: HelpRequest = { id: `help-${now}-${this.nextId++}`, terminalId, terminalName, at: now, acknowledgedAt: null, acknowledgedBy: null };
    this.requests.set(created.id, created);
    this.emit(created);
    return created;
  }

  /** A member of staff goes; acknowledging twice keeps the first name and time. */
  acknowledge(id: string, staffName: string, now: number): HelpRequest {
    const found = this.requests.get(id);
    if (!found) throw new HelpError('unknown_help_request', `no help request ${id} (it may have expired)`);
    if (found.acknowledgedAt !== null) return found;
    const done = { ...found, acknowledgedAt: now, acknowledgedBy: staffName };
    this.requests.set(id, done);
    this.emit(done);
    return done;
  }

  /** Open requests first (oldest first), then recently acknowledged ones (newest first). */
  list(now: number): HelpRequest[] {
    this.prune(now);
    const all = [...this.requests.values()];
    const open = all.filter((r) => r.acknowledgedAt === null).sort((a, b) => a.at - b.at);
    const acked = all.filter((r) => r.acknowledgedAt !== null).sort((a, b) => b.acknowledgedAt! - a.acknowledgedAt!);
    return [...open, ...acked];
  }

  onChange(listener: (r: HelpRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(r: HelpRequest): void {
    for (const l of this.listeners) l(r);
  }

  private prune(now: number): void {
    for (const [id, r] of this.requests) {
      if (r.acknowledgedAt !== null ? now - r.acknowledgedAt > ACK_VISIBLE_MS : now - r.at > OPEN_MAX_MS) this.requests.delete(id);
    }
  }
}
