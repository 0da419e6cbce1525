import { mountPage } from '../shared/page/mount';
import { connectPage, counterIdFromAddress } from '../shared/page/connection';
import { CounterDisplayApp } from './CounterDisplayApp';
import './counter-display.css';

const counterId = counterIdFromAddress();
const connection = connectPage('counter_display');
mountPage('counterDisplay.title', <CounterDisplayApp connection={connection} counterId={counterId} />);
