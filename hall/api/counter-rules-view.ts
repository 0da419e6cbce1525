// The counter view's rule parts (issue 4): tickets a counter may special-call,
// set-aside tickets it may resume, no-shows that may still rejoin, the recall
// rules of the current ticket, and "why this ticket" for the current and the
// next calls. Pure over the engine state; HallViews.counterView merges it in.
// Contract: nothing here changes state or returns identity data; lists are
// bounded (a busy day has thousands of tickets; a counter page is refreshed on
// every event). Availability here mirrors the engine's refusals in
// hall/domain/decide-counter.ts — if a rule changes there, change it here.
import { policyOf, servedQueues, type CallChoice, type CallingPolicy, type HallSetup, type HallState, type Ticket, type TicketClass, type WaitingLine } from '../domain/index.js';
import type { CallNotes, Streaks } from './call-notes.js';
import type {
  ActionAvailabilityDTO,
  CallableTicketDTO,
  CallWhyDTO,
  CounterViewDTO,
  RecallStateDTO,
  RejoinableTicketDTO,
  StreakPositionDTO,
  SuspendedTicketDTO,
  TicketDTO,
} from './dto.js';

export const MAX_CALLABLE = 100;
export const MAX_LISTED = 50;

export interface CounterRulesInput {
  state: HallState;
  setup: HallSetup;
  counterId: string;
  now: number;
  notes: CallNotes;
  /** previewCalls() of this counter, already computed for `next`. */
  preview: CallChoice[];
  ticket(t: Ticket): TicketDTO;
  matterName(matterId: string): string;
  greenLabel(category: string | null): string | null;
  counters: { id: string; number: number; name: string }[];
}

type RulesPart = Pick<CounterViewDTO, 'callable' | 'suspended' | 'rejoinable' | 'recall' | 'why' | 'nextCalls' | 'transferCounters' | 'suspendRules'>;

const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

/** The ratio cycle position of a call, when a ratio actually decided it. */
export function streakPosition(policy: CallingPolicy, reason: string, ticketClass: TicketClass, before: Streaks, after: Streaks): StreakPositionDTO | null {
  if (policy.mode !== 'ratio') return null;
  const ratio = { ...policy.ratio };
  // The ratio branch of the calling rule counts a priority call up and clears the walk-in count;
  // a class_first call without that change came from plain class order (no walk-in waited).
  if (reason === 'class_first' && ticketClass !== 'walk_in' && after.priority === before.priority + 1 && after.walkIn === 0) {
    return { side: 'priority', index: after.priority, of: ratio.priority, ratio };
  }
  if (reason === 'ratio_turn') return { side: 'walk_in', index: before.walkIn + 1, of: ratio.walkIn, ratio };
  return null;
}

export function whyOf(policy: CallingPolicy, reason: string, ticketClass: TicketClass, specialReason: string | null, before: Streaks, after: Streaks): CallWhyDTO {
  return {
    reason,
    ticketClass,
    specialReason,
    policyName: policy.name,
    policyMode: policy.mode,
    maxWaitMinutes: policy.maxWaitMinutes,
    position: streakPosition(policy, reason, ticketClass, before, after),
  };
}

/** Today's ticket by the number a visitor shows: "A012", "a12", "A 12" all find A012. */
export function ticketByNumber(state: HallState, text: string): Ticket | null {
  const wanted = /^([A-Za-z]{1,4})\s*(\d{1,5})$/.exec(text.trim());
  if (!wanted) return null;
  const prefix = wanted[1]!.toUpperCase();
  const n = Number(wanted[2]);
  for (const t of state.tickets.values()) {
    const m = /^([A-Za-z]+)(\d+)$/.exec(t.number);
    if (m && m[1]!.toUpperCase() === prefix && Number(m[2]) === n) return t;
  }
  return null;
}

function callable(input: CounterRulesInput): CallableTicketDTO[] {
  const { state, setup, counterId, now } = input;
  // Lines are sorted: the first MAX_CALLABLE of each line are enough, whatever the number waiting.
  const heads = (line: WaitingLine | undefined) => {
    const out: string[] = [];
    for (let i = 0; line && i < Math.min(MAX_CALLABLE, line.size); i++) out.push(line.at(i)!.id);
    return out;
  };
  const ids = heads(state.directed.get(counterId));
  for (const q of servedQueues(setup, counterId)) {
    const lines = state.lines.get(q);
    if (lines) for (const line of Object.values(lines)) ids.push(...heads(line));
  }
  const tickets = ids.map((id) => state.tickets.get(id)).filter((t): t is Ticket => t !== undefined && t.status === 'waiting');
  tickets.sort((a, b) => a.lineKey - b.lineKey || a.issueSeq - b.issueSeq);
  return tickets.slice(0, MAX_CALLABLE).map((t) => ({
    id: t.id,
    number: t.number,
    ticketClass: t.ticketClass,
    greenCategoryLabel: input.greenLabel(t.greenCategory),
    matterName: input.matterName(t.matterId),
    queueId: t.queueId,
    issuedAt: t.issuedAt,
    waitedMinutes: minutes(now - t.issuedAt),
    directedHere: t.targetCounterId === counterId,
  }));
}

function suspended(input: CounterRulesInput): SuspendedTicketDTO[] {
  const { state, setup, now } = input;
  const out: SuspendedTicketDTO[] = [];
  for (const id of state.suspended) {
    const t = state.tickets.get(id);
    if (!t) continue;
    const until = t.suspendedUntil ?? now;
    out.push({
      id: t.id,
      number: t.number,
      matterName: input.matterName(t.matterId),
      reason: t.suspendReason ?? '',
      until,
      minutesLeft: Math.max(0, Math.ceil((until - now) / 60_000)),
      counterNumber: setup.counters.get(input.notes.suspendedBy(t.id) ?? '')?.number ?? null,
    });
  }
  return out.sort((a, b) => a.until - b.until).slice(0, MAX_LISTED);
}

function rejoinable(input: CounterRulesInput): RejoinableTicketDTO[] {
  const { state, setup, counterId, now } = input;
  const { maxRejoins, rejoinWithinMinutes } = setup.rules;
  const served = new Set(servedQueues(setup, counterId));
  const out: RejoinableTicketDTO[] = [];
  for (const t of state.tickets.values()) {
    if (t.status !== 'no_show' || t.rejoinCount >= maxRejoins) continue;
    if (!served.has(t.queueId) && t.counterId !== counterId) continue;
    const noShowAt = t.endedAt ?? now;
    const rejoinUntil = noShowAt + rejoinWithinMinutes * 60_000;
    if (now > rejoinUntil) continue;
    out.push({ id: t.id, number: t.number, matterName: input.matterName(t.matterId), noShowAt, rejoinUntil, minutesLeft: Math.ceil((rejoinUntil - now) / 60_000), rejoinCount: t.rejoinCount, maxRejoins });
  }
  return out.sort((a, b) => b.noShowAt - a.noShowAt).slice(0, MAX_LISTED);
}

export function recallState(setup: HallSetup, current: Ticket | undefined): RecallStateDTO | null {
  if (!current || current.status !== 'called') return null;
  const { maxRecalls, recallCooldownSeconds, recallsBeforeNoShow, autoNoShowMinutes } = setup.rules;
  const last = current.lastCalledAt ?? current.calledAt ?? 0;
  return {
    count: current.recallCount,
    max: maxRecalls,
    cooldownSeconds: recallCooldownSeconds,
    readyAt: current.recallCount >= maxRecalls ? null : last + recallCooldownSeconds * 1000,
    neededBeforeNoShow: recallsBeforeNoShow,
    stillNeeded: Math.max(0, recallsBeforeNoShow - current.recallCount),
    autoNoShowAt: autoNoShowMinutes === null ? null : last + autoNoShowMinutes * 60_000,
  };
}

export function counterRules(input: CounterRulesInput): RulesPart {
  const { state, setup, counterId, notes } = input;
  const policy = policyOf(setup, counterId);
  const s = state.counters.get(counterId);
  const current = s?.currentTicketId ? state.tickets.get(s.currentTicketId) : undefined;
  let why: CallWhyDTO | null = null;
  if (current) {
    const note = notes.of(counterId, current.id);
    const reason = note?.reason ?? state.lastCallReason.get(counterId) ?? 'in_order';
    const streaks = { priority: s?.priorityStreak ?? 0, walkIn: s?.walkInStreak ?? 0 };
    why = whyOf(policy, reason, current.ticketClass, note?.specialReason ?? null, note?.before ?? streaks, note?.after ?? streaks);
  }
  let before: Streaks = { priority: s?.priorityStreak ?? 0, walkIn: s?.walkInStreak ?? 0 };
  const nextCalls = input.preview.flatMap((c) => {
    const t = state.tickets.get(c.ticketId);
    if (!t) return [];
    const after = { priority: c.priorityStreak, walkIn: c.walkInStreak };
    const item = { ticket: input.ticket(t), why: whyOf(policy, c.reason, t.ticketClass, null, before, after) };
    before = after;
    return [item];
  });
  return {
    callable: callable(input),
    suspended: suspended(input),
    rejoinable: rejoinable(input),
    recall: recallState(setup, current),
    why,
    nextCalls,
    transferCounters: input.counters
      .filter((c) => c.id !== counterId)
      .map((c) => ({ id: c.id, number: c.number, name: c.name, status: state.counters.get(c.id)?.status ?? 'signed_out' })),
    suspendRules: { defaultMinutes: setup.rules.suspendDefaultMinutes, maxMinutes: setup.rules.suspendMaxMinutes },
  };
}

/**
 * Availability of the rule-bound actions. `recall` reports the cooldown as
 * "recall_cooldown" (the page counts down to recall.readyAt and enables it by
 * itself); `no_show` reports "recalls_required" until enough recalls were made.
 */
export function ruleActions(input: CounterRulesInput, part: RulesPart): Record<'recall' | 'no_show' | 'call_specific' | 'suspend' | 'resume_suspended' | 'rejoin', ActionAvailabilityDTO> {
  const s = input.state.counters.get(input.counterId)!;
  const current = s.currentTicketId ? input.state.tickets.get(s.currentTicketId) : undefined;
  const act = (enabled: boolean, reason: string | null): ActionAvailabilityDTO => ({ enabled, reason: enabled ? null : reason });
  const recall = part.recall;
  const called = current?.status === 'called';
  const holdingReason = current ? 'already_serving' : 'no_current_ticket';
  const readyReason = s.status === 'paused' ? 'paused' : current ? 'counter_busy' : null;
  return {
    recall: !recall
      ? act(false, holdingReason)
      : recall.readyAt === null
        ? act(false, 'recall_limit')
        : act(input.now >= recall.readyAt, 'recall_cooldown'),
    no_show: !recall ? act(false, holdingReason) : act(recall.stillNeeded === 0, 'recalls_required'),
    call_specific: act(s.status === 'idle' && part.callable.length > 0, readyReason ?? 'no_waiting'),
    suspend: act(current !== undefined && (called || current.status === 'serving'), 'no_current_ticket'),
    resume_suspended: act(s.status === 'idle' && part.suspended.length > 0, readyReason ?? 'none_suspended'),
    rejoin: act(true, null),
  };
}
