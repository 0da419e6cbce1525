// Central's dataset side against a real PostgreSQL 15: operator publishing
// (validated with the hall's schemas, refused whole), deltas, snapshot pages
// pinned to a version while operators publish on, compaction → 410.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { startCentralServer, type RunningCentral } from '../../../central/server.js';
import { demoCatalog, syntheticCatalog } from '../../../central/datasets/demo-catalog.js';
import { demoAppointments, type DemoHallConfig } from '../../../central/datasets/demo-datasets.js';
import { publishDataset } from '../../../central/datasets/publish.js';
import { datasetChecksum } from '../../../protocol/central/downlink/canonical.js';
import type { Guide } from '../../../protocol/central/downlink/schemas.js';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.js';

const cfg = demoHall as unknown as DemoHallConfig & Parameters<typeof demoCatalog>[0];
const HALL = 'dsq-zwfw';
const OPERATOR = 'op-token';
let pg: TestPostgres;
let central: RunningCentral;
let hallToken: string;
let otherToken: string;
let now = Date.UTC(2026, 10, 23);

beforeAll(async () => {
  pg = await startPostgres();
  central = await startCentralServer({ databaseUrl: await pg.createDatabase(), operatorToken: OPERATOR, rateLimit: false, now: () => now });
  hallToken = (await central.addHall(HALL, '东胜区政务服务中心', '150602')).token;
  otherToken = (await central.addHall('other-hall', '另一个大厅')).token;
});
afterAll(async () => {
  await central?.close();
  await pg?.stop();
});

type Body = Record<string, unknown> & { error?: { code: string; message: string; details?: unknown[] } };

async function call(method: string, route: string, token: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${central.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const base = `/v1/halls/${HALL}/datasets`;
const heads = async () => (await call('GET', base, OPERATOR)).body.datasets as { dataset: string; version: number; itemCount: number; compactedTo: number }[];
const keyed = (gs: Guide[]) => gs.map((g) => ({ key: g.code, value: g }));

describe('central datasets', () => {
  it('refuses a bad catalog whole, with every reason, and changes nothing', async () => {
    const good = demoCatalog(cfg);
    expect((await call('PUT', `${base}/catalog`, OPERATOR, { items: good })).status).toBe(200);
    const before = await heads();

    const missing = structuredClone(good[3]!) as Partial<Guide>;
    delete missing.conditions;
    const vague = structuredClone(good[7]!);
    vague.materials.push({ ...vague.materials[0]!, name: '其他材料' });
    const changed = structuredClone(good[0]!);
    changed.hours = '全天';
    const r = await call('PUT', `${base}/catalog`, OPERATOR, { items: [changed, ...good.slice(1, 3), missing, ...good.slice(4, 7), vague, ...good.slice(8)] });
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe('invalid_dataset');
    expect(r.body.error?.message).toContain(`items[3]: catalog item "${good[3]!.code}": conditions`);
    expect(r.body.error?.message).toContain(`items[7]: catalog item "${good[7]!.code}": materials[`);
    expect(r.body.error?.message).toContain('其他材料');
    expect(r.body.error?.details).toHaveLength(2);
    expect(await heads()).toEqual(before);
    // Not even the valid edit went in.
    const delta = await call('GET', `${base}/catalog?since=0`, hallToken);
    const served = (delta.body.changes as { key: string; value: Guide }[]).find((c) => c.key === changed.code)!;
    expect(served.value.hours).toBe(good[0]!.hours);
  });

  it('refuses raw personal data in appointments', async () => {
    const apt = demoAppointments(cfg, now, 1)[0]!;
    const r = await call('PUT', `${base}/appointments`, OPERATOR, { items: [{ ...apt, idNumber: '150602199001011234' }] });
    expect(r.status).toBe(422);
    expect(r.body.error?.message).toMatch(/idNumber/);
    expect(r.body.error?.message).not.toContain('150602199001011234');
  });

  it('only the operator publishes; only the hall itself reads its datasets', async () => {
    expect((await call('PUT', `${base}/notices`, hallToken, { items: [] })).status).toBe(401);
    expect((await call('GET', `${base}/catalog?since=0`, otherToken)).status).toBe(401);
    expect((await call('GET', `${base}/catalog?since=0`, 'nonsense')).status).toBe(401);
    expect((await call('GET', `${base}/nope?since=0`, hallToken)).body.error?.code).toBe('unknown_dataset');
    expect((await call('GET', `${base}/catalog?since=-1`, hallToken)).status).toBe(400);
    expect((await call('GET', `${base}/catalog`, hallToken)).status).toBe(400);
    expect((await call('PUT', `/v1/halls/ghost/datasets/notices`, OPERATOR, { items: [] })).body.error?.code).toBe('unknown_hall');
  });

  it('serves deltas between any two versions, snapshots pinned to a version while publishing goes on, and 410 after compaction', async () => {
    const v1 = syntheticCatalog(25);
    // Publishing nothing to a dataset that holds nothing changes nothing.
    expect((await publishDataset(central.pool, HALL, 'green_rules', { mode: 'replace', items: [] }, now)).changed).toBe(false);
    await call('PUT', `${base}/catalog`, OPERATOR, { items: v1 });
    const start = (await heads()).find((h) => h.dataset === 'catalog')!.version;

    const v2 = v1.slice(0, 24).map((g, i) => (i === 3 ? { ...g, hours: '周末照常' } : g));
    const r2 = await call('PUT', `${base}/catalog`, OPERATOR, { items: v2 });
    expect(r2.body).toMatchObject({ version: start + 1, upserts: 1, deletes: 1, itemCount: 24 });
    // Same content again: the version does not move.
    expect((await call('PUT', `${base}/catalog`, OPERATOR, { items: v2 })).body).toMatchObject({ version: start + 1, changed: false });

    const d = await call('GET', `${base}/catalog?since=${start}`, hallToken);
    expect(d.body).toMatchObject({ fromVersion: start, toVersion: start + 1, complete: true, checksum: datasetChecksum(keyed(v2)) });
    expect(d.body.changes).toEqual([
      { op: 'upsert', key: v2[3]!.code, value: v2[3] },
      { op: 'delete', key: v1[24]!.code },
    ]);
    expect((await call('GET', `${base}/catalog?since=${start + 1}`, hallToken)).body).toMatchObject({ changes: [], toVersion: start + 1 });
    expect((await call('GET', `${base}/catalog?since=${start + 5}`, hallToken)).body.error?.code).toBe('must_refetch');

    // Snapshot at start+1, paged by 10; an operator publishes start+2 between pages.
    const first = await call('GET', `${base}/catalog/snapshot?limit=10`, hallToken);
    expect(first.body).toMatchObject({ version: start + 1, total: 24, checksum: datasetChecksum(keyed(v2)) });
    const v3 = v2.map((g) => ({ ...g, location: '新址' }));
    await call('PUT', `${base}/catalog`, OPERATOR, { items: v3 });
    const items = [...(first.body.items as { key: string; value: unknown }[])];
    let after = first.body.nextAfter as string | null;
    while (after) {
      const page = await call('GET', `${base}/catalog/snapshot?version=${start + 1}&after=${after}&limit=10`, hallToken);
      expect(page.body.version).toBe(start + 1);
      items.push(...(page.body.items as { key: string; value: unknown }[]));
      after = page.body.nextAfter as string | null;
    }
    expect(items.map((i) => i.key)).toEqual(v2.map((g) => g.code).sort());
    expect(datasetChecksum(items)).toBe(datasetChecksum(keyed(v2)));

    // Compaction: history before the head is gone.
    const c = await call('POST', `${base}/catalog/compact`, OPERATOR, {});
    expect(c.body).toMatchObject({ compactedTo: start + 2 });
    expect(c.body.removedRows).toBeGreaterThan(0);
    expect((await call('GET', `${base}/catalog?since=${start}`, hallToken)).status).toBe(410);
    expect((await call('GET', `${base}/catalog/snapshot?version=${start + 1}&limit=10`, hallToken)).status).toBe(410);
    const cur = await call('GET', `${base}/catalog?since=${start + 2}`, hallToken);
    expect(cur.body).toMatchObject({ toVersion: start + 2, changes: [], checksum: datasetChecksum(keyed(v3)) });
    const snap = await call('GET', `${base}/catalog/snapshot?limit=100`, hallToken);
    expect(snap.body).toMatchObject({ version: start + 2, total: 24, nextAfter: null });
  });

  it('answers must_refetch instead of a delta with more than 500 changes', async () => {
    const many = syntheticCatalog(520).map((g) => ({ ...g, code: g.code.replace('SYN', 'BIG') }));
    await publishDataset(central.pool, HALL, 'catalog', { mode: 'changes', upserts: many, deletes: [] }, now);
    const head = (await heads()).find((h) => h.dataset === 'catalog')!;
    expect((await call('GET', `${base}/catalog?since=${head.version - 1}`, hallToken)).body.error?.code).toBe('must_refetch');
    now += 1000;
  });
});
