import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { KioskApp } from './KioskApp';
import './kiosk.css';
import './kiosk-layout.css';
import '../shared/styles/mongolian.css';
import './kiosk-access.css';

const connection = connectPage('kiosk');
mountPage('kiosk.title', <KioskApp connection={connection} />);
