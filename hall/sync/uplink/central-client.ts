// The hall's client for the central platform's uplink endpoints
// (docs/sync-protocol.md, wire shapes in protocol/central/uplink.ts):
// register, cursor, push events. Contract: every call resolves with the
// parsed answer plus the exchange's timing (clock drift from X-Server-Time)
// or rejects with a SyncFailure of the kernel's taxonomy
// (protocol/sync/failure.ts). Two refusals have a meaning of their own for
// the uplink: 409 sequence_conflict and 404 unknown_stream (a central restored
// from a backup older than the stream) — both mean "register again".
// Dangers: the bearer token is a secret: it is never put into an error message.
import type { z } from 'zod';
import type { HttpClient } from '../../../protocol/sync/http-client.js';
import { expectOk, send, type ExchangeTiming } from '../../../protocol/sync/failure.js';
import { PROTOCOL_VERSION, pushAnswerSchema, streamCursorSchema, type PushAnswer, type RegisterReason, type StreamCursor } from '../../../protocol/central/uplink.js';

export interface Exchange<T> extends ExchangeTiming {
  value: T;
}

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

  register(reason: RegisterReason, lastSeq: number): Promise<Exchange<StreamCursor>> {
    return this.call('POST', '/register', streamCursorSchema, JSON.stringify({ reason, lastSeq }));
  }

  cursor(stream: string): Promise<Exchange<StreamCursor>> {
    return this.call('GET', `/cursor?stream=${encodeURIComponent(stream)}`, streamCursorSchema);
  }

  /** `body` is the batch already serialised (the worker builds it within the byte limit). */
  pushEvents(body: string): Promise<Exchange<PushAnswer>> {
    return this.call('POST', '/events', pushAnswerSchema, body);
  }

  private async call<T>(method: 'GET' | 'POST', route: string, schema: z.ZodType<T>, body?: string): Promise<Exchange<T>> {
    const token = this.o.token();
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'x-hall-id': this.o.hallId,
      'x-protocol-version': String(PROTOCOL_VERSION),
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    const url = `${this.o.baseUrl}/v1/halls/${encodeURIComponent(this.o.hallId)}${route}`;
    const answer = await send(this.o.http, { method, url, headers, body, timeoutMs: this.o.timeoutMs }, this.o.now);
    const value = expectOk(answer, schema, `central (${method} ${route.split('?')[0]})`);
    return { sentAt: answer.sentAt, receivedAt: answer.receivedAt, serverTime: answer.serverTime, value };
  }
}

/** Refusals that mean "this stream is gone or forked here: register again". */
export function isReRegister(code: string, status: number | null): 'sequence_conflict' | 'unknown_stream' | null {
  if (status === 409 && code === 'sequence_conflict') return 'sequence_conflict';
  if (status === 404 && code === 'unknown_stream') return 'unknown_stream';
  return null;
}
