// The wall dashboard (大厅综合监管屏, /wall/) is its own terminal (role `wall`, docs/wall.md): it
// enrols with its own one-time code and reads the hall, the wall summary and the live feed —
// nothing else. Before, it opened with the hall display's token.
// Mutations checked: GET /api/v1/wall declared for ['hall_display', 'admin'] again (the wall's
// token gets 403 and the display's 200: the first test fails); the wall given a staff role's
// access (e.g. 'wall' added to the kiosk routes: POST /api/v1/tickets answers 201, the second
// test fails); the wall exempted from the staff-note redaction in views.event (role !== 'wall'
// added to counter and admin: the third test fails).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, HallEventDTO, IssueTicketResponse } from '../../../hall/api/dto.js';
import type { EnrolResponse } from '../../../hall/api/contract.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { listenLive, until } from '../../helpers/live-listener.js';

let h: Harness;
let manager: string;
beforeAll(async () => {
  h = await startHarness();
  manager = (await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } })).body.sessionToken;
});
afterAll(() => h.close());

describe('the wall terminal', () => {
  it('enrols with its own code at its own address and reads the wall summary; the hall display no longer does', async () => {
    const printed = h.hall.pages.find((p) => p.terminalId === 'wall')!;
    expect(printed).toMatchObject({ role: 'wall', name: '综合监管屏' });
    expect(printed.url).toMatch(/\/wall\/\?terminal=wall#token=/);
    const { code, url } = h.hall.enrolmentCode('wall');
    expect(url).toBe(`${h.url}/wall/?terminal=wall#enrol=${code}`);
    const made = await h.api<{ code: string; page: string }>('POST', '/api/v1/admin/terminals/wall/enrolment-code', { terminal: 'admin', session: manager });
    expect(made.body.page).toBe(`/wall/?terminal=wall#enrol=${made.body.code}`);

    const enrolled = await h.api<EnrolResponse>('POST', '/api/v1/enrol', { body: { terminalId: 'wall', code } });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toEqual({ terminalId: 'wall', role: 'wall', counterId: null, token: h.token('wall'), page: '/wall/?terminal=wall' });
    expect(h.token('wall')).not.toBe(h.token('hall-display'));

    expect((await h.api('GET', '/api/v1/wall', { terminal: 'wall' })).status).toBe(200);
    expect((await h.api('GET', '/api/v1/hall', { terminal: 'wall' })).status).toBe(200);
    const display = await h.api<ApiErrorBody>('GET', '/api/v1/wall', { terminal: 'hall-display' });
    expect(display.status).toBe(403);
  });

  it('cannot issue, call, rate, sign staff in or read the manager’s pages', async () => {
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/v1/tickets', { matterId: 'bdc-01' }],
      ['POST', '/api/v1/counters/c03/session', { staffNo: '1003', pin: '1234' }],
      ['POST', '/api/v1/counters/c03/actions/call-next', {}],
      ['POST', '/api/v1/admin/session', { staffNo: '9001', pin: '1234' }],
      ['GET', '/api/v1/admin/reports'],
      ['POST', '/api/v1/admin/terminals/wall/enrolment-code', {}],
      ['POST', '/api/v1/ratings/no-such-rating', { level: 'very_dissatisfied' }],
      ['GET', '/api/v1/counters/c03/display'],
    ];
    for (const [method, route, body] of refused) {
      const res = await h.api<ApiErrorBody>(method, route, { terminal: 'wall', session: manager, ...(body === undefined ? {} : { body }) });
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
    }
  });

  it('gets the live feed, without the staff notes (特呼 and 挂起 reasons)', async () => {
    const live = listenLive(h, 'wall');
    try {
      await live.open;
      const ticket = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
      expect(ticket.status).toBe(201);
      const s = { terminal: 'counter-3', session: (await h.signIn('c03', '1003')).sessionToken };
      expect((await h.api('POST', '/api/v1/counters/c03/actions/call-next', s)).status).toBe(200);
      expect((await h.api('POST', '/api/v1/counters/c03/actions/suspend', { ...s, body: { reason: '张三 缺户口本', minutes: 30 } })).status).toBe(200);
      const suspended = await until(() => live.messages.find((m) => m.type === 'event' && m.event.type === 'ticket_suspended'), 'the suspension on the wall’s feed');
      expect(suspended.type === 'event' && suspended.event.payload.reason).toBeNull();
      const events = (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal: 'wall' })).body;
      expect(events.find((e) => e.type === 'ticket_suspended')!.payload.reason).toBeNull();
    } finally {
      live.ws.close();
    }
  });
});
