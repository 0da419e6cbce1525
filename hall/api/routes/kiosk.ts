// Kiosk routes: the hall overview every terminal reads, and issuing tickets.
import { ApiError, readBody, type Router } from '../http.js';
import { checkCredentials, terminalOf } from '../access.js';
import { issueTicketSchema } from '../requests.js';
import type { IssueTicketRequest, IssueTicketResponse } from '../dto.js';
import { localParts } from '../../domain/index.js';
import { ageOn, validateIdNumber } from '../../../drivers/idcard/index.js';
import type { VisitorIdentity } from '../../identity/real-name.js';
import type { ApiDeps } from './deps.js';

export function kioskRoutes(router: Router, deps: ApiDeps): void {
  router.add('GET', '/api/v1/hall', (ctx) => {
    terminalOf(deps, ctx);
    return deps.views.hallInfo();
  });

  router.add(
    'POST',
    '/api/v1/tickets',
    async (ctx): Promise<IssueTicketResponse> => {
      const kiosk = terminalOf(deps, ctx, 'kiosk');
      const body = await readBody(ctx.req, issueTicketSchema);
      let greenCategory: string | null = null;
      if (body.greenChannel) {
        // Declared groups are confirmed by a guide or staff member (domain.md: green channel).
        const staff = checkCredentials(deps, body.greenChannel.staffNo, body.greenChannel.pin);
        if (!staff.roles.some((r) => r === 'guide' || r === 'counter' || r === 'manager')) {
          throw new ApiError(403, 'forbidden', 'only guides and counter staff may confirm a green-channel ticket');
        }
        greenCategory = body.greenChannel.categoryId;
      }
      const identity = body.identity ? visitorIdentity(deps, kiosk.id, body.identity) : null;
      if (identity) {
        const limit = deps.config.realName.maxTicketsPerMatterPerDay;
        if (deps.realName.ticketsToday(deps.runtime.state.serviceDay, identity, body.matterId) >= limit) {
          throw new ApiError(409, 'identity_limit', `this identity already took ${limit} tickets for this matter today`);
        }
        // Age read from the ID card (or number) puts an elderly visitor in the green channel by itself.
        if (!greenCategory && ageOn(identity.birthDate, today(deps)) >= deps.config.realName.elderlyAge) greenCategory = deps.config.realName.elderlyCategoryId;
      }
      const ticketId = deps.runtime.newId();
      deps.runtime.execute({ type: 'issue_ticket', ticketId, matterId: body.matterId, greenCategory, kioskId: kiosk.id }, () => {
        if (identity) deps.realName.bind(ticketId, deps.runtime.state.serviceDay, body.matterId, identity, deps.now(), deps.config.realName.retentionDays);
      });
      // Durable from here: the number exists even if printing fails.
      const ticket = deps.views.ticket(deps.runtime.state.tickets.get(ticketId)!);
      // The QR code must open from a visitor's phone: an absolute address on the host the kiosk used.
      const progressUrl = new URL(ticket.progressUrl, `http://${ctx.req.headers.host ?? 'localhost'}`).toString();
      const print = await deps.devices.printTicket(kiosk.id, ticket, progressUrl);
      if (print.status === 'printed') deps.runtime.recordDeviceEvent('ticket_printed', { ticketId, number: ticket.number, kioskId: kiosk.id });
      if (print.status === 'failed') deps.runtime.recordDeviceEvent('print_failed', { ticketId, number: ticket.number, kioskId: kiosk.id, code: print.code });
      return { ticket, print };
    },
    201,
  );

  router.add('GET', '/api/v1/tickets/:id/progress', (ctx) => {
    const key = ctx.url.searchParams.get('key') ?? '';
    const id = ctx.params.id!;
    if (key !== deps.views.progressKey(id)) throw new ApiError(404, 'not_found', 'no such ticket');
    const ticket = deps.runtime.state.tickets.get(id) ?? deps.ticketFromStore(id);
    if (!ticket) throw new ApiError(404, 'not_found', 'no such ticket');
    return deps.views.progress(ticket);
  });
}

const today = (deps: ApiDeps) => localParts(deps.now(), deps.config.hall.utcOffsetMinutes).date;

/** The identity behind a real-name ticket request, with the birth date the age rule needs. */
function visitorIdentity(deps: ApiDeps, kioskId: string, requested: NonNullable<IssueTicketRequest['identity']>): VisitorIdentity & { birthDate: string } {
  if (requested.source === 'card') {
    const card = deps.cards.take(kioskId, deps.now());
    if (!card) throw new ApiError(409, 'no_card', 'no ID card was read on this kiosk just now: put the card on the reader again');
    return card;
  }
  const checked = validateIdNumber(requested.idNumber, { today: today(deps) });
  if (!checked.ok) throw new ApiError(400, 'invalid_id_number', checked.message, [{ path: 'identity.idNumber', message: checked.reason }]);
  return { idNumber: checked.idNumber, cardType: checked.kind, source: 'manual', birthDate: checked.birthDate };
}
