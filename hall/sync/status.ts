// Sync status for the hall manager (GET /api/v1/admin/sync, SyncStatusPanel):
// connected or not, backlog (events central has not acknowledged) and the age
// of the oldest, last success, last error, quarantined events, catch-up
// progress, clock drift. Contract: read from SQLite only (sync tables of
// migration 0004 + the outbox), so it is right whichever process runs the
// worker, and cheap: O(1) queries by primary key plus the newest 20
// quarantined events. `SyncStatusDTO` (hall/api/sync-dto.ts) is plain JSON: it
// crosses to the renderer, which may import only the API's DTO files.
// Dangers: nothing here may include an event payload — it can hold personal data.
import type { Db } from '../store/db.js';
import type { SyncSettings } from '../config/sync-schema.js';
import type { SyncState, SyncStatusDTO } from '../api/sync-dto.js';

export type { SyncState, SyncStatusDTO } from '../api/sync-dto.js';

const QUARANTINE_SHOWN = 20;

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function json<T>(db: Db, key: string): T | null {
  const raw = db.prepare('SELECT value FROM sync_meta WHERE key = ?').pluck().get(key) as string | undefined;
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return raw as unknown as T;
  }
}

export function readSyncStatus(db: Db, settings: Pick<SyncSettings, 'centralUrl' | 'hallId' | 'maxDriftMs'>, now: number): SyncStatusDTO {
  const lastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck().get() as number;
  const base: SyncStatusDTO = {
    enabled: settings.centralUrl !== null,
    centralUrl: settings.centralUrl,
    hallId: settings.hallId,
    state: settings.centralUrl === null ? 'offline_only' : 'not_started',
    connected: false,
    stream: null,
    ackSeq: 0,
    lastSeq,
    backlog: 0,
    oldestPendingAt: null,
    oldestPendingAgeMs: null,
    lastSuccessAt: null,
    lastError: null,
    nextAttemptAt: null,
    quarantined: { count: 0, items: [] },
    catchUp: null,
    clock: { driftMs: null, measuredAt: null, flagged: false, maxDriftMs: settings.maxDriftMs },
    lastReregister: null,
    now,
  };
  if (!hasTable(db, 'sync_meta')) return base;

  const stream = db.prepare("SELECT value FROM sync_meta WHERE key = 'stream'").pluck().get() as string | undefined;
  const ackSeq = stream ? ((db.prepare('SELECT ack_seq FROM sync_cursor WHERE stream = ?').pluck().get(stream) as number | undefined) ?? 0) : 0;
  const oldest = db.prepare('SELECT at FROM events WHERE seq > ? ORDER BY seq LIMIT 1').pluck().get(ackSeq) as number | undefined;
  const backlog = Math.max(0, lastSeq - ackSeq);
  const success = json<{ at: number }>(db, 'last_success');
  const error = json<SyncStatusDTO['lastError']>(db, 'last_error');
  const state = json<{ state: string; nextAttemptAt: number | null }>(db, 'state');
  const clock = json<{ driftMs: number; measuredAt: number; flagged: boolean }>(db, 'clock');
  const catchUp = json<{ startedAt: number; fromAck: number }>(db, 'catch_up');
  const rereg = json<{ at: number; reason: string }>(db, 'last_reregister');
  const qCount = db.prepare('SELECT count(*) FROM sync_quarantine').pluck().get() as number;
  const qItems = db
    .prepare('SELECT seq, event_id AS eventId, type, reason, at FROM sync_quarantine ORDER BY at DESC, seq DESC LIMIT ?')
    .all(QUARANTINE_SHOWN) as SyncStatusDTO['quarantined']['items'];

  const connected = !!success && (!error || success.at >= error.at);
  let syncState: SyncState = base.state;
  if (settings.centralUrl !== null && state) syncState = (state.state as SyncState) ?? 'not_started';
  const catching = catchUp && backlog > 0 ? { startedAt: catchUp.startedAt, acked: Math.max(0, ackSeq - catchUp.fromAck), total: Math.max(0, lastSeq - catchUp.fromAck) } : null;
  if (catching && (syncState === 'sending' || syncState === 'idle')) syncState = 'catching_up';

  return {
    ...base,
    state: syncState,
    connected: settings.centralUrl !== null && connected,
    stream: stream ?? null,
    ackSeq,
    backlog,
    oldestPendingAt: backlog > 0 ? (oldest ?? null) : null,
    oldestPendingAgeMs: backlog > 0 && oldest !== undefined ? Math.max(0, now - oldest) : null,
    lastSuccessAt: success?.at ?? null,
    lastError: error,
    nextAttemptAt: state?.nextAttemptAt ?? null,
    quarantined: { count: qCount, items: qItems },
    catchUp: catching,
    clock: { driftMs: clock?.driftMs ?? null, measuredAt: clock?.measuredAt ?? null, flagged: clock?.flagged ?? false, maxDriftMs: settings.maxDriftMs },
    lastReregister: rereg ? { at: rereg.at, reason: rereg.reason } : null,
  };
}
