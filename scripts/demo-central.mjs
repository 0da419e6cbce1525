// Try the central platform locally: starts a throwaway PostgreSQL 15 (as the
// integration tests do, tests/helpers/postgres.ts), the central server on it,
// registers the demo hall, publishes the demo datasets (complete guides for
// its 33 matters, counters, staff, green-channel rules, rating indicators,
// notices, today's appointments), optionally a provincial 好差评 emulator, and
// prints the `sync` section (and `ratingUpload`) to paste into a hall config.
//
//   node scripts/demo-central.mjs [--port 8480] [--config config/demo-hall.json]
//                                 [--data DIR] [--write-config FILE] [--province [PORT]]
//
//   --data DIR          write the hall token to DIR/sync-token (and the province
//                       credentials to DIR/province-credentials.json) for a hall run with --data DIR
//   --write-config FILE write a copy of the hall config with the sections filled in
//   --province [PORT]   also start the provincial emulator (ratings upload, provincial profile)
// Ctrl-C stops everything and deletes the database.
// Dangers: throwaway only — PostgreSQL runs with fsync off in a temporary
// folder that is deleted on exit (and left behind on SIGKILL). The hall and
// operator tokens are printed because this is a local demo; never do that
// with a real central platform.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { register } from 'tsx/esm/api';

register();
const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const usage = 'usage: node scripts/demo-central.mjs [--port 8480] [--config config/demo-hall.json] [--data DIR] [--write-config FILE] [--province [PORT]]';
const fail = (message) => {
  console.error(`${message}\n${usage}`);
  process.exit(1);
};

const port = Number(opt('--port') ?? '8480');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a TCP port, not "${opt('--port')}"`);
const configPath = path.resolve(opt('--config') ?? path.join(root, 'config/demo-hall.json'));
let hallConfig;
try {
  hallConfig = JSON.parse(fs.readFileSync(configPath, 'utf8'));
} catch (err) {
  fail(`cannot read the hall configuration ${configPath}: ${err.code ?? err.message}`);
}
const provinceIndex = args.indexOf('--province');
const provincePort = provinceIndex < 0 ? null : /^\d+$/.test(args[provinceIndex + 1] ?? '') ? Number(args[provinceIndex + 1]) : 8790;

const { startPostgres } = await import('../tests/helpers/postgres.ts');
const { startCentralServer } = await import('../central/server.ts');
const { publishDataset } = await import('../central/datasets/publish.ts');
const { demoCatalog } = await import('../central/datasets/demo-catalog.ts');
const { demoAppointments, demoCounters, demoGreenRules, demoNotices, demoRatingIndicators, demoStaff } = await import('../central/datasets/demo-datasets.ts');

console.log('starting a throwaway PostgreSQL …');
const pg = await startPostgres();
let central = null;
let province = null;
/** Used when the demo fails to come up; Ctrl-C is handled by the PostgreSQL helper (below). */
const stop = async () => {
  await province?.close();
  await central?.close();
  await pg.stop();
};
try {
  const operatorToken = randomBytes(24).toString('base64url');
  central = await startCentralServer({ databaseUrl: await pg.createDatabase(), host: '127.0.0.1', port, operatorToken });
  const hall = hallConfig.hall;
  const { token } = await central.addHall(hall.id, hall.name, hall.areaCode);

  // Today's appointments from 09:00 hall time (the demo's data, half-hour slots).
  const offsetMs = (hall.utcOffsetMinutes ?? 480) * 60_000;
  const local = new Date(Date.now() + offsetMs);
  const nineAm = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 9, 0) - offsetMs;
  const datasets = {
    catalog: demoCatalog(hallConfig),
    counters: demoCounters(hallConfig),
    staff: demoStaff(hallConfig),
    green_rules: demoGreenRules(hallConfig),
    rating_indicators: demoRatingIndicators(),
    notices: demoNotices(),
    appointments: demoAppointments(hallConfig, nineAm),
  };
  for (const [name, items] of Object.entries(datasets)) {
    const p = await publishDataset(central.pool, hall.id, name, { mode: 'replace', items }, Date.now());
    console.log(`published ${name}: version ${p.version}, ${p.itemCount} items`);
  }

  const sync = { centralUrl: central.url, hallId: hall.id, tokenFile: 'sync-token' };
  let ratingUpload = null;
  if (provincePort !== null) {
    const { startProvincialEmulator } = await import('../central/provincial-emulator/server.ts');
    province = await startProvincialEmulator({ host: '127.0.0.1', port: provincePort, clients: [{ clientId: 'demo-hall', clientSecret: 'demo-secret' }] });
    ratingUpload = {
      destination: { id: 'province', profile: 'provincial', url: province.url, credentialsFile: 'province-credentials.json' },
      deptCode: '11150602MB1234567X',
    };
  }

  const dataDir = opt('--data');
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'sync-token'), `${token}\n`, { mode: 0o600 });
    if (ratingUpload) fs.writeFileSync(path.join(dataDir, 'province-credentials.json'), JSON.stringify({ clientId: 'demo-hall', clientSecret: 'demo-secret' }), { mode: 0o600 });
  }
  const writeConfig = opt('--write-config');
  if (writeConfig) {
    fs.writeFileSync(writeConfig, JSON.stringify({ ...hallConfig, sync, ...(ratingUpload ? { ratingUpload } : {}) }, null, 2));
  }

  console.log(`
central platform: ${central.url}   (PostgreSQL ${pg.url})
operator token:   ${operatorToken}
  e.g. curl -H "Authorization: Bearer ${operatorToken}" "${central.url}/v1/halls"
${province ? `provincial 好差评 emulator: ${province.url}\n` : ''}
hall "${hall.id}" registered. Paste into the hall configuration:
"sync": ${JSON.stringify(sync, null, 2)},${ratingUpload ? `\n"ratingUpload": ${JSON.stringify(ratingUpload, null, 2)},` : ''}
${dataDir ? `hall token written to ${path.join(dataDir, 'sync-token')}${ratingUpload ? ' (and province-credentials.json)' : ''}` : `and put this hall token into <hall data folder>/sync-token:\n${token}`}
${writeConfig ? `hall configuration written to ${writeConfig}; start the hall with:\n  npm run hall -- --config ${writeConfig}${dataDir ? ` --data ${dataDir}` : ''}` : ''}
Ctrl-C stops central${province ? ', the emulator' : ''} and PostgreSQL and deletes the database.`);
} catch (err) {
  console.error(`demo central failed: ${err.message}`);
  await stop();
  process.exit(1);
}

// Ctrl-C / SIGTERM: the PostgreSQL helper's exit hook stops the server and deletes its folder;
// central and the emulator end with the process.
