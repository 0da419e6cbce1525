// Starts a real hall service on a random port with a temporary data folder,
// and gives tests a small typed client. Nothing is mocked: real SQLite file,
// real HTTP, real WebSocket.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startHallService, type RunningHall, type StartHallOptions } from '../../hall/service.js';
import type { StaffSessionDTO } from '../../hall/api/dto.js';

export interface Harness {
  hall: RunningHall;
  dataDir: string;
  url: string;
  token(terminalId: string): string;
  api<T = unknown>(method: string, route: string, opts?: { terminal?: string; session?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: T }>;
  signIn(counterId: string, staffNo: string): Promise<StaffSessionDTO>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A copy of the demo hall configuration with `patch` applied (shallow per top-level
 * key), in a temporary file: for tests that need other rules than the demo's.
 */
export function demoConfigWith(patch: (config: Record<string, unknown>) => void): string {
  const config = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../config/demo-hall.json'), 'utf8')) as Record<string, unknown>;
  patch(config);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-config-')), 'hall.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-test-'));
}

export async function startHarness(options: Partial<StartHallOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDataDir();
  let hall = await startHallService({ port: 0, ...options, dataDir });
  const tokenOf = (id: string) => {
    const page = hall.pages.find((p) => p.terminalId === id);
    if (!page) throw new Error(`no terminal ${id}`);
    return new URL(page.url).hash.replace('#token=', '');
  };
  const h: Harness = {
    get hall() {
      return hall;
    },
    dataDir,
    get url() {
      return hall.url;
    },
    token: tokenOf,
    async api(method, route, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.terminal) headers.authorization = `Bearer ${tokenOf(opts.terminal)}`;
      if (opts.session) headers['x-staff-session'] = opts.session;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      // A fresh connection per request (no keep-alive pool), so a restarted service is never
      // reached through a socket the old one closed.
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(`${hall.url}${route}`, { method, headers, agent: false }, (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
        });
        req.on('error', reject);
        req.end(body);
      });
      return { status, body: (text ? JSON.parse(text) : null) as never };
    },
    async signIn(counterId, staffNo) {
      const terminal = hall.pages.find((p) => p.role === 'counter' && p.counterId === counterId)!.terminalId;
      const res = await h.api<StaffSessionDTO>('POST', `/api/v1/counters/${counterId}/session`, { terminal, body: { staffNo, pin: '1234' } });
      if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    /** Stops and starts the service on the same port, as a hall PC reboot would: pages reconnect by themselves. */
    async restart() {
      const port = Number(new URL(hall.url).port);
      await hall.close();
      hall = await startHallService({ ...options, port, dataDir });
    },
    async close() {
      await hall.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Counter terminal id of a counter in the demo hall (counter c03 → "counter-3"). */
export const counterTerminal = (counterId: string) => `counter-${Number(counterId.slice(1))}`;
export const counterDisplayTerminal = (counterId: string) => `counter-display-${Number(counterId.slice(1))}`;
