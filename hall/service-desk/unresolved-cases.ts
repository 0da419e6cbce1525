// 办不成事 cases (004 第三十三条; 003 §二.5): a visitor who could not get a thing done tells
// the 办不成事反映窗口 (or a general counter, where the hall has none); the case is recorded
// there, escalated at once to the leader on duty on site (serviceDesk.leadersOnDuty), answered
// by that leader (or the hall's manager) on the admin page, and the manager sees every case.
// Contract: recorded only at counters of kind 'unresolved' or 'general' (other kinds refuse
// with counter_kind_not_for_cases); a summary of 2–300 characters; one answer per case.
// Cases are the outbox's events (unresolved_case_*), listed for CASE_DAYS service days.
import { addDays, weekdayOf } from '../domain/calendar/index.js';
import type { HallConfig, StaffConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import { readEvents } from './event-reader.js';
import { ApiError } from '../api/http.js';

/** How far back the admin page lists cases. */
export const CASE_DAYS = 90;
export const CASE_COUNTER_KINDS: readonly string[] = ['unresolved', 'general'];

export interface UnresolvedCase {
  caseId: string;
  recordedAt: number;
  serviceDay: string;
  counterId: string;
  staffId: string | null;
  matterId: string | null;
  ticketNumber: string | null;
  summary: string;
  escalatedTo: string | null;
  answer: { text: string; staffId: string; at: number } | null;
}

/** The leader on duty on site on a service day: the first listed whose days contain its weekday. */
export function leaderOnDuty(config: Pick<HallConfig, 'serviceDesk' | 'staff'>, serviceDay: string): StaffConfig | null {
  const day = weekdayOf(serviceDay);
  const entry = config.serviceDesk.leadersOnDuty.find((l) => l.days.includes(day));
  return entry ? (config.staff.find((s) => s.id === entry.staffId) ?? null) : null;
}

function text(value: string, min: number, max: number, what: string): string {
  const t = value.trim();
  if (t.length < min || t.length > max) throw new ApiError(400, 'invalid_request', `${what} must be ${min}–${max} characters`);
  return t;
}

export class UnresolvedCases {
  constructor(
    private readonly config: HallConfig,
    private readonly runtime: HallRuntime,
  ) {}

  /** Records a case at a counter and escalates it to today's leader on duty, in one transaction. */
  record(input: { counterId: string; staffId: string | null; matterId: string | null; ticketNumber: string | null; summary: string }): UnresolvedCase {
    const counter = this.config.counters.find((c) => c.id === input.counterId);
    if (!counter) throw new ApiError(404, 'not_found', `no counter "${input.counterId}"`);
    if (!CASE_COUNTER_KINDS.includes(counter.kind)) {
      throw new ApiError(409, 'counter_kind_not_for_cases', `办不成事 cases are taken at the unresolved-issue counter or a general counter, not at a ${counter.kind} counter`);
    }
    if (input.matterId !== null && !this.config.matters.some((m) => m.id === input.matterId)) throw new ApiError(400, 'invalid_request', `no matter "${input.matterId}"`);
    const summary = text(input.summary, 2, 300, 'what the visitor could not get done');
    const caseId = this.runtime.newId();
    const leader = leaderOnDuty(this.config, this.runtime.state.serviceDay);
    this.runtime.recordWith(
      [
        { type: 'unresolved_case_recorded', caseId, counterId: counter.id, staffId: input.staffId, matterId: input.matterId, ticketNumber: input.ticketNumber, summary },
        { type: 'unresolved_case_escalated', caseId, leaderStaffId: leader?.id ?? null },
      ],
      () => {},
    );
    return this.get(caseId)!;
  }

  /** The leader's (or a manager's) answer; a case is answered once. */
  answer(caseId: string, staffId: string, answerText: string): UnresolvedCase {
    const current = this.get(caseId);
    if (!current) throw new ApiError(404, 'not_found', `no 办不成事 case "${caseId}"`);
    if (current.answer) throw new ApiError(409, 'already_answered', 'this case has already been answered');
    const answer = text(answerText, 2, 500, 'the answer');
    this.runtime.recordWith([{ type: 'unresolved_case_answered', caseId, staffId, answer }], () => {});
    return this.get(caseId)!;
  }

  get(caseId: string): UnresolvedCase | null {
    return this.list().find((c) => c.caseId === caseId) ?? null;
  }

  /** Every case of the last CASE_DAYS service days, newest first. */
  list(): UnresolvedCase[] {
    const since = addDays(this.runtime.state.serviceDay, -CASE_DAYS);
    const cases = new Map<string, UnresolvedCase>();
    for (const e of readEvents(this.runtime, ['unresolved_case_recorded', 'unresolved_case_escalated', 'unresolved_case_answered'], since)) {
      if (e.type === 'unresolved_case_recorded') {
        const p = e.payload;
        cases.set(p.caseId, { caseId: p.caseId, recordedAt: e.at, serviceDay: e.serviceDay, counterId: p.counterId, staffId: p.staffId, matterId: p.matterId, ticketNumber: p.ticketNumber, summary: p.summary, escalatedTo: null, answer: null });
        continue;
      }
      const c = cases.get(e.payload.caseId);
      if (!c) continue;
      if (e.type === 'unresolved_case_escalated') c.escalatedTo = e.payload.leaderStaffId;
      else c.answer = { text: e.payload.answer, staffId: e.payload.staffId, at: e.at };
    }
    return [...cases.values()].reverse();
  }
}
