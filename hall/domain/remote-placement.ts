// Where a remote ticket (线上取号, docs/remote-tickets.md) goes in its queue when its visitor checks
// in at the kiosk. Pure.
//
// Placement (remoteTickets.placement in the hall configuration):
//   - check_in_time (default): like a walk-in at check-in — at the back of its line. Nobody is passed.
//   - issue_time: the place it earned when it was issued remotely (its line key is the remote issue
//     time), BOUNDED: a ticket placed ahead of its check-in time (a "jumper") may pass a waiting ticket w
//     only while, counting this pass, the jumpers that passed w since w was issued stay within
//        floor(maxSharePercent × (non-jumper tickets ahead of w now) / (100 − maxSharePercent)).
//     Where the earned place breaks that for some ticket behind it, the remote ticket goes to the first
//     place behind which nobody's bound breaks (the back of the line at worst: check_in_time).
// What it promises (tests/unit/domain/remote-placement.test.ts, a property over random days): a walk-in
// w with A tickets (not jumpers) ahead of it in its line when issued is passed by at most
// floor(maxSharePercent × A / (100 − maxSharePercent)) remote tickets in all — non-jumpers ahead of w
// only leave (are called) after w is issued, so each pass's allowance is at most that. With 20 %, a
// walk-in with 8 ahead is passed by at most 2 remote tickets; the first in line by none. Walk-ins
// are always served: a line is called in its order, so w is called after at most A + that many calls.
// Only tickets of the same line (queue and class) are passed: the classes' order and the ratio are the
// calling policy's, as for any ticket. Tickets that enter ahead of w later by other rules (a transfer
// keeps its place, a rejoining no-show) are outside this bound.
// Dangers: a jumper's latest call time counts from its earned place (lineKey + the policy's cap), so it
// may be overdue at check-in and go first at a counter that serves several queues (calling-policy.md).
import type { HallState } from './state.js';
import type { QueueId, Ticket, TicketClass } from './types.js';
import type { LinePlace } from './waiting-line.js';

export type RemotePlacement = 'check_in_time' | 'issue_time';

/** A ticket checked in from a remote ticket and placed ahead of its check-in time. */
export function isJumper(t: Ticket): boolean {
  return t.remoteTicketId != null && t.lineKey < t.issuedAt;
}

function placedBefore(a: LinePlace, b: LinePlace): boolean {
  return a.lineKey < b.lineKey || (a.lineKey === b.lineKey && a.lineSeq < b.lineSeq);
}

/** How many remote tickets a non-jumper with `nonJumpersAhead` ahead of it may have passed it, in all. */
export function passAllowance(nonJumpersAhead: number, maxSharePercent: number): number {
  if (maxSharePercent <= 0) return 0;
  if (maxSharePercent >= 100) return Number.MAX_SAFE_INTEGER;
  return Math.floor((maxSharePercent * nonJumpersAhead) / (100 - maxSharePercent));
}

export interface RemotePlaceInput {
  queueId: QueueId;
  ticketClass: TicketClass;
  /** When central issued the remote ticket: its earned place under issue_time. */
  remoteIssuedAt: number;
  /** The issue sequence the new ticket gets (state.nextIssueSeq). */
  issueSeq: number;
  placement: RemotePlacement;
  maxSharePercent: number;
}

/** The line place of a remote ticket checked in at `now`. */
export function remotePlace(state: HallState, input: RemotePlaceInput, now: number): LinePlace {
  const atBack: LinePlace = { lineKey: now, lineSeq: input.issueSeq };
  const line = state.lines.get(input.queueId)?.[input.ticketClass];
  if (input.placement === 'check_in_time' || !line || input.remoteIssuedAt >= now) return atBack;
  const earned: LinePlace = { lineKey: input.remoteIssuedAt, lineSeq: input.issueSeq };
  const earliest = line.positionOf(earned);
  // Every jumper of this line today, called or not: they are what a waiting ticket has been passed by.
  const jumpers = [...state.tickets.values()].filter((t) => t.queueId === input.queueId && t.ticketClass === input.ticketClass && isJumper(t));
  const ok: boolean[] = [];
  let jumpersAhead = 0;
  for (let i = 0; i < line.size; i++) {
    const entry = line.at(i)!;
    const w = state.tickets.get(entry.id)!;
    if (isJumper(w)) {
      ok.push(true);
      jumpersAhead++;
      continue;
    }
    const passed = jumpers.filter((j) => j.issuedAt > w.issuedAt && placedBefore(j, w)).length;
    ok.push(passed + 1 <= passAllowance(i - jumpersAhead, input.maxSharePercent));
  }
  // The first place at or behind the earned one with nobody behind it over their bound.
  let p = line.size;
  while (p > earliest && ok[p - 1]) p--;
  if (p === earliest) return earned;
  if (p === line.size) return atBack;
  return line.placeBehind(p, now);
}
