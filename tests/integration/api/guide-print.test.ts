// POST /api/v1/kiosk/guide-print: a matter's 一次性告知 printed on the kiosk's ticket
// printer — the real driver over TCP to the emulated ESC/POS printer, a real hall
// service whose SQLite holds the demo catalog (written through the downlink's own
// DatasetStore, the path a delta from central takes). Checks that every material of
// the guide reaches the paper, that the layout follows each model's paper width, and
// that the hall refuses plainly (nothing sent) without a healthy printer.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import { demoConfigWith, startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import { decodeEscPos, splitAtCuts, textLines } from '../../../drivers/printer/index.js';
import { demoCatalog } from '../../../central/datasets/demo-catalog.js';
import { openDatabase } from '../../../hall/store/db.js';
import { DatasetStore } from '../../../hall/sync/downlink/dataset-store.js';
import { datasetChecksum } from '../../../protocol/central/downlink/canonical.js';
import type { Guide } from '../../../protocol/central/downlink/schemas.js';
import type { ApiErrorBody, GuidePrintResponse, MatterGuideDTO } from '../../../hall/api/dto.js';

const catalog: Guide[] = demoCatalog(demoHall as unknown as Parameters<typeof demoCatalog>[0]);
const guideOf = (matterId: string) => {
  const code = demoHall.matters.find((m) => m.id === matterId)!.code;
  return catalog.find((g) => g.code === code)!;
};

/** The hall's data folder with catalog version 1 applied, as the downlink worker would. */
function dataDirWithCatalog(): string {
  const dir = tempDataDir();
  const db = openDatabase(path.join(dir, 'hall.sqlite'));
  const items = catalog.map((g) => ({ key: g.code, value: g }));
  new DatasetStore(db).applyDelta(
    'catalog',
    { dataset: 'catalog', fromVersion: 0, toVersion: 1, complete: true, changes: items.map((i) => ({ op: 'upsert' as const, ...i })), checksum: datasetChecksum(items) },
    Date.UTC(2026, 10, 23),
  );
  db.close();
  return dir;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ devices: 'configured', dataDir: dataDirWithCatalog() });
});
afterAll(() => h?.close());

/** The kiosk's printer as its device agent runs it (the emulator behind it speaks ESC/POS over TCP). */
const printer = (kiosk: string) => h.agentDevice('printer', kiosk);
const print = (kiosk: string, body: unknown) => h.api<GuidePrintResponse & ApiErrorBody>('POST', '/api/v1/kiosk/guide-print', { terminal: kiosk, body });
/** Text of the one notice in a print job, lines joined without the wrapping the paper forced. */
const noticeText = (job: Uint8Array) => {
  const docs = splitAtCuts(decodeEscPos(job));
  return { lines: textLines(docs[0]!), cuts: docs.filter((d) => d.length > 0).length };
};
/** The hall decides from what the kiosk's agent reported, so wait for the hall's view, not the agent's. */
const waitHealthy = async (kiosk: string) => {
  await expect.poll(() => h.hall.devices.printingStatus(kiosk)).toEqual({ available: true, reason: null });
};

describe('printing the one-time notice at a kiosk', () => {
  it('prints every material of the guide, mandatory first, with limits, fees, place and phones', async () => {
    const guide = guideOf('bdc-01');
    const res = await print('kiosk-1', { matterId: 'bdc-01' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matterId: 'bdc-01', catalogVersion: 1, materials: guide.materials.length, print: { status: 'printed' } });

    const [job] = await printer('kiosk-1').emulator!.waitForJobs(1);
    const { lines, cuts } = noticeText(job!);
    expect(cuts).toBe(1);
    const text = lines.join('');
    expect(text).toContain('一次性告知单');
    expect(text).toContain(guide.name);
    // Every material, by name, in the order the API lists them (mandatory first).
    const api = await h.api<MatterGuideDTO>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' });
    const positions = api.body.materials.map((m) => text.indexOf(m.name));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(api.body.materials.map((m) => m.name).sort()).toEqual(guide.materials.map((m) => m.name).sort());
    const optional = guide.materials.find((m) => !m.required)!;
    expect(text).toContain(optional.condition!);
    expect(text).toContain(guide.enquiry.phone);
    expect(text).toContain(guide.complaint.phone);
    expect(text).toContain(guide.fees.items![0]!.standard);
    expect(text).toContain('法定办结时限：30个工作日');
    expect(text).toContain('承诺办结时限：5个工作日');
    expect(text).toContain('版本 1');
  });

  it('wraps to the paper width of each printer model', async () => {
    const guide = guideOf('scjg-01');
    const wide = await print('kiosk-1', { matterId: 'scjg-01' }); // snbc-bk-t080, 80 mm
    const narrow = await print('kiosk-24h', { matterId: 'scjg-01' }); // generic-epson profile
    expect(wide.status).toBe(200);
    expect(narrow.status).toBe(200);
    const [wideJob] = (await printer('kiosk-1').emulator!.waitForJobs(2)).slice(-1);
    const [narrowJob] = await printer('kiosk-24h').emulator!.waitForJobs(1);
    for (const [kiosk, job] of [['kiosk-1', wideJob!], ['kiosk-24h', narrowJob!]] as const) {
      const { profile } = printer(kiosk);
      const maxColumns = Math.floor(profile.paperWidthDots / profile.asciiCellDots.width);
      const { lines } = noticeText(job);
      // GB18030 double-byte characters take two columns; no printed line may be wider than the paper.
      const columns = (s: string) => [...s].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) > 0x7f ? 2 : 1), 0);
      const widest = Math.max(...lines.map(columns));
      expect(widest).toBeLessThanOrEqual(maxColumns);
      for (const m of guide.materials) expect(lines.join('')).toContain(m.name);
    }
  });

  it('refuses without a healthy printer, sends nothing, and prints again once it recovers', async () => {
    const emulator = printer('kiosk-1').emulator!;
    const before = (await emulator.waitForJobs(0)).length;
    emulator.setState({ paperOut: true });
    await expect.poll(() => h.hall.devices.printingStatus('kiosk-1')).toEqual({ available: false, reason: 'paper_out' });
    const refused = await print('kiosk-1', { matterId: 'gjj-01' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('printer_unavailable');
    expect(refused.body.error.details).toEqual({ reason: 'paper_out' });
    expect((await emulator.waitForJobs(0)).length).toBe(before);

    emulator.setState({ paperOut: false });
    await waitHealthy('kiosk-1');
    const again = await print('kiosk-1', { matterId: 'gjj-01' });
    expect(again.status).toBe(200);
    const jobs = await emulator.waitForJobs(before + 1);
    expect(noticeText(jobs[before]!).lines.join('')).toContain(guideOf('gjj-01').name);
  });

  it('refuses a kiosk with an unplugged printer', async () => {
    const handle = printer('kiosk-24h');
    await handle.unplug!();
    await expect.poll(() => h.hall.devices.printingStatus('kiosk-24h').available).toBe(false);
    const refused = await print('kiosk-24h', { matterId: 'bdc-04' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('printer_unavailable');
    await handle.replug!();
    await waitHealthy('kiosk-24h');
  });

  it('answers unknown matters and bad requests with clear errors, and only to kiosks', async () => {
    const unknown = await print('kiosk-1', { matterId: 'no-such-matter' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_matter');
    const bad = await print('kiosk-1', { matterId: '', extra: 1 });
    expect(bad.status).toBe(400);
    const counter = await print('counter-1', { matterId: 'bdc-01' });
    expect(counter.status).toBe(403);
  });
});

describe('a hall with no guide of its own and none from central', () => {
  let bare: Harness;
  beforeAll(async () => {
    // The demo ships its own guides (guides.file, docs/guides.md): take them away.
    bare = await startHarness({ devices: 'configured', configPath: demoConfigWith((c) => delete (c as { guides?: unknown }).guides) });
  });
  afterAll(() => bare?.close());

  it('says the guide is not available and prints nothing', async () => {
    const guide = await bare.api<ApiErrorBody>('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' });
    expect(guide.status).toBe(404);
    expect(guide.body.error.code).toBe('guide_not_available');
    const res = await bare.api<ApiErrorBody>('POST', '/api/v1/kiosk/guide-print', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('guide_not_available');
    expect(await bare.agentDevice('printer', 'kiosk-1').emulator!.waitForJobs(0)).toEqual([]);
  });
});

describe('a hall without devices', () => {
  let plain: Harness;
  beforeAll(async () => {
    plain = await startHarness({ dataDir: dataDirWithCatalog(), configPath: demoConfigWith((c) => (c.devices = [])) });
  });
  afterAll(() => plain?.close());

  it('refuses with no_printer while the guide itself is readable', async () => {
    expect((await plain.api('GET', '/api/v1/matters/bdc-01/guide', { terminal: 'kiosk-1' })).status).toBe(200);
    const res = await plain.api<ApiErrorBody>('POST', '/api/v1/kiosk/guide-print', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_printer');
  });
});

describe('a kiosk whose printer is declared but whose device agent is away', () => {
  let away: Harness;
  beforeAll(async () => {
    away = await startHarness({ dataDir: dataDirWithCatalog() });
  });
  afterAll(() => away?.close());

  it('refuses with printer_unavailable (as tickets do), not no_printer', async () => {
    const res = await away.api<ApiErrorBody>('POST', '/api/v1/kiosk/guide-print', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'printer_unavailable', details: { reason: 'agent_never_connected' } });
  });
});
