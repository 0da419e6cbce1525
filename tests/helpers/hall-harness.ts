// Starts a real hall service on a random port with a temporary data folder,
// and gives tests a small typed client. Nothing is mocked: real SQLite file,
// real HTTP, real WebSocket.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startHallService, type RunningHall, type StartHallOptions } from '../../hall/service.js';
import { loadHallConfig } from '../../hall/config/load.js';
import type { StaffSessionDTO } from '../../hall/api/dto.js';
import { TerminalDeviceAgent } from '../../agent/device-agent.js';
import type { DeviceHandle } from '../../agent/devices/open-device.js';

export interface Harness {
  hall: RunningHall;
  dataDir: string;
  url: string;
  token(terminalId: string): string;
  api<T = unknown>(method: string, route: string, opts?: { terminal?: string; session?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: T }>;
  signIn(counterId: string, staffNo: string): Promise<StaffSessionDTO>;
  restart(): Promise<void>;
  close(): Promise<void>;
  /** With `devices: 'configured'`: each terminal's device agent, in this process (its devices are the demo's emulators). */
  agents: Map<string, TerminalDeviceAgent>;
  /** A device as its terminal's agent runs it (tests reach the emulators here). */
  agentDevice<K extends DeviceHandle['kind']>(kind: K, terminalId: string): Extract<DeviceHandle, { kind: K }>;
}

export type HarnessOptions = Partial<StartHallOptions> & {
  /** "configured": start a device agent (in this process) for every terminal the configuration gives devices. */
  devices?: 'configured' | 'none';
};

/**
 * Starts a device agent for each terminal in `terminalIds` against a running hall and waits until
 * the hall lists every one of its devices as connected and past its first connection attempt.
 */
export async function startAgents(hall: RunningHall, terminalIds: readonly string[], dataDir: string): Promise<Map<string, TerminalDeviceAgent>> {
  const agents = new Map<string, TerminalDeviceAgent>();
  for (const id of terminalIds) {
    const token = hall.tokens.get(id);
    if (!token) throw new Error(`no terminal ${id}`);
    const agent = new TerminalDeviceAgent({ hallUrl: hall.url, token, terminalId: id, dataDir: path.join(dataDir, `terminal-${id}`), log: () => {}, link: { backoffInitialMs: 50, backoffMaxMs: 500 } });
    agents.set(id, agent);
  }
  await Promise.all([...agents.values()].map((a) => a.start()));
  const deadline = Date.now() + 20_000;
  // agent.start() already waited (≤ 3 s) for each device's first connection attempt.
  const ready = () => terminalIds.every((id) => hall.devices.list().some((d) => d.terminalId === id && d.agentConnected));
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`device agents did not connect: ${JSON.stringify(hall.devices.list().map((d) => [d.id, d.agentConnected, d.health.code]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  // On a first start the agent opens the hall's default devices only after the hall's welcome: give
  // them (≤ 3 s, as the agent's own settle) their first connection attempt. A device a test unplugged stays as it is.
  const settling = () => hall.devices.list().some((d) => terminalIds.includes(d.terminalId) && ['disconnected', 'not_open', 'connecting'].includes(d.health.code));
  for (const until = Date.now() + 3000; settling() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
  return agents;
}

/**
 * A copy of the demo hall configuration with `patch` applied (shallow per top-level
 * key), in a temporary file: for tests that need other rules than the demo's.
 */
export function demoConfigWith(patch: (config: Record<string, unknown>) => void): string {
  const config = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../config/demo-hall.json'), 'utf8')) as Record<string, unknown>;
  patch(config);
  // The copy lives elsewhere: a relative guide file still means the one beside config/demo-hall.json.
  const guides = config.guides as { file?: string } | undefined;
  if (guides?.file && !path.isAbsolute(guides.file)) guides.file = path.resolve(import.meta.dirname, '../../config', guides.file);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-config-')), 'hall.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Signs in at the admin terminal as the demo hall's manager (staff 9001); returns the session token. */
export async function adminSignIn(h: Pick<Harness, 'api'>): Promise<string> {
  const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
  if (s.status !== 200) throw new Error(`admin sign-in refused: ${s.status} ${JSON.stringify(s.body)}`);
  return s.body.sessionToken;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-test-'));
}

export async function startHarness(harnessOptions: HarnessOptions = {}): Promise<Harness> {
  const { devices, ...options } = harnessOptions;
  const dataDir = options.dataDir ?? tempDataDir();
  let hall = await startHallService({ port: 0, ...options, dataDir });
  const withDevices = devices === 'configured' ? [...new Set(loadHallConfig(options.configPath ?? path.resolve(import.meta.dirname, '../../config/demo-hall.json')).devices.map((d) => d.terminalId))] : [];
  const agents = await startAgents(hall, withDevices, dataDir);
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
    agents,
    agentDevice(kind, terminalId) {
      const handle = agents.get(terminalId)?.devices.of(kind)[0];
      if (!handle) throw new Error(`terminal ${terminalId} runs no ${kind}`);
      return handle;
    },
    async close() {
      // The hall first: agents stopping under a running hall would be logged as kiosk faults.
      await hall.close();
      await Promise.all([...agents.values()].map((a) => a.stop()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Counter terminal id of a counter in the demo hall (counter c03 → "counter-3"). */
export const counterTerminal = (counterId: string) => `counter-${Number(counterId.slice(1))}`;
export const counterDisplayTerminal = (counterId: string) => `counter-display-${Number(counterId.slice(1))}`;
