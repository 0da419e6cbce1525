// The hall's client for the central platform's uplink endpoints
// (docs/sync-protocol.md): register, cursor, push events. Contract: every
// call resolves with the parsed answer plus the exchange's timing (for clock
// drift from X-Server-Time) or rejects with CentralError, whose `failure`
// says what the worker should do: retry (network, timeout, 408, 429, 5xx —
// with Retry-After when given), re-register (409 sequence_conflict, or
// 404 unknown_stream: a central restored from a backup older than the
// stream), or stop and show the manager (other 4xx, or an answer it cannot
// understand).
// Dangers: the bearer token is a secret: it is never put into an error message.
import { z } from 'zod';
import { HttpTransportError, type HttpClient, type HttpResponse } from '../../../protocol/sync/http-client.js';

export const PROTOCOL_VERSION = '1';

export type CentralFailure =
  | { kind: 'network' | 'timeout'; message: string }
  | { kind: 'retry'; status: number; code: string; message: string; retryAfterMs: number | null }
  | { kind: 'sequence_conflict'; status: 409; seq: number | null; message: string }
  /** Central does not know the stream (restored from a backup older than it): register again. */
  | { kind: 'unknown_stream'; status: 404; message: string }
  | { kind: 'blocked'; status: number; code: string; message: string };

export class CentralError extends Error {
  constructor(
    readonly failure: CentralFailure,
    readonly exchange: ExchangeTiming | null,
  ) {
    super(failure.message);
    this.name = 'CentralError';
  }
}

export interface ExchangeTiming {
  sentAt: number;
  receivedAt: number;
  /** X-Server-Time of the answer (epoch ms), when present. */
  serverTime: number | null;
}

export interface Exchange<T> extends ExchangeTiming {
  value: T;
}

const cursorSchema = z.object({ stream: z.string().min(1), ackSeq: z.number().int().min(0) });
export type StreamCursor = z.infer<typeof cursorSchema>;

const pushAnswerSchema = z.object({
  ackSeq: z.number().int().min(0),
  accepted: z.number().int().min(0).optional(),
  duplicates: z.number().int().min(0).optional(),
  quarantined: z.array(z.object({ seq: z.number().int(), reason: z.string() })).default([]),
  gapAt: z.number().int().nullable().optional(),
});
export type PushAnswer = z.infer<typeof pushAnswerSchema>;

export interface CentralClientOptions {
  baseUrl: string;
  hallId: string;
  /** Reads the hall token (from its file); throws with a clear message when there is none. */
  token: () => string;
  http: HttpClient;
  now: () => number;
  timeoutMs: number;
}

export class CentralClient {
  constructor(private readonly o: CentralClientOptions) {}

  register(reason: 'first_start' | 'restored_from_backup', lastSeq: number): Promise<Exchange<StreamCursor>> {
    return this.call('POST', '/register', cursorSchema, JSON.stringify({ reason, lastSeq }));
  }

  cursor(stream: string): Promise<Exchange<StreamCursor>> {
    return this.call('GET', `/cursor?stream=${encodeURIComponent(stream)}`, cursorSchema);
  }

  /** `body` is the batch already serialised (the worker builds it within the byte limit). */
  pushEvents(body: string): Promise<Exchange<PushAnswer>> {
    return this.call('POST', '/events', pushAnswerSchema, body);
  }

  private async call<T>(method: 'GET' | 'POST', route: string, schema: z.ZodType<T>, body?: string): Promise<Exchange<T>> {
    const token = this.o.token();
    const url = `${this.o.baseUrl}/v1/halls/${encodeURIComponent(this.o.hallId)}${route}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-hall-id': this.o.hallId,
      'x-protocol-version': PROTOCOL_VERSION,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    const sentAt = this.o.now();
    let res: HttpResponse;
    try {
      res = await this.o.http({ method, url, headers, body, timeoutMs: this.o.timeoutMs });
    } catch (err) {
      const kind = err instanceof HttpTransportError ? err.kind : 'network';
      throw new CentralError({ kind, message: (err as Error).message }, null);
    }
    const timing: ExchangeTiming = { sentAt, receivedAt: this.o.now(), serverTime: serverTimeOf(res) };
    let parsed: unknown;
    try {
      parsed = res.body.trim() === '' ? null : JSON.parse(res.body);
    } catch {
      parsed = null;
    }
    if (res.status >= 200 && res.status < 300) {
      const result = schema.safeParse(parsed);
      if (!result.success) {
        const where = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
        throw new CentralError({ kind: 'blocked', status: res.status, code: 'bad_answer', message: `central answered ${method} ${route.split('?')[0]} with a body this hall does not understand (${where})` }, timing);
      }
      return { ...timing, value: result.data };
    }
    throw new CentralError(failureOf(res, parsed, timing), timing);
  }
}

function serverTimeOf(res: HttpResponse): number | null {
  const raw = res.headers['x-server-time'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Error bodies: `{ error: "code", message }` (protocol) or `{ error: { code, message } }` (the hall's router style). */
function errorParts(parsed: unknown): { code: string; message: string; seq: number | null } {
  const p = (parsed ?? {}) as Record<string, unknown>;
  const e = p.error;
  const nested = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : null;
  const code = typeof e === 'string' ? e : typeof nested?.code === 'string' ? nested.code : 'unknown';
  const message = typeof p.message === 'string' ? p.message : typeof nested?.message === 'string' ? nested.message : '';
  const seqRaw = p.seq ?? nested?.seq ?? (nested?.details as Record<string, unknown> | undefined)?.seq;
  return { code, message, seq: typeof seqRaw === 'number' && Number.isInteger(seqRaw) ? seqRaw : null };
}

function retryAfterMs(res: HttpResponse, now: number): number | null {
  const raw = res.headers['retry-after'];
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

function failureOf(res: HttpResponse, parsed: unknown, timing: ExchangeTiming): CentralFailure {
  const { code, message, seq } = errorParts(parsed);
  const text = `central answered ${res.status} ${code}${message ? `: ${message}` : ''}`;
  if (res.status === 409 && code === 'sequence_conflict') return { kind: 'sequence_conflict', status: 409, seq, message: text };
  if (res.status === 404 && code === 'unknown_stream') return { kind: 'unknown_stream', status: 404, message: text };
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    return { kind: 'retry', status: res.status, code, message: text, retryAfterMs: retryAfterMs(res, timing.serverTime ?? timing.receivedAt) };
  }
  return { kind: 'blocked', status: res.status, code, message: text };
}
