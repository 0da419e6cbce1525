// Check-in of a remote ticket (线上取号) at a kiosk: issues a real ticket into its queue at the
// place remote-placement.ts gives. Pure; the caller (hall/remote-tickets/) reads the remote ticket
// from its store and refuses what is not pending or past its window before asking.
import { assertAdmissible } from './admission.js';
import { serviceDayOf } from './clock.js';
import type { HallCommand } from './commands.js';
import { formatTicketNumber } from './decide-visitor.js';
import { DomainError } from './errors.js';
import type { HallEvent } from './events.js';
import { remotePlace } from './remote-placement.js';
import type { HallSetup, HallState } from './state.js';

type RemoteCommand = Extract<HallCommand, { type: 'check_in_remote' }>;

export function decideRemoteCheckIn(state: HallState, setup: HallSetup, cmd: RemoteCommand, now: number): HallEvent[] {
  const r = cmd.remote;
  if (r.status !== 'pending') throw new DomainError('remote_not_pending', `remote ticket ${r.id} is ${r.status}`, { status: r.status });
  if (serviceDayOf(r.issuedAt, setup.dayRule) !== state.serviceDay) throw new DomainError('remote_other_day', `remote ticket ${r.id} was for another day`);
  if (now > r.checkInUntil) throw new DomainError('remote_expired', `remote ticket ${r.id} had to be checked in by ${new Date(r.checkInUntil).toISOString()}`, { checkInUntil: r.checkInUntil });
  const already = [...state.tickets.values()].find((t) => t.remoteTicketId === r.id);
  if (already) throw new DomainError('already_checked_in', `remote ticket ${r.id} is already checked in`, { number: already.number });
  if (cmd.greenCategory !== null && !setup.greenCategories.has(cmd.greenCategory)) throw new DomainError('unknown_category', `no green-channel category "${cmd.greenCategory}"`);
  // The number was promised when it was issued remotely: caps and cut-offs bound its issue at central, not here.
  assertAdmissible(state, setup, r.matterId, 'check_in', 'hall', now);
  const queue = setup.queues.get(setup.matters.get(r.matterId)!.queueId)!;
  const ticketClass = cmd.greenCategory ? 'green' : 'walk_in';
  const issueSeq = state.nextIssueSeq;
  const place = remotePlace(state, { queueId: queue.id, ticketClass, remoteIssuedAt: r.issuedAt, issueSeq, placement: cmd.placement, maxSharePercent: cmd.maxSharePercent }, now);
  const queueNumber = (state.lastQueueNumber.get(queue.id) ?? 0) + 1;
  return [
    {
      type: 'ticket_issued',
      ticketId: cmd.ticketId,
      number: formatTicketNumber(queue.prefix, queueNumber),
      queueId: queue.id,
      matterId: r.matterId,
      ticketClass,
      greenCategory: cmd.greenCategory,
      kioskId: cmd.kioskId,
      issuedAt: now,
      issueSeq,
      queueNumber,
      appointmentId: null,
      checkIn: null,
      remoteTicketId: r.id,
      lineKey: place.lineKey,
      lineSeq: place.lineSeq,
    },
  ];
}
