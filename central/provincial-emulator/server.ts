// A provincial 好差评 system emulator: a real HTTP server implementing the
// provincial profile (protocol/central/ratings/profiles/provincial.ts) for tests and
// demos. Endpoints (PROVINCIAL_PATHS):
//   POST /api/v1/token {clientId, clientSecret} → {code:"0", data:{accessToken, expiresIn}}
//   POST /api/v1/evaluation/submit (Bearer)      → 200 {code:"0"} | 409 {code:"DUPLICATE"}
//                                                  | 422 {code:"INVALID", msg:<reason>} | 401 {code:"TOKEN_EXPIRED"|"TOKEN_INVALID"}
//   GET  /api/v1/evaluation/query?projectNo=…    → 200 {code:"0", data:[…]} | 404 {code:"NOT_FOUND"}
//   POST /api/v1/evaluation/rectification (Bearer) — 整改反馈 of a 差评:
//        {projectNo, assessNumber, rectifyResult: rectified|explained|appeal_upheld,
//         rectifyTime: "yyyy-MM-dd HH:mm:ss", onTime: boolean}
//        → 200 {code:"0"} | 409 DUPLICATE | 422 INVALID (bad field, or no rating held for the case)
//   GET  /api/v1/evaluation/rectification/query?projectNo=… → 200 {code:"0", data:[…]} | 404 NOT_FOUND
// Rules: one rating per (projectNo, assessNumber); a follow-up (assessNumber 2)
// only after a first rating, once. Tokens expire after tokenTtlSeconds of the
// injected clock.
// Fault injection (tests): inject() queues faults per endpoint — a delay
// before or after storing (the latter forces "timeout, outcome unknown"),
// a 5xx before or after storing, a 200 cut off after storing, a 429 with
// Retry-After, a dropped connection; expireTokens().
// Danger: test tool only — keeps everything in memory, no TLS.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { provincialRejectReason, type ProvincialRatingBody } from '../../protocol/central/ratings/profiles/provincial.js';
import { PROVINCIAL_PATHS } from '../../protocol/central/ratings/provincial-client.js';
import { parseDashed } from '../../protocol/central/ratings/profiles/time.js';

export type EmulatorEndpoint = 'token' | 'submit' | 'query' | 'rectify' | 'rectify_query';

export type Fault =
  /** Waits `ms` before answering; `afterStore` true stores the rating first (the client times out, the rating IS there). */
  | { kind: 'delay'; ms: number; afterStore: boolean }
  /** Answers `status`; with `afterStore` (submit) the rating is stored first — a gateway's 5xx after the commit. */
  | { kind: 'status'; status: number; afterStore?: boolean }
  /** Stores the rating (submit), then answers 200 with the body cut in half and the connection closed. */
  | { kind: 'truncate' }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  /** Stores the rating (submit), then destroys the socket without an answer. */
  | { kind: 'drop' };

export interface StoredRating {
  body: ProvincialRatingBody;
  receivedAt: number;
  clientId: string;
}

export interface EmulatorRequestLog {
  endpoint: EmulatorEndpoint;
  at: number;
  /** 0 while unanswered, -1 when the connection was dropped on purpose. */
  status: number;
  projectNo?: string;
  assessNumber?: number;
  code?: string;
}

export interface ProvincialEmulatorOptions {
  host?: string;
  port?: number;
  now?: () => number;
  clients?: { clientId: string; clientSecret: string }[];
  tokenTtlSeconds?: number;
  utcOffsetMinutes?: number;
}

export class ProvincialEmulator {
  readonly ratings = new Map<string, StoredRating>();
  /** 整改反馈 by `${projectNo}#${assessNumber}`. */
  readonly rectifications = new Map<string, { body: RectificationBody; receivedAt: number; clientId: string }>();
  readonly requests: EmulatorRequestLog[] = [];
  private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
  private readonly faults: { endpoint: EmulatorEndpoint; fault: Fault }[] = [];
  private readonly clients: Map<string, string>;
  private readonly now: () => number;
  private readonly ttl: number;
  private readonly offset: number;
  private server: http.Server | null = null;
  url = '';

  constructor(o: ProvincialEmulatorOptions = {}) {
    this.now = o.now ?? Date.now;
    this.ttl = o.tokenTtlSeconds ?? 7200;
    this.offset = o.utcOffsetMinutes ?? 480;
    this.clients = new Map((o.clients ?? [{ clientId: 'hall', clientSecret: 'secret' }]).map((c) => [c.clientId, c.clientSecret]));
  }

  async listen(host = '127.0.0.1', port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    this.url = `http://${host}:${addr.port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Queues a fault for the next `times` requests to an endpoint. */
  inject(endpoint: EmulatorEndpoint, fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push({ endpoint, fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Every token issued so far answers TOKEN_EXPIRED from now on. */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, this.now() - 1);
  }

  submissions(projectNo?: string): EmulatorRequestLog[] {
    return this.requests.filter((r) => r.endpoint === 'submit' && (projectNo === undefined || r.projectNo === projectNo));
  }

  private takeFault(endpoint: EmulatorEndpoint): Fault | null {
    const i = this.faults.findIndex((f) => f.endpoint === endpoint);
    return i < 0 ? null : this.faults.splice(i, 1)[0]!.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const endpoint: EmulatorEndpoint | null =
      url.pathname === PROVINCIAL_PATHS.token ? 'token' : url.pathname === PROVINCIAL_PATHS.submit ? 'submit' : url.pathname === PROVINCIAL_PATHS.query ? 'query'
      : url.pathname === PROVINCIAL_PATHS.rectification ? 'rectify' : url.pathname === PROVINCIAL_PATHS.rectificationQuery ? 'rectify_query' : null;
    const log: EmulatorRequestLog = { endpoint: endpoint ?? 'query', at: this.now(), status: 0 };
    const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      log.status = status;
      log.code = String(body.code ?? '');
      if (res.destroyed) return;
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    };
    try {
      if (!endpoint) return send(404, { code: 'NO_SUCH_API', msg: `no API at ${url.pathname}` });
      const raw = await readJson(req);
      // Logged on arrival (status 0 until answered): tests count what reached the province.
      this.requests.push(log);
      if ((endpoint === 'submit' || endpoint === 'rectify') && raw && typeof raw === 'object') {
        const b = raw as { projectNo?: unknown; assessNumber?: unknown };
        if (typeof b.projectNo === 'string') log.projectNo = b.projectNo;
        if (typeof b.assessNumber === 'number') log.assessNumber = b.assessNumber;
      }
      const fault = this.takeFault(endpoint);
      if (fault?.kind === 'status' && !fault.afterStore) return send(fault.status, { code: 'SERVER_ERROR', msg: 'injected server error' });
      if (fault?.kind === 'rate_limit') return send(429, { code: 'RATE_LIMITED', msg: '请求过于频繁' }, { 'retry-after': String(fault.retryAfterSeconds) });
      if (fault?.kind === 'delay' && !fault.afterStore) await sleep(fault.ms);

      if (endpoint === 'token') {
        const b = (raw ?? {}) as { clientId?: unknown; clientSecret?: unknown };
        if (typeof b.clientId !== 'string' || this.clients.get(b.clientId) !== b.clientSecret) return send(401, { code: 'BAD_CREDENTIALS', msg: 'clientId or clientSecret is wrong' });
        const token = randomBytes(16).toString('hex');
        this.tokens.set(token, { clientId: b.clientId, expiresAt: this.now() + this.ttl * 1000 });
        return send(200, { code: '0', data: { accessToken: token, expiresIn: this.ttl } });
      }

      const auth = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : '';
      const token = this.tokens.get(auth);
      if (!token) return send(401, { code: 'TOKEN_INVALID', msg: 'unknown token' });
      if (token.expiresAt <= this.now()) return send(401, { code: 'TOKEN_EXPIRED', msg: 'token expired' });

      if (endpoint === 'query') {
        const projectNo = url.searchParams.get('projectNo') ?? '';
        log.projectNo = projectNo;
        const data = [1, 2].flatMap((n) => {
          const r = this.ratings.get(`${projectNo}#${n}`);
          return r ? [{ projectNo, assessNumber: n, satisfaction: r.body.satisfaction, assessTime: r.body.assessTime }] : [];
        });
        return data.length ? send(200, { code: '0', data }) : send(404, { code: 'NOT_FOUND', msg: `no rating for ${projectNo}` });
      }

      if (endpoint === 'rectify_query') {
        const projectNo = url.searchParams.get('projectNo') ?? '';
        log.projectNo = projectNo;
        const data = [1, 2].flatMap((n) => this.rectifications.get(`${projectNo}#${n}`)?.body ?? []);
        return data.length ? send(200, { code: '0', data }) : send(404, { code: 'NOT_FOUND', msg: `no rectification feedback for ${projectNo}` });
      }
      if (endpoint === 'rectify') {
        const reason = rectificationRejectReason(raw, this.offset);
        if (reason) return send(422, { code: 'INVALID', msg: reason });
        const b = raw as RectificationBody;
        const key = `${b.projectNo}#${b.assessNumber}`;
        if (!this.ratings.has(key)) return send(422, { code: 'INVALID', msg: `no rating held for ${key}: the rating comes before its rectification feedback` });
        if (this.rectifications.has(key)) return send(409, { code: 'DUPLICATE', msg: '该差评已反馈整改' });
        this.rectifications.set(key, { body: b, receivedAt: this.now(), clientId: token.clientId });
        if (fault?.kind === 'status') return send(fault.status, { code: 'SERVER_ERROR', msg: 'injected server error after storing' });
        return send(200, { code: '0', msg: '成功' });
      }

      // submit
      const body = raw as ProvincialRatingBody;
      const reason = provincialRejectReason(raw, this.offset);
      if (reason) return send(422, { code: 'INVALID', msg: reason });
      const key = `${body.projectNo}#${body.assessNumber}`;
      if (this.ratings.has(key)) return send(409, { code: 'DUPLICATE', msg: body.assessNumber === 2 ? '该办件已追评' : '该办件已评价' });
      if (body.assessNumber === 2 && !this.ratings.has(`${body.projectNo}#1`)) return send(422, { code: 'INVALID', msg: 'follow-up rating (assessNumber 2) without a first rating for this case' });
      this.ratings.set(key, { body, receivedAt: this.now(), clientId: token.clientId });
      if (fault?.kind === 'drop') {
        log.status = -1;
        res.socket?.destroy();
        return;
      }
      if (fault?.kind === 'status') return send(fault.status, { code: 'SERVER_ERROR', msg: 'injected server error after storing' });
      if (fault?.kind === 'truncate') {
        // No Content-Length, connection closed: the client cannot tell the cut from the end.
        log.status = 200;
        const text = JSON.stringify({ code: '0', msg: '成功' });
        res.socket?.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${text.slice(0, text.length >> 1)}`);
        return;
      }
      if (fault?.kind === 'delay' && fault.afterStore) await sleep(fault.ms);
      return send(200, { code: '0', msg: '成功' });
    } catch (err) {
      return send(400, { code: 'BAD_REQUEST', msg: (err as Error).message });
    }
  }
}

export interface RectificationBody {
  projectNo: string;
  assessNumber: 1 | 2;
  rectifyResult: 'rectified' | 'explained' | 'appeal_upheld';
  rectifyTime: string;
  onTime: boolean;
}

/** Why the province refuses a 整改反馈 body, or null. */
export function rectificationRejectReason(raw: unknown, utcOffsetMinutes: number): string | null {
  if (!raw || typeof raw !== 'object') return 'body must be a JSON object';
  const b = raw as Record<string, unknown>;
  if (typeof b.projectNo !== 'string' || b.projectNo.length === 0) return 'projectNo is required';
  if (b.assessNumber !== 1 && b.assessNumber !== 2) return 'assessNumber must be 1 or 2';
  if (b.rectifyResult !== 'rectified' && b.rectifyResult !== 'explained' && b.rectifyResult !== 'appeal_upheld') return 'rectifyResult must be rectified, explained or appeal_upheld';
  if (typeof b.rectifyTime !== 'string' || parseDashed(b.rectifyTime, utcOffsetMinutes) === null) return 'rectifyTime must be a real yyyy-MM-dd HH:mm:ss';
  if (typeof b.onTime !== 'boolean') return 'onTime must be true or false';
  return null;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 256 * 1024) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('body is not valid JSON');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startProvincialEmulator(o: ProvincialEmulatorOptions = {}): Promise<ProvincialEmulator> {
  const emulator = new ProvincialEmulator(o);
  await emulator.listen(o.host, o.port);
  return emulator;
}
