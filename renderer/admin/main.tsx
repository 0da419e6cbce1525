import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { createStaffSessionStore } from '../shared/page/staffSession';
import { AdminApp } from './AdminApp';
import './admin.css';

const staff = createStaffSessionStore('admin');
const connection = connectPage('admin', staff);
mountPage('admin.title', <AdminApp connection={connection} />);
