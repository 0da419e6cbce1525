import { mountPage } from '../shared/page/mount';
import { ApiClient } from '../shared/api/client';
import { RatingsPublicationApp } from './RatingsPublicationApp';
import './ratings.css';

// The public 评价公示: no terminal token, public information (002 第三十二条; 004 第二十八条).
const client = new ApiClient({ getToken: () => null });
mountPage('publication.title', <RatingsPublicationApp client={client} search={window.location.search} />);
