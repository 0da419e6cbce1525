// Headless hall service: `npm run hall -- [--config file] [--data dir] [--port n] [--host h]`
// Starts the hall and prints each page's address with a fresh one-time enrolment
// code in its fragment (#enrol=…) — never a terminal's long-lived token.
// Also: `npm run hall -- hash-pin [--config file] <PIN>` prints a scrypt hash for a
// staff member's pinHash (with the configuration's PIN policy and hash cost), and
// `npm run hall -- forget-identities --data dir` is the recovery when identity.key is lost.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PIN_COST, hashPin } from './auth/pin.js';
import { ConfigError, loadHallConfig } from './config/load.js';
import { startHallService } from './service.js';
import { lockDataFolder } from './runtime/data-lock.js';
import { openDatabase } from './store/db.js';
import { forgetIdentities } from './identity/sealer.js';
import { launchAgents } from '../agent/launcher.js';

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

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (positionals[0] === 'hash-pin') {
  const pin = positionals[1];
  let minLength = 4;
  let cost = DEFAULT_PIN_COST;
  if (values.config) {
    try {
      const security = loadHallConfig(values.config).security;
      minLength = security.pin.minLength;
      cost = security.pinHashing.cost;
    } catch (err) {
      console.error((err as Error).message);
      process.exit(1);
    }
  }
  if (!pin || !/^\d+$/.test(pin) || pin.length < minLength || pin.length > 12) {
    console.error(`usage: npm run hall -- hash-pin [--config hall.json] <${minLength}–12 digit PIN>`);
    process.exit(2);
  }
  console.log(hashPin(pin, cost));
  process.exit(0);
}

if (positionals[0] === 'forget-identities') {
  const dataDir = path.resolve(values.data ?? path.join(repoRoot, 'data'));
  try {
    const unlock = lockDataFolder(dataDir);
    const db = openDatabase(path.join(dataDir, 'hall.sqlite'));
    const rows = forgetIdentities(db, dataDir, Date.now());
    db.close();
    unlock();
    console.log(`deleted ${rows} sealed ID record(s) in ${dataDir}; the next start creates a new identity.key`);
    process.exit(0);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

try {
  const hall = await startHallService({
    configPath: values.config,
    dataDir: values.data,
    port: values.port === undefined ? undefined : Number(values.port),
    host: values.host,
  });
  for (const w of hall.warnings) console.warn(w);
  console.log(`ServiceHall is running at ${hall.url}`);
  const enrolments = hall.pages.map((p) => ({ page: p, enrolment: hall.enrolmentCode(p.terminalId) }));
  const minutes = Math.round(((enrolments[0]?.enrolment.expiresAt ?? Date.now()) - Date.now()) / 60_000);
  console.log(`Open each terminal page within ${minutes} minutes (the #enrol= part is a one-time code that registers the browser as that terminal; the admin page makes new codes):`);
  for (const { page: p, enrolment } of enrolments) console.log(`  ${p.role.padEnd(15)} ${p.name.padEnd(14)} ${enrolment.url}`);
  console.log('Demo staff: numbers 1001–1008 (counters), 2001 (guide), 9001 (manager); PIN 1234. Ctrl+C stops the hall.');
  // As a real hall runs one device agent per PC: one process per terminal with devices (emulators in the demo).
  const withDevices = [...new Set(loadHallConfig(path.resolve(values.config ?? path.join(repoRoot, 'config/demo-hall.json'))).devices.map((d) => d.terminalId))];
  const agents =
    values['no-devices'] || withDevices.length === 0
      ? null
      : launchAgents({ hallUrl: hall.url, terminalIds: withDevices, dataDir: path.resolve(values.data ?? path.join(repoRoot, 'data')), enrolmentCode: (id) => hall.enrolmentCode(id).code, certSha256: hall.certSha256 });
  if (agents) console.log(`Device agents (one process per terminal, docs/device-agent.md): ${agents.agents.map((a) => `${a.terminalId} pid ${a.pid()}`).join(', ')}`);
  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping the hall…`);
    // The hall first: agents stopping under a running hall would be logged as kiosk faults.
    await hall.close();
    await agents?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`the hall could not start: ${(err as Error).message}`);
  process.exit(1);
}
