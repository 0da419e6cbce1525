// Headless hall service: `npm run hall -- [--config file] [--data dir] [--port n] [--host h]`
// Starts the hall and prints each page's address. Also: `npm run hall -- hash-pin <PIN>`
// prints a scrypt hash for a staff member's pinHash in the configuration.
import { parseArgs } from 'node:util';
import { hashPin } from './auth/pin.js';
import { ConfigError } from './config/load.js';
import { startHallService } from './service.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'no-devices': { type: 'boolean' },
  },
});

if (positionals[0] === 'hash-pin') {
  const pin = positionals[1];
  if (!pin || !/^\d{4,12}$/.test(pin)) {
    console.error('usage: npm run hall -- hash-pin <4–12 digit PIN>');
    process.exit(2);
  }
  console.log(hashPin(pin));
  process.exit(0);
}

try {
  const hall = await startHallService({
    configPath: values.config,
    dataDir: values.data,
    port: values.port === undefined ? undefined : Number(values.port),
    host: values.host,
    // The demo runs on device emulators that speak the real wire protocols.
    devices: values['no-devices'] ? 'none' : 'configured',
  });
  console.log(`ServiceHall is running at ${hall.url}`);
  console.log('Open each terminal page (the #token part registers the browser as that terminal):');
  for (const p of hall.pages) console.log(`  ${p.role.padEnd(15)} ${p.name.padEnd(14)} ${p.url}`);
  console.log('Demo staff: numbers 1001–1008 (counters), 2001 (guide), 9001 (manager); PIN 1234. Ctrl+C stops the hall.');
  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping the hall…`);
    await hall.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`the hall could not start: ${(err as Error).message}`);
  process.exit(1);
}
