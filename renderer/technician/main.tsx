// The technician's page, served by this machine's device agent on 127.0.0.1
// (agent/technician/server.ts; docs/technician-page.md). Not a hall page: no token.
import { mountPage } from '../shared/page/mount';
import { TechnicianApp } from './TechnicianApp';
import './technician.css';

mountPage('technician.title', <TechnicianApp />);
