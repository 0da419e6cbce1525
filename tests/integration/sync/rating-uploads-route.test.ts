// GET /api/v1/admin/rating-uploads and the re-queue action, over real HTTP on
// a real SQLite file with real terminal tokens and staff sessions. The route is
// mounted on its own router here (the lead registers it in the hall service).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Router } from '../../../hall/api/router.js';
import { ratingUploadRoutes, type RatingUploadsDTO } from '../../../hall/api/routes/rating-uploads.js';
import type { ApiDeps } from '../../../hall/api/routes/deps.js';
import { StaffSessions, TerminalRegistry } from '../../../hall/auth/tokens.js';
import { openDatabase, type Db } from '../../../hall/store/db.js';
import { migrations } from '../../../hall/store/migrations/index.js';
import { migration0006 } from '../../../hall/store/migrations/0006-rating-outbox.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { ratingUploadSchema } from '../../../hall/config/rating-upload-schema.js';
import { createRatingUploadWorker } from '../../../hall/sync/ratings/create.js';
import type { RatingUploadWorker } from '../../../hall/sync/ratings/worker.js';
import { startProvincialEmulator, type ProvincialEmulator } from '../../../central/provincial-emulator/server.js';

const T0 = Date.UTC(2026, 10, 21, 2, 0, 0);
let dir: string;
let db: Db;
let server: http.Server;
let url: string;
let emulator: ProvincialEmulator;
let worker: RatingUploadWorker;
let tokens: Map<string, string>;
let sessions: StaffSessions;
const timers = new ManualTimers(T0);

async function start(withWorker: boolean) {
  const terminals = new TerminalRegistry(db);
  tokens = terminals.registerConfigured(
    [
      { id: 'admin-pc', role: 'admin', zone: 'hall' },
      { id: 'kiosk-1', role: 'kiosk', zone: 'hall' },
    ] as never,
    dir,
    T0,
  );
  sessions = new StaffSessions(db);
  const deps = {
    terminals,
    sessions,
    now: () => timers.now(),
    config: { staff: [{ id: 'boss', roles: ['manager'] }, { id: 'clerk', roles: ['counter'] }] },
  } as unknown as ApiDeps;
  const router = new Router(deps);
  ratingUploadRoutes(router, { ...deps, worker: withWorker ? worker : null });
  server = http.createServer((req, res) => void router.handle(req, res, new URL(req.url!, 'http://hall')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const session = (staffId: string, terminalId = 'admin-pc') => sessions.create({ staffId, counterId: null, terminalId, expiresAt: T0 + 3_600_000 }, T0);
const get = async (terminal: string, s?: string, method = 'GET', p = '/api/v1/admin/rating-uploads') => {
  const res = await fetch(url + p, { method, headers: { authorization: `Bearer ${tokens.get(terminal)}`, ...(s ? { 'x-staff-session': s } : {}) } });
  return { status: res.status, body: (await res.json()) as RatingUploadsDTO & { error?: { code: string } } };
};

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-rating-route-'));
  db = openDatabase(path.join(dir, 'hall.db'), [...migrations.filter((m) => m.version < 6), migration0006]);
  emulator = await startProvincialEmulator({ clients: [{ clientId: 'c', clientSecret: 's' }] });
  fs.writeFileSync(path.join(dir, 'p.json'), JSON.stringify({ clientId: 'c', clientSecret: 's' }));
  const config = ratingUploadSchema.parse({
    destination: { id: 'zj', profile: 'provincial', url: emulator.url, credentialsFile: 'p.json' },
    deptCode: '11150602MB1234567X',
    channelCodes: { hall_pad: 'X' },
  });
  worker = createRatingUploadWorker({ db, config, hall: { hall: { id: 'h', areaCode: '150602', utcOffsetMinutes: 480 }, matters: [] }, dataDir: dir, timers, random: () => 0.5 });
  for (const [i, outcome] of ['satisfied', 'not_rated'].entries()) {
    db.prepare(`INSERT INTO tickets (id, service_day, number, queue_id, matter_id, ticket_class, status, issued_at, issue_seq) VALUES (?, '2026-11-21', ?, 'q', 'm', 'walk_in', 'done', ?, ?)`).run(`t${i}`, `A00${i + 1}`, T0 - 1000, i + 1);
    db.prepare(`INSERT INTO ratings (id, ticket_id, counter_id, matter_id, service_day, requested_at, expires_at, outcome, source, rated_at) VALUES (?, ?, 'c1', 'm', '2026-11-21', ?, ?, ?, 'pad', ?)`).run(`r${i}`, `t${i}`, T0 - 1000, T0, outcome, T0);
  }
});

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await worker.stop();
  await emulator.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('rating upload status route', () => {
  it('shows counts, the rejected one with its reason and ticket number, and re-queues it', async () => {
    await start(true);
    await worker.runOnce();
    timers.advance(60_000);
    const boss = session('boss');
    const r = await get('admin-pc', boss);
    expect(r.status).toBe(200);
    if (!r.body.configured) throw new Error('expected configured');
    expect(r.body.counts).toMatchObject({ rejected: 1, skipped: 1, acked: 0 });
    expect(r.body.rejected).toHaveLength(1);
    expect(r.body.rejected[0]).toMatchObject({ ratingId: 'r0', ticketNumber: 'A001', level: 'satisfied' });
    expect(r.body.rejected[0]!.reason).toMatch(/pf/);
    expect(r.body.oldestPendingAgeMs).toBeNull();
    const requeued = await get('admin-pc', boss, 'POST', '/api/v1/admin/rating-uploads/r0/requeue');
    expect(requeued.status).toBe(200);
    const after = await get('admin-pc', boss);
    expect(after.body.configured && after.body.counts.pending).toBe(1);
    expect(after.body.configured && after.body.oldestPendingAgeMs).toBe(60_000);
    expect((await get('admin-pc', boss, 'POST', '/api/v1/admin/rating-uploads/r0/requeue')).status).toBe(409);
  });

  it('needs an admin terminal and a signed-in manager or admin', async () => {
    await start(true);
    expect((await get('admin-pc')).status).toBe(401);
    expect((await get('kiosk-1', session('boss', 'kiosk-1'))).status).toBe(403);
    expect((await get('admin-pc', session('clerk'))).status).toBe(403);
  });

  it('says "not configured" when the hall has no upload section', async () => {
    await start(false);
    const r = await get('admin-pc', session('boss'));
    expect(r.status).toBe(200);
    expect(r.body.configured).toBe(false);
  });
});
