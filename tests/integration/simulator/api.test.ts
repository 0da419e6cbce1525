// POST /api/v1/admin/simulate over real HTTP, with the hall's real terminal
// registry and staff sessions in a real SQLite file. The route is mounted on
// its own Router here (hall/service.ts wires it into the hall).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { simulatorRoutes, type PolicySummary, type SimulateResponse } from '../../../hall/api/routes/simulator.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { comparePolicies } from '../../../hall/simulator/compare.js';
import { generateDay } from '../../../hall/simulator/generate.js';
import { DEFAULT_BEHAVIOUR, withBehaviour } from '../../../hall/simulator/behaviour.js';
import { policyCatalog } from '../../../hall/simulator/policies.js';
import { tempDataDir } from '../../helpers/hall-harness.js';
import { startAdminApi, type AdminApi } from '../../helpers/admin-api.js';

const config = loadHallConfig(path.resolve(import.meta.dirname, '../../../config/demo-hall.json'));
const setup = hallSetupFrom(config);
const NOW = Date.UTC(2026, 10, 23, 2, 0);
let dir: string;
let db: Db;
let hall: AdminApi;
let adminSession: string;
const api = <T>(method: string, route: string, opts: { terminal?: string; session?: string; body?: unknown } = {}) => hall.call<T>(method, route, opts);

beforeAll(async () => {
  dir = tempDataDir();
  db = openDatabase(path.join(dir, 'hall.sqlite'));
  hall = await startAdminApi(config, setup, db, dir, NOW, (router, deps) => simulatorRoutes(router, { ...deps, maxTickets: 1_000 }));
  adminSession = hall.adminSession;
});

afterAll(async () => {
  await hall.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/v1/admin/simulate', () => {
  it('needs an admin terminal and a staff session', async () => {
    const body = { seed: 1, policyA: 'default', policyB: 'strict-green' };
    expect((await api('POST', '/api/v1/admin/simulate', { body })).status).toBe(401);
    expect((await api('POST', '/api/v1/admin/simulate', { terminal: 'kiosk-1', body })).status).toBe(403);
    expect((await api('POST', '/api/v1/admin/simulate', { terminal: 'admin', body })).status).toBe(401);
  });

  it('answers the same comparison the simulator gives in-process', async () => {
    const res = await api<SimulateResponse>('POST', '/api/v1/admin/simulate', { terminal: 'admin', session: adminSession, body: { seed: 8, policyA: 'default', policyB: 'strict-green' } });
    expect(res.status).toBe(200);
    const catalog = policyCatalog(setup);
    const expected = comparePolicies(withBehaviour(generateDay(setup, 8), setup, DEFAULT_BEHAVIOUR, 'default'), setup, catalog.get('default')!, catalog.get('strict-green')!);
    expect({ ...res.body, limits: undefined }).toEqual(JSON.parse(JSON.stringify({ ...expected, limits: undefined })));
    expect(res.body.limits.maxTickets).toBe(1_000);
  });

  it('takes visitor behaviour rates over the defaults, and refuses impossible ones', async () => {
    const post = (behaviour: unknown) => api<SimulateResponse & { error: { code: string; message: string } }>('POST', '/api/v1/admin/simulate', { terminal: 'admin', session: adminSession, body: { seed: 8, policyA: 'default', policyB: 'strict-green', behaviour } });
    const set = await post({ noShowRate: 0.2, walkSeconds: 0 });
    expect(set.status).toBe(200);
    expect(set.body.behaviour).toEqual({ ...DEFAULT_BEHAVIOUR, noShowRate: 0.2, walkSeconds: 0, source: 'set' });
    const defaults = await post(undefined);
    expect(set.body.a.rows.overall.noShows).toBeGreaterThan(defaults.body.a.rows.overall.noShows);
    const bad = await post({ noShowRate: 0.9 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/noShowRate/);
  });

  it('takes an inline policy, and refuses a broken one with its reason', async () => {
    const inline = { id: 'try-1', name: '试验', classOrder: ['appointment', 'green', 'walk_in'], mode: 'strict', maxWaitMinutes: 40 };
    const ok = await api<SimulateResponse>('POST', '/api/v1/admin/simulate', { terminal: 'admin', session: adminSession, body: { seed: 2, policyA: 'default', policyB: inline } });
    expect(ok.status).toBe(200);
    expect(ok.body.b.policy).toEqual({ id: 'try-1', name: '试验' });
    const bad = await api<{ error: { code: string; message: string } }>('POST', '/api/v1/admin/simulate', {
      terminal: 'admin',
      session: adminSession,
      body: { seed: 2, policyA: 'default', policyB: { ...inline, mode: 'fifo' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_policy');
    expect(bad.body.error.message).toMatch(/policyB is not a valid calling policy: mode/);
    const unknown = await api<{ error: { code: string; message: string } }>('POST', '/api/v1/admin/simulate', { terminal: 'admin', session: adminSession, body: { seed: 2, policyA: 'nope', policyB: 'default' } });
    expect(unknown.body.error.message).toMatch(/no calling policy "nope"/);
  });

  it('refuses bad bodies and work over the cap, saying so', async () => {
    const post = (body: unknown) => api<{ error: { code: string; message: string } }>('POST', '/api/v1/admin/simulate', { terminal: 'admin', session: adminSession, body });
    const badSeed = await post({ seed: -1, policyA: 'default', policyB: 'strict' });
    expect(badSeed.status).toBe(400);
    expect(badSeed.body.error.message).toMatch(/seed/);
    const badScale = await post({ seed: 1, policyA: 'default', policyB: 'strict', scale: 50 });
    expect(badScale.status).toBe(400);
    expect(badScale.body.error.message).toMatch(/scale/);
    const tooMuch = await post({ seed: 1, policyA: 'default', policyB: 'strict', scale: 5 });
    expect(tooMuch.status).toBe(413);
    expect(tooMuch.body.error.code).toBe('too_much_work');
    expect(tooMuch.body.error.message).toMatch(/at most 1000 visitors; this one would have \d+: lower the scale/);
  });

  it('keeps answering other requests while a simulation runs', async () => {
    const order: string[] = [];
    const sim = api('POST', '/api/v1/admin/simulate', { terminal: 'admin', session: adminSession, body: { seed: 3, policyA: 'priority2-walkin1-nocap', policyB: 'strict', scale: 3 } }).then((r) => {
      order.push('simulate');
      return r;
    });
    // Sent once the simulation has started: wait for the server to be inside it (slices yield to the loop).
    await new Promise((resolve) => setTimeout(resolve, 30));
    const health = await api('GET', '/api/v1/health').then((r) => {
      order.push('health');
      return r;
    });
    expect(health.status).toBe(200);
    expect((await sim).status).toBe(200);
    expect(order).toEqual(['health', 'simulate']);
  });

  it('lists the policies a simulation may name', async () => {
    const res = await api<PolicySummary[]>('GET', '/api/v1/admin/simulate/policies', { terminal: 'admin', session: adminSession });
    expect(res.status).toBe(200);
    expect(res.body.map((p) => p.id)).toEqual([...policyCatalog(setup).keys()]);
  });
});
