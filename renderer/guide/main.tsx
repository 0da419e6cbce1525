import { mountPage } from '../shared/page/mount';
import { ApiClient } from '../shared/api/client';
import { GuidePhoneApp, readGuideAddress } from './GuidePhoneApp';
import './guide.css';

// The public page has no terminal token: guides are public information.
const client = new ApiClient({ getToken: () => null });
mountPage('guidePage.title', <GuidePhoneApp client={client} matterId={readGuideAddress(window.location.search)} />);
