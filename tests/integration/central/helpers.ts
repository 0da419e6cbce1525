// Shared by the central integration tests: a real central server on a fresh
// PostgreSQL database, a hall registered on it, a small HTTP client, and
// builders for uplink events. Nothing is mocked.
import { randomUUID } from 'node:crypto';
import { startCentralServer, type RunningCentral, type StartCentralOptions } from '../../../central/server.js';
import type { TestPostgres } from '../../helpers/postgres.js';
import type { BatchAnswer } from '../../../protocol/central/uplink.js';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = unknown>(
  url: string,
  method: string,
  path: string,
  o: { token?: string; hallId?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.hallId) headers['x-hall-id'] = o.hallId;
  let body: string | undefined;
  if (o.raw !== undefined) body = o.raw;
  else if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** The push answer, as the server defines it. */
export type Answer = BatchAnswer;

export interface CentralHall {
  hallId: string;
  token: string;
  stream: string;
  register(reason?: 'first_start' | 'restored_from_backup', lastSeq?: number): Promise<Reply<{ stream: string; ackSeq: number }>>;
  push(events: UplinkEvent[], o?: { batchId?: string; stream?: string }): Promise<Reply<Answer>>;
  cursor(stream?: string): Promise<Reply<{ stream: string; ackSeq: number }>>;
}

export interface Central {
  central: RunningCentral;
  databaseUrl: string;
  hall(hallId: string, name?: string): Promise<CentralHall>;
  close(): Promise<void>;
}

export async function startCentral(pg: TestPostgres, options: Partial<StartCentralOptions> = {}, databaseUrl?: string): Promise<Central> {
  const db = databaseUrl ?? (await pg.createDatabase());
  const central = await startCentralServer({ databaseUrl: db, rateLimit: false, ...options });
  return {
    central,
    databaseUrl: db,
    async hall(hallId, name = `${hallId} 政务服务中心`) {
      const { token } = await central.addHall(hallId, name);
      return hallClient(central.url, hallId, token);
    },
    close: () => central.close(),
  };
}

export async function hallClient(url: string, hallId: string, token: string, register = true): Promise<CentralHall> {
  const h: CentralHall = {
    hallId,
    token,
    stream: '',
    async register(reason = 'first_start', lastSeq) {
      const r = await call<{ stream: string; ackSeq: number }>(url, 'POST', `/v1/halls/${hallId}/register`, { token, hallId, body: { reason, ...(lastSeq !== undefined ? { lastSeq } : {}) } });
      if (r.status === 200) h.stream = r.body.stream;
      return r;
    },
    push(events, o = {}) {
      return call<Answer>(url, 'POST', `/v1/halls/${hallId}/events`, { token, hallId, body: { batchId: o.batchId ?? randomUUID(), stream: o.stream ?? h.stream, events } });
    },
    cursor(stream = h.stream) {
      return call(url, 'GET', `/v1/halls/${hallId}/cursor?stream=${encodeURIComponent(stream)}`, { token, hallId });
    },
  };
  if (register) {
    const r = await h.register();
    if (r.status !== 200) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return h;
}

export interface UplinkEvent {
  seq: number;
  id: string;
  type: string;
  schemaVersion: number;
  serviceDay: string;
  at: number;
  hlc?: string;
  payload: Record<string, unknown>;
}

export function ev(seq: number, type: string, payload: Record<string, unknown>, o: { at?: number; serviceDay?: string; schemaVersion?: number; id?: string } = {}): UplinkEvent {
  return {
    seq,
    id: o.id ?? randomUUID(),
    type,
    schemaVersion: o.schemaVersion ?? 1,
    serviceDay: o.serviceDay ?? '2026-11-21',
    at: o.at ?? Date.UTC(2026, 10, 21, 1, 0) + seq * 1000,
    payload,
  };
}

/** A valid counter_paused event: the smallest payload there is. */
export function simple(seq: number, o: { id?: string } = {}): UplinkEvent {
  return ev(seq, 'counter_paused', { counterId: `c${seq % 7}` }, o);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
