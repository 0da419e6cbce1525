// The public 评价公示 (002 第三十二条; 004 第二十八条; docs/regulations.md › Results published):
// per counter, per matter, the self-service terminals and the hall, for a period, over the real
// API without a token, from hall/ratings/publication.ts.
// Mutations tried, each failing "publishes per counter, per matter …":
//   - not_rated counted as a level (RATING_LEVELS.indexOf → 2, i.e. 基本满意): the satisfaction and rated counts differ;
//   - satisfaction counting 基本满意 as unsatisfied (good = levels[0] + levels[1]);
//   - the period ignored (`BETWEEN ? AND ?` → `>= ?`): the next day's rating shows in the first day's publication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody, CounterDisplayDTO, IssueTicketResponse, RatingPublicationDTO, SelfServiceDTO } from '../../../hall/api/dto.js';

const MONDAY_9AM = Date.UTC(2026, 10, 23, 1, 0);
const timers = new ManualTimers(MONDAY_9AM);
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timers });
});
afterAll(() => h.close());

/** Serves one ticket of `matterId` at `counterId` and answers its rating on the counter display (or not). */
async function serve(counterId: string, staffNo: string, matterId: string, level: string | null): Promise<void> {
  const n = Number(counterId.slice(1));
  const s = { terminal: `counter-${n}`, session: (await h.signIn(counterId, staffNo)).sessionToken };
  await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId } });
  await h.api('POST', `/api/v1/counters/${counterId}/actions/call-next`, s);
  await h.api('POST', `/api/v1/counters/${counterId}/actions/finish`, s);
  const pad = await h.api<CounterDisplayDTO>('GET', `/api/v1/counters/${counterId}/display`, { terminal: `counter-display-${n}` });
  if (level) expect((await h.api('POST', `/api/v1/ratings/${pad.body.pendingRating!.id}`, { terminal: `counter-display-${n}`, body: { level } })).status).toBe(200);
  else timers.advance(61_000); // the visitor walks away: not rated
}

const publication = (query: string) => h.api<RatingPublicationDTO & ApiErrorBody>('GET', `/api/v1/public/ratings${query}`);

describe('评价公示', () => {
  it('publishes per counter, per matter, the self-service zone and the hall for the period, counting not_rated apart', async () => {
    await serve('c03', '1003', 'bdc-01', 'very_satisfied');
    await serve('c03', '1003', 'bdc-01', 'basic');
    await serve('c03', '1003', 'bdc-02', 'very_dissatisfied');
    await serve('c03', '1003', 'bdc-02', null);
    await serve('c04', '1004', 'scjg-01', 'satisfied');
    const self = await h.api<SelfServiceDTO>('POST', '/api/v1/kiosk/self-service', { terminal: 'kiosk-24h', body: { matterId: 'bdc-04' } });
    await h.api('POST', `/api/v1/kiosk/self-service/${self.body.serviceId}/rating`, { terminal: 'kiosk-24h', body: { level: 'dissatisfied' } });

    const res = await publication('?from=2026-11-23&to=2026-11-23');
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({ hallName: '东胜区政务服务中心', from: '2026-11-23', to: '2026-11-23' });
    expect(p.hall).toMatchObject({ rated: 5, levels: [1, 1, 1, 1, 1], bad: 2, notRated: 1 });
    expect(p.hall.satisfaction).toBeCloseTo(3 / 5);
    expect(p.counters.map((c) => [c.counterNumber, c.name, c.rated, c.satisfaction, c.bad, c.notRated])).toEqual([
      [3, '不动产登记窗口', 3, 2 / 3, 1, 1],
      [4, '市场准入窗口', 1, 1, 0, 0],
    ]);
    const matters = new Map(p.matters.map((m) => [m.id, m]));
    expect(matters.get('bdc-01')).toMatchObject({ name: '不动产转移登记（二手房买卖）', rated: 2, satisfaction: 1, bad: 0 });
    expect(matters.get('bdc-02')).toMatchObject({ rated: 1, satisfaction: 0, bad: 1, notRated: 1 });
    expect(matters.get('bdc-04')).toMatchObject({ rated: 1, satisfaction: 0, bad: 1 });
    expect(p.selfService).toMatchObject({ id: 'self_service', rated: 1, levels: [0, 0, 0, 1, 0], satisfaction: 0 });

    // The next service day's ratings are not in the first day's publication, and the default period is this month.
    timers.advance(24 * 3_600_000);
    await serve('c04', '1004', 'scjg-02', 'very_dissatisfied');
    expect((await publication('?from=2026-11-23&to=2026-11-23')).body.hall.rated).toBe(5);
    expect((await publication('?from=2026-11-24&to=2026-11-24')).body.counters).toEqual([expect.objectContaining({ id: 'c04', rated: 1, satisfaction: 0 })]);
    expect((await publication('')).body).toMatchObject({ from: '2026-11-01', to: '2026-11-24', hall: { rated: 6, bad: 3 } });
  });

  it('refuses a malformed or reversed period, or one longer than a year, saying why', async () => {
    for (const q of ['?from=23.11.2026', '?from=2026-11-24&to=2026-11-23', '?from=2024-01-01&to=2026-11-23']) {
      const res = await publication(q);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_request']);
    }
  });
});
