// A small admin-side LAN API over real HTTP for route tests: the demo terminals
// registered in a real hall database, one admin staff session, a Router with the
// routes a test mounts (plus health), and a fetch helper with the headers the
// access rules read.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HallConfig } from '../../hall/config/schema.js';
import type { HallSetup } from '../../hall/domain/index.js';
import { PinLockout, StaffSessions, TerminalRegistry } from '../../hall/auth/tokens.js';
import { sendError } from '../../hall/api/http.js';
import { Router } from '../../hall/api/router.js';
import type { Db } from '../../hall/store/db.js';

export interface AdminApiDeps {
  terminals: TerminalRegistry;
  sessions: StaffSessions;
  lockout: PinLockout;
  staffByNo: Map<string, HallConfig['staff'][number]>;
  now: () => number;
  runtime: { setup: HallSetup };
}

export interface AdminApi {
  adminSession: string;
  call<T>(method: string, route: string, opts?: { terminal?: string; session?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startAdminApi(config: HallConfig, setup: HallSetup, db: Db, dir: string, now: number, mount: (router: Router, deps: AdminApiDeps) => void): Promise<AdminApi> {
  const terminals = new TerminalRegistry(db);
  const tokens = terminals.registerConfigured(config.terminals, dir, now);
  const sessions = new StaffSessions(db);
  const adminSession = sessions.create({ staffId: 's10', counterId: null, terminalId: 'admin', expiresAt: now + 3_600_000 }, now);
  const deps: AdminApiDeps = { terminals, sessions, lockout: new PinLockout(), staffByNo: new Map(config.staff.map((s) => [s.staffNo, s])), now: () => now, runtime: { setup } };
  const router = new Router(deps);
  mount(router, deps);
  router.route('health', () => ({ ok: true, hallId: 'test', serviceDay: '', now, lastSeq: 0 }));
  const server = http.createServer((req, res) => {
    router.handle(req, res, new URL(req.url ?? '/', 'http://hall')).catch((err) => sendError(res, err));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    adminSession,
    async call<T>(method: string, route: string, opts: { terminal?: string; session?: string; body?: unknown } = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.terminal) headers.authorization = `Bearer ${tokens.get(opts.terminal)}`;
      if (opts.session) headers['x-staff-session'] = opts.session;
      const res = await fetch(`${base}${route}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      return { status: res.status, body: (await res.json()) as T };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
