// Deep copy of a HallState: used once per service day (to decide a command
// right after the day closes) and by tests. O(tickets).
import type { HallState } from './state.js';
import { emptyDirected, emptyLines } from './state.js';

export function cloneState(state: HallState): HallState {
  const lines = emptyLines(state.lines.keys());
  const directed = emptyDirected(state.directed.keys());
  const copy: HallState = {
    serviceDay: state.serviceDay,
    nextIssueSeq: state.nextIssueSeq,
    lastQueueNumber: new Map(state.lastQueueNumber),
    walkInIssued: new Map(state.walkInIssued),
    tickets: new Map([...state.tickets].map(([id, t]) => [id, { ...t }])),
    lines,
    directed,
    counters: new Map([...state.counters].map(([id, c]) => [id, { ...c }])),
    openRatings: new Map([...state.openRatings].map(([id, r]) => [id, { ...r }])),
    lastCallReason: new Map(state.lastCallReason),
    suspended: new Set(state.suspended),
    serviceTimes: new Map([...state.serviceTimes].map(([q, times]) => [q, [...times]])),
  };
  for (const [q, l] of state.lines) {
    const target = lines.get(q)!;
    for (const c of ['green', 'appointment', 'walk_in'] as const) for (const id of l[c].ids()) target[c].insert(copy.tickets.get(id)!);
  }
  for (const [c, line] of state.directed) for (const id of line.ids()) directed.get(c)!.insert(copy.tickets.get(id)!);
  return copy;
}
