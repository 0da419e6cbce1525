// The hall's registry of inbox handlers (docs/phone.md "Inbox"): what the hall does with each kind
// of message phones send through central (a QR rating, a remote ticket to admit …). Each feature
// registers its kind once, from its own file under hall/sync/phone/handlers/ (imported by
// handlers/index.ts, one line per file):
//
//   registerInboxHandler('phone_rating', phoneRatingBodySchema, (body, ctx) => { …; return { outcome: 'applied' }; });
//
// Contract for a handler:
//   - It is SYNCHRONOUS and runs inside the SQLite transaction that records the message's id
//     (phone_inbox_applied) and advances the inbox cursor: everything it writes — runtime.execute()
//     commands, its own tables — commits together with that record or not at all, so a message is
//     applied at most once even if the hall stops between applying it and posting the result.
//     It must not await, start timers that assume success, or call out to the network.
//   - It returns the outcome the phone sees: `applied`, or `refused` with a stable reason code
//     (e.g. already_rated, rating_closed) and an optional small `detail` (no personal data).
//   - The body reaching it has passed `schema`; a body that does not is refused `invalid_body`
//     by the poller without calling the handler. A throw rolls its writes back; the poller then
//     answers `refused` / `hall_error` so the message never blocks the ones after it.
// A kind nobody registered is answered `unsupported` (protocol/central/phone.ts).
import type { z } from 'zod';
import type { InboxMessage, InboxResult } from '../../../protocol/central/phone.js';
import type { HallConfig } from '../../config/schema.js';
import type { HallRuntime } from '../../runtime/hall-runtime.js';
import type { Db } from '../../store/db.js';

export interface InboxHandlerContext {
  /** The envelope (id, seq, kind, at = when central received it). */
  message: Omit<InboxMessage, 'body'>;
  runtime: HallRuntime;
  db: Db;
  config: HallConfig;
  /** The hall's clock (runtime.timers.now()). */
  now: number;
  log: (line: string) => void;
}

export type InboxOutcome = Pick<InboxResult, 'reason' | 'detail'> & { outcome: 'applied' | 'refused' };

export type InboxHandler<T> = (body: T, ctx: InboxHandlerContext) => InboxOutcome;

interface Registered {
  schema: z.ZodType<unknown>;
  handle: InboxHandler<unknown>;
}

const handlers = new Map<string, Registered>();
const KIND = /^[a-z_]{1,40}$/;

/** Registers the handler of one kind; returns a function that removes it (tests). Throws when the kind is taken. */
export function registerInboxHandler<T>(kind: string, schema: z.ZodType<T>, handle: InboxHandler<T>): () => void {
  if (!KIND.test(kind)) throw new Error(`inbox kind "${kind}" must be 1–40 lowercase letters or "_"`);
  if (handlers.has(kind)) throw new Error(`inbox kind "${kind}" already has a handler`);
  const entry: Registered = { schema: schema as z.ZodType<unknown>, handle: handle as InboxHandler<unknown> };
  handlers.set(kind, entry);
  return () => {
    if (handlers.get(kind) === entry) handlers.delete(kind);
  };
}

export function inboxHandlerOf(kind: string): Registered | null {
  return handlers.get(kind) ?? null;
}

export function registeredInboxKinds(): string[] {
  return [...handlers.keys()].sort();
}
