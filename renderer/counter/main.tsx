import { mountPage } from '../shared/page/mount';
import { connectPage, counterIdFromAddress } from '../shared/page/connection';
import { createStaffSessionStore } from '../shared/page/staffSession';
import { CounterApp } from './CounterApp';
import './counter.css';

const counterId = counterIdFromAddress();
const staff = createStaffSessionStore(`counter.${counterId ?? 'unknown'}`);
const connection = connectPage('counter', staff);
mountPage('counterPage.title', <CounterApp connection={connection} counterId={counterId} />);
