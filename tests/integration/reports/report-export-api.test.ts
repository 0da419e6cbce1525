// The report and its exports through the real hall service's LAN API: tickets issued, served and
// missed at a counter, then GET /api/v1/admin/reports (JSON) and /export as XLSX and CSV, read
// back with exceljs and compared with the JSON; bad parameters are a clear 400, no session a 401.
// Mutation checked: the route ignoring `by` (always by queue) → every test fails (keys, file name,
// the 400 for an unknown grouping).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { StaffSessionDTO } from '../../../hall/api/dto.js';
import type { HallReportDTO } from '../../../hall/api/reports-dto.js';
import { reportLine } from '../../../hall/reports/export.js';

let h: Harness;
let admin: { terminal: string; session: string };

async function download(route: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const res = await fetch(`${h.url}${route}`, { headers: { authorization: `Bearer ${h.token('admin')}`, 'x-staff-session': admin.session } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  // No recall needed before a no-show here: the report is under test, not the queue rules.
  h = await startHarness({ configPath: demoConfigWith((c) => ((c.visitRules as { recallsBeforeNoShow: number }).recallsBeforeNoShow = 0)) });
  const signed = await h.api<StaffSessionDTO>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
  admin = { terminal: 'admin', session: signed.body.sessionToken };
  for (const matterId of ['bdc-01', 'bdc-01', 'bdc-01']) await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } });
  const staff = await h.signIn('c03', '1003');
  const s = { terminal: 'counter-3', session: staff.sessionToken };
  for (const last of ['finish', 'finish', 'no-show']) {
    await h.api('POST', '/api/v1/counters/c03/actions/call-next', s);
    if (last === 'finish') await h.api('POST', '/api/v1/counters/c03/actions/start', s);
    const done = await h.api('POST', `/api/v1/counters/c03/actions/${last}`, s);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('reports through the API', () => {
  it('counts what the counter did, by queue and by counter', async () => {
    const byQueue = await h.api<HallReportDTO>('GET', '/api/v1/admin/reports?by=queue', admin);
    expect(byQueue.status).toBe(200);
    expect(byQueue.body.total).toMatchObject({ tickets: 3, served: 2, noShows: 1, transfers: 0, suspensions: 0 });
    expect(byQueue.body.rows.map((r) => [r.key, r.name, r.waitTargetMinutes])).toEqual([['A', '不动产登记', 20]]);
    expect(byQueue.body.rows[0]!.wait.count).toBe(3);
    const byCounter = await h.api<HallReportDTO>('GET', '/api/v1/admin/reports?by=counter', admin);
    expect(byCounter.body.rows.map((r) => [r.key, r.tickets, r.served])).toEqual([['c03', 3, 2]]);
  });

  it('exports the same table as XLSX and CSV', async () => {
    const json = (await h.api<HallReportDTO>('GET', '/api/v1/admin/reports?by=counter', admin)).body;
    const lines = [...json.rows, json.total].map(reportLine);
    const xlsx = await download(`/api/v1/admin/reports/export?by=counter&format=xlsx&from=${json.from}&to=${json.to}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.disposition).toBe(`attachment; filename="report-${json.from}-${json.to}-counter.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer); // exceljs types an older Buffer
    const sheet = book.getWorksheet('服务报表')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('窗口');
    lines.forEach((line, i) => {
      const cells = (sheet.getRow(i + 3).values as unknown[]).slice(1);
      expect(line.map((_, k) => cells[k] ?? null)).toEqual(line);
    });
    const csv = await download(`/api/v1/admin/reports/export?by=counter&format=csv&from=${json.from}&to=${json.to}`);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.slice(1).trim().split('\r\n').slice(2)).toEqual(lines.map((l) => l.map((v) => (v === null ? '' : String(v))).join(',')));
  });

  it('refuses bad parameters with a clear message, and callers without a session', async () => {
    expect((await h.api('GET', '/api/v1/admin/reports?by=colour', admin)).body).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('by must be one of') } });
    expect((await h.api('GET', '/api/v1/admin/reports?from=2026-02-01&to=2026-01-01', admin)).status).toBe(400);
    expect((await download('/api/v1/admin/reports/export?format=pdf')).status).toBe(400);
    expect((await h.api('GET', '/api/v1/admin/reports', { terminal: 'admin' })).status).toBe(401);
  });
});
