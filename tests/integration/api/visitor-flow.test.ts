// One visitor end to end over the real API: issue → call → recall → start →
// finish → rating, with the live feed and the displays' views following along.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { CounterDisplayDTO, CounterViewDTO, HallInfoDTO, IssueTicketResponse, LiveMessage, RatingDTO, TicketProgressDTO } from '../../../hall/api/dto.js';

let h: Harness;
beforeAll(async () => {
  // No recall cooldown: this story recalls right after the call, in real time.
  h = await startHarness({ configPath: demoConfigWith((c) => ((c.visitRules as { recallCooldownSeconds: number }).recallCooldownSeconds = 0)) });
});
afterAll(() => h.close());

function listen(terminal: string): { messages: LiveMessage[]; ws: WebSocket; ready: Promise<void> } {
  // The token is the first message, never in the URL; ready once the hall said hello.
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}/api/v1/live`);
  ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: h.token(terminal) })));
  const messages: LiveMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as LiveMessage));
  return { messages, ws, ready: new Promise((r) => ws.once('message', () => r())) };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('a visitor from kiosk to rating', () => {
  it('issues, calls, serves and records the rating with ticket, matter, counter and staff', async () => {
    const display = listen('hall-display');
    await display.ready;

    const issued = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-01' } });
    expect(issued.status).toBe(201);
    const ticket = issued.body.ticket;
    expect(ticket).toMatchObject({ number: 'A001', matterName: '不动产转移登记（二手房买卖）', queueName: '不动产登记', peopleAhead: 0, status: 'waiting' });
    // kiosk-1 has a printer in the configuration but no device agent runs here: refused at once, ticket kept.
    expect(issued.body.print).toMatchObject({ status: 'failed', code: 'agent_offline' });

    const progressUrl = new URL(ticket.progressUrl, h.url);
    const progress = await h.api<TicketProgressDTO>('GET', `/api/v1/tickets/${ticket.id}/progress${progressUrl.search.replace(/^\?id=[^&]+&/, '?')}`);
    expect(progress.body).toMatchObject({ number: 'A001', status: 'waiting' });
    expect((await h.api('GET', `/api/v1/tickets/${ticket.id}/progress?key=guess`)).status).toBe(404);

    const staff = await h.signIn('c03', '1003');
    const s = { terminal: 'counter-3', session: staff.sessionToken };
    const called = await h.api<CounterViewDTO>('POST', '/api/v1/counters/c03/actions/call-next', s);
    expect(called.status).toBe(200);
    expect(called.body.current).toMatchObject({ number: 'A001', status: 'called', counterNumber: 3 });
    expect(called.body.lastCallReason).toBe('in_order');
    expect(called.body.actions.call_next).toEqual({ enabled: false, reason: 'counter_busy' });

    const info = await h.api<HallInfoDTO>('GET', '/api/v1/hall', { terminal: 'hall-display' });
    expect(info.body.recentCalls[0]).toMatchObject({ ticketNumber: 'A001', counterNumber: 3, recall: false });
    expect(info.body.counters.find((c) => c.id === 'c03')).toMatchObject({ currentTicketNumber: 'A001', staff: { name: '刘芳' } });

    await h.api('POST', '/api/v1/counters/c03/actions/recall', s);
    await h.api('POST', '/api/v1/counters/c03/actions/start', s);
    const finished = await h.api<CounterViewDTO>('POST', '/api/v1/counters/c03/actions/finish', s);
    expect(finished.body.current).toBeNull();
    expect(finished.body.pendingRating).toMatchObject({ ticketNumber: 'A001', outcome: null });

    const padView = await h.api<CounterDisplayDTO>('GET', '/api/v1/counters/c03/display', { terminal: 'counter-display-3' });
    const ratingId = padView.body.pendingRating!.id;
    expect((await h.api('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-4', body: { level: 'satisfied' } })).status).toBe(404);
    const rated = await h.api<RatingDTO>('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level: 'very_satisfied' } });
    expect(rated.body).toMatchObject({ outcome: 'very_satisfied', source: 'screen', counterNumber: 3, staffName: '刘芳', ticketNumber: 'A001' });
    expect((await h.api('POST', `/api/v1/ratings/${ratingId}`, { terminal: 'counter-display-3', body: { level: 'dissatisfied' } })).status).toBe(409);

    const admin = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const ratings = await h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', { terminal: 'admin', session: admin.body.sessionToken });
    expect(ratings.body).toEqual([expect.objectContaining({ ticketNumber: 'A001', outcome: 'very_satisfied', matterName: '不动产转移登记（二手房买卖）', staffName: '刘芳' })]);

    await until(() => display.messages.some((m) => m.type === 'event' && m.event.type === 'rating_recorded'), 'the rating event on the live feed');
    const types = display.messages.flatMap((m) => (m.type === 'event' ? [m.event.type] : []));
    // print_failed: kiosk-1's printer is declared but its device agent is not connected (recorded for the manager's list of unprinted tickets).
    expect(types).toEqual(['ticket_issued', 'print_failed', 'counter_signed_in', 'ticket_called', 'ticket_recalled', 'service_started', 'service_finished', 'rating_requested', 'rating_recorded']);
    const seqs = display.messages.flatMap((m) => (m.type === 'event' ? [m.event.seq] : []));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    display.ws.close();
  });

  it('replays missed events to a display that reconnects, and nothing twice', async () => {
    const first = listen('hall-display');
    await first.ready;
    await until(() => first.messages.length > 0, 'hello');
    const hello = first.messages[0] as Extract<LiveMessage, { type: 'hello' }>;
    first.ws.close();
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'scjg-01' } });
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'scjg-02' } });
    const again = listen('hall-display');
    await again.ready;
    again.ws.send(JSON.stringify({ type: 'resume', since: hello.lastSeq }));
    // Each ticket is followed by its print_failed event (kiosk-1's printer is declared, its device agent not connected).
    await until(() => again.messages.filter((m) => m.type === 'event').length >= 4, 'replayed events');
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'scjg-03' } });
    await until(() => again.messages.filter((m) => m.type === 'event').length >= 6, 'live events after the replay');
    const events = again.messages.flatMap((m) => (m.type === 'event' ? [`${m.event.type} ${String(m.event.payload.number)}`] : []));
    expect(events).toEqual(['B001', 'B002', 'B003'].flatMap((n) => [`ticket_issued ${n}`, `print_failed ${n}`]));
    again.ws.close();
  });

  it('refuses a live connection without a valid token: closed with 4401, no hello', async () => {
    const ws = new WebSocket(`${h.url.replace('http', 'ws')}/api/v1/live`);
    const received: string[] = [];
    ws.on('message', (d) => received.push(String(d)));
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: 'nope' })));
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
    expect(received).toEqual([]);
  });
});

describe('restarting the hall service', () => {
  it('keeps tickets, counters and numbering across a restart', async () => {
    const before = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-01' } });
    await h.restart();
    const after = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'gjj-02' } });
    expect([before.body.ticket.number, after.body.ticket.number]).toEqual(['E001', 'E002']);
    const info = await h.api<HallInfoDTO>('GET', '/api/v1/hall', { terminal: 'kiosk-1' });
    expect(info.body.queues.find((q) => q.id === 'E')!.waiting).toBe(2);
    expect(info.body.counters.find((c) => c.id === 'c03')!.staff?.name).toBe('刘芳');
    // The display's call list survives too (rebuilt from the outbox).
    expect(info.body.recentCalls.map((c) => `${c.ticketNumber}${c.recall ? ' (recall)' : ''}`)).toEqual(['A001 (recall)', 'A001']);
  });
});
