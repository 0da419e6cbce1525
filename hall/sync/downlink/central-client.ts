// The downlink's requests to the central platform: a delta since a version and
// a snapshot page (docs/sync-protocol.md "Downlink"), over the injected
// HttpClient (hall/sync/http-client.ts). Contract: answers a parsed envelope
// or "must_refetch"; every other outcome is a CentralFailure saying whether a
// retry may help (network, timeout, 408/429/5xx) and how long central asked
// to wait (Retry-After). Item values are not checked here (dataset-store.ts
// does, per item, with reasons).
// Dangers: the hall token is a secret — it goes in the header only, never in
// an error message or log line.
import { z } from 'zod';
import { HttpTransportError, type HttpClient, type HttpResponse } from '../../../protocol/sync/http-client.js';
import type { Delta, SnapshotPage } from './dataset-store.js';
import type { DatasetName } from '../../../protocol/central/downlink/schemas.js';

export interface CentralEndpoint {
  /** Base URL of the central platform, without the /v1 path. */
  baseUrl: string;
  hallId: string;
  token: string;
}

export class CentralFailure extends Error {
  constructor(
    /** Stable code: "offline", "timeout", the server's error code, or "bad_response". */
    readonly code: string,
    message: string,
    /** Worth retrying automatically (with backoff). */
    readonly transient: boolean,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'CentralFailure';
  }
}

const version = z.number().int().min(0);
const key = z.string().min(1);

const deltaEnvelope = z.object({
  dataset: z.string(),
  fromVersion: version,
  toVersion: version,
  complete: z.boolean(),
  changes: z.array(z.union([z.object({ op: z.literal('upsert'), key, value: z.unknown() }), z.object({ op: z.literal('delete'), key })])),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

const snapshotEnvelope = z.object({
  dataset: z.string(),
  version,
  items: z.array(z.object({ key, value: z.unknown() })),
  nextAfter: key.nullable(),
  total: z.number().int().min(0),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

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
    let res: HttpResponse;
    try {
      res = await this.http({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${token}`, 'x-hall-id': hallId, 'x-protocol-version': '1', accept: 'application/json' },
        timeoutMs: this.timeoutMs,
      });
    } catch (err) {
      if (err instanceof HttpTransportError) throw new CentralFailure(err.kind === 'timeout' ? 'timeout' : 'offline', err.message, true);
      throw new CentralFailure('offline', `request failed: ${(err as Error).message}`, true);
    }
    if (res.status === 200) {
      let json: unknown;
      try {
        json = JSON.parse(res.body);
      } catch {
        throw new CentralFailure('bad_response', `central answered ${path.split('?')[0]} with a body that is not JSON`, true, null, 200);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new CentralFailure('bad_response', `central's answer is malformed at ${issue.path.join('.') || '(body)'}: ${issue.message}`, true, null, 200);
      }
      return { kind: 'ok', body: parsed.data };
    }
    const { code, message } = errorOf(res);
    if (res.status === 410) return { kind: 'must_refetch', message };
    const retryAfter = Number(res.headers['retry-after']);
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : null;
    const transient = res.status === 408 || res.status === 409 || res.status === 429 || res.status >= 500;
    throw new CentralFailure(code, `central answered ${res.status} ${code}: ${message}`, transient, retryAfterMs, res.status);
  }
}

/** The error body in the protocol's form `{error, message}` or the LAN API's `{error: {code, message}}`. */
function errorOf(res: HttpResponse): { code: string; message: string } {
  try {
    const body = JSON.parse(res.body) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') return { code: body.error, message: typeof body.message === 'string' ? body.message : '' };
    if (body.error && typeof body.error === 'object') {
      const e = body.error as { code?: unknown; message?: unknown };
      return { code: typeof e.code === 'string' ? e.code : `http_${res.status}`, message: typeof e.message === 'string' ? e.message : '' };
    }
  } catch {
    /* not JSON */
  }
  return { code: `http_${res.status}`, message: res.body.slice(0, 200) };
}
