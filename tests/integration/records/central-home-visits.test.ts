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
// Real time: the downlink polls every 5 s (its minimum); waits poll for a state, never a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoCatalog } from '../../../central/datasets/demo-catalog.js';
import type { HomeVisitDTO } from '../../../hall/api/service-records-dto.js';
import { adminSignIn, demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { startCentralHarness, type CentralHarness } from '../../helpers/central-harness.js';

const matter = demoHall.matters[0]!;
const contact = { name: '张三丰', phone: '13812345678', address: '某某市某某区幸福路8号3单元' };

let central: CentralHarness;
let h: Harness;
let adminSession = '';

beforeAll(async () => {
  central = await startCentralHarness({ hallId: demoHall.hall.id, hallName: demoHall.hall.name, areaCode: demoHall.hall.areaCode });
  await central.publish('catalog', demoCatalog(demoHall));
  const configPath = demoConfigWith((c) => {
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
const file = (body: unknown) => central.operator<{ id: string; version: number }>('POST', `/v1/halls/${central.hallId}/home-visit-requests`, body);

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
    const filed = await file({ matterCode: matter.code, reason: '老人卧床，无法到厅', contact, via: 'province' });
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
