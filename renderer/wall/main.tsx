import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { WallApp } from './WallApp';
import './wall.css';

// The hall display's terminal token (the same enrolment as /display/): the wall is read-only.
mountPage('wall.title', <WallApp connection={connectPage('hall_display')} />);
