import { mountPage } from '../shared/page/mount';
import { configureLocales, setLocale } from '../shared/i18n';
import { localeFromAddress } from '../shared/i18n/address-locale';
import { PhoneApp } from './PhoneApp';
import { readPhoneAddress } from './address';
import '../ticket/ticket.css';
import './phone.css';
// Other features' screens hook in here, one line each (extensions.ts).
import './notify/register';
import './remote/register';

// A visitor's own phone: every language the build ships is offered, Chinese first; the language
// the ticket was taken in (the kiosk's QR adds `lang=`) is switched to once its catalog arrives.
configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'] });
const lang = localeFromAddress(window.location.search);
if (lang) void setLocale(lang);
mountPage('phone.title', <PhoneApp address={readPhoneAddress(window.location.search)} />);
