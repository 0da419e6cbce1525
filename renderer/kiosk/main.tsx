import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { KioskApp } from './KioskApp';
import './kiosk.css';
import './kiosk-layout.css';
// mongolian.css comes with the Mongolian catalog (shared/i18n loadCatalog), not in the first load.
import './kiosk-access.css';

const connection = connectPage('kiosk');
mountPage('kiosk.title', <KioskApp connection={connection} />);
