// The hall's side of a remote ticket (线上取号) issued by central (inbox kind `remote_ticket`,
// protocol/central/remote-tickets.ts, docs/remote-tickets.md): stored for check-in at the kiosk.
// Contract: applied = stored (or already stored: a repeated relay); refused `not_enabled` when the
// hall's configuration has remote tickets off, `unknown_matter` when the hall no longer offers the
// matter. Check-in, expiry and their report to central are hall/remote-tickets/'s.
// Personal data: the body's hallIdentityHash (a keyed hash, never the ID number) is stored until
// the remote ticket leaves pending.
import { REMOTE_TICKET_KIND, remoteTicketMessageSchema } from '../../../../protocol/central/remote-tickets.js';
import { RemoteTicketStore } from '../../../remote-tickets/store.js';
import { registerInboxHandler } from '../inbox-handlers.js';

registerInboxHandler(REMOTE_TICKET_KIND, remoteTicketMessageSchema, (body, ctx) => {
  if (!ctx.config.remoteTickets.enabled) return { outcome: 'refused', reason: 'not_enabled' };
  if (!ctx.runtime.setup.matters.has(body.matterId)) return { outcome: 'refused', reason: 'unknown_matter' };
  const stored = new RemoteTicketStore(ctx.db).receive(body, ctx.now);
  if (stored) ctx.log(`remote ticket ${body.remoteTicketId} received (window until ${new Date(body.checkInUntil).toISOString()})`);
  return { outcome: 'applied' };
});
