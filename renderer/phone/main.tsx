import { mountPage } from '../shared/page/mount';
import { configureLocales } from '../shared/i18n';
import { PhoneApp } from './PhoneApp';
import { readPhoneAddress } from './address';
import '../ticket/ticket.css';
import './phone.css';
// Other features' screens hook in here, one line each (extensions.ts).
import './notify/register';

// A visitor's own phone: every language the build ships is offered; Chinese first.
configureLocales({ default: 'zh-CN', kiosk: ['zh-CN', 'en', 'mn-Mong'] });
mountPage('phone.title', <PhoneApp address={readPhoneAddress(window.location.search)} />);
