// Deep copy of a HallState: used once per service day (to decide a command
// right after the day closes) and by tests. O(tickets).
import type { HallState } from './state.js';
import { emptyLines } from './state.js';

export function cloneState(state: HallState): HallState {
  const lines = emptyLines(state.lines.keys());
  const copy: HallState = {
    serviceDay: state.serviceDay,
    nextIssueSeq: state.nextIssueSeq,
    lastQueueNumber: new Map(state.lastQueueNumber),
    tickets: new Map([...state.tickets].map(([id, t]) => [id, { ...t }])),
    lines,
    counters: new Map([...state.counters].map(([id, c]) => [id, { ...c }])),
    openRatings: new Map([...state.openRatings].map(([id, r]) => [id, { ...r }])),
    lastCallReason: new Map(state.lastCallReason),
  };
  for (const [q, l] of state.lines) {
    const target = lines.get(q)!;
    for (const id of l.green.ids()) target.green.insert(copy.tickets.get(id)!);
    for (const id of l.normal.ids()) target.normal.insert(copy.tickets.get(id)!);
  }
  return copy;
}
