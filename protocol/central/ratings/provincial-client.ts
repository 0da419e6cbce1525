// Destination: a provincial 好差评 system speaking the provincial profile
// (profiles/provincial.ts) — token endpoint, submit, query by case number.
// The reference implementation is central/provincial-emulator/.
// Contract:
//   - the token is fetched lazily, reused until shortly before it expires, and
//     on a "token expired/invalid" answer refreshed ONCE and the call retried;
//   - submit answers: 200 → acked; DUPLICATE → acked (duplicate); 4xx with a
//     reason → rejected; 429 → retry after Retry-After; everything that may
//     have stored the rating — 5xx, timeout, connection lost, an answer cut
//     off — → unknown: the uploader queries by case number before any
//     re-send (the kernel's taxonomy, protocol/sync/failure.ts);
//   - requests go through the sync kernel's one HTTP client (injected).
// Credentials may be a reader called at each token fetch (the file is read
// lazily: a missing file is reported by problem(), never thrown at start).
// Danger: credentials come from the credentials file and are never logged or
// put in an error text.
import { provincialProfile } from './profiles/provincial.js';
import type { EncodeOptions, RatingRecord } from './profiles/types.js';
import type { CheckOutcome, SendOutcome } from './state-machine.js';
import type { RatingDestination } from './uploader.js';
import type { HttpClient } from '../../sync/http-client.js';
import { errorParts, failureOf, send, SyncFailure, type Answer } from '../../sync/failure.js';
import { outcomeOfFailure } from './state-machine.js';

export const PROVINCIAL_PATHS = {
  token: '/api/v1/token',
  submit: '/api/v1/evaluation/submit',
  query: '/api/v1/evaluation/query',
  /** 整改反馈 of a 差评 (central/ratings/rectification-destination.ts). */
  rectification: '/api/v1/evaluation/rectification',
  rectificationQuery: '/api/v1/evaluation/rectification/query',
} as const;

export interface ProvincialCredentials {
  clientId: string;
  clientSecret: string;
}

export interface ProvincialClientOptions {
  id?: string;
  baseUrl: string;
  credentials: ProvincialCredentials | (() => ProvincialCredentials);
  http: HttpClient;
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
    return this.post(PROVINCIAL_PATHS.submit, body);
  }

  /** POSTs with a token and reads the answer as a submit's outcome (DUPLICATE → acked). */
  protected async post(path: string, body: unknown): Promise<SendOutcome> {
    const res = await this.authed('POST', path, body);
    if ('outcome' in res) return res.outcome;
    const a = res.answer;
    const { code, message } = errorParts(a);
    if (a.status === 409 || (a.status === 200 && code === 'DUPLICATE')) return { kind: 'acked', duplicate: true };
    if (a.status === 200 || a.status === 201) {
      // A 2xx cut off on the way may still say anything: unknown, checked by case number.
      return a.readable ? { kind: 'acked', duplicate: false } : { kind: 'unknown', reason: `province answered ${a.status} with a cut-off body` };
    }
    if (a.status === 401 || a.status === 403) return { kind: 'retry', reason: `province answered ${a.status} ${code}${message ? `: ${message}` : ''} (check the credentials file)` };
    const f = failureOf(a, 'province');
    return f.kind === 'refused' ? { kind: 'rejected', reason: message || f.message } : outcomeOfFailure(f);
  }

  async check(record: RatingRecord): Promise<CheckOutcome> {
    const res = await this.authed('GET', `${PROVINCIAL_PATHS.query}?projectNo=${encodeURIComponent(record.caseNumber)}`);
    if ('outcome' in res) return { kind: 'retry', reason: 'reason' in res.outcome ? res.outcome.reason : 'token endpoint failed' };
    const a = res.answer;
    if (a.status === 404) return { kind: 'not_found' };
    if (a.status !== 200 || !a.readable) {
      const f = failureOf(a, 'province (check)');
      return { kind: 'retry', reason: f.message, retryAfterMs: f.retryAfterMs ?? undefined };
    }
    const items = ((a.json as { data?: unknown })?.data ?? []) as { assessNumber?: unknown }[];
    return Array.isArray(items) && items.some((i) => Number(i.assessNumber) === record.assessNumber) ? { kind: 'found' } : { kind: 'not_found' };
  }

  /** Calls with a token; on an expired/invalid token refreshes once and calls again. */
  protected async authed(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ answer: Answer } | { outcome: SendOutcome }> {
    for (let round = 0; round < 2; round++) {
      const token = await this.ensureToken(round > 0);
      if (typeof token !== 'string') return { outcome: token };
      let answer: Answer;
      try {
        answer = await this.request(method, path, { authorization: `Bearer ${token}` }, body);
      } catch (err) {
        if (err instanceof SyncFailure) return { outcome: outcomeOfFailure(err) };
        throw err;
      }
      if (answer.status === 401 && round === 0) {
        const { code } = errorParts(answer);
        if (code === 'TOKEN_EXPIRED' || code === 'TOKEN_INVALID') {
          this.token = null;
          continue;
        }
      }
      return { answer };
    }
    return { outcome: { kind: 'retry', reason: 'token refused twice' } };
  }

  private request(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    return send(this.o.http, { method, url: this.o.baseUrl + path, headers: h, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs: this.o.timeoutMs }, this.o.now);
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
    let a: Answer;
    try {
      a = await this.request('POST', PROVINCIAL_PATHS.token, {}, credentials);
    } catch (err) {
      // Nothing was submitted yet: every token failure is a plain retry.
      if (err instanceof SyncFailure) return { kind: 'retry', reason: `token endpoint: ${err.message}` };
      throw err;
    }
    if (a.status !== 200) {
      const f = failureOf(a, 'token endpoint');
      return { kind: 'retry', reason: f.message, retryAfterMs: f.retryAfterMs ?? undefined };
    }
    const data = (a.json as { data?: { accessToken?: unknown; expiresIn?: unknown } })?.data;
    if (typeof data?.accessToken !== 'string' || typeof data.expiresIn !== 'number') return { kind: 'retry', reason: 'token endpoint answered without accessToken/expiresIn' };
    this.token = { value: data.accessToken, expiresAt: now + data.expiresIn * 1000 };
    return data.accessToken;
  }
}
