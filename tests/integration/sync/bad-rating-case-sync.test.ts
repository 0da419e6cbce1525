// Each step of a 差评 case reaches the real central platform (central/server.ts on a real
// PostgreSQL, tests/helpers/central-harness.ts) exactly once through the hall's uplink, also when
// central is down during some steps and back later: every bad_rating_case_* event is interpreted
// (none quarantined or parked), one row per hall sequence number.
// Real time: the uplink's backoff is set small; waits poll for a state, never for a time.
// Mutation tried: removing bad_rating_case_revisited from protocol/central/bad-rating-case-events.ts
// (the event is quarantined: the "interpreted" check fails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../helpers/hall-harness.js';
import { startHallWithCentral, until, type HallWithCentral } from '../../helpers/hall-with-central.js';
import type { CentralHarness } from '../../helpers/central-harness.js';
import type { CounterDisplayDTO } from '../../../hall/api/dto.js';
import type { BadRatingCasesDTO } from '../../../hall/api/bad-rating-cases-dto.js';

let central: CentralHarness;
let h: Harness;
let manager = '';
let hall: HallWithCentral;

beforeAll(async () => {
  hall = await startHallWithCentral();
  ({ central, h, manager } = hall);
}, 120_000);

afterAll(() => hall?.close());

const admin = (route: string, body: unknown) => h.api('POST', route, { terminal: 'admin', session: manager, body });

describe('差评 case steps to central', () => {
  it('stores every step once at central, across central being down for some of them', async () => {
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    const at = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
    for (const action of ['call-next', 'start', 'finish']) await h.api('POST', `/api/v1/counters/c03/actions/${action}`, { ...at, body: {} });
    const display = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
    await h.api('POST', `/api/v1/ratings/${display.body.pendingRating!.id}`, { terminal: 'counter-display-3', body: { level: 'dissatisfied' } });
    let caseId = '';
    await until(async () => {
      const list = await h.api<BadRatingCasesDTO>('GET', '/api/v1/admin/bad-rating-cases', { terminal: 'admin', session: manager });
      caseId = list.body.cases[0]?.id ?? '';
      return caseId !== '';
    }, 'the case');
    const base = `/api/v1/admin/bad-rating-cases/${caseId}`;
    await admin(`${base}/assign`, { staffId: 's10' });

    await central.stop();
    await admin(`${base}/revisit`, { method: 'phone', visitorSaid: '等候时间长' });
    await admin(`${base}/resolve`, { kind: 'rectified', note: '已调整窗口排班' });
    await central.start();
    await admin(`${base}/review`, { approve: true, note: '同意办结' });

    const hallSteps = h.hall.runtime.log
      .readSince(0, 100_000)
      .filter((e) => e.type.startsWith('bad_rating_case_'))
      .map((e) => e.seq);
    expect(hallSteps).toHaveLength(5);
    await until(async () => {
      const rows = await central.rows();
      return hallSteps.every((seq) => rows.some((r) => r.seq === seq));
    }, 'central to hold every step');
    const rows = (await central.rows()).filter((r) => r.type.startsWith('bad_rating_case_'));
    expect(rows.map((r) => [r.type, r.table])).toEqual([
      ['bad_rating_case_opened', 'events'],
      ['bad_rating_case_assigned', 'events'],
      ['bad_rating_case_revisited', 'events'],
      ['bad_rating_case_resolved', 'events'],
      ['bad_rating_case_closed', 'events'],
    ]);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(rows.length);
    expect(rows.map((r) => r.seq)).toEqual(hallSteps);
  });
});
