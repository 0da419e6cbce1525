import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { KioskApp } from './KioskApp';
import { fetchFirstViews } from './firstViews';
import './kiosk.css';
import './kiosk-layout.css';
// mongolian.css comes with the Mongolian catalog (shared/i18n loadCatalog), not in the first load.
import './kiosk-access.css';

const connection = connectPage('kiosk');
// The first render is the start screen: its two reads are made before React starts (firstViews.ts).
const first = await fetchFirstViews(connection);
mountPage('kiosk.title', <KioskApp connection={connection} first={first} />);
