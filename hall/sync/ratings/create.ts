// Builds a RatingUploadWorker from the hall configuration: picks the
// destination for the profile, derives the record context (matter codes,
// department codes) from the hall config. This is what the lead wires into
// hall/service.ts.
// Contract: building never reads the credentials file and never throws for
// it: the destination reads it at every request (so a rotated token or new
// secret is used without a restart), and a missing or bad file shows as the
// upload status's `problem` (nothing is sent meanwhile). For the national
// profile (central) the file is either {"hallToken": "…"} or a plain token
// file — e.g. the uplink's own `sync-token`, so `central rotate-token` needs
// one file updated.
// Danger: the credentials file holds secrets; its content is never logged and
// a parse error names the file and the missing field only.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../store/db.js';
import type { Timers } from '../../runtime/timers.js';
import type { RatingUploadConfig } from '../../config/rating-upload-schema.js';
import { CentralDestination } from './destinations/central-client.js';
import { nodeHttpClient, type HttpClient } from '../../../protocol/sync/http-client.js';
import { ProvincialDestination } from '../../../protocol/central/ratings/provincial-client.js';
import type { HallRatingContext } from './sqlite-outbox.js';
import type { RatingDestination } from '../../../protocol/central/ratings/uploader.js';
import { RatingUploadWorker } from './worker.js';

/** The parts of the hall configuration the upload needs (a subset of HallConfig). */
export interface HallPartsForRatings {
  hall: { id: string; areaCode: string; utcOffsetMinutes: number };
  matters: readonly { id: string; code: string; name: string; departmentId: string }[];
  /** The visitor's time for reason tags after a bad rating: its upload waits that long. */
  badRatingCases?: { tagWindowSeconds: number };
}

export function readCredentials(file: string, profile: 'national' | 'provincial'): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`cannot read the rating upload credentials file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // A plain token file (the uplink's sync-token) is fine for central: its first non-empty line.
    const line = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '');
    if (profile === 'national' && line && !/[{}"\s]/.test(line)) return { hallToken: line };
    // No `cause`: a JSON parse error quotes the file's content, i.e. the secrets.
    throw new Error(`cannot read the rating upload credentials file ${file}: not valid JSON`);
  }
  const need = profile === 'provincial' ? ['clientId', 'clientSecret'] : ['hallToken'];
  const obj = (raw ?? {}) as Record<string, unknown>;
  for (const k of need) if (typeof obj[k] !== 'string' || obj[k] === '') throw new Error(`the rating upload credentials file ${file} needs a non-empty "${k}"`);
  return obj as Record<string, string>;
}

export function hallRatingContext(hall: HallPartsForRatings, config: RatingUploadConfig): HallRatingContext {
  return {
    hallId: hall.hall.id,
    areaCode: config.areaCode ?? hall.hall.areaCode,
    matters: new Map(hall.matters.map((m) => [m.id, { code: m.code, name: m.name, departmentId: m.departmentId }])),
    deptCode: config.deptCode ?? null,
    departmentDeptCodes: config.departmentDeptCodes,
    sourceChannels: config.sourceChannels,
    notRated: config.notRated,
    badRatingTagHoldMs: (hall.badRatingCases?.tagWindowSeconds ?? 0) * 1000,
  };
}

export function createDestination(o: { config: RatingUploadConfig; hall: HallPartsForRatings; dataDir: string; http: HttpClient; now(): number }): RatingDestination {
  const d = o.config.destination;
  const file = path.isAbsolute(d.credentialsFile) ? d.credentialsFile : path.join(o.dataDir, d.credentialsFile);
  const creds = () => readCredentials(file, d.profile);
  const common = {
    id: d.id,
    baseUrl: d.url.replace(/\/+$/, ''),
    http: o.http,
    now: o.now,
    timeoutMs: o.config.requestTimeoutSeconds * 1000,
    encode: { utcOffsetMinutes: o.hall.hall.utcOffsetMinutes, channelCodes: o.config.channelCodes },
  };
  return d.profile === 'provincial'
    ? new ProvincialDestination({ ...common, credentials: () => {
        const c = creds();
        return { clientId: c.clientId!, clientSecret: c.clientSecret! };
      } })
    : new CentralDestination({ ...common, hallId: o.hall.hall.id, hallToken: () => creds().hallToken! });
}

export function createRatingUploadWorker(o: {
  db: Db;
  config: RatingUploadConfig;
  hall: HallPartsForRatings;
  dataDir: string;
  timers: Timers;
  /** The sync kernel's HTTP client; default: a keep-alive node:http client of its own. */
  http?: HttpClient;
  random?: () => number;
  log?: (line: string) => void;
}): RatingUploadWorker {
  const destination = createDestination({ config: o.config, hall: o.hall, dataDir: o.dataDir, http: o.http ?? nodeHttpClient(), now: () => o.timers.now() });
  return new RatingUploadWorker({
    db: o.db,
    config: o.config,
    context: hallRatingContext(o.hall, o.config),
    destination,
    timers: o.timers,
    random: o.random ?? Math.random,
    log: o.log,
  });
}
