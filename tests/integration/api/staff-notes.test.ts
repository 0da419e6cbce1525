// Staff notes (the reasons typed for 特呼 and 挂起) may name a visitor: counter and admin
// terminals see them, kiosks and displays get the event without the note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEventDTO, IssueTicketResponse } from '../../../hall/api/dto.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('staff notes in the event feed', () => {
  it('reach counter terminals, not kiosks or the hall display', async () => {
    const first = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    const second = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    const staff = await h.signIn('c03', '1003');
    const s = { terminal: 'counter-3', session: staff.sessionToken };
    expect((await h.api('POST', '/api/v1/counters/c03/actions/call-specific', { ...s, body: { number: second.body.ticket.number, reason: '张三 行动不便' } })).status).toBe(200);
    expect((await h.api('POST', '/api/v1/counters/c03/actions/suspend', { ...s, body: { reason: '张三 缺户口本', minutes: 30 } })).status).toBe(200);
    expect(first.status).toBe(201);

    const notes = async (terminal: string) => {
      const events = (await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal })).body;
      const called = events.find((e) => e.type === 'ticket_called')!;
      const suspended = events.find((e) => e.type === 'ticket_suspended')!;
      return [called.payload.specialReason, suspended.payload.reason];
    };
    expect(await notes('counter-3')).toEqual(['张三 行动不便', '张三 缺户口本']);
    expect(await notes('kiosk-1')).toEqual([null, null]);
    expect(await notes('hall-display')).toEqual([null, null]);
  });
});
