// Destination: the central platform's POST /v1/ratings (national profile,
// docs/sync-protocol.md) with the hall's bearer token and X-Hall-Id.
// Central stores each ratingId once, so a re-send is answered "duplicate";
// still, an unknown outcome is checked first with GET /v1/ratings/{ratingId}
// (docs/rating-upload.md), the same rule as for a province.
// The token is read per request (`hallToken` may be a function reading the
// file), so a token rotated with `central rotate-token` and put into the file
// is used without a restart; an unreadable token is reported by problem().
// Danger: the hall token is a secret: never logged, never in an error text.
import { nationalProfile } from '../../../../protocol/central/ratings/profiles/national.js';
import type { EncodeOptions, RatingRecord } from '../../../../protocol/central/ratings/profiles/types.js';
import type { CheckOutcome, SendOutcome } from '../../../../protocol/central/ratings/state-machine.js';
import type { RatingDestination } from '../../../../protocol/central/ratings/uploader.js';
import { errorText, requestJson, retryAfterMs, type FetchLike } from '../../../../protocol/sync/fetch-json.js';

export interface CentralClientOptions {
  id?: string;
  baseUrl: string;
  hallId: string;
  /** The token, or a reader called at every request (throws with a clear message when there is none). */
  hallToken: string | (() => string);
  fetch: FetchLike;
  now(): number;
  timeoutMs: number;
  encode: EncodeOptions;
}

export class CentralDestination implements RatingDestination {
  readonly id: string;
  readonly timeoutMs: number;

  constructor(private readonly o: CentralClientOptions) {
    this.id = o.id ?? 'central';
    this.timeoutMs = o.timeoutMs;
  }

  private token(): string {
    return typeof this.o.hallToken === 'function' ? this.o.hallToken() : this.o.hallToken;
  }

  problem(): string | null {
    try {
      this.token();
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** The request headers, or the reason there is no token (nothing is sent then: a plain retry). */
  private headers(): Record<string, string> | string {
    try {
      return { authorization: `Bearer ${this.token()}`, 'x-hall-id': this.o.hallId };
    } catch (err) {
      return (err as Error).message;
    }
  }

  async submit(record: RatingRecord): Promise<SendOutcome> {
    const body = nationalProfile.encode(record, this.o.encode);
    const headers = this.headers();
    if (typeof headers === 'string') return { kind: 'retry', reason: headers };
    const r = await requestJson(this.o.fetch, `${this.o.baseUrl}/v1/ratings`, { method: 'POST', headers, body }, this.o.timeoutMs);
    if (r.kind === 'unreached') return { kind: 'retry', reason: r.reason };
    if (r.kind === 'unknown') return { kind: 'unknown', reason: r.reason };
    const { code, message } = errorText(r.body);
    if (r.status === 200 || r.status === 201) return { kind: 'acked', duplicate: (r.body as { status?: string })?.status === 'duplicate' };
    const text = `central answered ${r.status} ${code}${message ? `: ${message}` : ''}`;
    if (r.status === 429 || r.status >= 500 || r.status === 408) return { kind: 'retry', reason: text, retryAfterMs: retryAfterMs(r.headers, this.o.now()) };
    if (r.status === 401 || r.status === 404) return { kind: 'retry', reason: `${text} (check the hall's registration and token)` };
    return { kind: 'rejected', reason: message || text };
  }

  async check(record: RatingRecord): Promise<CheckOutcome> {
    const url = `${this.o.baseUrl}/v1/ratings/${encodeURIComponent(record.ratingId)}`;
    const headers = this.headers();
    if (typeof headers === 'string') return { kind: 'retry', reason: headers };
    const r = await requestJson(this.o.fetch, url, { method: 'GET', headers }, this.o.timeoutMs);
    if (r.kind !== 'response') return { kind: 'retry', reason: `check failed: ${r.reason}` };
    if (r.status === 200) return { kind: 'found' };
    const { code, message } = errorText(r.body);
    if (r.status === 404 && code === 'not_found') return { kind: 'not_found' };
    return { kind: 'retry', reason: `check answered ${r.status} ${code}${message ? `: ${message}` : ''}`, retryAfterMs: retryAfterMs(r.headers, this.o.now()) };
  }
}
