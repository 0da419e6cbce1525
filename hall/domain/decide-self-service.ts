// A self-service transaction finished at a terminal of the 24-hour zone: it ends on the
// rating screen (standards.md: a self-service terminal jumps to rating when a matter is done;
// 001 第三十六、三十七条: every channel rated). Pure; see decide.ts.
// The rating it opens is an ordinary rating request whose `counterId` is the terminal (the
// place rated) and whose `ticketId` is the transaction (the service rated); the terminal's
// earlier unanswered rating closes as not rated first, exactly as at a counter — one rating per
// service, and never an invented level. Which terminals may do this (the 24-hour zone) is the
// caller's check: the domain does not know terminals.
import type { HallCommand } from './commands.js';
import { DomainError } from './errors.js';
import type { HallEvent } from './events.js';
import type { HallSetup, HallState } from './state.js';

type SelfServiceCommand = Extract<HallCommand, { type: 'finish_self_service' }>;

export function decideSelfService(state: HallState, setup: HallSetup, cmd: SelfServiceCommand, now: number): HallEvent[] {
  const matter = setup.matters.get(cmd.matterId);
  if (!matter) throw new DomainError('unknown_matter', `no matter "${cmd.matterId}"`);
  if (!matter.selfService) throw new DomainError('not_self_service', `matter ${cmd.matterId} is not done at a self-service terminal`);
  const events: HallEvent[] = [];
  for (const open of state.openRatings.values()) {
    if (open.counterId === cmd.terminalId) {
      events.push({ type: 'rating_recorded', ratingId: open.id, ticketId: open.ticketId, counterId: open.counterId, outcome: 'not_rated', source: 'timeout' });
    }
  }
  events.push({
    type: 'rating_requested',
    ratingId: cmd.ratingId,
    ticketId: cmd.serviceId,
    number: '',
    counterId: cmd.terminalId,
    staffId: null,
    matterId: cmd.matterId,
    expiresAt: now + setup.ratingSeconds * 1000,
  });
  return events;
}
