// The phone page's calls to central's public API (same origin: central serves the page at /m/).
// Contract: every failure is either CentralError (central answered with its error body: status and
// stable code) or Unreachable (no answer: the phone or central offline); the screens word them.
// Types only from the wire contract (protocol/central/phone.ts): no zod in the phone's bundle.
import type { PublicHallView, PublicTicketView } from '../../protocol/central/phone';
import type { PhoneRatingRequest } from '../../protocol/central/phone-rating';

export class CentralError extends Error {
  override readonly name = 'CentralError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

/** Long-polls ask central to hold the answer this long while nothing changes. */
export const WAIT_SECONDS = 25;

/** One JSON call to central; other phone features (notify/, remote/) use it too. */
export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) } });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new Unreachable(err instanceof Error ? err.message : 'network error');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    if (res.status >= 500 && res.status !== 503) throw new Unreachable(`HTTP ${res.status}`);
    throw new CentralError(res.status, typeof e?.code === 'string' ? e.code : 'unknown', typeof e?.message === 'string' ? e.message : `HTTP ${res.status}`, Array.isArray(e?.details) ? (e.details as CentralError['details']) : []);
  }
  return body as T;
}

const hallPath = (hallId: string) => `/v1/public/halls/${encodeURIComponent(hallId)}`;
const poll = (since: number | null) => (since === null ? '' : `since=${since}&waitSeconds=${WAIT_SECONDS}`);

export interface GuideMatch {
  code: string;
  name: string;
}

export const centralApi = {
  ticket(hallId: string, ticket: { id: string; key: string }, since: number | null, signal?: AbortSignal): Promise<PublicTicketView> {
    return call(`${hallPath(hallId)}/tickets/${encodeURIComponent(ticket.id)}?key=${encodeURIComponent(ticket.key)}&${poll(since)}`, { signal });
  },
  hall(hallId: string, since: number | null, signal?: AbortSignal): Promise<PublicHallView> {
    return call(`${hallPath(hallId)}?${poll(since)}`, { signal });
  },
  rate(hallId: string, ticket: { id: string; key: string }, rating: Omit<PhoneRatingRequest, 'key'>): Promise<{ state: 'pending' }> {
    const body = JSON.stringify({ key: ticket.key, level: rating.level, tags: rating.tags });
    return call(`${hallPath(hallId)}/tickets/${encodeURIComponent(ticket.id)}/rating`, { method: 'POST', body });
  },
  guides(hallId: string, q: string, signal?: AbortSignal): Promise<{ version: number; matters: GuideMatch[] }> {
    return call(`${hallPath(hallId)}/guides?q=${encodeURIComponent(q)}`, { signal });
  },
  guide(hallId: string, code: string, signal?: AbortSignal): Promise<{ code: string; version: number; guide: unknown }> {
    return call(`${hallPath(hallId)}/guides/${encodeURIComponent(code)}`, { signal });
  },
};
