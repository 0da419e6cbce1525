// Ticket printer driver overhead per printed ticket, beyond the wire time.
// Run: npx tsx bench/printer.ts [tickets]
// Loopback TCP and ptys move bytes at memory speed (a pty ignores its baud rate),
// so the measured time per ticket IS the driver's overhead: layout, status check
// before (DLE EOT 1–4), the job write, the GS r confirmation and status after.
// On a real serial printer add the wire time, bytes × 10 bits ÷ baud (8N1).
import { performance } from 'node:perf_hooks';
import { startPrinterEmulator } from '../drivers/printer/emulator.js';
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

async function measure(label: string, transport: ByteTransport, emulatorJobs: () => number): Promise<void> {
  const printer = new TicketPrinter({ transport, profile, pollIntervalMs: 600_000 });
  const ready = new Promise<void>((resolve) => printer.onHealth((h) => h.code === 'ok' && resolve()));
  printer.start();
  await ready;
  for (let i = 0; i < 20; i++) await printer.printTicket(job); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < tickets; i++) {
    const t0 = performance.now();
    const outcome = await printer.printTicket(job);
    samples.push(performance.now() - t0);
    if (!outcome.ok) throw new Error(`${label}: ticket ${i} failed: ${outcome.code}`);
  }
  report(`${label}: printTicket, whole round`, samples);
  if (emulatorJobs() < tickets) throw new Error(`${label}: emulator saw only ${emulatorJobs()} jobs`);
  await printer.stop();
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

const tcpEmulator = await startPrinterEmulator({ transport: 'tcp', profile });
await measure('TCP emulator', new TcpTransport({ host: '127.0.0.1', port: tcpEmulator.port! }), () => tcpEmulator.jobs().length);
await tcpEmulator.close();

const serialEmulator = await startPrinterEmulator({ transport: 'serial', profile });
await measure('pty emulator (serial 115200)', new SerialTransport({ path: serialEmulator.driverPath!, baudRate: 115200 }), () => serialEmulator.jobs().length);
await serialEmulator.close();
console.log('driver overhead = the printTicket figures (the links above add no baud delay); real time ≈ overhead + wire time + printing.');
