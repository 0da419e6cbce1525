// Ticket printer driver overhead per printed ticket, beyond the wire time.
// Run: npx tsx bench/printer.ts [tickets]
// Loopback TCP and ptys move bytes at memory speed (a pty ignores its baud rate),
// so the measured time per ticket IS the driver's overhead: layout, status check
// before (DLE EOT 1–4), the job write, the GS r confirmation and status after.
// On a real serial printer add the wire time, bytes × 10 bits ÷ baud (8N1).
// Also measured: printers as halls buy them — one that ignores GS r (the driver
// stops asking after CONFIRM_MISSES_BEFORE_GIVING_UP jobs, during the warm-up)
// and one that answers nothing (readsStatus 'auto' finds a one-way link).
import { performance } from 'node:perf_hooks';
import { startPrinterEmulator, type EmulatorReplies } from '../drivers/printer/emulator.js';
import { TicketPrinter } from '../drivers/printer/printer.js';
import { loadPrinterProfile } from '../drivers/printer/profile.js';
import { renderTicket } from '../drivers/printer/ticket.js';
import type { ByteTransport } from '../drivers/contract.js';
import { SerialTransport } from '../drivers/transports/serial.js';
import { TcpTransport } from '../drivers/transports/tcp.js';
import { greenChannelRealName } from '../tests/unit/printer/ticket-fixtures.js';
import { percentile } from './stats.js';

const tickets = Number(process.argv[2] ?? 300);
const profile = loadPrinterProfile('snbc-bk-t080');
// The green-channel, real-name ticket of the printer tests: the longest common layout.
const job = greenChannelRealName;

function report(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b);
  console.log(`${label.padEnd(56)} p50 ${percentile(s, 50).toFixed(3).padStart(8)} ms   p99 ${percentile(s, 99).toFixed(3).padStart(8)} ms   (n=${s.length})`);
}

async function measure(label: string, transport: ByteTransport, emulatorJobs: (count: number) => Promise<unknown>, ready = 'ok'): Promise<void> {
  const printer = new TicketPrinter({ transport, profile, pollIntervalMs: 600_000 });
  const up = new Promise<void>((resolve) => printer.onHealth((h) => h.code === ready && resolve()));
  printer.start();
  await up;
  for (let i = 0; i < 20; i++) await printer.printTicket(job); // warm-up
  const samples: number[] = [];
  let confirmed = 0;
  for (let i = 0; i < tickets; i++) {
    const t0 = performance.now();
    const outcome = await printer.printTicket(job);
    samples.push(performance.now() - t0);
    if (!outcome.ok) throw new Error(`${label}: ticket ${i} failed: ${outcome.code}`);
    if (outcome.confirmed) confirmed++;
  }
  report(`${label}: printTicket, whole round`, samples);
  console.log(`${''.padEnd(56)} confirmed ${confirmed} of ${tickets} (the rest: printed, not confirmed)`);
  // A one-way print returns once the bytes are handed to the OS; the emulator may still be reading them.
  await emulatorJobs(tickets + 20);
  await printer.stop();
}

async function tcpRun(label: string, replies: EmulatorReplies, ready: string): Promise<void> {
  const emulator = await startPrinterEmulator({ transport: 'tcp', profile, replies });
  await measure(label, new TcpTransport({ host: '127.0.0.1', port: emulator.port! }), (n) => emulator.waitForJobs(n, 60_000), ready);
  await emulator.close();
}

const bytes = renderTicket(job, { profile }).bytes.length + 3; // + GS r 1
console.log(`ticket: ${bytes} bytes on the wire (job + GS r 1), ${tickets} tickets per run`);
console.log(`wire time at 115200 baud: ${((bytes * 10) / 115200 * 1000).toFixed(1)} ms; at 9600 baud: ${((bytes * 10) / 9600 * 1000).toFixed(1)} ms; TCP 100 Mbit/s: ${((bytes * 8) / 100e6 * 1000).toFixed(3)} ms`);

const layout: number[] = [];
for (let i = 0; i < tickets; i++) {
  const t0 = performance.now();
  renderTicket({ ...job, number: `A${String(i % 1000).padStart(3, '0')}` }, { profile });
  layout.push(performance.now() - t0);
}
report('layout only (renderTicket)', layout);

await tcpRun('TCP emulator', 'all', 'ok');
await tcpRun('TCP emulator, ignores GS r', 'realtime-only', 'ok');
await tcpRun('TCP emulator, one-way (answers nothing)', 'none', 'status_unknown');

const serialEmulator = await startPrinterEmulator({ transport: 'serial', profile });
await measure('pty emulator (serial 115200)', new SerialTransport({ path: serialEmulator.driverPath!, baudRate: 115200 }), (n) => serialEmulator.waitForJobs(n, 60_000));
await serialEmulator.close();
console.log('driver overhead = the printTicket figures (the links above add no baud delay); real time ≈ overhead + wire time + printing.');
