// HTTP client of the hall LAN API (docs/api.md). Relative URLs: the hall serves the pages
// and the API on one origin. Routes are called by name from the route table
// (hall/api/contract.ts): `client.call('issueTicket', { body, idempotencyKey })` — the
// path, method, body type and reply type are the table's, never written here.
// Contract: resolves with the parsed body of a 2xx answer; rejects with ApiError (the hall
// answered with an error) or NetworkError (unreachable or timed out). GETs are retried, and
// POSTs only when they carry an idempotency key (the hall answers a repeat with the first
// outcome: POST /tickets): any other POST may have committed before the connection dropped,
// and a repeated "call next" would do the thing twice.
import { ApiError, NetworkError, apiErrorFromResponse } from './errors';
import { pathOf, routes, type BodyOf, type EmptyBody, type NoBody, type ParamsOf, type QueryOf, type ReplyOf, type RouteName } from '../../../hall/api/contract';

export interface ApiClientOptions {
  /** Terminal token (Authorization: Bearer); null for the public ticket page. */
  getToken: () => string | null;
  /** Staff session of this tab (X-Staff-Session), when signed in. */
  getStaffSession?: () => string | null;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Delays between GET attempts; its length is the number of retries. */
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Query parameters, appended URL-encoded. */
  query?: Record<string, string | number | undefined>;
  /**
   * Sent as `Idempotency-Key` (one per user action: newIdempotencyKey()); makes a POST
   * retryable like a GET, and after a 500 too (an error after the hall committed).
   */
  idempotencyKey?: string;
}

/** What a call of route K takes: its path parameters and body when it has them, its query, request options. */
export type CallInput<K extends RouteName> = Omit<RequestOptions, 'query'> & { query?: QueryOf<K> } & (keyof ParamsOf<K> extends never ? { params?: undefined } : { params: ParamsOf<K> }) &
  ([BodyOf<K>] extends [NoBody] ? { body?: undefined } : EmptyBody extends BodyOf<K> ? { body?: BodyOf<K> } : { body: BodyOf<K> });

/** The input may be left out when nothing in it is required. */
export type CallArgs<K extends RouteName> = object extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retryDelaysMs: number[];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retryDelaysMs = options.retryDelaysMs ?? [300, 1_000, 2_500];
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Calls a declared route. GETs are retried; a POST only with an idempotency key; a DELETE never.
   * A POST sends its body as JSON (an empty-object body may be left out: `{}` is sent).
   */
  call<K extends RouteName>(name: K, ...[input]: CallArgs<K>): Promise<ReplyOf<K>> {
    const route = routes[name];
    const options = (input ?? {}) as CallInput<K> & RequestOptions;
    const path = pathOf(name, options.params as ParamsOf<K> | undefined);
    // POSTs always send JSON ({} when the route takes none or an empty object), as the hall expects.
    const body: unknown = route.method === 'POST' ? (options.body ?? {}) : undefined;
    const once = () => this.request<ReplyOf<K>>(route.method, path, body, options);
    if (route.method === 'GET') return this.withRetries(once, options, false);
    if (route.method === 'POST' && options.idempotencyKey) return this.withRetries(once, options, true);
    return once();
  }

  /**
   * A GET route that answers a file (a report's CSV or XLSX export), not JSON: its bytes and the
   * file name the hall gave (Content-Disposition). Errors are the hall's JSON errors, as `call`'s.
   */
  async download<K extends RouteName>(name: K, ...[input]: CallArgs<K>): Promise<{ blob: Blob; fileName: string | null }> {
    const options = (input ?? {}) as CallInput<K> & RequestOptions;
    const headers: Record<string, string> = {};
    const token = this.options.getToken();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const session = this.options.getStaffSession?.();
    if (session) headers['X-Staff-Session'] = session;
    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(pathOf(name, options.params as ParamsOf<K> | undefined), options.query), { method: 'GET', headers, cache: 'no-store', signal: options.signal });
    } catch (err) {
      throw new NetworkError(err instanceof Error ? err.message : 'fetch failed');
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      throw apiErrorFromResponse(response.status, parsed);
    }
    const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
    return { blob: await response.blob(), fileName };
  }

  private async withRetries<T>(attemptOnce: () => Promise<T>, options: RequestOptions, after500: boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce();
      } catch (err) {
        const status = err instanceof ApiError ? err.status : 0;
        const retryable = err instanceof NetworkError || (status >= 502 && status <= 504) || (after500 && status === 500);
        const delay = this.retryDelaysMs[attempt];
        if (!retryable || delay === undefined || options.signal?.aborted) throw err;
        await this.sleep(delay);
      }
    }
  }

  private async request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.options.getToken();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const session = this.options.getStaffSession?.();
    if (session) headers['X-Staff-Session'] = session;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const onAbort = () => timeout.abort();
    options.signal?.addEventListener('abort', onAbort);
    let response: Response;
    try {
      response = await this.fetchImpl(buildUrl(path, options.query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: timeout.signal,
        cache: 'no-store',
      });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      throw new NetworkError(err instanceof Error ? err.message : 'fetch failed');
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }

    const text = await response.text().catch(() => '');
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) throw apiErrorFromResponse(response.status, parsed);
    return parsed as T;
  }
}

/**
 * A fresh idempotency key (UUID v4) for one user action. crypto.getRandomValues, not
 * crypto.randomUUID: the latter exists only in secure contexts, and kiosks may load the hall
 * over plain http on the LAN.
 */
export function newIdempotencyKey(random: (bytes: Uint8Array) => Uint8Array = (b) => globalThis.crypto.getRandomValues(b)): string {
  const b = random(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `path` is a route's concrete path (pathOf): "/api/v1/…". */
export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/** Path segments come from the address bar or the API: always encode them. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
