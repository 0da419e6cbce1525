// The sync status as the hall's LAN API sends it (GET /api/v1/admin/sync),
// read by hall/sync/status.ts and shown by the admin pages. Part of the API
// contract: plain JSON, types only, importable by the renderer.
export type SyncState = 'offline_only' | 'not_started' | 'idle' | 'sending' | 'catching_up' | 'backing_off' | 'blocked' | 'stopped';

export interface SyncStatusDTO {
  /** False for an offline-only hall (no central URL configured): events stay local. */
  enabled: boolean;
  centralUrl: string | null;
  hallId: string;
  state: SyncState;
  /** The last exchange with central succeeded. */
  connected: boolean;
  stream: string | null;
  /** Highest seq central acknowledged in the current stream. */
  ackSeq: number;
  /** Highest seq in the hall's outbox. */
  lastSeq: number;
  /** Events not acknowledged yet. */
  backlog: number;
  /** Recording time of the oldest unacknowledged event, and its age now (ms). */
  oldestPendingAt: number | null;
  oldestPendingAgeMs: number | null;
  lastSuccessAt: number | null;
  lastError: { at: number; code: string; message: string; httpStatus: number | null } | null;
  nextAttemptAt: number | null;
  quarantined: { count: number; items: { seq: number; eventId: string; type: string; reason: string; at: number }[] };
  /** While a large backlog is being sent: acknowledged so far of the total since it began. */
  catchUp: { startedAt: number; acked: number; total: number } | null;
  clock: { driftMs: number | null; measuredAt: number | null; flagged: boolean; maxDriftMs: number };
  /** The last time the hall had to continue in a new stream (restored from a backup). */
  lastReregister: { at: number; reason: string } | null;
  now: number;
}
