// The route table (hall/api/contract.ts) and the running hall agree: every declared route
// is mounted, and each answers every caller — no token, and each terminal role — as its
// declared access says. A property over the whole table, against the real service.
// Mutations tried: the Router skipping the declared staff-session check (admin routes then
// answer without a session: the role test fails); not mounting a route file (its routes answer
// 404 "no API route": the mount test fails). A declaration changed on its own does not fail
// here — the router follows the table by construction; docs/api.md's access table and
// tests/integration/api/access.test.ts pin the published access.
// What an answer is: JSON, except a route declared `answers: 'file'` (the report export), whose
// success is an attachment; its errors are JSON too. Mutation tried: the export declared without
// `answers: 'file'` (the "answers" test fails: an XLSX where JSON was declared).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { pathOf, routes, type Access, type ParamsOf, type RouteName } from '../../../hall/api/contract.js';
import { Router } from '../../../hall/api/router.js';
import type { ApiErrorBody, TerminalRole } from '../../../hall/api/dto.js';
import type { AccessDeps } from '../../../hall/api/access.js';

let h: Harness;
let adminSession: string;
beforeAll(async () => {
  h = await startHarness();
  adminSession = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
});
afterAll(() => h.close());

/** One terminal of each role in config/demo-hall.json (counter ones on counter c01). */
const CALLERS: Record<TerminalRole, string> = { kiosk: 'kiosk-1', counter: 'counter-1', counter_display: 'counter-display-1', hall_display: 'hall-display', admin: 'admin', wall: 'wall' };
const PARAMS: Record<string, string> = { counterId: 'c01', action: 'pause', id: 'no-such-id', ratingId: 'no-such-rating', deviceId: 'no-such-device', matterId: 'bdc-01', terminalId: 'kiosk-1', noticeId: 'no-such-notice', caseId: 'no-such-case', complaintId: 'no-such-complaint', visitId: 'no-such-visit' };
/** Mounted only when the hall has a central platform to receive datasets from (the demo hall here has none). */
const ONLY_WITH_DOWNLINK: ReadonlySet<RouteName> = new Set(['datasets']);

const names = Object.keys(routes) as RouteName[];
const pathFor = (name: RouteName) => pathOf(name, PARAMS as ParamsOf<typeof name>);
interface Answer {
  status: number;
  /** The parsed JSON body; an empty error when the answer is not JSON (a file). */
  body: ApiErrorBody;
  contentType: string;
  disposition: string;
}

/** One request, read as bytes: a file route's answer is not JSON (h.api would not parse it). */
function call(name: RouteName, terminal?: string, session?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (terminal) headers.authorization = `Bearer ${h.token(terminal)}`;
  if (session) headers['x-staff-session'] = session;
  const body = routes[name].method === 'POST' ? '{}' : undefined;
  if (body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.url}${pathFor(name)}`, { method: routes[name].method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const contentType = res.headers['content-type'] ?? '';
        const text = Buffer.concat(chunks).toString('utf8');
        const json = contentType.startsWith('application/json');
        resolve({ status: res.statusCode ?? 0, body: (json && text ? JSON.parse(text) : { error: {} }) as ApiErrorBody, contentType, disposition: res.headers['content-disposition'] ?? '' });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
const allows = (access: Access, role: TerminalRole) => access !== 'public' && (access.terminals === 'any' || access.terminals.includes(role));
const notMounted = (res: Answer) => res.status === 404 && /^no API route/.test(res.body.error?.message ?? '');

describe('the route table and the router agree', () => {
  it('mounts every declared route (and nothing answers 405 for its declared method)', async () => {
    for (const name of names) {
      const res = await call(name, 'admin', adminSession);
      if (ONLY_WITH_DOWNLINK.has(name)) continue;
      expect({ name, mounted: !notMounted(res) && res.status !== 405 }).toEqual({ name, mounted: true });
    }
  });

  it('without a token: public routes answer, every other route is 401 unauthenticated', async () => {
    for (const name of names.filter((n) => !ONLY_WITH_DOWNLINK.has(n))) {
      const res = await call(name);
      if (routes[name].access === 'public') expect({ name, status: res.status }).not.toMatchObject({ status: 401 });
      else expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 401, code: 'unauthenticated' });
    }
  });

  it('each terminal role is let in or refused (403) exactly as declared; declared staff sessions are required', async () => {
    for (const name of names.filter((n) => !ONLY_WITH_DOWNLINK.has(n) && routes[n].access !== 'public')) {
      const access = routes[name].access as Exclude<Access, 'public'>;
      for (const [role, terminal] of Object.entries(CALLERS) as [TerminalRole, string][]) {
        const res = await call(name, terminal);
        const row = { name, role, status: res.status, code: res.body.error?.code };
        if (!allows(access, role)) {
          expect(row).toEqual({ ...row, status: 403, code: 'forbidden' });
          expect(res.body.error.message).toBe(`a ${role} terminal may not do this`);
        } else if (access.staff) {
          // Declared: a staff session opened on this terminal (checked by the router, or by the counter's handler).
          expect(row).toEqual({ ...row, status: 401, code: 'unauthenticated' });
          expect(res.body.error.message).toMatch(/staff sign-in required/);
        } else {
          expect(row.status === 401 || (row.status === 403 && row.code === 'forbidden' && /terminal may not do this/.test(res.body.error.message))).toBe(false);
        }
      }
    }
  });

  it('answers JSON, except a route declared to answer a file: an attachment on success, JSON errors', async () => {
    const files: RouteName[] = [];
    for (const name of names.filter((n) => !ONLY_WITH_DOWNLINK.has(n))) {
      const res = await call(name, 'admin', adminSession);
      const row = { name, status: res.status, json: res.contentType.startsWith('application/json') };
      if (routes[name].answers === 'file' && res.status < 400) {
        files.push(name);
        expect({ ...row, attachment: /^attachment; filename="[^"]+"$/.test(res.disposition) }).toEqual({ ...row, json: false, attachment: true });
      } else if (res.status !== 204) {
        expect(row).toEqual({ ...row, json: true });
      }
      // Refused before the handler runs: a file route's errors are JSON like every other.
      if (routes[name].answers === 'file') expect((await call(name)).contentType).toMatch(/^application\/json/);
    }
    // The property is not empty: the report export answered its file here.
    expect(files).toContain('hallReportExport');
  });

  it('with an admin session, the admin-session routes get past access', async () => {
    for (const name of names.filter((n) => !ONLY_WITH_DOWNLINK.has(n))) {
      const access: Access = routes[name].access;
      if (access === 'public' || access.staff !== 'session') continue;
      const res = await call(name, 'admin', adminSession);
      expect({ name, status: res.status }).not.toMatchObject({ status: 401 });
      expect({ name, status: res.status }).not.toMatchObject({ status: 403 });
    }
  });
});

describe('the router mounts only declared routes', () => {
  const deps = {} as AccessDeps;
  it('refuses a name the table does not declare, and a route mounted twice', () => {
    const router = new Router(deps);
    expect(() => router.route('noSuchRoute' as RouteName, () => ({ ok: true }) as never)).toThrow(/not declared/);
    router.route('health', () => ({ ok: true, hallId: 'h', serviceDay: 'd', now: 0, lastSeq: 0 }));
    expect(() => router.route('health', () => ({ ok: true, hallId: 'h', serviceDay: 'd', now: 0, lastSeq: 0 }))).toThrow(/mounted twice/);
    expect(router.names()).toEqual(['health']);
  });
});
