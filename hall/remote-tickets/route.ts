// POST /api/v1/kiosk/remote-check-in (route `remoteCheckIn`, kiosk token): a remote ticket (线上取号)
// checked in at the kiosk by its code, its QR text or the ID card just read, then printed like any
// ticket. Same body as the appointment check-in. Refusals: 404 unknown_remote_ticket (not at this hall
// — maybe not relayed yet: the kiosk offers a normal ticket), 409 remote_not_pending {status} (expired
// or cancelled), 409 remote_expired {checkInUntil}, 409 already_checked_in {number}, 409 no_card.
// A card that finds no remote ticket is put back (still read) for the appointment check-in.
import { ApiError } from '../api/http.js';
import type { Router } from '../api/router.js';
import type { ApiDeps } from '../api/routes/deps.js';
import { deliverTicket } from '../api/routes/kiosk.js';
import { greenCategoryFor, localParts } from '../domain/index.js';
import { ageOn } from '../../drivers/idcard/index.js';
import type { RemoteTickets } from './remote-tickets.js';

export function remoteCheckInRoute(router: Router, deps: ApiDeps & { remote: RemoteTickets }): void {
  const matterName = new Map(deps.config.matters.map((m) => [m.id, m.name]));
  router.route('remoteCheckIn', async (ctx) => {
    const kiosk = ctx.terminal;
    const body = await ctx.body();
    const card = body.method === 'card' ? deps.cards.take(kiosk.id, deps.now()) : null;
    if (body.method === 'card' && !card) throw new ApiError(409, 'no_card', 'no ID card was read on this kiosk just now: put the card on the reader again');
    // An elderly card holder goes to the green channel, as with any real-name ticket.
    const today = localParts(deps.now(), deps.config.hall.utcOffsetMinutes).date;
    const green = card ? greenCategoryFor(null, ageOn(card.birthDate, today), deps.config.realName) : null;
    let checked;
    try {
      checked = deps.remote.checkIn(card ? { method: 'card', idNumber: card.idNumber } : body.method === 'card' ? { method: 'card', idNumber: '' } : body, kiosk.id, green);
    } catch (err) {
      // No remote ticket for this card: the card stays read for the appointment check-in the kiosk tries next.
      if (card && err instanceof ApiError && err.code === 'unknown_remote_ticket') deps.cards.put(kiosk.id, card);
      throw err;
    }
    const { ticketId, remote } = checked;
    const delivered = await deliverTicket(deps, ctx, kiosk.id, ticketId);
    return {
      ...delivered,
      remote: { code: remote.code, matterName: matterName.get(remote.matter_id) ?? remote.matter_id, placement: deps.config.remoteTickets.placement, issuedAt: remote.issued_at },
    };
  });
}
