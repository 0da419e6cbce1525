// The phone page's calls for notification consent (protocol/central/notifications.ts), through
// the page's own fetch wrapper errors (central-api.ts): CentralError with central's code, or
// Unreachable. Types only from the contract: no zod in the phone's bundle.
import type { ConsentView, NotifyChannel, NotifyLanguage } from '../../../protocol/central/notifications';
import { CentralError, Unreachable } from '../central-api';

export interface ConsentChoice {
  channel: NotifyChannel;
  phone?: string;
  openid?: string;
  aheadThreshold: number;
  lang: NotifyLanguage;
}

const base = (hallId: string, ticketId: string) => `/v1/public/halls/${encodeURIComponent(hallId)}/tickets/${encodeURIComponent(ticketId)}/notify`;

async function call(path: string, body?: unknown): Promise<ConsentView> {
  let res: Response;
  try {
    res = await fetch(path, body === undefined ? { headers: { Accept: 'application/json' } } : { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    throw new Unreachable(err instanceof Error ? err.message : 'network error');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status >= 500) throw new Unreachable(`HTTP ${res.status}`);
    const e = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new CentralError(res.status, typeof e?.code === 'string' ? e.code : 'unknown', typeof e?.message === 'string' ? e.message : `HTTP ${res.status}`);
  }
  return json as ConsentView;
}

export const notifyApi = {
  view: (hallId: string, t: { id: string; key: string }) => call(`${base(hallId, t.id)}?key=${encodeURIComponent(t.key)}`),
  give: (hallId: string, t: { id: string; key: string }, c: ConsentChoice) => call(base(hallId, t.id), { key: t.key, ...c }),
  withdraw: (hallId: string, t: { id: string; key: string }) => call(`${base(hallId, t.id)}/withdraw`, { key: t.key }),
};
