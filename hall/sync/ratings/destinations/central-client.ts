// Destination: the central platform's POST /v1/ratings (national profile,
// docs/sync-protocol.md) with the hall's bearer token and X-Hall-Id.
// Central stores each ratingId once, so a re-send is answered "duplicate";
// still, an unknown outcome is checked first with GET /v1/ratings/{ratingId}
// (docs/rating-upload.md), the same rule as for a province.
// Danger: the hall token is a secret: never logged, never in an error text.
import { nationalProfile } from '../profiles/national.js';
import type { EncodeOptions, RatingRecord } from '../profiles/types.js';
import type { CheckOutcome, SendOutcome } from '../state-machine.js';
import type { RatingDestination } from '../uploader.js';
import { errorText, requestJson, retryAfterMs, type FetchLike } from './http.js';

export interface CentralClientOptions {
  id?: string;
  baseUrl: string;
  hallId: string;
  hallToken: string;
  fetch: FetchLike;
  now(): number;
  timeoutMs: number;
  encode: EncodeOptions;
}

export class CentralDestination implements RatingDestination {
  readonly id: string;

  constructor(private readonly o: CentralClientOptions) {
    this.id = o.id ?? 'central';
  }

  private headers() {
    return { authorization: `Bearer ${this.o.hallToken}`, 'x-hall-id': this.o.hallId };
  }

  async submit(record: RatingRecord): Promise<SendOutcome> {
    const body = nationalProfile.encode(record, this.o.encode);
    const r = await requestJson(this.o.fetch, `${this.o.baseUrl}/v1/ratings`, { method: 'POST', headers: this.headers(), body }, this.o.timeoutMs);
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
    const r = await requestJson(this.o.fetch, url, { method: 'GET', headers: this.headers() }, this.o.timeoutMs);
    if (r.kind !== 'response') return { kind: 'retry', reason: `check failed: ${r.reason}` };
    if (r.status === 200) return { kind: 'found' };
    const { code, message } = errorText(r.body);
    if (r.status === 404 && code === 'not_found') return { kind: 'not_found' };
    return { kind: 'retry', reason: `check answered ${r.status} ${code}${message ? `: ${message}` : ''}`, retryAfterMs: retryAfterMs(r.headers, this.o.now()) };
  }
}
