// Latest call times (deadlines) and the look-ahead that keeps them
// (docs/calling-policy.md, "Deadlines and look-ahead").
//
// Every waiting ticket has a latest call time:
//   - a checked-in, on-time appointment: its slot start (or its check-in, if later)
//     + visitRules.appointmentCallWindowMinutes;
//   - any other ticket: its place in line + the calling counter's policy maxWaitMinutes
//     (none when the policy has no cap).
// Before a counter calls the ticket its policy picks, lookAhead() checks that calling it now
// leaves the waiting tickets no later than they must be. The model: the tickets this counter may
// serve are called earliest-deadline-first (so an overdue ticket is never passed by one whose
// time comes later; of equal deadlines, the shorter service first) by this counter (free now) and by every other open counter that serves one
// of its queues (free when its current ticket's expected service ends);
// a service takes the queue's expected time (estimate.ts expectedServiceMs); an appointment
// checked in early is not called before its slot.
// The pick is allowed when the latest any ticket would be called, after it, is no later than
// with earliest-deadline-first from now — or on time. So no deadline is broken while that order
// keeps them all, and otherwise the worst lateness stays no worse than it.
// With equal service times that order is the best there is (no deadline is broken while any order
// keeps them all; otherwise the worst lateness is the least possible) when the model is exact: one
// counter, or counters sharing the same queues (tests/unit/domain/call-deadlines-properties.test.ts
// checks it against a brute-force oracle). Other counters' own queues and service-time spread make
// it an estimate; it never blocks a call.
// Cost: O(tickets with a deadline due before the pick, × counters in the pool) per call; lines
// are sorted by place, so the scan stops as soon as the rest of the line cannot change the answer.
import { expectedServiceMs } from './estimate.js';
import type { CallingPolicy } from './policy.js';
import type { HallSetup, HallState } from './state.js';
import type { CounterId, QueueId, Ticket, TicketId } from './types.js';
import type { WaitingLine } from './waiting-line.js';

const MINUTE = 60_000;

/** A waiting ticket as the look-ahead sees it. */
export interface Job {
  id: TicketId;
  /** Latest call time (epoch ms); Infinity when none. */
  deadline: number;
  /** Not called before this time (an appointment before its slot); 0 when callable now. */
  release: number;
  serviceMs: number;
  /** Order key: the deadline (ties: the shorter service first, then the order of the lines). */
  key: number;
}

type DeadlineFields = Pick<Ticket, 'ticketClass' | 'lineKey' | 'issuedAt' | 'slotStart'>;

/** Whether the ticket keeps an appointment's slot promise. */
export function hasSlot(t: DeadlineFields): t is DeadlineFields & { slotStart: number } {
  return t.ticketClass === 'appointment' && t.slotStart !== undefined && t.slotStart !== null;
}

/** Latest call time of a waiting ticket under `policy` (epoch ms; Infinity when none). */
export function deadlineOf(t: DeadlineFields, policy: CallingPolicy, setup: HallSetup): number {
  if (hasSlot(t)) return Math.max(t.slotStart, t.issuedAt) + setup.rules.appointmentCallWindowMinutes * MINUTE;
  return policy.maxWaitMinutes === null ? Infinity : t.lineKey + policy.maxWaitMinutes * MINUTE;
}

/** An appointment checked in before its slot is held until the slot starts. */
export function releaseOf(t: DeadlineFields): number {
  return hasSlot(t) ? t.slotStart : 0;
}

interface LineSource {
  line: WaitingLine;
  i: number;
  capMs: number;
  serviceMs: number;
}

/** Removes the earliest free time and adds the end of a service started then (or at `release`); returns the start. */
function place(servers: number[], release: number, serviceMs: number): number {
  const start = Math.max(servers[0]!, release);
  const end = start + serviceMs;
  let i = 1;
  while (i < servers.length && servers[i]! < end) {
    servers[i - 1] = servers[i]!;
    i++;
  }
  servers[i - 1] = end;
  return start;
}

function sameTimes(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The waiting tickets one counter may call, with deadlines, in earliest-due order, and the counters that call them. */
export class DeadlineModel {
  private readonly serviceOf = new Map<QueueId, number>();
  private readonly queues: QueueId[];

  constructor(
    private readonly state: HallState,
    private readonly setup: HallSetup,
    private readonly counterId: CounterId,
    private readonly policy: CallingPolicy,
    readonly now: number,
    /** Tickets already taken (a preview of the next calls). */
    private readonly skip: ReadonlySet<TicketId>,
  ) {
    this.queues = setup.counters.get(counterId)?.queueIds ?? [];
  }

  serviceMs(queueId: QueueId): number {
    let ms = this.serviceOf.get(queueId);
    if (ms === undefined) {
      ms = Math.max(1, expectedServiceMs(this.state, this.setup, queueId));
      this.serviceOf.set(queueId, ms);
    }
    return ms;
  }

  jobOf(t: Ticket): Job {
    const deadline = deadlineOf(t, this.policy, this.setup);
    const serviceMs = this.serviceMs(t.queueId);
    return { id: t.id, deadline, release: releaseOf(t), serviceMs, key: deadline };
  }

  /** Free times of this counter (now) and of every other open counter sharing one of its queues, ascending. */
  servers(): number[] {
    const mine = new Set(this.queues);
    const free = [this.now];
    for (const c of this.setup.counters.values()) {
      if (c.id === this.counterId || !c.queueIds.some((q) => mine.has(q))) continue;
      const s = this.state.counters.get(c.id);
      if (!s || s.status === 'signed_out' || s.status === 'paused') continue;
      const t = s.currentTicketId ? this.state.tickets.get(s.currentTicketId) : undefined;
      const began = t ? (t.startedAt ?? t.calledAt ?? this.now) : this.now;
      free.push(t ? Math.max(this.now, began + this.serviceMs(t.queueId)) : this.now);
    }
    return free.sort((a, b) => a - b);
  }

  /**
   * The first ticket callable now in earliest-deadline order (ties: the shorter service), without
   * building the order: O(lines + appointments + transfers here). Undefined when none has a deadline.
   */
  first(): { id: TicketId; deadline: number; serviceMs: number } | undefined {
    const capMs = this.policy.maxWaitMinutes === null ? null : this.policy.maxWaitMinutes * MINUTE;
    let best: { id: TicketId; deadline: number; serviceMs: number } | undefined;
    const consider = (id: TicketId, deadline: number, serviceMs: number) => {
      if (deadline !== Infinity && (!best || deadline < best.deadline || (deadline === best.deadline && serviceMs < best.serviceMs))) best = { id, deadline, serviceMs };
    };
    const scan = (line: WaitingLine | undefined) => {
      for (let i = 0; line && i < line.size; i++) {
        const e = line.at(i)!;
        const t = this.skip.has(e.id) ? undefined : this.state.tickets.get(e.id);
        if (t && releaseOf(t) <= this.now) consider(t.id, deadlineOf(t, this.policy, this.setup), this.serviceMs(t.queueId));
      }
    };
    for (const q of this.queues) {
      const l = this.state.lines.get(q);
      if (!l) continue;
      if (capMs !== null) {
        for (const line of [l.green, l.walk_in]) {
          let i = 0;
          let e = line.at(i);
          while (e && this.skip.has(e.id)) e = line.at(++i);
          if (e) consider(e.id, e.lineKey + capMs, this.serviceMs(q));
        }
      }
      scan(l.appointment);
    }
    scan(this.state.directed.get(this.counterId));
    return best;
  }

  /** An iterator over the tickets with a deadline, earliest deadline first. */
  jobs(): () => Job | undefined {
    const capMs = this.policy.maxWaitMinutes === null ? null : this.policy.maxWaitMinutes * MINUTE;
    const lines: LineSource[] = [];
    const listed: Job[] = [];
    const addListed = (line: WaitingLine | undefined) => {
      for (let i = 0; line && i < line.size; i++) {
        const e = line.at(i)!;
        if (this.skip.has(e.id)) continue;
        const t = this.state.tickets.get(e.id);
        if (!t) continue;
        const job = this.jobOf(t);
        if (job.deadline !== Infinity) listed.push(job);
      }
    };
    for (const q of this.queues) {
      const l = this.state.lines.get(q);
      if (!l) continue;
      const serviceMs = this.serviceMs(q);
      // Green and walk-in lines are sorted by place, so by deadline: merged lazily.
      if (capMs !== null) for (const line of [l.green, l.walk_in]) if (line.size > 0) lines.push({ line, i: 0, capMs, serviceMs });
      addListed(l.appointment);
    }
    addListed(this.state.directed.get(this.counterId));
    listed.sort((a, b) => a.key - b.key || a.serviceMs - b.serviceMs);
    let li = 0;
    return () => {
      let best: LineSource | null = null;
      let bestKey = li < listed.length ? listed[li]!.key : Infinity;
      let bestService = li < listed.length ? listed[li]!.serviceMs : Infinity;
      for (const s of lines) {
        let e = s.line.at(s.i);
        while (e && this.skip.has(e.id)) e = s.line.at(++s.i);
        if (e && (e.lineKey + s.capMs < bestKey || (e.lineKey + s.capMs === bestKey && s.serviceMs < bestService))) {
          best = s;
          bestKey = e.lineKey + s.capMs;
          bestService = s.serviceMs;
        }
      }
      if (best) {
        const e = best.line.at(best.i++)!;
        return { id: e.id, deadline: e.lineKey + best.capMs, release: 0, serviceMs: best.serviceMs, key: bestKey };
      }
      return li < listed.length ? listed[li++] : undefined;
    };
  }
}

export type LookAhead = { ok: true } | { ok: false; instead: Job };

/**
 * Whether calling `pick` now keeps every deadline that earliest-due-first from now would keep,
 * and makes no ticket later than earliest-deadline-first would; when not, the ticket to call instead
 * (the earliest deadline that may be called now).
 */
export function lookAhead(model: DeadlineModel, pick: Ticket): LookAhead {
  const p = model.jobOf(pick);
  // The common case, cheaply: the pick is itself first (or ties with the first, with a service no longer).
  const first = model.first();
  if (!first || first.id === p.id || (first.deadline === p.deadline && p.serviceMs <= first.serviceMs)) return { ok: true };
  const next = model.jobs();
  const a = model.servers();
  const b = [...a];
  // B: the pick first, at this counter (free now: the earliest of the pool).
  let lateB = place(b, 0, p.serviceMs) - p.deadline;
  let lateA = -Infinity;
  let passed = p.deadline === Infinity;
  let instead: Job | undefined;
  for (let job = next(); job; job = next()) {
    if (!instead && job.release <= model.now) {
      // The pick itself comes first (a tie with a service no longer is as good).
      if (job.id === p.id || (job.deadline === p.deadline && p.serviceMs <= job.serviceMs)) return { ok: true };
      instead = job;
    }
    if (job.id === p.id) {
      lateA = Math.max(lateA, place(a, job.release, job.serviceMs) - job.deadline);
      passed = true;
    } else {
      lateA = Math.max(lateA, place(a, job.release, job.serviceMs) - job.deadline);
      lateB = Math.max(lateB, place(b, job.release, job.serviceMs) - job.deadline);
    }
    if (passed && p.deadline !== Infinity && sameTimes(a, b)) {
      // From here both orders call the same tickets at the same times.
      if (lateB <= Math.max(lateA, 0)) return { ok: true };
      for (let rest = next(); rest; rest = next()) {
        if (place(a, rest.release, rest.serviceMs) - rest.deadline >= lateB) return { ok: true };
      }
      return instead ? { ok: false, instead } : { ok: true };
    }
  }
  return lateB <= Math.max(lateA, 0) || !instead ? { ok: true } : { ok: false, instead };
}
