// The central server's command line.
//   node --import tsx central/main.ts serve            (DATABASE_URL, PORT, HOST, OPERATOR_TOKEN, RATE_LIMIT,
//                                                       PROVINCIAL_URL / _CLIENT_ID / _CLIENT_SECRET,
//                                                       PROVINCIAL_CHANNEL_CODES)
//   node --import tsx central/main.ts add-hall <id> <name> [areaCode]   prints the hall token once
//   node --import tsx central/main.ts rotate-token <id>   prints a new token once; the old one stops working
//   node --import tsx central/main.ts prune-batches [days=30]   forgets batch answers older than that
//   node --import tsx central/main.ts migrate          applies the migrations and exits
//   node --import tsx central/main.ts forget-notify    erases notification addresses (lost NOTIFY_KEY_FILE)
//   serve also reads NOTIFY_* (central/notify/config.ts, docs/notifications.md) and PHONE_* (docs/phone.md)
// Contract: exit code 0 on success, 1 with a one-line message on bad input
// or failure; the hall token is printed to stdout once and stored only as a
// hash. Dangers: OPERATOR_TOKEN and the hall token are secrets — never pass
// them on a shared command line log; this CLI never logs them.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { addHall, HallRegistryError, rotateHallToken } from './halls/registry.js';
import { migrate } from './migrate.js';
import type { RateLimit } from './rate-limit.js';
import { RATING_CHANNELS, type RatingChannel } from '../protocol/central/ratings/profiles/types.js';
import { startCentralServer, type StartCentralOptions } from './server.js';
import { NotifyConfigError, NotifyKeyError, notifyOptionsFromEnv } from './notify/index.js';

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new UsageError('set DATABASE_URL, e.g. postgres://user:pass@localhost:5432/central');
  return url;
}

class UsageError extends Error {}

/** RATE_LIMIT="<burst>/<perSecond>" (e.g. "30/10", the default) or "off"; PHONE_RATE_LIMIT alike. */
function parseRateLimit(raw: string | undefined, name = 'RATE_LIMIT'): RateLimit | false | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'off') return false;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) throw new UsageError(`${name} "${raw}" must look like "30/10" (burst/requests per second) or "off"`);
  return { burst: Number(m[1]), perSecond: Number(m[2]) };
}

/** PHONE_STALE_SECONDS (a board older than this is stale on phones), PHONE_RATE_LIMIT (per client address). */
function phoneOptionsFromEnv(p: NodeJS.ProcessEnv): NonNullable<StartCentralOptions['phone']> {
  const out: NonNullable<StartCentralOptions['phone']> = {};
  const stale = p.PHONE_STALE_SECONDS;
  if (stale !== undefined && stale !== '') {
    const n = Number(stale);
    if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new UsageError(`PHONE_STALE_SECONDS "${stale}" must be a whole number of seconds from 1 to 86400`);
    out.staleAfterSeconds = n;
  }
  const limit = parseRateLimit(p.PHONE_RATE_LIMIT, 'PHONE_RATE_LIMIT');
  if (limit !== undefined) out.publicRateLimit = limit;
  return out;
}

/** PROVINCIAL_CHANNEL_CODES='{"sms":"6","system_default":"7"}': the province's channel table overrides. */
function parseChannelCodes(raw: string | undefined): Partial<Record<RatingChannel, string>> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new UsageError(`PROVINCIAL_CHANNEL_CODES must be a JSON object such as {"sms":"6","system_default":"7"}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('PROVINCIAL_CHANNEL_CODES must be a JSON object of channel → code');
  const out: Partial<Record<RatingChannel, string>> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(RATING_CHANNELS as readonly string[]).includes(k)) throw new UsageError(`PROVINCIAL_CHANNEL_CODES: "${k}" is not a channel (${RATING_CHANNELS.join(', ')})`);
    if (typeof v !== 'string' || !/^[0-9A-Za-z]{1,8}$/.test(v)) throw new UsageError(`PROVINCIAL_CHANNEL_CODES: the code of "${k}" must be a short string such as "6"`);
    out[k as RatingChannel] = v;
  }
  return out;
}

const USAGE = `usage:
  central serve                       env: DATABASE_URL, PORT (8480), HOST (0.0.0.0), OPERATOR_TOKEN,
                                           RATE_LIMIT ("30/10" burst/per second, or "off"),
                                           PHONE_STALE_SECONDS (60), PHONE_RATE_LIMIT ("120/20" per address),
                                           PHONE_PAGES_DIR (the built dist/renderer serving /m/; default this checkout's),
                                           PROVINCIAL_URL, PROVINCIAL_CLIENT_ID, PROVINCIAL_CLIENT_SECRET,
                                           PROVINCIAL_CHANNEL_CODES ('{"sms":"6","system_default":"7"}')
  central add-hall <id> <name> [area]  prints the hall token once
  central rotate-token <id>            prints a new token once; the old one stops working
  central prune-batches [days]         forgets batch answers older than days (30)
  central forget-notify                erases notification addresses sealed with a lost NOTIFY_KEY_FILE
  central migrate`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'serve') {
    const port = Number(process.env.PORT ?? 8480);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`PORT "${process.env.PORT}" is not a port number`);
    const p = process.env;
    const channelCodes = parseChannelCodes(p.PROVINCIAL_CHANNEL_CODES);
    const provincial = p.PROVINCIAL_URL
      ? { url: p.PROVINCIAL_URL, clientId: p.PROVINCIAL_CLIENT_ID ?? '', clientSecret: p.PROVINCIAL_CLIENT_SECRET ?? '', ...(channelCodes ? { channelCodes } : {}) }
      : undefined;
    const rateLimit = parseRateLimit(p.RATE_LIMIT);
    const notify = notifyOptionsFromEnv(p); // NOTIFY_* (docs/notifications.md)
    const phone = phoneOptionsFromEnv(p); // PHONE_* (docs/phone.md)
    const phonePagesDir = p.PHONE_PAGES_DIR || undefined;
    if (phonePagesDir && !fs.existsSync(path.join(phonePagesDir, 'phone', 'index.html'))) {
      throw new UsageError(`PHONE_PAGES_DIR "${phonePagesDir}" holds no phone/index.html: point it at a built dist/renderer (npm run build:renderer)`);
    }
    const central = await startCentralServer({ databaseUrl: databaseUrl(), host: p.HOST ?? '0.0.0.0', port, operatorToken: p.OPERATOR_TOKEN || undefined, provincial, rateLimit, notify, phone, phonePagesDir });
    console.log(`central platform listening on ${central.url}${p.OPERATOR_TOKEN ? '' : ' (no OPERATOR_TOKEN: overview disabled)'}`);
    const stop = () => {
      console.log('central platform stopping');
      void central.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  if (command === 'add-hall' || command === 'rotate-token' || command === 'prune-batches' || command === 'migrate' || command === 'forget-notify') {
    if (command === 'add-hall' && (args.length < 2 || args.length > 3)) throw new UsageError(USAGE);
    if (command === 'rotate-token' && args.length !== 1) throw new UsageError(USAGE);
    const days = Number(args[0] ?? 30);
    if (command === 'prune-batches' && !(Number.isFinite(days) && days >= 1)) throw new UsageError(`prune-batches: days "${args[0]}" must be a number ≥ 1`);
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 2 });
    try {
      await migrate(pool);
      if (command === 'add-hall') {
        const { token } = await addHall(pool, Date.now(), args[0]!, args[1]!, args[2]);
        console.log(`hall "${args[0]}" registered. Its token (shown once, put it in the hall's sync-token file):`);
        console.log(token);
      } else if (command === 'rotate-token') {
        const { token } = await rotateHallToken(pool, args[0]!);
        console.log(`hall "${args[0]}" has a new token (shown once; the old one no longer works):`);
        console.log(token);
      } else if (command === 'prune-batches') {
        const r = await pool.query('DELETE FROM batches WHERE received_at < $1', [Date.now() - days * 86_400_000]);
        console.log(`forgot ${r.rowCount} batch answers older than ${days} days`);
      } else if (command === 'forget-notify') {
        // The recovery when NOTIFY_KEY_FILE is lost: erase the sealed addresses, withdraw their consents.
        const r = await pool.query("UPDATE notify_consents SET address_sealed = '', withdrawn_at = COALESCE(withdrawn_at, $1) WHERE address_sealed <> ''", [Date.now()]);
        console.log(`erased ${r.rowCount} sealed notification address(es); central creates a new key at its next start`);
      } else {
        console.log('migrations applied');
      }
    } finally {
      await pool.end();
    }
    return;
  }
  throw new UsageError(USAGE);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof UsageError || err instanceof HallRegistryError || err instanceof NotifyConfigError || err instanceof NotifyKeyError ? err.message : `central: ${(err as Error).message}`;
  console.error(message);
  process.exit(1);
});
