// Destination: a provincial 好差评 system speaking the provincial profile
// (profiles/provincial.ts) — token endpoint, submit, query by case number.
// The reference implementation is central/provincial-emulator/.
// Contract:
//   - the token is fetched lazily, reused until shortly before it expires, and
//     on a "token expired/invalid" answer refreshed ONCE and the call retried;
//   - submit answers: 200 → acked; DUPLICATE → acked (duplicate); 4xx with a
//     reason → rejected; 429 → retry after Retry-After; 5xx → retry;
//     timeout → unknown (the uploader checks before re-sending).
// Credentials may be a reader called at each token fetch (the file is read
// lazily: a missing file is reported by problem(), never thrown at start).
// Danger: credentials come from the credentials file and are never logged or
// put in an error text.
import { provincialProfile } from './profiles/provincial.js';
import type { EncodeOptions, RatingRecord } from './profiles/types.js';
import type { CheckOutcome, SendOutcome } from './state-machine.js';
import type { RatingDestination } from './uploader.js';
import { errorText, requestJson, retryAfterMs, type FetchLike, type HttpResult } from '../../sync/fetch-json.js';

export const PROVINCIAL_PATHS = {
  token: '/api/v1/token',
  submit: '/api/v1/evaluation/submit',
  query: '/api/v1/evaluation/query',
} as const;

export interface ProvincialCredentials {
  clientId: string;
  clientSecret: string;
}

export interface ProvincialClientOptions {
  id?: string;
  baseUrl: string;
  credentials: ProvincialCredentials | (() => ProvincialCredentials);
  fetch: FetchLike;
  now(): number;
  timeoutMs: number;
  encode: EncodeOptions;
}

/** Refresh this long before the announced expiry. */
const TOKEN_MARGIN_MS = 30_000;

export class ProvincialDestination implements RatingDestination {
  readonly id: string;
  readonly timeoutMs: number;
  private token: { value: string; expiresAt: number } | null = null;
  /** Token fetches so far (tests and the status page read it). */
  tokenFetches = 0;

  constructor(private readonly o: ProvincialClientOptions) {
    this.id = o.id ?? 'provincial';
    this.timeoutMs = o.timeoutMs;
  }

  private credentials(): ProvincialCredentials {
    return typeof this.o.credentials === 'function' ? this.o.credentials() : this.o.credentials;
  }

  problem(): string | null {
    try {
      this.credentials();
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }

  async submit(record: RatingRecord): Promise<SendOutcome> {
    const body = provincialProfile.encode(record, this.o.encode); // ProfileError → rejected by the uploader
    const res = await this.authed('POST', PROVINCIAL_PATHS.submit, body);
    if ('outcome' in res) return res.outcome;
    const r = res.result;
    if (r.kind === 'unreached') return { kind: 'retry', reason: r.reason };
    if (r.kind === 'unknown') return { kind: 'unknown', reason: r.reason };
    const { code, message } = errorText(r.body);
    if (r.status === 200 && code === 'DUPLICATE') return { kind: 'acked', duplicate: true };
    if (r.status === 200 || r.status === 201) return { kind: 'acked', duplicate: false };
    if (r.status === 409) return { kind: 'acked', duplicate: true };
    return this.failure(r.status, r.headers, code, message);
  }

  async check(record: RatingRecord): Promise<CheckOutcome> {
    const res = await this.authed('GET', `${PROVINCIAL_PATHS.query}?projectNo=${encodeURIComponent(record.caseNumber)}`);
    if ('outcome' in res) return res.outcome.kind === 'retry' ? res.outcome : { kind: 'retry', reason: 'token endpoint failed' };
    const r = res.result;
    if (r.kind !== 'response') return { kind: 'retry', reason: `check failed: ${r.reason}` };
    if (r.status === 404) return { kind: 'not_found' };
    if (r.status !== 200) {
      const { code, message } = errorText(r.body);
      return { kind: 'retry', reason: `check answered ${r.status} ${code}${message ? `: ${message}` : ''}`, retryAfterMs: retryAfterMs(r.headers, this.o.now()) };
    }
    const items = ((r.body as { data?: unknown })?.data ?? []) as { assessNumber?: unknown }[];
    return Array.isArray(items) && items.some((i) => Number(i.assessNumber) === record.assessNumber) ? { kind: 'found' } : { kind: 'not_found' };
  }

  private failure(status: number, headers: Headers, code: string, message: string): SendOutcome {
    const text = `province answered ${status} ${code}${message ? `: ${message}` : ''}`;
    if (status === 429) return { kind: 'retry', reason: text, retryAfterMs: retryAfterMs(headers, this.o.now()) };
    if (status >= 500 || status === 408) return { kind: 'retry', reason: text, retryAfterMs: retryAfterMs(headers, this.o.now()) };
    if (status === 401 || status === 403) return { kind: 'retry', reason: `${text} (check the credentials file)` };
    return { kind: 'rejected', reason: message || text };
  }

  /** Calls with a token; on an expired/invalid token refreshes once and calls again. */
  private async authed(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ result: HttpResult } | { outcome: SendOutcome }> {
    for (let round = 0; round < 2; round++) {
      const token = await this.ensureToken(round > 0);
      if (typeof token !== 'string') return { outcome: token };
      const result = await requestJson(this.o.fetch, this.o.baseUrl + path, { method, headers: { authorization: `Bearer ${token}` }, body }, this.o.timeoutMs);
      if (result.kind === 'response' && result.status === 401 && round === 0) {
        const { code } = errorText(result.body);
        if (code === 'TOKEN_EXPIRED' || code === 'TOKEN_INVALID') {
          this.token = null;
          continue;
        }
      }
      return { result };
    }
    return { outcome: { kind: 'retry', reason: 'token refused twice' } };
  }

  private async ensureToken(force: boolean): Promise<string | SendOutcome> {
    const now = this.o.now();
    if (!force && this.token && this.token.expiresAt - TOKEN_MARGIN_MS > now) return this.token.value;
    let credentials: ProvincialCredentials;
    try {
      credentials = this.credentials();
    } catch (err) {
      return { kind: 'retry', reason: (err as Error).message };
    }
    this.tokenFetches++;
    const r = await requestJson(this.o.fetch, this.o.baseUrl + PROVINCIAL_PATHS.token, { method: 'POST', body: credentials }, this.o.timeoutMs);
    // Nothing was submitted yet: every token failure is a plain retry.
    if (r.kind !== 'response') return { kind: 'retry', reason: `token endpoint: ${r.reason}` };
    if (r.status !== 200) {
      const { code, message } = errorText(r.body);
      return { kind: 'retry', reason: `token endpoint answered ${r.status} ${code}${message ? `: ${message}` : ''}`, retryAfterMs: retryAfterMs(r.headers, now) };
    }
    const data = (r.body as { data?: { accessToken?: unknown; expiresIn?: unknown } })?.data;
    if (typeof data?.accessToken !== 'string' || typeof data.expiresIn !== 'number') return { kind: 'retry', reason: 'token endpoint answered without accessToken/expiresIn' };
    this.token = { value: data.accessToken, expiresAt: now + data.expiresIn * 1000 };
    return data.accessToken;
  }
}
