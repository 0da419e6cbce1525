// Print jobs the hall cannot get an answer for: a kiosk's agent that takes the
// job and goes silent (its PC was switched off for good). The hall asks again
// each time that agent connects — to print while fresh, outcome-only after
// deviceAgents.printFreshSeconds — and at day close the job ends as `unknown`
// with a print_failed event, never left "sending" forever.
// A raw WebSocket plays the agent, speaking protocol/agent.ts frames; the
// hall's clock is a ManualTimers so the day passes in milliseconds.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import { AGENT_PATH, type HallToAgent } from '../../../protocol/agent.js';
import { loadPrinterProfile } from '../../../drivers/printer/index.js';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { HallEventDTO, IssueTicketResponse } from '../../../hall/api/dto.js';

let h: Harness | null = null;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await h?.close();
  h = null;
});

/** A kiosk-1 "agent" that reports one healthy printer and records every frame; it never answers print jobs. */
async function silentAgent(harness: Harness) {
  const ws = new WebSocket(`${harness.url.replace('http', 'ws')}${AGENT_PATH}`, { headers: { Authorization: `Bearer ${harness.token('kiosk-1')}` } });
  sockets.push(ws);
  const frames: HallToAgent[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as HallToAgent));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const health = { state: 'ok', code: 'ok', message: 'ready', since: 0 };
  ws.send(JSON.stringify({ type: 'devices', devices: [{ id: 'kiosk-1-printer', kind: 'printer', model: 'generic-epson', transport: 'tcp test', emulated: false, health, printerProfile: loadPrinterProfile('generic-epson') }] }));
  await expect.poll(() => harness.hall.devices.printerProfile('kiosk-1')).not.toBeNull();
  return { ws, prints: () => frames.filter((f): f is Extract<HallToAgent, { type: 'print' }> => f.type === 'print') };
}

describe('print jobs without an answer', () => {
  it('are asked again on reconnect (fresh: to print; stale: outcome only), and end as unknown at day close', async () => {
    const timers = new ManualTimers(Date.parse('2026-12-07T01:00:00Z')); // 09:00 in the hall (UTC+8)
    const configPath = demoConfigWith((c) => (c.deviceAgents = { printFreshSeconds: 20 }));
    h = await startHarness({ configPath, timers });
    const first = await silentAgent(h);
    const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
    expect(res.body.print.status).toBe('sending');
    await expect.poll(() => first.prints().length).toBe(1);
    const jobId = first.prints()[0]!.jobId;
    expect(first.prints()[0]!.printIfNew).toBe(true);

    // Reconnect within printFreshSeconds: the same job id, still to be printed (the agent's journal makes that safe).
    first.ws.terminate();
    timers.advance(5_000);
    const second = await silentAgent(h);
    await expect.poll(() => second.prints().map((p) => [p.jobId, p.printIfNew, p.bytes.length > 0])).toEqual([[jobId, true, true]]);

    // After printFreshSeconds: asked for its outcome only — a ticket must not come out minutes after the visitor left.
    second.ws.terminate();
    timers.advance(30_000);
    const third = await silentAgent(h);
    await expect.poll(() => third.prints().map((p) => [p.jobId, p.printIfNew, p.bytes])).toEqual([[jobId, false, '']]);
    expect(h.hall.devices.printJobs.ticketOutcome(res.body.ticket.id)?.status).toBe('sending');

    // The day closes (03:00 next morning): the job ends as unknown, once, with a print_failed event.
    timers.advance(20 * 3600_000);
    await h.api('GET', '/api/v1/hall', { terminal: 'kiosk-1' }); // any command may be the first after the boundary
    await expect.poll(() => h!.hall.devices.printJobs.ticketOutcome(res.body.ticket.id)).toMatchObject({ status: 'unknown', code: 'no_answer' });
    const events = await h.api<HallEventDTO[]>('GET', '/api/v1/events?since=0&limit=500', { terminal: 'admin' });
    expect(events.status, JSON.stringify(events.body)).toBe(200);
    const failed = events.body.filter((e) => e.type === 'print_failed' && e.payload.ticketId === res.body.ticket.id);
    expect(failed.map((e) => e.payload)).toEqual([expect.objectContaining({ code: 'no_answer', printed: 'unknown', jobId })]);
  });

  it('an answer from another terminal for this job is ignored', async () => {
    h = await startHarness();
    const kiosk = await silentAgent(h);
    const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'rsj-03' } });
    await expect.poll(() => kiosk.prints().length).toBe(1);
    const other = new WebSocket(`${h.url.replace('http', 'ws')}${AGENT_PATH}`, { headers: { Authorization: `Bearer ${h.token('kiosk-24h')}` } });
    sockets.push(other);
    await new Promise((resolve) => other.once('open', resolve));
    other.send(JSON.stringify({ type: 'print_result', jobId: kiosk.prints()[0]!.jobId, result: { status: 'printed', code: null, message: null } }));
    // A barrier: a malformed frame is answered after everything sent before it was handled.
    const refused = new Promise((resolve) => other.on('message', (d) => (JSON.parse(String(d)) as HallToAgent).type === 'refused' && resolve(null)));
    other.send('not json');
    await refused;
    expect(h.hall.devices.printJobs.ticketOutcome(res.body.ticket.id)?.status).toBe('sending');
  });
});
