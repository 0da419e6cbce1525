import { mountPage } from '../shared/page/mount';
import { connectPage } from '../shared/page/connection';
import { WallApp } from './WallApp';
import './wall.css';

// The wall's own terminal (role `wall`, docs/wall.md): it reads the hall and its live feed, nothing more.
mountPage('wall.title', <WallApp connection={connectPage('wall')} />);
