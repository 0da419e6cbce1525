import { mountPage } from '../shared/page/mount';
import { ApiClient } from '../shared/api/client';
import { TicketProgressApp, readTicketAddress } from './TicketProgressApp';
import { configureLocales, setLocale } from '../shared/i18n';
import { localeFromAddress } from '../shared/i18n/address-locale';
import './ticket.css';

// The language the ticket was taken in (the kiosk's QR code adds `lang=`): the page switches to it
// once its catalog (and for Mongolian its style sheet and font) has arrived; Chinese meanwhile.
const lang = localeFromAddress(window.location.search);
if (lang) {
  configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', lang] });
  void setLocale(lang);
}

// The public page has no terminal token: the ticket's secret key is its only access.
const client = new ApiClient({ getToken: () => null });
mountPage('ticketPage.title', <TicketProgressApp client={client} address={readTicketAddress(window.location.search)} />);
