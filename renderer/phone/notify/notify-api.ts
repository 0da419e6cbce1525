// The phone page's calls for notification consent (protocol/central/notifications.ts), through
// the page's own central call (central-api.ts): failures are CentralError with central's code, or
// Unreachable. Types only from the contract: no zod in the phone's bundle.
import type { ConsentView, NotifyChannel, NotifyLanguage } from '../../../protocol/central/notifications';
import { call } from '../central-api';

export interface ConsentChoice {
  channel: NotifyChannel;
  phone?: string;
  openid?: string;
  aheadThreshold: number;
  lang: NotifyLanguage;
}

const base = (hallId: string, ticketId: string) => `/v1/public/halls/${encodeURIComponent(hallId)}/tickets/${encodeURIComponent(ticketId)}/notify`;
const post = (path: string, body: unknown) => call<ConsentView>(path, { method: 'POST', body: JSON.stringify(body) });

export const notifyApi = {
  view: (hallId: string, t: { id: string; key: string }) => call<ConsentView>(`${base(hallId, t.id)}?key=${encodeURIComponent(t.key)}`),
  give: (hallId: string, t: { id: string; key: string }, c: ConsentChoice) => post(base(hallId, t.id), { key: t.key, ...c }),
  withdraw: (hallId: string, t: { id: string; key: string }) => post(`${base(hallId, t.id)}/withdraw`, { key: t.key }),
};
