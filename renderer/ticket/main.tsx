import { mountPage } from '../shared/page/mount';
import { ApiClient } from '../shared/api/client';
import { TicketProgressApp, readTicketAddress } from './TicketProgressApp';
import './ticket.css';

// The public page has no terminal token: the ticket's secret key is its only access.
const client = new ApiClient({ getToken: () => null });
mountPage('ticketPage.title', <TicketProgressApp client={client} address={readTicketAddress(window.location.search)} />);
