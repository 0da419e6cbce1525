// 同源发布: the hall's report and central's cross-hall report give the same figures for the same
// day — per matter: tickets, served, no-shows, transfers, suspensions, measured waits (count, mean,
// longest) — with the real hall service uploading to the real central on PostgreSQL
// (tests/helpers/central-harness.ts, tests/helpers/postgres.ts).
// Real time: the uplink's backoff is small; waits poll for a state, never for a time.
// Mutation checked: central counting a wait from the FIRST call (min(at) like the overview) →
// the transferred ticket's wait differs from the hall's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/browser.js';
import demoHall from '../../../config/demo-hall.json' with { type: 'json' };
import type { Harness } from '../../helpers/hall-harness.js';
import { startHallWithCentral, until, type HallWithCentral } from '../../helpers/hall-with-central.js';
import type { CentralHarness } from '../../helpers/central-harness.js';
import type { CounterViewDTO } from '../../../hall/api/dto.js';
import type { HallReportDTO } from '../../../hall/api/reports-dto.js';
import type { CrossHallRow } from '../../../central/reports/cross-hall.js';
import type { CentralCaseRow } from '../../../central/reports/bad-rating-cases.js';
import type { BadRatingCasesDTO } from '../../../hall/api/bad-rating-cases-dto.js';
import type { CounterDisplayDTO } from '../../../hall/api/dto.js';

let central: CentralHarness;
let h: Harness;
let manager = '';
let hall: HallWithCentral;

beforeAll(async () => {
  hall = await startHallWithCentral((c) => {
    (c.visitRules as { recallsBeforeNoShow: number }).recallsBeforeNoShow = 0;
  });
  ({ central, h, manager } = hall);
}, 120_000);

afterAll(() => hall?.close());

describe('同源发布: the hall and central agree on a day', () => {
  it('per matter: tickets, served, no-shows, transfers, suspensions and measured waits', async () => {
    for (const matterId of ['bdc-01', 'bdc-01', 'bdc-01', 'bdc-01', 'scjg-01']) expect((await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } })).status).toBe(201);
    // c01 is the demo's general counter (一窗受理): it calls every queue, the transferred ticket too.
    const s = { terminal: 'counter-1', session: (await h.signIn('c01', '1001')).sessionToken };
    const act = async (action: string, body: unknown = {}) => {
      const r = await h.api<CounterViewDTO>('POST', `/api/v1/counters/c01/actions/${action}`, { ...s, body });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    await act('call-next');
    await act('start');
    await act('finish');
    await act('call-next');
    await act('no-show');
    await act('call-next');
    await act('start');
    await act('transfer', { toQueueId: 'B' });
    const suspended = (await act('call-next')).current!.number;
    await act('start');
    await act('suspend', { reason: '缺少材料' });
    await act('resume-suspended', { number: suspended });
    await act('finish');
    await act('call-next');
    await act('start');
    await act('finish');

    const day = (await h.api<{ serviceDay: string }>('GET', '/api/v1/health')).body.serviceDay;
    const hall = (await h.api<HallReportDTO>('GET', `/api/v1/admin/reports?from=${day}&to=${day}&by=matter`, { terminal: 'admin', session: manager })).body;
    expect(hall.total).toMatchObject({ tickets: 5 });
    expect(hall.total.transfers).toBe(1);
    expect(hall.total.suspensions).toBe(1);
    expect(hall.total.noShows).toBe(1);
    const lastSeq = (await h.api<{ lastSeq: number }>('GET', '/api/v1/health')).body.lastSeq;
    await until(async () => (await central.rows()).filter((r) => r.table === 'events').length >= lastSeq, 'central to hold every event');

    const reply = await central.operator<{ rows: CrossHallRow[] }>('GET', `/v1/reports?from=${day}&to=${day}&hallId=${demoHall.hall.id}`);
    expect(reply.status).toBe(200);
    const centralRows = reply.body.rows.map((r) => ({ key: r.matterId, tickets: r.tickets, served: r.served, noShows: r.noShows, transfers: r.transfers, suspensions: r.suspensions, called: r.called, mean: r.meanWaitSeconds, max: r.maxWaitSeconds }));
    const hallRows = hall.rows.map((r) => ({ key: r.key, tickets: r.tickets, served: r.served, noShows: r.noShows, transfers: r.transfers, suspensions: r.suspensions, called: r.wait.count, mean: r.wait.mean, max: r.wait.max }));
    expect(centralRows).toEqual(hallRows);
  });

  it('central lists the 差评 case of the hall with the same code, deadlines and state', async () => {
    const display = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c01/display', { terminal: 'counter-display-1' });
    expect((await h.api('POST', `/api/v1/ratings/${display.body.pendingRating!.id}`, { terminal: 'counter-display-1', body: { level: 'very_dissatisfied' } })).status).toBe(200);
    let hallCase: BadRatingCasesDTO['cases'][number] | undefined;
    await until(async () => {
      hallCase = (await h.api<BadRatingCasesDTO>('GET', '/api/v1/admin/bad-rating-cases', { terminal: 'admin', session: manager })).body.cases[0];
      return hallCase !== undefined;
    }, 'the hall case');
    let rows: CentralCaseRow[] = [];
    await until(async () => {
      rows = (await central.operator<{ cases: CentralCaseRow[] }>('GET', `/v1/bad-rating-cases?hallId=${demoHall.hall.id}`)).body.cases;
      return rows.length > 0;
    }, 'central to list the case');
    expect(rows.map((r) => ({ caseId: r.caseId, code: r.code, revisitDueAt: r.revisitDueAt, rectifyDueAt: r.rectifyDueAt, lastStep: r.lastStep, closedAt: r.closedAt, overdue: r.overdue }))).toEqual([
      { caseId: hallCase!.id, code: hallCase!.code, revisitDueAt: hallCase!.revisitDueAt, rectifyDueAt: hallCase!.rectifyDueAt, lastStep: 'opened', closedAt: null, overdue: false },
    ]);
  });

  it('the operator page in Chromium shows the hall × day × matter rows and the case', async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
      await page.goto(`${central.url}/operator/`);
      await page.getByTestId('op-token').fill(central.operatorToken);
      await page.getByTestId('op-hall').fill(demoHall.hall.id);
      await page.getByTestId('op-run').click();
      await expect.poll(() => page.getByTestId('op-cases-row').count()).toBe(1);
      expect(await page.getByTestId('op-reports-row').count()).toBe(2);
      expect(await page.getByTestId('op-reports-row').first().locator('td').nth(2).textContent()).toBe('bdc-01');
      expect(await page.getByTestId('op-cases-row').locator('td').nth(8).textContent()).toBe('待回访');
    } finally {
      await browser.close();
    }
  });
});
