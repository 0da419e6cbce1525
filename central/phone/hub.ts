// Central's phone hub: the in-memory copy of every hall's board, the long-poll waiting rooms, and
// the LISTEN connection that hears inbox appends and answers (inbox.ts NOTIFY). Contract:
//   - board(hallId) answers from memory once loaded (one database read per hall per process);
//     push() stores a push (board-store.ts), then updates the memory copy and wakes the hall's
//     waiters. Pushes of one hall are applied one after another, in arrival order.
//   - phoneRating(hallId, ticketId) is cached per ticket and dropped when a notice names the
//     ticket, so a thousand phones re-reading their views after a push cost no query each.
//   - Rooms: `hall:<id>` (every board push: the hall view), `inbox:<id>` (messages for the hall's
//     long-poll), `ticket:<id>\n<ticketId>` (a push that lists that ticket, an answer about it).
//     A push wakes the phones of the tickets it lists — those whose status or counter changed
//     first (a call reaches its own phones before the thousand others whose people-ahead moved) —
//     and no ticket phone at all when it lists none (a heartbeat).
// Dangers: the memory copy is this process's: several central processes behind one address
// would each need every push (docs/phone.md says one process serves the phone routes). If the
// LISTEN connection drops it is reopened after a second; until then waits end by their timeout
// and re-read (the inbox long-poll re-reads every few seconds in any case).
import type pg from 'pg';
import type { BoardPush } from '../../protocol/central/phone.js';
import { applyBoardPush, loadBoard, type StoredBoard } from './board-store.js';
import { PHONE_INBOX_CHANNEL, phoneRatingOf, type InboxNotice } from './inbox.js';
import { Waiters } from './waiters.js';

type PhoneRating = Awaited<ReturnType<typeof phoneRatingOf>>;

export const hallRoom = (hallId: string) => `hall:${hallId}`;
export const inboxRoom = (hallId: string) => `inbox:${hallId}`;
export const ticketRoom = (hallId: string, ticketId: string) => `ticket:${hallId}\n${ticketId}`;

/** The tickets whose phones a push wakes, those whose status or counter changed first. */
function ticketsToWake(before: StoredBoard | null, push: BoardPush): string[] {
  const first: string[] = [];
  const rest: string[] = [];
  for (const t of push.tickets) {
    const was = before?.tickets.get(t.ticketId);
    (!was || was.status !== t.status || was.counterNumber !== t.counterNumber ? first : rest).push(t.ticketId);
  }
  // Tickets a full board drops are not woken: a board sent in parts lists them again a moment
  // later; at a new service day their phones learn it (404) when their long-poll ends.
  return [...first, ...rest];
}

export class PhoneHub {
  readonly waiters = new Waiters();
  private readonly boards = new Map<string, Promise<StoredBoard | null>>();
  private readonly ratings = new Map<string, Promise<PhoneRating>>();
  private readonly pushing = new Map<string, Promise<unknown>>();
  private listener: pg.PoolClient | null = null;
  private isClosed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(private readonly pool: pg.Pool) {}

  /** Opens the LISTEN connection (retried every second while it fails). */
  async start(): Promise<void> {
    if (this.isClosed) return;
    try {
      const client = await this.pool.connect();
      client.on('notification', (n) => {
        if (n.channel === PHONE_INBOX_CHANNEL && n.payload) this.onNotice(n.payload);
      });
      client.on('error', () => this.dropListener(client));
      await client.query(`LISTEN ${PHONE_INBOX_CHANNEL}`);
      if (this.isClosed) return client.release();
      this.listener = client;
    } catch {
      if (!this.isClosed) this.retry = setTimeout(() => void this.start(), 1000);
    }
  }

  private dropListener(client: pg.PoolClient): void {
    if (this.listener !== client) return;
    this.listener = null;
    client.release(true);
    // Answers may have been missed: forget cached phone ratings, wake everyone to re-read.
    this.ratings.clear();
    this.waiters.wakeAll();
    if (!this.isClosed) this.retry = setTimeout(() => void this.start(), 1000);
  }

  private onNotice(payload: string): void {
    let n: InboxNotice;
    try {
      n = JSON.parse(payload) as InboxNotice;
    } catch {
      return;
    }
    if (n.what === 'message') this.waiters.wake(inboxRoom(n.hallId));
    if (n.ticketId) {
      this.ratings.delete(`${n.hallId}\n${n.ticketId}`);
      this.waiters.wake(ticketRoom(n.hallId, n.ticketId));
    }
  }

  /** True once close() began: long-polls answer at once and read nothing more. */
  get closed(): boolean {
    return this.isClosed;
  }

  board(hallId: string): Promise<StoredBoard | null> {
    let b = this.boards.get(hallId);
    if (!b) {
      b = loadBoard(this.pool, hallId);
      this.boards.set(hallId, b);
      b.catch(() => this.boards.delete(hallId));
    }
    return b;
  }

  /** Stores one push (throws NeedFull for a delta that does not apply) and fans it out. */
  push(hallId: string, push: BoardPush, receivedAt: number): Promise<void> {
    const before = this.pushing.get(hallId) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(() => this.pushNow(hallId, push, receivedAt));
    this.pushing.set(hallId, run);
    void run.finally(() => this.pushing.get(hallId) === run && this.pushing.delete(hallId)).catch(() => undefined);
    return run;
  }

  private async pushNow(hallId: string, push: BoardPush, receivedAt: number): Promise<void> {
    await applyBoardPush(this.pool, hallId, push, receivedAt);
    const before = await this.board(hallId).catch(() => null);
    const wake = ticketsToWake(before, push);
    const held = push.mode === 'delta' ? before : null;
    if (push.mode === 'full' || !held) {
      // A full push is the whole board; a delta without a memory copy re-reads the committed rows.
      const board: StoredBoard | null =
        push.mode === 'full'
          ? { hallId, version: push.version, serviceDay: push.serviceDay, generatedAt: push.generatedAt, receivedAt, hall: push.hall, queues: push.queues, tickets: new Map(push.tickets.map((t) => [t.ticketId, t])) }
          : await loadBoard(this.pool, hallId);
      this.boards.set(hallId, Promise.resolve(board));
    } else {
      held.version = push.version;
      held.generatedAt = push.generatedAt;
      held.receivedAt = receivedAt;
      held.hall = push.hall;
      held.queues = push.queues;
      for (const t of push.tickets) held.tickets.set(t.ticketId, t);
    }
    for (const ticketId of wake) this.waiters.wake(ticketRoom(hallId, ticketId));
    this.waiters.wake(hallRoom(hallId));
  }

  phoneRating(hallId: string, ticketId: string): Promise<PhoneRating> {
    const key = `${hallId}\n${ticketId}`;
    let r = this.ratings.get(key);
    if (!r) {
      r = phoneRatingOf(this.pool, hallId, ticketId);
      this.ratings.set(key, r);
      r.catch(() => this.ratings.delete(key));
    }
    return r;
  }

  async close(): Promise<void> {
    this.isClosed = true;
    clearTimeout(this.retry);
    this.waiters.wakeAll();
    const l = this.listener;
    this.listener = null;
    if (l) {
      await l.query(`UNLISTEN ${PHONE_INBOX_CHANNEL}`).catch(() => undefined);
      l.release();
    }
  }
}
