// The downlink's requests to the central platform: a delta since a version and
// a snapshot page (docs/sync-protocol.md "Downlink"), over the sync kernel
// (protocol/sync/failure.ts). Contract: answers a parsed envelope or
// "must_refetch" (410); every other outcome is a SyncFailure of the kernel's
// taxonomy — retry and unknown are worth another round after the backoff
// (a GET changes nothing, so asking again is the check), refused and
// protocol are shown as such. Item values are not checked here
// (dataset-store.ts does, per item, with reasons).
// Dangers: the hall token is a secret — it goes in the header only, never in
// an error message or log line.
import type { z } from 'zod';
import type { HttpClient } from '../../../protocol/sync/http-client.js';
import { errorParts, expectOk, send } from '../../../protocol/sync/failure.js';
import { PROTOCOL_VERSION } from '../../../protocol/central/uplink.js';
import { deltaEnvelope, snapshotEnvelope } from '../../../protocol/central/downlink/envelopes.js';
import type { Delta, SnapshotPage } from './dataset-store.js';
import type { DatasetName } from '../../../protocol/central/downlink/schemas.js';

export interface CentralEndpoint {
  /** Base URL of the central platform, without the /v1 path. */
  baseUrl: string;
  hallId: string;
  token: string;
}

export type Answer<T> = { kind: 'ok'; body: T } | { kind: 'must_refetch'; message: string };

export class DownlinkClient {
  constructor(
    private readonly http: HttpClient,
    private readonly endpoint: CentralEndpoint,
    private readonly timeoutMs = 30_000,
  ) {}

  async delta(dataset: DatasetName, since: number): Promise<Answer<Delta>> {
    return this.get(`datasets/${dataset}?since=${since}`, deltaEnvelope) as Promise<Answer<Delta>>;
  }

  async snapshotPage(dataset: DatasetName, o: { version: number | null; after: string | null; limit: number }): Promise<Answer<SnapshotPage>> {
    const q = new URLSearchParams();
    if (o.version !== null) q.set('version', String(o.version));
    if (o.after !== null) q.set('after', o.after);
    q.set('limit', String(o.limit));
    return this.get(`datasets/${dataset}/snapshot?${q.toString()}`, snapshotEnvelope) as Promise<Answer<SnapshotPage>>;
  }

  private async get<T>(path: string, schema: z.ZodType<T>): Promise<Answer<T>> {
    const { baseUrl, hallId, token } = this.endpoint;
    const url = `${baseUrl.replace(/\/+$/, '')}/v1/halls/${encodeURIComponent(hallId)}/${path}`;
    const headers = { authorization: `Bearer ${token}`, 'x-hall-id': hallId, 'x-protocol-version': String(PROTOCOL_VERSION), accept: 'application/json' };
    const answer = await send(this.http, { method: 'GET', url, headers, timeoutMs: this.timeoutMs }, () => Date.now());
    if (answer.status === 410) return { kind: 'must_refetch', message: errorParts(answer).message };
    return { kind: 'ok', body: expectOk(answer, schema, `central (${path.split('?')[0]})`) };
  }
}
