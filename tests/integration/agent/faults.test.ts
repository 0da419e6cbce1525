// Faults between the hall and a kiosk's device agent, all real processes:
//   the hall      `hall/main.ts` as a child process (killed with -9, restarted on its data folder)
//   kiosk-1       `agent/main.ts` as a child process (killed with -9, restarted on its own folder),
//                 reaching the hall through a TCP proxy this test runs (cut, held, swallowing)
//   its printer   an ESC/POS emulator on TCP in this process (the test counts what came out)
//   its reader    a SAM ID reader emulator on the far end of a socat pty pair (the test inserts cards)
// The rule checked every time: each ticket is printed exactly once, or reported
// unprinted (or "may have printed": unknown), and the hall records one outcome;
// a card read made while the link was down is dropped when it arrives late.
// Mutations tried (each made a test here fail):
//   - agent/device-agent.ts printOnce ignoring its journal and in-flight map (every job printed as new):
//     "kill -9 of the agent mid-print", "kill -9 of the hall mid-job" and "a result lost on a cut link" fail (printed twice)
//   - hall/devices/device-wiring.ts without the card age check: "a card read made while cut off … is dropped" fails
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoConfigWith, tempDataDir } from '../../helpers/hall-harness.js';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { decodeEscPos, loadPrinterProfile, startPrinterEmulator, type PrinterEmulator } from '../../../drivers/printer/index.js';
import { startIdCardEmulator, type IdCardEmulator } from '../../../drivers/idcard/emulator.js';
import type { EmulatedCard } from '../../../drivers/idcard/text-block.js';
import type { DeviceDTO, IssueTicketResponse, TicketDTO } from '../../../hall/api/dto.js';
import type { TerminalFile } from '../../../agent/terminal-file.js';
import { call, freePort, hallRecords, hallTokens, liveFeed, sleep, startAgentProcess, startHallProcess, TcpProxy, until, type Child } from './processes.js';

const root = path.resolve(import.meta.dirname, '../../..');
const card = (JSON.parse(fs.readFileSync(path.join(root, 'config/demo-cards/resident-adult.json'), 'utf8')) as { card: EmulatedCard }).card;

let hall: Child;
let agent: Child;
let proxy: TcpProxy;
let printer: PrinterEmulator;
let readerLine: PtyPair;
let reader: IdCardEmulator;
let tokens: Record<string, string>;
let adminSession = '';
const dataDir = tempDataDir();
const agentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-agent-kiosk-'));
// Card reads older than 2 s are dropped; a job re-sent within 60 s may still print (so the outcome here is certain).
const configPath = demoConfigWith((c) => {
  c.deviceAgents = { cardMaxAgeSeconds: 2, keypadMaxAgeSeconds: 10, printFreshSeconds: 60 };
});
let hallPort = 0;
const hallUrl = () => `http://127.0.0.1:${hallPort}`;

const startHall = async () => {
  hall = await startHallProcess({ dataDir, configPath, port: hallPort });
  tokens = hallTokens(dataDir);
  const s = await call<{ sessionToken: string }>(hallUrl(), 'POST', '/api/v1/admin/session', { token: tokens.admin!, body: { staffNo: '9001', pin: '1234' } });
  adminSession = s.body.sessionToken;
};

const startKioskAgent = async () => {
  const terminalFile: TerminalFile = {
    devices: [
      // A network printer that must confirm each job (GS r) within 2.5 s; the test makes it stay silent when it needs a job "in flight".
      { id: 'kiosk-1-printer', kind: 'printer', model: 'snbc-bk-t080', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port! }, printer: { confirm: true, confirmTimeoutMs: 2500 } },
      { id: 'kiosk-1-id-reader', kind: 'id_reader', model: 'sam-serial', transport: { type: 'serial', path: readerLine.a } },
    ],
  };
  agent = await startAgentProcess({ hallUrl: proxy.url, terminalId: 'kiosk-1', dir: agentDir, token: tokens['kiosk-1']!, terminalFile });
  await devicesUp();
};

const devices = async () => (await call<DeviceDTO[]>(hallUrl(), 'GET', '/api/v1/admin/devices', { token: tokens.admin!, session: adminSession })).body;
const devicesUp = () =>
  until(async () => {
    const list = await devices();
    return ['kiosk-1-printer', 'kiosk-1-id-reader'].every((id) => list.some((d) => d.id === id && d.agentConnected && d.health.state === 'ok'));
  }, 'kiosk-1 devices connected and ok', 30_000);
const agentOffline = () => until(async () => (await devices()).some((d) => d.id === 'kiosk-1-printer' && !d.agentConnected), 'the hall to see kiosk-1 offline');
const connections = () => agent.count('device agent kiosk-1: connected to the hall');

const issue = async (body: object = { matterId: 'rsj-01' }) => {
  const res = await call<IssueTicketResponse>(hallUrl(), 'POST', '/api/v1/tickets', { token: tokens['kiosk-1']!, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

/** The ticket's print job once the hall knows its outcome, and every print outcome event recorded for the ticket. */
const settled = async (ticket: TicketDTO) => {
  const job = await until(() => hallRecords(dataDir).jobs.find((j) => j.ticketId === ticket.id && j.state !== 'sent'), `an outcome for ${ticket.number}`, 30_000);
  return { job, events: hallRecords(dataDir).events.filter((e) => e.ticketId === ticket.id).map(({ type, printed, confirmed, code }) => ({ type, printed, confirmed, code })) };
};

/** How many times this ticket came out of the printer (its QR code carries the ticket's progress address). */
const printedCount = (ticket: TicketDTO) =>
  printer
    .jobs()
    .filter((bytes) => decodeEscPos(bytes).elements.some((e) => e.kind === 'qr' && e.content.endsWith(ticket.progressUrl))).length;

beforeAll(async () => {
  hallPort = await freePort();
  printer = await startPrinterEmulator({ transport: 'tcp', profile: loadPrinterProfile('snbc-bk-t080') });
  readerLine = await createPtyPair();
  reader = await startIdCardEmulator({ path: readerLine.b });
  await startHall();
  proxy = await new TcpProxy({ host: '127.0.0.1', port: hallPort }).listen();
  await startKioskAgent();
}, 90_000);

// A failed test leaves neither a held link nor a silent printer to the next one.
afterEach(() => {
  proxy.restore();
  printer.setReplies('all');
});

const count = (request: string) => reader.requests.filter((r) => r === request).length;
/** Takes the card away and waits until the reader has looked for it and found none (the next insertion is a new one). */
const takeCardAway = async () => {
  reader.removeCard();
  const finds = count('find_card');
  // A find that reaches the emulator after removeCard() is answered "no card": the driver counts the card removed.
  await until(() => count('find_card') > finds, 'the reader to see the card gone');
};

afterAll(async () => {
  await agent?.stop();
  await hall?.stop();
  await proxy?.close();
  await reader?.close().catch(() => undefined);
  await readerLine?.close();
  await printer?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(agentDir, { recursive: true, force: true });
});

describe('faults between the hall and a kiosk’s device agent (separate processes)', () => {
  it('a card read made while cut off arrives late and is dropped, not applied to a ticket (a read on a live link is applied)', async () => {
    const kiosk = liveFeed(hallUrl(), tokens['kiosk-1']!);
    await kiosk.open;
    // On a live link the read reaches the kiosk page.
    reader.insertCard(card);
    await until(() => kiosk.messages.find((m) => m.type === 'card_read'), 'card_read on a live link');
    await takeCardAway();
    expect((await call(hallUrl(), 'POST', '/api/v1/kiosk/card/clear', { token: tokens['kiosk-1']!, body: {} })).status).toBe(200);

    proxy.hold();
    await agentOffline();
    const reads = count('read_text_photo');
    reader.insertCard(card);
    await until(() => count('read_text_photo') > reads, 'the reader to read the card');
    await takeCardAway();
    await sleep(2500); // the read is now older than cardMaxAgeSeconds (2 s)
    const refusals = hall.count('card input refused: stale');
    const seen = kiosk.messages.filter((m) => m.type === 'card_read').length;
    proxy.restore();
    // The agent re-sends the unacknowledged read after reconnecting: the hall must drop it (and logs that it did).
    await until(() => hall.count('card input refused: stale') > refusals || kiosk.messages.filter((m) => m.type === 'card_read').length > seen, 'the late read to arrive');
    expect(kiosk.messages.filter((m) => m.type === 'card_read')).toHaveLength(seen);
    const res = await call<{ error: { code: string } }>(hallUrl(), 'POST', '/api/v1/tickets', { token: tokens['kiosk-1']!, body: { matterId: 'rsj-02', identity: { source: 'card' } } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no_card');
    kiosk.close();
  });

  it('kill -9 of the agent mid-print, then restart: the job is reported unknown (may have printed) and never printed twice', async () => {
    printer.setReplies('realtime-only'); // the job goes out, the confirmation never comes: the agent is mid-job
    const before = printer.jobs().length;
    const { ticket, print } = await issue();
    expect(print.status).toBe('sending');
    await printer.waitForJobs(before + 1);
    await agent.kill9();
    printer.setReplies('all');
    await startKioskAgent();
    const { job, events } = await settled(ticket);
    expect(job).toMatchObject({ state: 'unknown', code: 'agent_restarted' });
    expect(events).toEqual([{ type: 'print_failed', printed: 'unknown', confirmed: undefined, code: 'agent_restarted' }]);
    expect(printedCount(ticket)).toBe(1);
    expect(printer.jobs()).toHaveLength(before + 1);
  });

  it('kill -9 of the hall mid-job, restart on the same data folder: the agent reconnects, the hall asks again, one outcome recorded', async () => {
    printer.setReplies('realtime-only');
    const before = printer.jobs().length;
    const { ticket } = await issue({ matterId: 'bdc-01' });
    await printer.waitForJobs(before + 1);
    const links = connections();
    // While the hall is down the agent's attempts wait at the proxy (a hall that comes back), so the test does not sit out its backoff.
    await hall.kill9();
    proxy.hold();
    await sleep(3000); // the agent finishes the job (not confirmed) with nobody to tell
    printer.setReplies('all');
    await startHall();
    proxy.restore();
    await agent.waitFor('device agent kiosk-1: connected to the hall', links + 1);
    const { job, events } = await settled(ticket);
    expect(job).toMatchObject({ state: 'unconfirmed' });
    expect(events).toEqual([{ type: 'ticket_printed', printed: undefined, confirmed: false, code: undefined }]);
    expect(printedCount(ticket)).toBe(1);
    expect(printer.jobs()).toHaveLength(before + 1);
    await devicesUp();
  });

  it('a link cut by the network: tickets issued meanwhile are reported unprinted and never print later', async () => {
    const before = printer.jobs().length;
    proxy.cut(); // resets: the agent's retries are refused until the cable is back
    await agentOffline();
    const { ticket, print } = await issue({ matterId: 'gaj-01' });
    expect(print).toMatchObject({ status: 'failed', code: 'agent_offline' });
    const links = connections();
    proxy.restore();
    await agent.waitFor('device agent kiosk-1: connected to the hall', links + 1);
    await devicesUp();
    expect(hallRecords(dataDir).events.filter((e) => e.ticketId === ticket.id).map((e) => [e.type, e.printed])).toEqual([['print_failed', 'none']]);
    // Nothing left for the hall to send later (at most a row recording the failure).
    expect(hallRecords(dataDir).jobs.filter((j) => j.ticketId === ticket.id && j.state !== 'failed')).toEqual([]);
    expect(printer.jobs()).toHaveLength(before);
  });

  it('a job lost in transit on a link that then drops is printed once after the reconnect', async () => {
    const before = printer.jobs().length;
    proxy.swallow(); // the hall's frames never reach the agent
    const { ticket, print } = await issue({ matterId: 'sw-01' });
    expect(print.status).toBe('sending');
    await sleep(300);
    expect(printer.jobs()).toHaveLength(before);
    const links = connections();
    proxy.hold();
    await agentOffline();
    proxy.restore();
    await agent.waitFor('device agent kiosk-1: connected to the hall', links + 1);
    const { job, events } = await settled(ticket);
    // Confirmed, or "printed, not confirmed": after the silent confirmations above the driver counts the
    // next GS r answer as a late one (drivers/printer/printer.ts staleTransmit) on this printer connection.
    expect(['printed', 'unconfirmed']).toContain(job.state);
    expect(events).toEqual([{ type: 'ticket_printed', printed: undefined, confirmed: job.state === 'printed', code: undefined }]);
    expect(printedCount(ticket)).toBe(1);
    expect(printer.jobs()).toHaveLength(before + 1);
  });

  it('a result lost on a cut link: after the reconnect the agent answers from its journal, one outcome, one ticket on paper', async () => {
    printer.setReplies('realtime-only');
    const before = printer.jobs().length;
    const { ticket } = await issue({ matterId: 'ybj-01' });
    await printer.waitForJobs(before + 1);
    const links = connections();
    proxy.hold();
    await sleep(3500); // the agent finishes the job (not confirmed) and cannot report it
    printer.setReplies('all');
    proxy.restore();
    await agent.waitFor('device agent kiosk-1: connected to the hall', links + 1);
    const { job, events } = await settled(ticket);
    expect(job.state).toBe('unconfirmed');
    expect(events).toEqual([{ type: 'ticket_printed', printed: undefined, confirmed: false, code: undefined }]);
    expect(printedCount(ticket)).toBe(1);
    expect(printer.jobs()).toHaveLength(before + 1);
  });
});
