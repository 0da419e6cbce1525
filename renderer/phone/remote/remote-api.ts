// The 线上取号 screen's calls to central (protocol/central/remote-tickets.ts), same origin (/m/).
// Failures are CentralError (central's stable code) or Unreachable, as central-api.ts words them.
import type { RemoteIssueAnswer, RemoteOptionsView, RemoteTicketPage } from '../../../protocol/central/remote-tickets';
import { CentralError, Unreachable } from '../central-api';

async function call<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, body === undefined ? { headers: { Accept: 'application/json' } } : { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    throw new Unreachable(err instanceof Error ? err.message : 'network error');
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) return json as T;
  if (res.status >= 500 && res.status !== 503) throw new Unreachable(`HTTP ${res.status}`);
  const e = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  throw new CentralError(res.status, typeof e?.code === 'string' ? e.code : 'unknown', typeof e?.message === 'string' ? e.message : `HTTP ${res.status}`);
}

const hall = (hallId: string) => `/v1/public/halls/${encodeURIComponent(hallId)}/remote-tickets`;

export const remoteApi = {
  options: (hallId: string) => call<RemoteOptionsView>(`${hall(hallId)}/options`),
  take: (hallId: string, matterId: string, idNumber: string) => call<RemoteIssueAnswer>(hall(hallId), { matterId, idNumber }),
  page: (id: string, key: string) => call<RemoteTicketPage>(`/v1/public/remote-tickets/${encodeURIComponent(id)}?key=${encodeURIComponent(key)}`),
};
