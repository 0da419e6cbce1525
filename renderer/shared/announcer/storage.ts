// What the announcer keeps across a display reload, in the page's localStorage (injected).
//
// Contract: loadState() and saveState() never throw. Missing, unreadable or corrupt state
// yields what could be read (unreadable items skipped, or an empty state) plus an error text
// for the snapshot: a broken store must not keep the hall silent.
// Danger: two display pages on one browser profile with the same key would both announce
// and overwrite each other's queue; give each its own key.
import { validateCall } from './plan';

/** The part of the Web Storage API the announcer uses; window.localStorage fits. */
export type AnnouncerStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface QueuedAnnouncement {
  callId: string;
  ticketNumber: string;
  counterNumber: number;
  /** Clock time of enqueue, epoch ms. */
  enqueuedAt: number;
}

export interface PersistedAnnouncerState {
  /** Not yet finished, in order; the head is the one playing when the page unloaded and is replayed. */
  queue: QueuedAnnouncement[];
  lastAnnouncedCallId: string | null;
  /** Recently finished or rejected call ids, oldest first: the dedupe window. */
  seen: string[];
}

const VERSION = 1;

export function emptyState(): PersistedAnnouncerState {
  return { queue: [], lastAnnouncedCallId: null, seen: [] };
}

export function loadState(storage: AnnouncerStorage | null, key: string): { state: PersistedAnnouncerState; error: string | null } {
  if (!storage) return { state: emptyState(), error: null };
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch (error) {
    return { state: emptyState(), error: `storage unreadable: ${String(error)}` };
  }
  if (raw === null) return { state: emptyState(), error: null };
  try {
    const { state, unreadable } = parseState(JSON.parse(raw));
    return { state, error: unreadable > 0 ? `${unreadable} stored announcement(s) unreadable and skipped` : null };
  } catch (error) {
    return { state: emptyState(), error: `stored announcer state discarded: ${String(error)}` };
  }
}

/** Returns an error text instead of throwing (quota exceeded, storage disabled). */
export function saveState(storage: AnnouncerStorage | null, key: string, state: PersistedAnnouncerState): string | null {
  if (!storage) return null;
  try {
    storage.setItem(key, JSON.stringify({ version: VERSION, ...state }));
    return null;
  } catch (error) {
    return `storage not writable: ${String(error)}`;
  }
}

function parseState(json: unknown): { state: PersistedAnnouncerState; unreadable: number } {
  const data = json as Partial<PersistedAnnouncerState> & { version?: unknown };
  if (typeof data !== 'object' || data === null || data.version !== VERSION) throw new Error('unknown format version');
  if (!Array.isArray(data.queue) || !Array.isArray(data.seen)) throw new Error('queue or seen missing');
  const queue: QueuedAnnouncement[] = [];
  let unreadable = 0;
  for (const item of data.queue as Partial<QueuedAnnouncement>[]) {
    const restored = restoreItem(item);
    if (restored) queue.push(restored);
    else unreadable++;
  }
  const seen = data.seen.filter((id): id is string => typeof id === 'string');
  const last = typeof data.lastAnnouncedCallId === 'string' ? data.lastAnnouncedCallId : null;
  return { state: { queue, lastAnnouncedCallId: last, seen }, unreadable };
}

function restoreItem(item: Partial<QueuedAnnouncement> | null): QueuedAnnouncement | null {
  if (typeof item !== 'object' || item === null) return null;
  const { callId, ticketNumber, counterNumber, enqueuedAt } = item;
  if (typeof callId !== 'string' || callId === '' || typeof enqueuedAt !== 'number') return null;
  if (typeof ticketNumber !== 'string' || typeof counterNumber !== 'number') return null;
  try {
    validateCall({ ticketNumber, counterNumber });
  } catch {
    return null;
  }
  return Object.freeze({ callId, ticketNumber, counterNumber, enqueuedAt });
}
