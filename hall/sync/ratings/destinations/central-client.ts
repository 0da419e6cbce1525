// Destination: the central platform (national profile, docs/sync-protocol.md
// "Ratings") with the hall's bearer token and X-Hall-Id, over the sync
// kernel's one HTTP client. Ratings go in batches (POST /v1/ratings/batch,
// protocol/central/ratings/batch.ts); submit() of one rating is a batch of one.
// Central stores each ratingId once, so a re-send is answered "duplicate";
// still, an unknown outcome (timeout, connection lost, a cut-off answer, 5xx)
// is checked first with GET /v1/ratings/{ratingId} (docs/rating-upload.md),
// the same rule as for a province.
// The token is read per request (`hallToken` may be a function reading the
// file), so a token rotated with `central rotate-token` and put into the file
// is used without a restart; an unreadable token is reported by problem().
// Danger: the hall token is a secret: never logged, never in an error text.
import type { HttpClient } from '../../../../protocol/sync/http-client.js';
import { errorParts, expectOk, failureOf, send, SyncFailure } from '../../../../protocol/sync/failure.js';
import { PROTOCOL_VERSION } from '../../../../protocol/central/uplink.js';
import { ratingBatchAnswerSchema } from '../../../../protocol/central/ratings/batch.js';
import { nationalProfile } from '../../../../protocol/central/ratings/profiles/national.js';
import { ProfileError, type EncodeOptions, type RatingRecord } from '../../../../protocol/central/ratings/profiles/types.js';
import { outcomeOfFailure, type CheckOutcome, type SendOutcome } from '../../../../protocol/central/ratings/state-machine.js';
import type { RatingDestination } from '../../../../protocol/central/ratings/uploader.js';

export interface CentralClientOptions {
  id?: string;
  baseUrl: string;
  hallId: string;
  /** The token, or a reader called at every request (throws with a clear message when there is none). */
  hallToken: string | (() => string);
  http: HttpClient;
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
      return { authorization: `Bearer ${this.token()}`, 'x-hall-id': this.o.hallId, 'x-protocol-version': String(PROTOCOL_VERSION), accept: 'application/json' };
    } catch (err) {
      return (err as Error).message;
    }
  }

  async submit(record: RatingRecord): Promise<SendOutcome> {
    return (await this.submitBatch([record]))[0]!;
  }

  /** One request for all records; outcomes in the same order. A record its profile cannot express is rejected unsent. */
  async submitBatch(records: readonly RatingRecord[]): Promise<SendOutcome[]> {
    const outcomes: (SendOutcome | null)[] = records.map(() => null);
    const bodies: unknown[] = [];
    const sentIndex: number[] = [];
    records.forEach((r, i) => {
      try {
        bodies.push(nationalProfile.encode(r, this.o.encode));
        sentIndex.push(i);
      } catch (err) {
        if (!(err instanceof ProfileError)) throw err;
        outcomes[i] = { kind: 'rejected', reason: err.message };
      }
    });
    if (bodies.length > 0) {
      const results = await this.post(bodies);
      sentIndex.forEach((i, k) => (outcomes[i] = results[k]!));
    }
    return outcomes as SendOutcome[];
  }

  private async post(bodies: unknown[]): Promise<SendOutcome[]> {
    const all = (o: SendOutcome) => bodies.map(() => o);
    const headers = this.headers();
    if (typeof headers === 'string') return all({ kind: 'retry', reason: headers });
    try {
      const a = await send(this.o.http, { method: 'POST', url: `${this.o.baseUrl}/v1/ratings/batch`, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ ratings: bodies }), timeoutMs: this.o.timeoutMs }, this.o.now);
      if (a.status === 401 || a.status === 404) {
        const f = failureOf(a, 'central');
        return all({ kind: 'retry', reason: `${f.message} (check the hall's registration and token)` });
      }
      const { results } = expectOk(a, ratingBatchAnswerSchema, 'central (POST /v1/ratings/batch)');
      if (results.length !== bodies.length) {
        // Which ones were stored is not known: check each before sending it again.
        return all({ kind: 'unknown', reason: `central answered ${results.length} results for ${bodies.length} ratings` });
      }
      return results.map((r): SendOutcome => (r.status === 'rejected' ? { kind: 'rejected', reason: r.reason } : { kind: 'acked', duplicate: r.status === 'duplicate' }));
    } catch (err) {
      if (err instanceof SyncFailure) return all(outcomeOfFailure(err));
      throw err;
    }
  }

  async check(record: RatingRecord): Promise<CheckOutcome> {
    const headers = this.headers();
    if (typeof headers === 'string') return { kind: 'retry', reason: headers };
    try {
      const a = await send(this.o.http, { method: 'GET', url: `${this.o.baseUrl}/v1/ratings/${encodeURIComponent(record.ratingId)}`, headers, timeoutMs: this.o.timeoutMs }, this.o.now);
      if (a.status === 200 && a.readable) return { kind: 'found' };
      if (a.status === 404 && errorParts(a).code === 'not_found') return { kind: 'not_found' };
      const f = failureOf(a, 'central (check)');
      return { kind: 'retry', reason: f.message, retryAfterMs: f.retryAfterMs ?? undefined };
    } catch (err) {
      if (err instanceof SyncFailure) return { kind: 'retry', reason: `check failed: ${err.message}`, retryAfterMs: err.retryAfterMs ?? undefined };
      throw err;
    }
  }
}
