// Driver overhead per ID card read beyond the wire time.
// Runs the emulator with zero artificial delay on a socat pty and times the same
// find → select → read path the polling reader uses (flow.ts over SamChannel and
// SerialTransport). A pty moves bytes at memory speed and ignores the baud rate,
// so the measured time is overhead (driver + emulator + OS); on a real 115200-baud
// link the wire time below comes on top, plus the module's own ~2.2 s.
// Run: npx tsx bench/idcard.ts [reads]
import { performance } from 'node:perf_hooks';
import { systemDriverClock } from '../drivers/contract.js';
import { parseReadAnswer } from '../drivers/idcard/card.js';
import { SamChannel } from '../drivers/idcard/channel.js';
import { startIdCardEmulator } from '../drivers/idcard/emulator.js';
import { DEFAULT_TIMEOUTS, findCard, selectAndRead } from '../drivers/idcard/flow.js';
import { deriveStepTimeouts, largestAnswerBytes, wireTimeMs } from '../drivers/idcard/step-timeouts.js';
import { encodeReadAnswer } from '../drivers/idcard/text-block.js';
import { SerialTransport } from '../drivers/transports/serial.js';
import { createPtyPair } from '../tests/helpers/pty.js';
import { loadIdCardFixture } from '../tests/fixtures/idcard/load.js';

const BAUD = 115200;
const BITS_PER_BYTE = 10; // 8N1: start + 8 data + stop
const reads = Number(process.argv[2] ?? 500);

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (v: number): string => `${v.toFixed(3)} ms`;

const card = loadIdCardFixture('resident-adult');
const pair = await createPtyPair();
const emulator = await startIdCardEmulator({ path: pair.b, baudRate: BAUD, card });
const transport = new SerialTransport({ path: pair.a, baudRate: BAUD });
await transport.open();
const channel = new SamChannel(transport, systemDriverClock);
channel.attach();
const options = { timeouts: DEFAULT_TIMEOUTS, withFingerprint: false, readAppendedAddress: false };

// Bytes on the wire for one read: three 10-byte requests; answers 15 (find) + 19 (select) + 1295 (read).
const wireBytes = 3 * 10 + 15 + 19 + 1295;
const wireMs = (wireBytes * BITS_PER_BYTE * 1000) / BAUD;

for (let i = 0; i < 20; i++) {
  await findCard(channel, DEFAULT_TIMEOUTS);
  await selectAndRead(channel, options);
}

const totals: number[] = [];
for (let i = 0; i < reads; i++) {
  const t0 = performance.now();
  if (!(await findCard(channel, DEFAULT_TIMEOUTS))) throw new Error('emulator lost the card');
  await selectAndRead(channel, options);
  totals.push(performance.now() - t0);
}
totals.sort((a, b) => a - b);

// Pure parsing cost of one 1295-byte answer, for comparison.
const parseTimes: number[] = [];
for (let i = 0; i < 2000; i++) {
  const data = encodeReadAnswer(card);
  const t0 = performance.now();
  parseReadAnswer(data, { withFingerprint: false });
  parseTimes.push(performance.now() - t0);
}
parseTimes.sort((a, b) => a - b);

console.log(`ID card read over a socat pty, ${reads} reads (find + select + read 30 01, emulator delay 0)`);
console.log(`  wire bytes per read          ${wireBytes}`);
console.log(`  wire time at ${BAUD} 8N1    ${ms(wireMs)}  (not incurred on a pty)`);
console.log(`  measured per read   p50 ${ms(pct(totals, 50))}  p99 ${ms(pct(totals, 99))}  max ${ms(totals[totals.length - 1]!)}`);
console.log(`  overhead per read   p50 ${ms(pct(totals, 50))}  p99 ${ms(pct(totals, 99))}  (= measured: the pty adds no wire time)`);
console.log(`  overhead vs wire    p50 ${((pct(totals, 50) / wireMs) * 100).toFixed(1)} %  p99 ${((pct(totals, 99) / wireMs) * 100).toFixed(1)} %`);
console.log(`  parse only          p50 ${ms(pct(parseTimes, 50))}  p99 ${ms(pct(parseTimes, 99))}`);
console.log(`  channel stats       ${JSON.stringify(channel.stats)}`);

// Byte-at-a-time delivery (what a USB-serial adapter on a busy PC does at low baud):
// the emulator writes and drains every byte separately; the extra time per byte is this
// machine's share of the allowance the derived deadlines add on top of the wire time.
emulator.setFragmentation({ chunkSize: 1, gapMs: 0 });
const byteByByte: number[] = [];
for (let i = 0; i < Math.min(reads, 30); i++) {
  const t0 = performance.now();
  if (!(await findCard(channel, DEFAULT_TIMEOUTS))) throw new Error('emulator lost the card');
  await selectAndRead(channel, options);
  byteByByte.push(performance.now() - t0);
}
byteByByte.sort((a, b) => a - b);
const readBytes = 15 + 19 + 1295;
console.log(`  one byte per write  p50 ${ms(pct(byteByByte, 50))}  max ${ms(byteByByte[byteByByte.length - 1]!)}  (${((pct(byteByByte, 50) / readBytes) * 1000).toFixed(1)} µs per answer byte)`);

console.log('Derived step deadlines (ms; read without / with fingerprint), never below the old fixed values:');
for (const baud of [115200, 57600, 38400, 19200, 9600]) {
  const t = deriveStepTimeouts(baud);
  const fp = deriveStepTimeouts(baud, { withFingerprint: true });
  console.log(
    `  ${String(baud).padStart(6)} baud: sam ${t.samStatus}  find ${t.findCard}  select ${t.selectCard}  read ${t.readCard} / ${fp.readCard}  address ${t.appendedAddress}` +
      `   (read answer wire ${wireTimeMs(largestAnswerBytes('readCard'), baud).toFixed(0)} ms)`,
  );
}

channel.dispose();
await transport.close();
await emulator.close();
await pair.close();
