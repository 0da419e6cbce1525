// A hall of several machines: the hall service (in this process) plus one device
// agent PROCESS per terminal, each started as `npm run terminal` runs it
// (agent/main.ts, its own --dir, its token in SERVICEHALL_TOKEN):
//   kiosk-1    printer on TCP → an ESC/POS emulator this test runs (the realistic
//              network printer), ID reader on the agent's own emulated pty (swiped
//              through the admin page's emulator route)
//   counter-1  rating pad (emulated in the agent) and a caller keypad on a real
//              socat pty whose far end this test plays
//   counter-2  rating pad (emulated in the agent)
// A whole service day runs through them; every ticket must come out of the
// printer exactly once and be recorded printed once.
// Then access: raw WebSocket clients with other terminals' tokens, speaking
// protocol/agent.ts frames, try to act for devices and counters not theirs.
// Mutations tried (each made a test here fail):
//   - device-wiring applyInput without the ownership check (`device && device.kind !== expected`):
//     "a kiosk's agent cannot send a card read for another kiosk's reader" fails (the card lands on a page)
//   - device-wiring without the rating's counter check: "…rating for another counter's open rating" fails
//   - device-wiring without the keypad's counter check: "…keypad key for a counter not its own" fails
//   - protocol/terminal-devices.ts effectiveDevices ignoring terminal.json (hall defaults only): the day's
//     tests fail (tickets go to an emulated printer inside the agent, the keypad on the pty is never opened)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { decodeEscPos, loadPrinterProfile, startPrinterEmulator, textLines, type PrinterEmulator } from '../../../drivers/printer/index.js';
import { serialKeypadEmulator, type KeypadEmulator } from '../../../drivers/keypad/emulator.js';
import { shippedKeypadProfile } from '../../../drivers/keypad/profiles/index.js';
import type { CounterViewDTO, IssueTicketResponse, RatingDTO, TicketDTO } from '../../../hall/api/dto.js';
import { AGENT_PATH, type AgentToHall, type HallToAgent } from '../../../protocol/agent.js';
import { hallRecords, liveFeed, startAgentProcess, until, type Child } from './processes.js';

let h: Harness;
let printer: PrinterEmulator;
let keypadLine: PtyPair;
let keypad: KeypadEmulator;
let admin: { terminal: string; session: string };
const agents: Child[] = [];
const agentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-agents-'));

beforeAll(async () => {
  h = await startHarness();
  const profile = loadPrinterProfile('snbc-bk-t080');
  printer = await startPrinterEmulator({ transport: 'tcp', profile });
  keypadLine = await createPtyPair();
  keypad = serialKeypadEmulator(shippedKeypadProfile('servicehall-reference-keypad-v1'), keypadLine.b);
  await keypad.open();
  const start = (terminalId: string, terminalFile?: Parameters<typeof startAgentProcess>[0]['terminalFile']) =>
    startAgentProcess({ hallUrl: h.url, terminalId, dir: path.join(agentsDir, terminalId), token: h.hall.tokens.get(terminalId)!, ...(terminalFile && { terminalFile }) });
  agents.push(
    ...(await Promise.all([
      // This machine's printer is a network printer: terminal.json replaces the hall's emulated default of the same id.
      start('kiosk-1', { devices: [{ id: 'kiosk-1-printer', kind: 'printer', model: 'snbc-bk-t080', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port! } }] }),
      start('counter-1', {
        devices: [{ id: 'counter-1-keypad', kind: 'keypad', model: 'servicehall-reference-keypad-v1', transport: { type: 'serial', path: keypadLine.a }, keypadAddresses: [{ address: 1, counterNumber: 1 }] }],
      }),
      start('counter-2'),
    ])),
  );
  const wanted = ['kiosk-1-printer', 'kiosk-1-id-reader', 'counter-1-rating-pad', 'counter-1-keypad', 'counter-2-rating-pad'];
  await until(() => wanted.every((id) => h.hall.devices.list().some((d) => d.id === id && d.agentConnected && d.health.state === 'ok')), `devices ok: ${wanted.join(', ')}`, 45_000).catch((err: Error) => {
    throw new Error(`${err.message}: ${JSON.stringify(h.hall.devices.list().map((d) => [d.id, d.agentConnected, d.health.code]))}`);
  });
  const s = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
  admin = { terminal: 'admin', session: s.body.sessionToken };
}, 90_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await keypad?.close().catch(() => undefined);
  await keypadLine?.close();
  await printer?.close();
  await h?.close();
  fs.rmSync(agentsDir, { recursive: true, force: true });
});

const issue = async (matterId: string, identity?: { source: 'card' }) => {
  const res = await h.api<IssueTicketResponse>('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId, ...(identity && { identity }) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  // The kiosk never waits for the printer: the job is on its way to kiosk-1's agent process.
  expect(res.body.print.status).toBe('sending');
  return res.body.ticket;
};

const act = async (counterId: string, session: string, action: string) => {
  const res = await h.api<CounterViewDTO>('POST', `/api/v1/counters/${counterId}/actions/${action}`, { terminal: `counter-${Number(counterId.slice(1))}`, session });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const ratingOf = async (ratingId: string) => (await h.api<RatingDTO[]>('GET', '/api/v1/admin/ratings', admin)).body.find((r) => r.id === ratingId);

/** Presses a level on a counter's emulated pad (inside its agent process) until the hall holds the rating; the pad ignores presses before it was asked. */
async function rateOnPad(deviceId: string, ratingId: string, level: string): Promise<RatingDTO> {
  return until(
    async () => {
      const r = await ratingOf(ratingId);
      if (r?.outcome) return r;
      expect((await h.api('POST', `/api/v1/admin/devices/${deviceId}/emulator`, { ...admin, body: { action: 'press', level } })).status).toBe(200);
      await new Promise((res) => setTimeout(res, 300));
      return undefined;
    },
    `rating ${ratingId} from ${deviceId}`,
  );
}

/** Each ticket's printed job: the emulator's jobs decoded, matched by the QR code (the ticket's progress address). */
function printedJobs(): { text: string; qr: string }[] {
  return printer.jobs().map((bytes) => {
    const elements = decodeEscPos(bytes).elements;
    return { text: textLines(elements).join('\n'), qr: elements.flatMap((e) => (e.kind === 'qr' ? [e.content] : [])).join('\n') };
  });
}

describe('a service day on a hall of several machines (agent processes)', () => {
  const tickets: TicketDTO[] = [];

  it('issues tickets at kiosk-1 and each comes out of its network printer once; a card swipe gives a real-name ticket', async () => {
    for (const matter of ['rsj-01', 'bdc-01', 'gaj-01', 'sw-01']) tickets.push(await issue(matter));

    const kiosk = liveFeed(h.url, h.token('kiosk-1'));
    await kiosk.open;
    expect((await h.api('POST', '/api/v1/admin/devices/kiosk-1-id-reader/emulator', { ...admin, body: { action: 'swipe_card', fixture: 'resident-elderly' } })).status).toBe(200);
    const read = await until(() => kiosk.messages.find((m) => m.type === 'card_read'), 'card_read on kiosk-1');
    expect(read).toMatchObject({ card: { maskedIdNumber: '150102********0621', greenChannel: true } });
    const realName = await issue('rsj-02', { source: 'card' });
    expect(realName).toMatchObject({ ticketClass: 'green', maskedIdentity: '150102********0621' });
    tickets.push(realName);
    kiosk.close();

    await printer.waitForJobs(tickets.length, 20_000);
    await expect.poll(() => tickets.every((t) => h.hall.devices.printJobs.ticketOutcome(t.id)?.status === 'printed')).toBe(true);
    const jobs = printedJobs();
    const real = jobs.filter((j) => j.qr.endsWith(realName.progressUrl));
    expect(real).toHaveLength(1);
    expect(real[0]!.text).toContain('150102********0621');
    expect(jobs.map((j) => j.text).join('\n')).not.toContain('150102195207180621');
  });

  it('calls, finishes and rates at two counters (pads in two agent processes) and calls with counter-1’s keypad', async () => {
    const c1 = (await h.signIn('c01', '1001')).sessionToken;
    const c2 = (await h.signIn('c02', '1002')).sessionToken;

    const called2 = await act('c02', c2, 'call-next');
    expect(called2.current?.status).toBe('called');
    await act('c02', c2, 'start');
    const finished2 = await act('c02', c2, 'finish');
    const rating2 = await rateOnPad('counter-2-rating-pad', finished2.pendingRating!.id, 'satisfied');
    expect(rating2).toMatchObject({ outcome: 'satisfied', source: 'pad', counterNumber: 2 });

    // 呼叫 on the keypad (the test plays the keypad at the far end of the pty): counter 1 calls, and the keypad shows the number.
    await keypad.press(1, 'call_next');
    const called1 = await until(async () => (await h.api<CounterViewDTO>('GET', '/api/v1/counters/c01', { terminal: 'counter-1', session: c1 })).body.current, 'c01 called by keypad');
    expect(called1.status).toBe('called');
    await keypad.waitUntil(() => keypad.displays.get(1) === called1.number, `${called1.number} on the keypad`, 10_000);
    await act('c01', c1, 'start');
    const finished1 = await act('c01', c1, 'finish');
    const rating1 = await rateOnPad('counter-1-rating-pad', finished1.pendingRating!.id, 'very_satisfied');
    expect(rating1).toMatchObject({ outcome: 'very_satisfied', source: 'pad', counterNumber: 1 });

    // The rest of the day's tickets.
    for (let i = 0; i < 3; i++) {
      const view = await act(i % 2 ? 'c01' : 'c02', i % 2 ? c1 : c2, 'call-next');
      expect(view.current).not.toBeNull();
      await act(i % 2 ? 'c01' : 'c02', i % 2 ? c1 : c2, 'finish');
    }
  });

  it('ends the day with every ticket printed exactly once: on paper and in the hall’s records', async () => {
    tickets.push(await issue('ybj-01'));
    await printer.waitForJobs(tickets.length, 20_000);
    await expect.poll(() => h.hall.devices.printJobs.ticketOutcome(tickets.at(-1)!.id)?.status).toBe('printed');
    const jobs = printedJobs();
    expect(jobs).toHaveLength(tickets.length);
    for (const t of tickets) {
      expect(jobs.filter((j) => j.qr.endsWith(t.progressUrl)), `${t.number} printed once`).toHaveLength(1);
      expect(jobs.find((j) => j.qr.endsWith(t.progressUrl))!.text).toContain(t.number);
    }
    const { events, jobs: rows } = hallRecords(h.dataDir);
    for (const t of tickets) {
      expect(events.filter((e) => e.ticketId === t.id)).toEqual([expect.objectContaining({ type: 'ticket_printed', confirmed: true })]);
      expect(rows.filter((r) => r.ticketId === t.id)).toEqual([expect.objectContaining({ state: 'printed' })]);
    }
  });
});

/** A raw agent link with a terminal's token, speaking protocol/agent.ts frames. */
async function rawAgent(terminalId: string) {
  const ws = new WebSocket(`${h.url.replace('http', 'ws')}${AGENT_PATH}`, { headers: { Authorization: `Bearer ${h.token(terminalId)}` } });
  const frames: HallToAgent[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as HallToAgent));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  await until(() => frames.some((f) => f.type === 'welcome'), `welcome for ${terminalId}`);
  const send = (m: AgentToHall | object) => ws.send(JSON.stringify(m));
  /** A malformed frame is answered `refused` (id null) after everything sent before it was handled: a barrier. */
  const settle = async () => {
    const before = frames.filter((f) => f.type === 'refused' && f.id === null).length;
    send({ type: 'nonsense' });
    await until(() => frames.filter((f) => f.type === 'refused' && f.id === null).length > before, 'the hall to answer');
  };
  const health = { state: 'ok' as const, code: 'ok', message: 'ok', since: Date.now() };
  const report = (devices: { id: string; kind: 'id_reader' | 'rating_pad' | 'keypad' }[]) =>
    send({ type: 'devices', devices: devices.map((d) => ({ ...d, model: 'x', transport: 'test', emulated: false, health })) });
  const refusal = (id: string) => frames.find((f): f is Extract<HallToAgent, { type: 'refused' }> => f.type === 'refused' && f.id === id);
  return { ws, frames, send, settle, report, refusal, close: () => ws.close() };
}

describe('access: an agent acts only for its own devices and counters (raw links with real terminal tokens)', () => {
  const card = { idNumber: '150102195207180621', cardType: 'resident', name: '其其格', birthDate: '1952-07-18' };

  it('a kiosk’s agent cannot send a card read for another kiosk’s reader: refused, no page sees it, no ticket can use it', async () => {
    const kiosk1 = liveFeed(h.url, h.token('kiosk-1'));
    const kiosk24 = liveFeed(h.url, h.token('kiosk-24h'));
    await Promise.all([kiosk1.open, kiosk24.open]);
    const raw = await rawAgent('kiosk-24h');
    raw.report([{ id: 'kiosk-24h-id-reader', kind: 'id_reader' }]);
    raw.send({ type: 'input', id: 'spoof-1', deviceId: 'kiosk-1-id-reader', ageMs: 0, input: { kind: 'card', card } });
    await raw.settle();
    expect([...kiosk1.messages, ...kiosk24.messages].some((m) => m.type === 'card_read')).toBe(false);
    expect(raw.refusal('spoof-1')).toMatchObject({ code: 'not_your_device' });
    for (const kioskId of ['kiosk-1', 'kiosk-24h']) {
      const res = await h.api<{ error: { code: string } }>('POST', '/api/v1/tickets', { terminal: kioskId, body: { matterId: 'rsj-02', identity: { source: 'card' } } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('no_card');
    }
    // The same frame for its own reader is taken, and reaches its own page only: the refusal above was about ownership.
    raw.send({ type: 'input', id: 'own-1', deviceId: 'kiosk-24h-id-reader', ageMs: 0, input: { kind: 'card', card } });
    await until(() => kiosk24.messages.find((m) => m.type === 'card_read'), 'card_read on kiosk-24h');
    await raw.settle();
    expect(raw.refusal('own-1')).toBeUndefined();
    expect(kiosk1.messages.some((m) => m.type === 'card_read')).toBe(false);
    await h.api('POST', '/api/v1/kiosk/card/clear', { terminal: 'kiosk-24h', body: {} });
    raw.close();
    kiosk1.close();
    kiosk24.close();
  });

  it('a counter agent cannot send a rating for another counter’s open rating: refused, the rating stays open for its own pad', async () => {
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'scjg-01' } });
    const c1 = (await h.signIn('c01', '1001')).sessionToken;
    await act('c01', c1, 'call-next');
    const finished = await act('c01', c1, 'finish');
    const ratingId = finished.pendingRating!.id;
    const raw = await rawAgent('counter-3');
    raw.report([{ id: 'counter-3-rating-pad', kind: 'rating_pad' }]);
    raw.send({ type: 'input', id: 'spoof-rating', deviceId: 'counter-3-rating-pad', ageMs: 0, input: { kind: 'rating', ratingId, level: 'very_dissatisfied' } });
    await raw.settle();
    expect((await ratingOf(ratingId))?.outcome ?? null).toBeNull();
    expect(h.hall.runtime.state.openRatings.has(ratingId)).toBe(true);
    expect(raw.refusal('spoof-rating')).toMatchObject({ code: 'not_your_counter' });
    raw.close();
    const rated = await rateOnPad('counter-1-rating-pad', ratingId, 'satisfied');
    expect(rated).toMatchObject({ outcome: 'satisfied', source: 'pad' });
  });

  it('a counter agent cannot press a keypad key for a counter not its own: refused, that counter calls nobody', async () => {
    await h.api('POST', '/api/v1/tickets', { terminal: 'kiosk-1', body: { matterId: 'bdc-02' } });
    const c1 = (await h.signIn('c01', '1001')).sessionToken;
    const view = () => h.api<CounterViewDTO>('GET', '/api/v1/counters/c01', { terminal: 'counter-1', session: c1 });
    expect((await view()).body.current).toBeNull();
    expect((await view()).body.next.length).toBeGreaterThan(0);
    const raw = await rawAgent('counter-3');
    raw.report([{ id: 'counter-3-keypad', kind: 'keypad' }]);
    raw.send({ type: 'input', id: 'spoof-key', deviceId: 'counter-3-keypad', ageMs: 0, input: { kind: 'keypad', counterNumber: 1, action: 'call_next' } });
    await raw.settle();
    expect((await view()).body.current).toBeNull();
    expect(raw.frames.some((f) => f.type === 'keypad_show')).toBe(false);
    expect(raw.refusal('spoof-key')).toMatchObject({ code: 'not_your_counter' });
    raw.close();
  });
});
