// Helpers for the multi-process device-agent tests: real child processes for
// the hall (`hall/main.ts`) and each terminal's agent (`agent/main.ts`, as
// `npm run terminal` runs it), a TCP proxy between an agent and the hall that
// can cut the link, and readers of what the hall recorded (its SQLite file).
// Dangers: every process started here must be ended by the test (stop()/kill9());
// a proxy that is `hold`ing keeps client sockets paused until restore().
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import type { LiveMessage } from '../../../hall/api/dto.js';
import type { TerminalFile } from '../../../agent/terminal-file.js';

const root = path.resolve(import.meta.dirname, '../../..');

/** A child process whose output the test can wait on. */
export class Child {
  output = '';
  private readonly watchers = new Set<() => void>();
  readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    const take = (d: Buffer) => {
      this.output += d.toString();
      if (process.env.AGENT_TEST_VERBOSE) process.stderr.write(`[${name}] ${d.toString()}`);
      for (const w of [...this.watchers]) w();
    };
    proc.stdout?.on('data', take);
    proc.stderr?.on('data', take);
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  /** Resolves when the output contains `text` `count` times (counted from the start); rejects after timeoutMs or on exit. */
  waitFor(text: string | RegExp, count = 1, timeoutMs = 30_000): Promise<void> {
    const seen = () => (typeof text === 'string' ? this.output.split(text).length - 1 : (this.output.match(new RegExp(text, 'g')) ?? []).length);
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        this.watchers.delete(check);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (seen() >= count) done();
        else if (this.proc.exitCode !== null || this.proc.signalCode !== null) done(new Error(`${this.name} exited before printing ${String(text)}:\n${this.output.slice(-2000)}`));
      };
      const timer = setTimeout(() => done(new Error(`${this.name} did not print ${String(text)} ×${count} within ${timeoutMs} ms:\n${this.output.slice(-2000)}`)), timeoutMs);
      this.watchers.add(check);
      void this.exited.then(check);
      check();
    });
  }

  count(text: string): number {
    return this.output.split(text).length - 1;
  }

  /** kill -9: no handler runs, nothing is flushed. */
  async kill9(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(t);
  }
}

/** A device agent process: `node --import tsx agent/main.ts --hall URL --terminal ID --dir DIR`, token in SERVICEHALL_TOKEN. */
export async function startAgentProcess(options: { hallUrl: string; terminalId: string; dir: string; token: string; terminalFile?: TerminalFile }): Promise<Child> {
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  if (options.terminalFile) fs.writeFileSync(path.join(options.dir, 'terminal.json'), JSON.stringify(options.terminalFile, null, 2), { mode: 0o600 });
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'agent/main.ts'), '--hall', options.hallUrl, '--terminal', options.terminalId, '--dir', options.dir], {
    cwd: root,
    env: { ...process.env, SERVICEHALL_TOKEN: options.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = new Child(`agent ${options.terminalId}`, proc);
  await child.waitFor(`device agent ${options.terminalId}: connected to the hall`);
  return child;
}

/** The hall service as its own process (`hall/main.ts --no-devices`), on a fixed port so a restart keeps its address. */
export async function startHallProcess(options: { dataDir: string; configPath: string; port: number }): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'hall/main.ts'), '--port', String(options.port), '--data', options.dataDir, '--config', options.configPath, '--no-devices'], {
    cwd: root,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = new Child('hall', proc);
  await child.waitFor('ServiceHall is running at');
  return child;
}

/** Terminal tokens the hall keeps in its data folder (what enrolment would have handed each terminal). */
export function hallTokens(dataDir: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'terminals.json'), 'utf8')) as Record<string, string>;
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/**
 * A TCP proxy in front of the hall (or anything). Modes:
 *   pass     forward both ways (a failed upstream connection closes the client)
 *   cut      existing connections are destroyed; new ones are destroyed at once (a pulled cable / a dead switch port)
 *   hold     new connections are accepted and kept paused; restore() connects them upstream (a link that heals)
 *   swallow  bytes from the far side to the client are thrown away (frames lost in transit)
 *   stall    bytes both ways wait in the proxy, connections stay up; restore() delivers them in order
 *            (a link that goes silent without a reset, then heals within TCP's retransmission time)
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private mode: 'pass' | 'cut' | 'hold' | 'swallow' | 'stall' = 'pass';
  private stalled: (() => void)[] = [];
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  private held: net.Socket[] = [];
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<this> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Drops every connection now and refuses new ones until restore(). */
  cut(): void {
    this.mode = 'cut';
    for (const p of [...this.pairs]) this.drop(p);
  }

  /** Keeps new connections waiting (paused) until restore(); existing ones are dropped. */
  hold(): void {
    this.mode = 'hold';
    for (const p of [...this.pairs]) this.drop(p);
  }

  /** From now on, what the far side sends to the client is lost. */
  swallow(): void {
    this.mode = 'swallow';
  }

  stall(): void {
    this.mode = 'stall';
  }

  restore(): void {
    this.mode = 'pass';
    const stalled = this.stalled;
    this.stalled = [];
    for (const deliver of stalled) deliver();
    const held = this.held;
    this.held = [];
    for (const client of held) if (!client.destroyed) this.connect(client);
  }

  connections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    for (const p of [...this.pairs]) this.drop(p);
    for (const c of this.held) c.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => {});
    if (this.mode === 'cut') return void client.destroy();
    if (this.mode === 'hold') {
      client.pause();
      this.held.push(client);
      return;
    }
    this.connect(client);
  }

  private connect(client: net.Socket): void {
    const pair: { client: net.Socket; upstream: net.Socket | null } = { client, upstream: null };
    this.pairs.add(pair);
    const upstream = net.connect(this.target.port, this.target.host);
    pair.upstream = upstream;
    upstream.on('error', () => this.drop(pair));
    upstream.on('close', () => this.drop(pair));
    client.on('close', () => this.drop(pair));
    upstream.on('data', (d) => {
      if (this.mode === 'stall') this.stalled.push(() => client.write(d));
      else if (this.mode !== 'swallow') client.write(d);
    });
    client.on('data', (d) => {
      if (this.mode === 'stall') this.stalled.push(() => upstream.write(d));
      else upstream.write(d);
    });
    client.resume();
  }

  private drop(pair: { client: net.Socket; upstream: net.Socket | null }): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }
}

/** What the hall recorded, read from its SQLite file (the hall may be another process). */
export function hallRecords(dataDir: string) {
  const db = new Database(path.join(dataDir, 'hall.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const events = (db.prepare("SELECT type, payload FROM events WHERE type IN ('ticket_printed', 'print_failed') ORDER BY seq").all() as { type: string; payload: string }[]).map((e) => ({
      type: e.type,
      ...(JSON.parse(e.payload) as { ticketId: string; number: string | null; jobId: string | null; printed?: string; code?: string | null; confirmed?: boolean }),
    }));
    const jobs = db.prepare("SELECT id, ticket_id AS ticketId, state, code FROM print_jobs WHERE kind = 'ticket' ORDER BY created_at").all() as { id: string; ticketId: string; state: string; code: string | null }[];
    return { events, jobs };
  } finally {
    db.close();
  }
}

/** A terminal page's live feed (the token is the first message, never in the URL). */
export function liveFeed(hallUrl: string, token: string) {
  const ws = new WebSocket(`${hallUrl.replace('http', 'ws')}/api/v1/live`);
  ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
  const messages: LiveMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as LiveMessage));
  ws.on('error', () => {});
  return { ws, messages, open: new Promise((r) => ws.once('message', r)), close: () => ws.close() };
}

/** Plain JSON over HTTP with a fresh connection per request (a restarted hall is never reached through a dead socket). */
export async function call<T = unknown>(hallUrl: string, method: string, route: string, opts: { token?: string; session?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.session) headers['x-staff-session'] = opts.session;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(`${hallUrl}${route}`, { method, headers, agent: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
  return { status, body: (text ? JSON.parse(text) : null) as T };
}

export async function until<T>(get: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, ms = 15_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 40))) {
    const v = await get();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
