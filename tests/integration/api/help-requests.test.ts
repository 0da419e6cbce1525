// 呼叫工作人员 through the real hall API and live feed: a kiosk's request reaches the admin
// page's terminal as a live `help` message with the kiosk's name; a second tap while waiting
// opens nothing new; staff acknowledge with a session and the kiosk hears it; access holds.
// Mutations checked: dropping the broadcast in hall/api/routes/help.ts fails "alerts";
// removing the open-request dedupe in HelpDesk.request fails "a second tap".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpRequestDTO, LiveMessage } from '../../../hall/api/dto.js';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { listenLive, until } from '../../helpers/live-listener.js';

let h: Harness;
let admin: { terminal: string; session: string };

beforeAll(async () => {
  h = await startHarness();
  const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
  admin = { terminal: 'admin', session: s.body.sessionToken };
});
afterAll(async () => {
  await h?.close();
});

const listen = (terminal: string) => listenLive(h, terminal);

const helpMessages = (messages: LiveMessage[]) => messages.flatMap((m) => (m.type === 'help' ? [m.request] : []));

describe('呼叫工作人员', () => {
  it('alerts the admin page with the kiosk’s name, once per waiting visitor, and tells the kiosk when staff acknowledge', async () => {
    const desk = listen('admin');
    const kiosk = listen('kiosk-1');
    await Promise.all([desk.open, kiosk.open]);

    const first = await h.api<HelpRequestDTO>('POST', '/api/v1/kiosk/help', { terminal: 'kiosk-1', body: {} });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ terminalId: 'kiosk-1', terminalName: '一号取号机', acknowledgedAt: null });
    const alert = await until(() => helpMessages(desk.messages).find((r) => r.id === first.body.id), 'the admin page’s alert');
    expect(alert.terminalName).toBe('一号取号机');

    // A second tap while waiting: the same request, no second alert.
    const again = await h.api<HelpRequestDTO>('POST', '/api/v1/kiosk/help', { terminal: 'kiosk-1', body: {} });
    expect(again.body.id).toBe(first.body.id);
    const listed = await h.api<HelpRequestDTO[]>('GET', '/api/v1/admin/help', admin);
    expect(listed.body.filter((r) => r.acknowledgedAt === null).map((r) => r.terminalId)).toEqual(['kiosk-1']);

    const ack = await h.api<HelpRequestDTO>('POST', `/api/v1/admin/help/${first.body.id}/acknowledge`, { ...admin, body: {} });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledgedBy: '周明' });
    expect(ack.body.acknowledgedAt).toEqual(expect.any(Number));
    await until(() => helpMessages(kiosk.messages).find((r) => r.id === first.body.id && r.acknowledgedAt !== null), 'the kiosk hearing the acknowledgement');
    expect(helpMessages(desk.messages).filter((r) => r.id === first.body.id)).toHaveLength(2);

    // The next visitor's tap opens a new request.
    const next = await h.api<HelpRequestDTO>('POST', '/api/v1/kiosk/help', { terminal: 'kiosk-1', body: {} });
    expect(next.body.id).not.toBe(first.body.id);
    desk.ws.close();
    kiosk.ws.close();
  });

  it('lets only kiosks ask and only admin staff with a session list or acknowledge', async () => {
    expect((await h.api('POST', '/api/v1/kiosk/help', { terminal: 'counter-1', body: {} })).status).toBe(403);
    expect((await h.api('GET', '/api/v1/admin/help', { terminal: 'admin' })).status).toBe(401);
    expect((await h.api('GET', '/api/v1/admin/help', { terminal: 'kiosk-1' })).status).toBe(403);
    const missing = await h.api<{ error: { code: string } }>('POST', '/api/v1/admin/help/help-0-0/acknowledge', { ...admin, body: {} });
    expect(missing.status).toBe(404);
    expect((await h.api('POST', '/api/v1/kiosk/help', { terminal: 'kiosk-1', body: { urgent: true } })).status).toBe(400);
  });
});
