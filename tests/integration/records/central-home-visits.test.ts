// 上门服务 requests filed on central (000 第二十九条(二)), end to end: the real central server on
// a real PostgreSQL 15 (tests/helpers/central-harness.ts), the whole hall service polling its
// datasets (downlink). Filed on central → recorded once at the hall and listed for the manager
// like a kiosk request (channel `central`, contact masked); delivered again (the dataset changes
// and is received whole again, the hall restarts and reads it at start) → still once; central
// offline → the hall takes kiosk requests and serves its list; central back → new requests arrive.
// Mutations checked: receiving without central's id (externalId null in
// receiveCentralHomeVisits) fails "once" (the second round and the restart each add a copy);
// dropping the external_id look-up in HomeVisitBook.request() makes the first item throw on
// the UNIQUE index and, before the per-item catch, held back the second (timeout); not calling receiveCentralHomeVisits from
// the downlink listener fails "arrives" (timeout).
// At rest: the bytes of every file in the hall's data folder (the SQLite file, its WAL, logs) hold
// no contact in clear; the book still gets each whole contact once and the downlink copy opens to
// what central published (the dataset checksum holds). Mutations checked: DatasetStore storing
// canonicalJson(value) for home_visits as before (no ItemSealing) fails "nowhere in clear" (name,
// phone and address found in hall.sqlite-wal); sealedRows() not counting the downlink items fails
// "lost key" (half the count); forgetIdentities() keeping them fails it too.
// Real time: the downlink polls every 5 s (its minimum); waits poll for a state, never a time.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoCatalog } from '../../../central/datasets/demo-catalog.js';
import type { HomeVisitDTO } from '../../../hall/api/service-records-dto.js';
import { forgetIdentities, IdentityKeyError, IdentitySealer } from '../../../hall/identity/sealer.js';
import { startHallService } from '../../../hall/service.js';
import { openDatabase } from '../../../hall/store/db.js';
import { adminSignIn, demoConfigWith, startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import { startCentralHarness, type CentralHarness } from '../../helpers/central-harness.js';

const matter = demoHall.matters[0]!;
const contact = { name: '张三丰', phone: '13812345678', address: '某某市某某区幸福路8号3单元' };

let central: CentralHarness;
let h: Harness;
let adminSession = '';
let configPath = '';

beforeAll(async () => {
  central = await startCentralHarness({ hallId: demoHall.hall.id, hallName: demoHall.hall.name, areaCode: demoHall.hall.areaCode });
  await central.publish('catalog', demoCatalog(demoHall));
  configPath = demoConfigWith((c) => {
    c.calendar = null;
    c.sync = central.syncSection({ backoff: { baseMs: 20, capMs: 300 }, idlePollSeconds: 1, requestTimeoutSeconds: 5 });
    c.downlink = { pollSeconds: 5, backoff: { baseMs: 20, capMs: 500 } };
  });
  h = await startHarness({ configPath, dataDir: central.hallDataDir() });
  adminSession = await adminSignIn(h);
}, 120_000);

afterAll(async () => {
  await h?.close();
  await central?.close();
});

const visits = async () => (await h.api<{ visits: HomeVisitDTO[] }>('GET', '/api/v1/admin/home-visits', { terminal: 'admin', session: adminSession })).body.visits;
const fromCentral = async () => (await visits()).filter((v) => v.channel === 'central');
/** Central's id of each request filed, by its reason. */
const filedIds = new Map<string, string>();
const file = async (body: { reason: string; [field: string]: unknown }) => {
  const res = await central.operator<{ id: string; version: number }>('POST', `/v1/halls/${central.hallId}/home-visit-requests`, body);
  if (res.status === 201) filedIds.set(body.reason, res.body.id);
  return res;
};

async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

describe('上门服务 requests filed on central', () => {
  it('refuses a bad filing with its reason and stores nothing', async () => {
    const noPhone = await file({ matterCode: matter.code, reason: '卧床', contact: { name: '张三丰', phone: '12', address: contact.address } });
    expect(noPhone.status).toBe(400);
    expect(JSON.stringify(noPhone.body)).toContain('phone');
    const unknown = await file({ matterCode: 'NO-SUCH-MATTER', reason: '卧床', contact });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain('unknown_matter');
    const heads = await central.operator<{ datasets: { dataset: string }[] }>('GET', `/v1/halls/${central.hallId}/datasets`);
    expect(heads.body.datasets.map((d) => d.dataset)).not.toContain('home_visits');
  });

  let firstId = '';
  it('arrives at the hall once and is listed like a kiosk request', async () => {
    const filed = await file({ matterCode: matter.code, reason: '老人卧床，无法到厅', contact, via: 'province' as const });
    expect(filed.status).toBe(201);
    firstId = filed.body.id;
    const [visit] = await until(fromCentral, (v) => v.length > 0, 'the request to reach the hall');
    expect(visit).toMatchObject({ channel: 'central', matterId: matter.id, reason: '老人卧床，无法到厅', status: 'requested' });
    expect(visit!.contact).toEqual({ name: '张*丰', phone: '138****5678', address: expect.not.stringContaining('8号') as string });
  });

  it('is not a second request when delivered again: another filing, then a restart', async () => {
    const second = await file({ matterCode: matter.code, reason: '重度残疾', contact: { ...contact, name: '李四' } });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(firstId);
    // The dataset changed: the listener receives both items again; the first stays one request.
    const both = await until(fromCentral, (v) => v.length >= 2, 'the second request to reach the hall');
    expect(both.map((v) => v.reason).sort()).toEqual(['老人卧床，无法到厅', '重度残疾'].sort());
    await h.restart();
    adminSession = await adminSignIn(h);
    expect((await fromCentral()).map((v) => v.reason).sort()).toEqual(['老人卧床，无法到厅', '重度残疾'].sort());
  });

  it('goes on while central is offline, and takes new requests when it is back', async () => {
    await central.stop();
    type Status = { datasets: { dataset: string; state: string }[] };
    const status = async () => (await h.api<Status>('GET', '/api/v1/admin/datasets', { terminal: 'admin', session: adminSession })).body;
    await until(status, (s) => s.datasets.some((d) => d.dataset === 'home_visits' && d.state === 'failed'), 'the hall to notice central is offline');
    const kiosk = await h.api<HomeVisitDTO>('POST', '/api/v1/kiosk/home-visits', { terminal: 'kiosk-1', body: { matterId: matter.id, reason: '行动不便', contact } });
    expect(kiosk.status).toBe(201);
    const listed = await visits();
    expect(listed.map((v) => v.channel).sort()).toEqual(['central', 'central', 'kiosk']);
    await central.start();
    expect((await file({ matterCode: matter.code, reason: '独居老人', contact })).status).toBe(201);
    const all = await until(fromCentral, (v) => v.length >= 3, 'the request filed after central came back');
    expect(all).toHaveLength(3);
  });

});

const first = { name: '欧阳明远', phone: '13912345670', address: '某某市某某区和平街17号2单元501室' };
const second = { name: '司马青禾', phone: '0471-6612345', address: '某某市某某区团结路66号附3号' };

/** Every file of the hall's data folder whose bytes contain one of the contact's fields in clear (UTF-8). */
function filesHoldingInClear(contacts: (typeof first)[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const bytes = fs.readFileSync(p);
        for (const c of contacts) for (const field of [c.name, c.phone, c.address]) if (bytes.includes(Buffer.from(field, 'utf8'))) found.push(`${path.relative(h.dataDir, p)}: ${field}`);
      }
    }
  };
  walk(h.dataDir);
  return found;
}

/** What the hall database holds, read from its file with identity.key (as a thief with both could). */
function readSealed(dataDir = h.dataDir): { book: Record<string, unknown>; downlink: Record<string, unknown> } {
  const sealer = IdentitySealer.fromDataDir(dataDir);
  const db = new Database(path.join(dataDir, 'hall.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const book = db.prepare("SELECT external_id AS id, contact_sealed AS sealed FROM home_visits WHERE channel = 'central' AND length(contact_sealed) > 0").all() as { id: string; sealed: Buffer }[];
    const items = db.prepare("SELECT key, value FROM dataset_items WHERE dataset = 'home_visits'").all() as { key: string; value: string }[];
    return {
      book: Object.fromEntries(book.map((r) => [r.id, JSON.parse(sealer.open(r.sealed)) as unknown])),
      downlink: Object.fromEntries(items.map((r) => [r.key, JSON.parse(sealer.open(Buffer.from((JSON.parse(r.value) as { contactSealed: string }).contactSealed, 'base64'))) as unknown])),
    };
  } finally {
    db.close();
  }
}

describe('central home-visit contacts at rest in the hall', () => {
  it('are recorded once each, sealed, and nowhere in clear in the hall database, also after re-delivery and a restart', async () => {
    expect(fs.existsSync(path.join(h.dataDir, 'hall.sqlite'))).toBe(true);
    const before = (await fromCentral()).length; // the requests of the stories above
    const a = await file({ matterCode: matter.code, reason: '行动不便，独居', contact: first });
    expect(a.status).toBe(201);
    await until(fromCentral, (v) => v.length === before + 1, 'the first request to reach the hall');
    expect(filesHoldingInClear([contact, first])).toEqual([]);

    // The dataset changes: both items are delivered (the first again), then read again at start.
    const b = await file({ matterCode: matter.code, reason: '术后卧床', contact: second });
    expect(b.status).toBe(201);
    await until(fromCentral, (v) => v.length >= before + 2, 'the second request to reach the hall');
    await h.restart();
    adminSession = await adminSignIn(h);
    const listed = await fromCentral();
    expect(listed).toHaveLength(before + 2);
    expect(listed.find((v) => v.reason === '术后卧床')!.contact.name).toBe('司**禾');

    expect(filesHoldingInClear([contact, first, second])).toEqual([]);
    // Sealed, not lost: the book holds each whole contact once, the downlink copy the same.
    const sealed = readSealed();
    expect(sealed.book).toMatchObject({ [a.body.id]: first, [b.body.id]: second });
    expect(Object.keys(sealed.book)).toHaveLength(before + 2);
    expect(sealed.downlink).toEqual(sealed.book);
    // The stored copy still matches central's checksum: the dataset is served, not refused.
    const status = await h.api<{ datasets: { dataset: string; state: string }[] }>('GET', '/api/v1/admin/datasets', { terminal: 'admin', session: adminSession });
    expect(status.body.datasets.find((d) => d.dataset === 'home_visits')?.state).toBe('ok');
  }, 120_000);

  it('a lost identity.key: the sealed downlink copy counts, forget-identities drops it, and the next round fetches it again', async () => {
    // A second hall data folder on the same central (every request filed above is in the dataset).
    const total = (await fromCentral()).length;
    const dataDir = tempDataDir();
    central.writeToken(dataDir);
    const start = () => startHallService({ dataDir, port: 0, configPath });
    const downlinkRows = (hall: Awaited<ReturnType<typeof start>>) =>
      Promise.resolve(hall.runtime.db.prepare("SELECT COUNT(*) FROM dataset_items WHERE dataset = 'home_visits'").pluck().get() as number);
    let hall = await start();
    try {
      await until(() => downlinkRows(hall), (n) => n === total, 'the requests to reach the second hall');
      await until(() => Promise.resolve(hall.runtime.db.prepare("SELECT COUNT(*) FROM home_visits WHERE channel = 'central'").pluck().get() as number), (n) => n === total, 'the book');
      await hall.close();
      const keyFile = path.join(dataDir, 'identity.key');
      fs.writeFileSync(keyFile, fs.readFileSync(keyFile).subarray(0, 17));
      await expect(start()).rejects.toBeInstanceOf(IdentityKeyError);
      const db = openDatabase(path.join(dataDir, 'hall.sqlite'));
      expect(forgetIdentities(db, dataDir, Date.UTC(2026, 11, 7))).toBe(2 * total); // in the book and in the downlink items
      db.close();

      hall = await start();
      await until(() => downlinkRows(hall), (n) => n === total, 'the requests to be fetched again');
      const sealed = readSealed(dataDir);
      expect(Object.values(sealed.downlink)).toEqual(expect.arrayContaining([first, second]));
      expect(sealed.book).toEqual({}); // their contacts were forgotten with the key…
      expect(hall.runtime.db.prepare("SELECT COUNT(*) FROM home_visits WHERE channel = 'central'").pluck().get()).toBe(total); // …and the requests stay, once each
    } finally {
      await hall.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('上门服务 requests withdrawn on central', () => {
  // Mutation checked: receiveCentralHomeVisits without the withdrawal pass → the visit stays 'requested'.
  it('is cancelled at the hall when withdrawn on central while still open; a closed one is not touched', async () => {
    const withdrawn = (await fromCentral()).find((v) => v.reason === '独居老人')!;
    const done = (await fromCentral()).find((v) => v.reason === '重度残疾')!;
    expect((await h.api('POST', `/api/v1/admin/home-visits/${done.id}/action`, { terminal: 'admin', session: adminSession, body: { action: 'cancel', outcome: '电话联系后到厅办理' } })).status).toBe(200);
    const idOf = (reason: string) => filedIds.get(reason)!;
    expect((await central.operator('DELETE', `/v1/halls/${central.hallId}/home-visit-requests/${idOf('独居老人')}`)).status).toBe(200);
    expect((await central.operator('DELETE', `/v1/halls/${central.hallId}/home-visit-requests/${idOf('重度残疾')}`)).status).toBe(200);
    expect((await central.operator('DELETE', `/v1/halls/${central.hallId}/home-visit-requests/no-such-request`)).status).toBe(404);
    const after = await until(fromCentral, (v) => v.find((x) => x.id === withdrawn.id)?.status === 'cancelled', 'the withdrawal to reach the hall');
    expect(after.find((x) => x.id === withdrawn.id)!.outcome).toBe('申请人已在一体化平台撤回申请');
    expect(after.find((x) => x.id === done.id)!.outcome).toBe('电话联系后到厅办理');
    expect(after.find((x) => x.reason === '老人卧床，无法到厅')!.status).toBe('requested');
  });
});
