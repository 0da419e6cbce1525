// The `sync` section of the hall configuration: where the central platform
// (一体化政务服务平台) is and how the uplink behaves. No central URL means an
// offline-only hall: events stay in the local outbox, nothing is sent.
// Contract: every field has a default, so `{}` (or an absent section) parses;
// resolveSyncSettings() turns the section into absolute paths and ms.
// Danger: the hall token is a secret; it lives in a file under the data folder
// (tokenFile), never in this configuration, and is never logged.
import path from 'node:path';
import { z } from 'zod';

const hallIdRe = /^[A-Za-z0-9_-]{1,40}$/;

export const syncConfigSchema = z
  .object({
    /** Base URL of the central platform, e.g. "https://zwfw.example.gov.cn/hall-sync". Absent: offline-only hall. */
    centralUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    /** The id the central platform knows this hall by; defaults to hall.id. */
    hallId: z.string().regex(hallIdRe, 'must be 1–40 letters, digits, "-" or "_"').optional(),
    /** File holding the hall token issued by `central add-hall`; relative paths are under the data folder. */
    tokenFile: z.string().min(1).default('sync-token'),
    batch: z
      .object({
        /** Events per batch (the protocol allows at most 500). */
        maxEvents: z.number().int().min(1).max(500).default(500),
        /** Bytes per request body (the protocol allows at most 512 KiB). */
        maxBytes: z.number().int().min(4096).max(512 * 1024).default(512 * 1024),
      })
      .prefault({}),
    backoff: z
      .object({
        /** First retry waits up to this long (full jitter: a random share of it). */
        baseMs: z.number().int().min(10).max(60_000).default(1000),
        /** Retries never wait longer than this. */
        capMs: z.number().int().min(100).max(3_600_000).default(300_000),
      })
      .prefault({}),
    /** With nothing to send, ask the central platform for the cursor this often (connection and clock check). */
    idlePollSeconds: z.number().int().min(1).max(3600).default(60),
    /** A request without an answer after this long counts as failed (outcome unknown: the batch is re-sent as is). */
    requestTimeoutSeconds: z.number().int().min(1).max(600).default(30),
    /** A central clock further ahead than this is flagged and not merged into the hall's clock. */
    maxClockDriftMinutes: z.number().int().min(1).max(1440).default(5),
    /** A backlog larger than this many events shows as "catching up" with a progress bar. */
    catchUpThreshold: z.number().int().min(1).max(1_000_000).default(500),
  })
  .prefault({});

export type SyncConfig = z.infer<typeof syncConfigSchema>;

/** The uplink's settings in the units the worker uses. */
export interface SyncSettings {
  centralUrl: string | null;
  hallId: string;
  tokenFile: string;
  maxEvents: number;
  maxBytes: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  idlePollMs: number;
  requestTimeoutMs: number;
  maxDriftMs: number;
  catchUpThreshold: number;
}

export function resolveSyncSettings(sync: SyncConfig, hall: { id: string }, dataDir: string): SyncSettings {
  return {
    centralUrl: sync.centralUrl ? sync.centralUrl.replace(/\/+$/, '') : null,
    hallId: sync.hallId ?? hall.id,
    tokenFile: path.resolve(dataDir, sync.tokenFile),
    maxEvents: sync.batch.maxEvents,
    maxBytes: sync.batch.maxBytes,
    backoffBaseMs: sync.backoff.baseMs,
    backoffCapMs: sync.backoff.capMs,
    idlePollMs: sync.idlePollSeconds * 1000,
    requestTimeoutMs: sync.requestTimeoutSeconds * 1000,
    maxDriftMs: sync.maxClockDriftMinutes * 60_000,
    catchUpThreshold: sync.catchUpThreshold,
  };
}
