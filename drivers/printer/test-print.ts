// Technician's test ticket, from a shell on the kiosk (hall service stopped):
//   npx tsx drivers/printer/test-print.ts --serial /dev/ttyUSB0 --baud 115200 --profile snbc-bk-t080
//   npx tsx drivers/printer/test-print.ts --tcp 192.168.1.50:9100 --profile generic-epson
//   npx tsx drivers/printer/test-print.ts --usb /dev/usb/lp0 --profile generic-epson [--no-status] [--no-confirm]
//   npx tsx drivers/printer/test-print.ts --emulator --profile snbc-bk-t080 --svg /tmp/ticket.svg
// Prints a sample ticket (with a rare-character name line) and reports status and outcome.
// Exit code 0 when the ticket printed and was confirmed.
import fs from 'node:fs';
import type { ByteTransport } from '../contract.js';
import { SerialTransport } from '../transports/serial.js';
import { TcpTransport } from '../transports/tcp.js';
import { UsbLpTransport } from '../transports/usb-lp.js';
import type { TicketPrintJob } from './contract.js';
import { decodeEscPos } from './decoder.js';
import { startPrinterEmulator, type PrinterEmulator } from './emulator.js';
import { TicketPrinter } from './printer.js';
import { renderPreviewSvg } from './preview.js';
import { loadPrinterProfile } from './profile.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const sample: TicketPrintJob = {
  hallName: '政务服务中心（打印测试）',
  number: 'T001',
  matterName: '打印机测试票',
  queueName: '测试队列',
  peopleAhead: 3,
  waitMinutes: { min: 5, max: 10 },
  issuedAtText: new Date().toISOString().slice(0, 16).replace('T', ' '),
  qrContent: 'https://example.invalid/printer-test',
  notice: ['生僻字测试：刘䶮、王𪛖（后者应打印为 □）'],
  maskedIdentity: '150602********1234',
  counterArea: '测试区',
};

async function main(): Promise<number> {
  const profile = loadPrinterProfile(arg('--profile') ?? 'generic-epson');
  let emulator: PrinterEmulator | null = null;
  let transport: ByteTransport;
  if (args.includes('--emulator')) {
    emulator = await startPrinterEmulator({ transport: 'tcp', profile });
    transport = new TcpTransport({ host: '127.0.0.1', port: emulator.port! });
  } else if (arg('--tcp')) {
    const [host, port] = arg('--tcp')!.split(':');
    transport = new TcpTransport({ host: host!, port: Number(port ?? 9100) });
  } else if (arg('--serial')) {
    transport = new SerialTransport({ path: arg('--serial')!, baudRate: Number(arg('--baud') ?? 115200) });
  } else if (arg('--usb')) {
    transport = new UsbLpTransport({ path: arg('--usb')! });
  } else {
    console.error('give --serial PATH [--baud N], --tcp HOST:PORT, --usb PATH or --emulator');
    return 2;
  }
  // A technician's check is strict: status is required unless --no-status (never 'auto' here).
  const printer = new TicketPrinter({ transport, profile, readsStatus: !args.includes('--no-status'), ...(args.includes('--no-confirm') && { confirm: false }) });
  printer.onHealth((h) => console.log(`health: ${h.state} ${h.code} — ${h.message}`));
  printer.start();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  console.log('status:', JSON.stringify(printer.status()));
  const outcome = await printer.printTicket(sample);
  console.log('outcome:', JSON.stringify(outcome));
  const svgPath = arg('--svg');
  if (svgPath && emulator) {
    const job = (await emulator.waitForJobs(1))[0]!;
    fs.writeFileSync(svgPath, renderPreviewSvg(decodeEscPos(job), { paperWidthDots: profile.paperWidthDots, lineSpacingDots: profile.lineSpacingDots }));
    console.log(`preview written to ${svgPath}`);
  }
  await printer.stop();
  await emulator?.close();
  // 0: printed and confirmed; 3: printed, not confirmed; 1: failed.
  return outcome.ok ? (outcome.confirmed ? 0 : 3) : 1;
}

process.exitCode = await main();
