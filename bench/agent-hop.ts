// What the device-agent hop adds on loopback (issue 9): the hall in this process,
// kiosk-1's device agent as its own process (agent/main.ts, as `npm run terminal`
// runs it), its printer an ESC/POS emulator on TCP behind a tap that timestamps
// bytes, its ID reader a SAM emulator on a socat pty. Prints figures, asserts nothing.
// Run: npx tsx bench/agent-hop.ts [tickets] [cards]
//   print  POST /api/v1/tickets → the job's first byte (ESC @) on the printer's wire, through the agent;
//          baseline: the same POST at a kiosk with no agent (issue cost) + the printer driver in this
//          process printing the same bytes (status check, then the job) → first byte.
//   card   the reader's read request reaching the emulator (the card's answer follows at once on a pty)
//          → the kiosk page's live `card_read`, through the agent; baseline: the same driver in this
//          process, read request → onCard. The reader's poll interval (1 s) is outside both.
// The agent's print journal fsyncs "started" before the job's bytes go out: on this disk that is part of the hop.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHallService } from '../hall/service.js';
import { loadPrinterProfile, renderTicket, startPrinterEmulator, TicketPrinter } from '../drivers/printer/index.js';
import { TcpTransport } from '../drivers/transports/tcp.js';
import { createPtyPair } from '../drivers/transports/pty-pair.js';
import { startIdCardEmulator, type IdCardEmulator } from '../drivers/idcard/emulator.js';
import { createSerialIdCardReader } from '../drivers/idcard/index.js';
import type { EmulatedCard } from '../drivers/idcard/text-block.js';
import type { IssueTicketResponse, LiveMessage } from '../hall/api/dto.js';
import { call, liveFeed, startAgentProcess } from '../tests/integration/agent/processes.js';
import { percentile } from './stats.js';

const tickets = Number(process.argv[2] ?? 200);
const cards = Number(process.argv[3] ?? 30);
const root = path.resolve(import.meta.dirname, '..');
const card = (JSON.parse(fs.readFileSync(path.join(root, 'config/demo-cards/resident-adult.json'), 'utf8')) as { card: EmulatedCard }).card;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const fmt = (n: number) => `${n.toFixed(2).padStart(8)} ms`;
function report(label: string, samples: number[]): { p50: number; p99: number } {
  const s = sorted(samples);
  const r = { p50: percentile(s, 50), p99: percentile(s, 99) };
  console.log(`  ${label.padEnd(62)} p50 ${fmt(r.p50)}  p99 ${fmt(r.p99)}  (n=${s.length})`);
  return r;
}

/** A TCP tap in front of the printer: resolves `next()` when the next job's ESC @ passes (polls are DLE EOT only). */
async function printerTap(target: number) {
  let waiter: ((t: number) => void) | null = null;
  const server = net.createServer((client) => {
    const up = net.connect(target, '127.0.0.1');
    client.setNoDelay(true);
    up.setNoDelay(true);
    client.on('data', (d) => {
      const t = performance.now();
      if (waiter && d.includes(Buffer.from([0x1b, 0x40]))) {
        const w = waiter;
        waiter = null;
        w(t);
      }
      up.write(d);
    });
    up.on('data', (d) => client.write(d));
    const end = () => (client.destroy(), up.destroy());
    client.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    next: () => new Promise<number>((resolve) => (waiter = resolve)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * When the reader asked the emulator to read the card's text (the answer follows at once on a pty):
 * from there to delivery is the driver's parse plus, through an agent, the hop. Bench-only hook on the
 * emulator's request log.
 */
function readRequests(emulator: IdCardEmulator): { last: () => number } {
  let at = 0;
  const log = emulator.requests as string[];
  log.push = (...items: string[]) => {
    if (items.includes('read_text_photo')) at = performance.now();
    return Array.prototype.push.apply(log, items);
  };
  return { last: () => at };
}
async function takeAway(emulator: IdCardEmulator): Promise<void> {
  emulator.removeCard();
  const finds = emulator.requests.filter((r) => r === 'find_card').length;
  while (emulator.requests.filter((r) => r === 'find_card').length <= finds) await new Promise((r) => setTimeout(r, 10));
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-bench-agent-'));
const hall = await startHallService({ port: 0, dataDir: path.join(work, 'hall') });
const profile = loadPrinterProfile('snbc-bk-t080');
const printer = await startPrinterEmulator({ transport: 'tcp', profile });
const tap = await printerTap(printer.port!);
const line = await createPtyPair();
const reader = await startIdCardEmulator({ path: line.b });
const agent = await startAgentProcess({
  hallUrl: hall.url,
  terminalId: 'kiosk-1',
  dir: path.join(work, 'kiosk-1'),
  token: hall.tokens.get('kiosk-1')!,
  terminalFile: {
    devices: [
      { id: 'kiosk-1-printer', kind: 'printer', model: 'snbc-bk-t080', transport: { type: 'tcp', host: '127.0.0.1', port: tap.port } },
      { id: 'kiosk-1-id-reader', kind: 'id_reader', model: 'sam-serial', transport: { type: 'serial', path: line.a } },
    ],
  },
});
while (!hall.devices.list().some((d) => d.id === 'kiosk-1-printer' && d.agentConnected && d.health.state === 'ok')) await new Promise((r) => setTimeout(r, 50));
while (!hall.devices.list().some((d) => d.id === 'kiosk-1-id-reader' && d.agentConnected && d.health.state === 'ok')) await new Promise((r) => setTimeout(r, 50));

const matters = ['rsj-01', 'bdc-01', 'gaj-01', 'sw-01', 'ybj-01', 'scjg-01', 'gjj-01', 'rsj-03'];
const issue = (kiosk: string, i: number) => call<IssueTicketResponse>(hall.url, 'POST', '/api/v1/tickets', { token: hall.tokens.get(kiosk)!, body: { matterId: matters[i % matters.length] } });

console.log(`device-agent hop on loopback: ${tickets} tickets, ${cards} card reads; kiosk-1's agent is pid ${agent.proc.pid}`);

// ---- print: through the agent ----
const viaAgent: number[] = [];
for (let i = 0; i < tickets + 10; i++) {
  const first = tap.next();
  const t0 = performance.now();
  const res = await issue('kiosk-1', i);
  if (res.status !== 201) throw new Error(`issue failed: ${JSON.stringify(res.body)}`);
  const t1 = await first;
  if (i >= 10) viaAgent.push(t1 - t0); // 10 warm-up tickets
  while (hall.devices.printJobs.ticketOutcome(res.body.ticket.id)?.status === 'sending') await new Promise((r) => setTimeout(r, 1));
}

// ---- print: baseline, the driver in this process ----
await agent.stop(); // also: one host on the printer's port at a time
const issueOnly: number[] = [];
for (let i = 0; i < tickets; i++) {
  const t0 = performance.now();
  const res = await issue('kiosk-1', i); // no agent now: issued, reported unprinted at once
  if (res.status !== 201 || res.body.print.status !== 'failed') throw new Error(`unexpected: ${JSON.stringify(res.body.print)}`);
  issueOnly.push(performance.now() - t0);
}
const bytes = renderTicket(
  { hallName: '政务服务大厅', number: 'A001', matterName: '城乡居民养老保险参保登记', queueName: '社保', peopleAhead: 3, waitMinutes: { min: 5, max: 15 }, issuedAtText: '2026-12-07 09:00', qrContent: `${hall.url}/ticket/?id=x`, notice: [] },
  { profile },
).bytes;
const direct = new TicketPrinter({ transport: new TcpTransport({ host: '127.0.0.1', port: tap.port }), profile });
await new Promise<void>((resolve) => {
  direct.onHealth((h) => h.state === 'ok' && resolve());
  direct.start();
});
const driverOnly: number[] = [];
for (let i = 0; i < tickets + 10; i++) {
  const first = tap.next();
  const t0 = performance.now();
  const done = direct.printRaw(bytes);
  const t1 = await first;
  await done;
  if (i >= 10) driverOnly.push(t1 - t0);
}
await direct.stop();

console.log('print: POST /tickets → first byte of the job on the printer’s wire');
const a = report('through kiosk-1’s agent process', viaAgent);
const b1 = report('baseline part 1: POST /tickets, no printer (issue cost)', issueOnly);
const b2 = report('baseline part 2: driver in this process, printRaw → first byte', driverOnly);
const baseline = sorted(issueOnly).map((x, i) => x + sorted(driverOnly)[i]!);
const b = report('baseline: the sum (percentile by percentile)', baseline);
console.log(`  added by the agent hop                                          p50 ${fmt(a.p50 - b.p50)}  p99 ${fmt(a.p99 - b.p99)}`);
void b1;
void b2;

// Part of the hop: the agent's journal line, appended and fsync'd before the job's bytes go out (agent/print-journal.ts).
const journalFile = path.join(work, 'fsync-probe.jsonl');
const fd = fs.openSync(journalFile, 'a', 0o600);
const fsyncs: number[] = [];
for (let i = 0; i < tickets; i++) {
  const t0 = performance.now();
  fs.writeSync(fd, JSON.stringify({ jobId: `probe-${i}`, at: Date.now(), step: 'started' }) + '\n');
  fs.fsyncSync(fd);
  fsyncs.push(performance.now() - t0);
}
fs.closeSync(fd);
report(`of which: one journal line + fsync on ${os.tmpdir()}'s disk`, fsyncs);

// ---- card: through the agent, then the driver in this process ----
const agent2 = await startAgentProcess({ hallUrl: hall.url, terminalId: 'kiosk-1', dir: path.join(work, 'kiosk-1'), token: hall.tokens.get('kiosk-1')! });
while (!hall.devices.list().some((d) => d.id === 'kiosk-1-id-reader' && d.agentConnected && d.health.state === 'ok')) await new Promise((r) => setTimeout(r, 50));
const kiosk = liveFeed(hall.url, hall.tokens.get('kiosk-1')!);
await kiosk.open;
const live = { at: 0 };
kiosk.ws.on('message', (d) => {
  if ((JSON.parse(String(d)) as LiveMessage).type === 'card_read') live.at = performance.now();
});
const agentReads = readRequests(reader);
const cardViaAgent: number[] = [];
for (let i = 0; i < cards + 2; i++) {
  live.at = 0;
  reader.insertCard(card);
  while (live.at === 0) await new Promise((r) => setTimeout(r, 5));
  if (i >= 2) cardViaAgent.push(live.at - agentReads.last());
  await call(hall.url, 'POST', '/api/v1/kiosk/card/clear', { token: hall.tokens.get('kiosk-1')!, body: {} });
  await takeAway(reader);
}
kiosk.close();
await agent2.stop();

const line2 = await createPtyPair();
const reader2 = await startIdCardEmulator({ path: line2.b });
const local = createSerialIdCardReader({ path: line2.a });
await local.start();
const onCard = { at: 0 };
local.onCard(() => (onCard.at = performance.now()));
const localReads = readRequests(reader2);
const cardDirect: number[] = [];
for (let i = 0; i < cards + 2; i++) {
  onCard.at = 0;
  reader2.insertCard(card);
  while (onCard.at === 0) await new Promise((r) => setTimeout(r, 5));
  if (i >= 2) cardDirect.push(onCard.at - localReads.last());
  await takeAway(reader2);
}
await local.stop();

console.log('card: the reader reads the card (request 30 01 at the emulator) →');
const c = report('kiosk page live card_read, through kiosk-1’s agent process', cardViaAgent);
const d = report('baseline: driver in this process, onCard', cardDirect);
console.log(`  added by the agent hop (and the hall’s live push)               p50 ${fmt(c.p50 - d.p50)}  p99 ${fmt(c.p99 - d.p99)}`);

await reader.close();
await reader2.close();
await line.close();
await line2.close();
await tap.close();
await printer.close();
await hall.close();
fs.rmSync(work, { recursive: true, force: true });
process.exit(0);
