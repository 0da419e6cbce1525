// Kiosk routes: the hall overview every terminal reads, and issuing tickets.
import { ApiError, readBody, type Router } from '../http.js';
import { checkCredentials, terminalOf } from '../access.js';
import { issueTicketSchema } from '../requests.js';
import type { IssueTicketResponse } from '../dto.js';
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
      const ticketId = deps.runtime.newId();
      deps.runtime.execute({ type: 'issue_ticket', ticketId, matterId: body.matterId, greenCategory, kioskId: kiosk.id });
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
