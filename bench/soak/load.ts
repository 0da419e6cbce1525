// Real load against a running hall process: kiosks issuing, counters calling and finishing,
// and a stream of malformed requests mixed in. Runs until stop() — typically the moment
// the hall is killed — so requests are in flight when it dies.
import net from 'node:net';
import { errorCode, request, sleep, type Reply } from './http.js';
import type { Ledger } from './ledger.js';

export interface Terminals {
  kiosks: string[];
  /** counter id → counter terminal token. */
  counters: Map<string, string>;
}

export interface LoadStats {
  issueRefused: Record<string, number>;
  malformedSent: number;
  /** Malformed requests the hall answered with a 5xx (a finding: bad input must get a 4xx). */
  malformed5xx: Record<string, number>;
  /** Real requests answered 5xx (e.g. while the disk is full): allowed, never acknowledged. */
  serverErrors: number;
}

export const emptyLoadStats = (): LoadStats => ({ issueRefused: {}, malformedSent: 0, malformed5xx: {}, serverErrors: 0 });

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

interface CounterStaff {
  counterId: string;
  staffNo: string;
}

/** Staff sessions survive restarts (they are stored); re-signed when the hall refuses one. */
export class Sessions {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly terminals: () => Terminals) {}

  async get(base: string, c: CounterStaff): Promise<string | null> {
    const known = this.tokens.get(c.counterId);
    if (known) return known;
    const reply = await request(base, 'POST', `/api/v1/counters/${c.counterId}/session`, {
      token: this.terminals().counters.get(c.counterId),
      body: { staffNo: c.staffNo, pin: '1234' },
    });
    const token = (reply.body as { sessionToken?: string } | null)?.sessionToken;
    if (reply.status !== 200 || !token) return null;
    this.tokens.set(c.counterId, token);
    return token;
  }

  forget(counterId: string): void {
    this.tokens.delete(counterId);
  }
}

export interface LoadOptions {
  base: string;
  terminals: () => Terminals;
  matters: string[];
  counters: CounterStaff[];
  sessions: Sessions;
  ledger: Ledger;
  stats: LoadStats;
  issuersPerKiosk: number;
  random: () => number;
  /** Malformed requests to send (names from MALFORMED). */
  malformed: Malformed[];
}

/** Starts the load; the returned stop() resolves when every worker has finished. */
export function startLoad(o: LoadOptions): { stop(): Promise<void> } {
  let stopped = false;
  const idle = () => sleep(20 + Math.floor(o.random() * 30));

  const issuer = async (kiosk: number) => {
    while (!stopped) {
      const matterId = o.matters[Math.floor(o.random() * o.matters.length)]!;
      let reply: Reply;
      try {
        reply = await request(o.base, 'POST', '/api/v1/tickets', { token: o.terminals().kiosks[kiosk], body: { matterId } });
      } catch {
        await idle(); // no answer: the hall is gone or going; nothing is acknowledged
        continue;
      }
      const ticket = (reply.body as { ticket?: { id?: string; serviceDay?: string; number?: string } } | null)?.ticket;
      if (reply.status >= 200 && reply.status < 300 && ticket?.id && ticket.serviceDay && ticket.number) {
        o.ledger.ticketAcknowledged({ id: ticket.id, serviceDay: ticket.serviceDay, number: ticket.number });
        continue;
      }
      if (reply.status >= 500) o.stats.serverErrors++;
      bump(o.stats.issueRefused, `${reply.status} ${errorCode(reply) ?? ''}`.trim());
      await idle();
    }
  };

  const caller = async (c: CounterStaff) => {
    const token = () => o.terminals().counters.get(c.counterId);
    const act = async (action: string, session: string) => request(o.base, 'POST', `/api/v1/counters/${c.counterId}/actions/${action}`, { token: token(), session });
    while (!stopped) {
      try {
        const session = await o.sessions.get(o.base, c);
        if (!session) {
          await idle();
          continue;
        }
        const reply = await act('call-next', session);
        const current = (reply.body as { current?: { id?: string; number?: string } | null } | null)?.current;
        if (reply.status === 200 && current?.id) {
          o.ledger.callAcknowledged(current.id, current.number ?? '?');
          await act('finish', session);
          continue;
        }
        const code = errorCode(reply);
        if (reply.status === 401) o.sessions.forget(c.counterId);
        else if (code === 'counter_busy') await act('finish', session); // still holds the ticket called before the last kill
        else if (reply.status >= 500) o.stats.serverErrors++;
        await idle();
      } catch {
        await idle();
      }
    }
  };

  const malformed = async () => {
    while (!stopped) {
      const m = o.malformed[Math.floor(o.random() * o.malformed.length)];
      if (!m) return;
      o.stats.malformedSent++;
      try {
        const status = await m.send(o.base, o.terminals());
        if (status >= 500) bump(o.stats.malformed5xx, m.name);
      } catch {
        // connection closed on us: an allowed answer to garbage
      }
      await sleep(5 + Math.floor(o.random() * 20));
    }
  };

  const workers: Promise<void>[] = [];
  for (let k = 0; k < o.terminals().kiosks.length; k++) for (let i = 0; i < o.issuersPerKiosk; i++) workers.push(issuer(k));
  for (const c of o.counters) workers.push(caller(c));
  workers.push(malformed());
  return {
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

/** Sends raw bytes and returns the status code of the answer (0 when the hall closed without one). */
function raw(base: string, bytes: string | Buffer, timeoutMs = 3_000): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let text = '';
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)));
  });
}

const post = (route: string, body: string, headers: string) =>
  `POST ${route} HTTP/1.1\r\nHost: hall\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

export interface Malformed {
  name: string;
  send(base: string, t: Terminals): Promise<number>;
}

/** Bad input a careless client or a hostile visitor on the LAN sends. Each must get a 4xx (or a closed connection), never a 5xx. */
export const MALFORMED: Malformed[] = [
  { name: 'truncated-json', send: (b, t) => raw(b, post('/api/v1/tickets', '{"matterId":', `Authorization: Bearer ${t.kiosks[0]}\r\nContent-Type: application/json\r\n`)) },
  { name: 'wrong-content-type', send: (b, t) => raw(b, post('/api/v1/tickets', 'matterId=bdc-01', `Authorization: Bearer ${t.kiosks[0]}\r\nContent-Type: application/x-www-form-urlencoded\r\n`)) },
  { name: 'unknown-matter', send: async (b, t) => (await request(b, 'POST', '/api/v1/tickets', { token: t.kiosks[0], body: { matterId: 'no-such-matter' } })).status },
  { name: 'extra-field', send: async (b, t) => (await request(b, 'POST', '/api/v1/tickets', { token: t.kiosks[0], body: { matterId: 'bdc-01', number: 'A001' } })).status },
  { name: 'no-token', send: async (b) => (await request(b, 'POST', '/api/v1/tickets', { body: { matterId: 'bdc-01' } })).status },
  { name: 'bad-token', send: async (b) => (await request(b, 'POST', '/api/v1/tickets', { token: 'x'.repeat(43), body: { matterId: 'bdc-01' } })).status },
  { name: 'kiosk-calls', send: async (b, t) => (await request(b, 'POST', '/api/v1/counters/c01/actions/call-next', { token: t.kiosks[0] })).status },
  { name: 'bad-percent-encoding', send: (b) => raw(b, 'GET /api/v1/tickets/%ZZ/progress?key=x HTTP/1.1\r\nHost: hall\r\nConnection: close\r\n\r\n') },
  { name: 'absolute-url-bad-port', send: (b) => raw(b, 'GET http://a:99999/ HTTP/1.1\r\nHost: hall\r\nConnection: close\r\n\r\n') },
  { name: 'oversized-body', send: (b, t) => raw(b, post('/api/v1/tickets', `{"matterId":"${'x'.repeat(200_000)}"}`, `Authorization: Bearer ${t.kiosks[0]}\r\nContent-Type: application/json\r\n`)) },
  { name: 'short-body', send: (b, t) => raw(b, `POST /api/v1/tickets HTTP/1.1\r\nHost: hall\r\nAuthorization: Bearer ${t.kiosks[0]}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"matterId":"bdc-01"}`, 500) },
  { name: 'invalid-utf8', send: (b, t) => raw(b, Buffer.concat([Buffer.from(post('/api/v1/tickets', '{"matterId":"\xff\xfe"}', `Authorization: Bearer ${t.kiosks[0]}\r\nContent-Type: application/json\r\n`), 'latin1')])) },
  { name: 'garbage-request-line', send: (b) => raw(b, '\x00\x01GARBAGE / HTTP/9.9\r\n\r\n') },
  { name: 'websocket-garbage', send: (b) => raw(b, 'GET /api/v1/live?token=x HTTP/1.1\r\nHost: hall\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: !!\r\nSec-WebSocket-Version: 99\r\n\r\n') },
  { name: 'path-traversal', send: (b) => raw(b, 'GET /kiosk/../../../../etc/passwd HTTP/1.1\r\nHost: hall\r\nConnection: close\r\n\r\n') },
];
