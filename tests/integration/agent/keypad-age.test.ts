// deviceAgents.keypadMaxAgeSeconds, set the way a hall sets it (its configuration
// file): a caller-keypad key older than the bound when it reaches the hall is
// refused as stale and calls nobody; a younger one calls the next visitor.
// A raw agent link (counter-1's token) plays the keypad's agent.
// Mutation tried: the hall ignoring the setting (the default 10 s bound) → the
// 20-second-old key is refused with keypadMaxAgeSeconds 30, and this test fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AGENT_PATH, type HallToAgent } from '../../../protocol/agent.js';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { IssueTicketResponse } from '../../../hall/api/dto.js';

let h: Harness;
let ws: WebSocket;
const frames: HallToAgent[] = [];

beforeAll(async () => {
  h = await startHarness({ configPath: demoConfigWith((c) => (c.deviceAgents = { keypadMaxAgeSeconds: 30 })) });
  ws = new WebSocket(`${h.url.replace('http', 'ws')}${AGENT_PATH}`, { headers: { Authorization: `Bearer ${h.token('counter-1')}` } });
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as HallToAgent));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const health = { state: 'ok', code: 'ok', message: 'ok', since: Date.now() };
  ws.send(JSON.stringify({ type: 'devices', devices: [{ id: 'counter-1-keypad', kind: 'keypad', model: 'x', transport: 'test', emulated: false, health }] }));
  for (let i = 0; i < 500 && !h.hall.devices.list().some((d) => d.id === 'counter-1-keypad' && d.agentConnected); i++) await new Promise((r) => setTimeout(r, 20));
  await h.signIn('c01', '1001');
});
afterAll(async () => {
  ws.terminate();
  await h.close();
});

const key = (id: string, ageMs: number) => ws.send(JSON.stringify({ type: 'input', id, deviceId: 'counter-1-keypad', ageMs, input: { kind: 'keypad', counterNumber: 1, action: 'call_next' } }));
const answered = (id: string) => frames.some((f) => (f.type === 'ack' && f.ids.includes(id)) || (f.type === 'refused' && f.id === id));
const refused = (id: string) => frames.find((f): f is Extract<HallToAgent, { type: 'refused' }> => f.type === 'refused' && f.id === id);

describe('keypadMaxAgeSeconds from the hall configuration', () => {
  it('a key older than the bound is refused as stale; one inside it calls the next visitor', async () => {
    const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
    expect(res.status).toBe(201);

    key('old', 40_000);
    await expect.poll(() => answered('old')).toBe(true);
    expect(refused('old')).toMatchObject({ code: 'stale' });
    expect(h.hall.runtime.state.tickets.get(res.body.ticket.id)?.status).toBe('waiting');

    // 20 s is past the default 10 s but inside this hall's 30 s.
    key('recent', 20_000);
    await expect.poll(() => answered('recent')).toBe(true);
    expect(refused('recent')).toBeUndefined();
    expect(h.hall.runtime.state.tickets.get(res.body.ticket.id)?.status).toBe('called');
  });
});
