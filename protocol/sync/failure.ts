// The sync kernel's one failure type and its one taxonomy, shared by the
// hall's uplink, downlink and rating upload and by central's forwarder to the
// province. Every request ends either with an answer the caller understands
// or with a SyncFailure of one of four kinds:
//
//   retry     the request certainly did not take effect: the connection was
//             never made, or the server said so before doing anything
//             (408, 429 — Retry-After honoured). Send again after the backoff.
//   unknown   it may have taken effect: a timeout, a connection lost after
//             the request left, an answer cut off or unreadable (a 2xx whose
//             body is not JSON), a 5xx (a gateway's 502/503 can come after
//             the work committed). CHECK before doing it again: the uplink
//             re-sends the very same batch (central keeps one answer per
//             batch and per seq), the downlink asks again (GETs change
//             nothing), a rating is looked up by id or case before any re-send.
//   refused   the server understood and said no (other 4xx): park it and show
//             why (a blocked uplink, a rejected rating, a refused dataset).
//   protocol  the answer breaks the contract (a 2xx whose JSON does not match
//             the schema, 426 protocol_version): stop with the reason; no
//             retry can fix it until one side is upgraded or repaired.
//
// Contract: send() never throws anything but SyncFailure; expectOk() turns a
// 2xx into the parsed value or a `protocol` failure, any other status into
// failureOf(). Callers that give some statuses a meaning of their own (404
// not_found after a check, 409 duplicate, 410 must_refetch) look at the
// Answer first and hand the rest to failureOf().
// Dangers: messages never carry the request's headers (bearer tokens) and
// quote at most 200 characters of a body.
import type { z } from 'zod';
import { HttpTransportError, type HttpClient, type HttpRequest } from './http-client.js';

export type FailureKind = 'retry' | 'unknown' | 'refused' | 'protocol';

export interface ExchangeTiming {
  sentAt: number;
  receivedAt: number;
  /** X-Server-Time of the answer (epoch ms), when present. */
  serverTime: number | null;
}

export class SyncFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** Stable code: the server's error code, or offline / timeout / connection_lost / unreadable_answer / bad_answer. */
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    /** The server's Retry-After (a floor for the next attempt), when given. */
    readonly retryAfterMs: number | null = null,
    /** The exchange's timing when an answer arrived (clock drift is measured from any answer). */
    readonly timing: ExchangeTiming | null = null,
    /** A `seq` in the error body (uplink sequence_conflict). */
    readonly seq: number | null = null,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

/** A complete HTTP answer: the body parsed as JSON when it is JSON (else null), with its timing. */
export interface Answer extends ExchangeTiming {
  status: number;
  headers: Record<string, string>;
  json: unknown;
  /** False when the body is not empty and not JSON (cut off, or an HTML error page). */
  readable: boolean;
  text: string;
}

/** One request. Resolves with any complete answer; rejects only with a SyncFailure (retry or unknown). */
export async function send(http: HttpClient, request: HttpRequest, now: () => number): Promise<Answer> {
  const sentAt = now();
  let res;
  try {
    res = await http(request);
  } catch (err) {
    const host = safeHost(request.url);
    if (err instanceof HttpTransportError) {
      if (!err.sent) throw new SyncFailure('retry', 'offline', err.message);
      throw new SyncFailure('unknown', err.kind === 'timeout' ? 'timeout' : 'connection_lost', err.message);
    }
    throw new SyncFailure('unknown', 'connection_lost', `request to ${host} failed: ${(err as Error).message}`);
  }
  const timing: ExchangeTiming = { sentAt, receivedAt: now(), serverTime: serverTimeOf(res.headers) };
  let json: unknown = null;
  let readable = true;
  if (res.body.trim() !== '') {
    try {
      json = JSON.parse(res.body);
    } catch {
      readable = false;
    }
  }
  return { ...timing, status: res.status, headers: res.headers, json, readable, text: res.body };
}

/** A 2xx parsed by `schema`, or the failure the answer stands for. */
export function expectOk<T>(a: Answer, schema: z.ZodType<T>, what: string): T {
  if (a.status < 200 || a.status >= 300) throw failureOf(a, what);
  if (!a.readable) {
    throw new SyncFailure('unknown', 'unreadable_answer', `the answer to ${what} was cut off or is not JSON (${a.text.length} characters); outcome unknown, checking before doing it again`, a.status, null, timing(a));
  }
  const parsed = schema.safeParse(a.json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new SyncFailure('protocol', 'bad_answer', `the answer to ${what} does not follow the protocol (${where})`, a.status, null, timing(a));
  }
  return parsed.data;
}

/** The failure a non-2xx answer stands for (see the taxonomy above). */
export function failureOf(a: Answer, what: string): SyncFailure {
  const { code, message, seq } = errorParts(a);
  const text = `${what} answered ${a.status} ${code}${message ? `: ${message}` : ''}`;
  const retryAfter = retryAfterMs(a.headers, a.serverTime ?? a.receivedAt);
  let kind: FailureKind;
  if (a.status === 408 || a.status === 429) kind = 'retry';
  else if (a.status >= 500 || a.status < 200) kind = 'unknown';
  else if (a.status === 426) kind = 'protocol';
  else kind = 'refused';
  return new SyncFailure(kind, code, text, a.status, retryAfter, timing(a), seq);
}

/** Error bodies: `{ error: "code", message }` or `{ error: { code, message, details } }`. */
export function errorParts(a: Pick<Answer, 'json' | 'status' | 'text'>): { code: string; message: string; seq: number | null } {
  const p = (a.json ?? {}) as Record<string, unknown>;
  const e = p.error;
  const nested = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : null;
  const code = typeof e === 'string' ? e : typeof nested?.code === 'string' ? nested.code : typeof p.code === 'string' ? p.code : `http_${a.status}`;
  const message = typeof p.message === 'string' ? p.message : typeof nested?.message === 'string' ? nested.message : typeof p.msg === 'string' ? p.msg : a.json === null ? a.text.slice(0, 200) : '';
  const seqRaw = p.seq ?? nested?.seq ?? (nested?.details as Record<string, unknown> | undefined)?.seq;
  return { code, message, seq: typeof seqRaw === 'number' && Number.isInteger(seqRaw) ? seqRaw : null };
}

/** Retry-After in ms: delta-seconds or an HTTP date (relative to `now`); null when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | null {
  const raw = headers['retry-after']?.trim();
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

function serverTimeOf(headers: Record<string, string>): number | null {
  const raw = headers['x-server-time'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function timing(a: Answer): ExchangeTiming {
  return { sentAt: a.sentAt, receivedAt: a.receivedAt, serverTime: a.serverTime };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}
