// The visitor's phone through the central platform (docs/phone.md): the wire
// contract between the hall, central and the phone pages central serves.
//
//   hall ──POST /v1/halls/{hallId}/board──▶ central      the hall's public board: queues now and
//                                                        every ticket of the day a phone may follow
//   hall ◀─GET /v1/halls/{hallId}/inbox──── central      long-poll: what phones asked of the hall
//   hall ──POST /v1/halls/{hallId}/inbox/results──▶      (a QR rating, a remote ticket, …) and what
//                                                        the hall made of each
//   phone ◀─GET /v1/public/…──────────────  central      ticket progress, the hall's queues (no token)
//
// Contract:
//   - The hall is the only authority on its queue and its ratings. Central stores what the hall
//     last told it and says how old that is; it never computes a position or decides a rating.
//   - A phone proves it holds a ticket with the key printed in the ticket's QR address. Central
//     stores only keyHash = sha256(key) (hex) and compares hashes: a leaked board reveals no key.
//   - No personal data on the board: no ID number, no name, no phone number.
//   - Inbox messages are applied by the hall at most once each (by `id`), in `seq` order; each gets
//     one result, posted back; a kind the hall does not know is answered `unsupported`, never
//     left to block the ones after it. Each kind's body has its own schema in its own file
//     (protocol/central/phone-*.ts, remote-tickets.ts …); this file knows only the envelope.
// Dangers: the board is public-facing data: never add a field that identifies a visitor.
import { z } from 'zod';

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export const ticketStatuses = ['waiting', 'called', 'serving', 'finished', 'no_show', 'suspended', 'withdrawn', 'expired'] as const;
export const ratingOutcomes = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied', 'not_rated'] as const;
export const ratingLevels = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;

const localizedNames = z.object({ en: z.string().max(200).optional(), 'mn-Mong': z.string().max(200).optional() }).strict();

export const waitEstimateSchema = z.object({
  minMinutes: z.number().min(0).max(24 * 60),
  maxMinutes: z.number().min(0).max(24 * 60),
  basis: z.enum(['measured', 'typical']),
});

/** A service's rating as the phone page shows it (same meaning as the hall's TicketRatingDTO). */
export const boardRatingSchema = z.object({
  open: z.boolean(),
  expiresAt: z.number().int(),
  outcome: z.enum(ratingOutcomes).nullable(),
  source: z.enum(['pad', 'screen', 'qr', 'kiosk', 'timeout', 'phone']).nullable(),
});

/** One ticket as a phone following it sees it. */
export const boardTicketSchema = z.object({
  ticketId: z.string().regex(ID),
  /** sha256 (hex) of the key in the ticket's QR address. */
  keyHash: z.string().regex(SHA256_HEX),
  number: z.string().min(1).max(20),
  status: z.enum(ticketStatuses),
  matterName: z.string().max(200),
  matterNames: localizedNames.optional(),
  queueId: z.string().regex(ID),
  peopleAhead: z.number().int().min(0),
  estimate: waitEstimateSchema.nullable(),
  /** The counter it was called to, once called. */
  counterNumber: z.number().int().min(0).nullable(),
  calledAt: z.number().int().nullable(),
  rating: boardRatingSchema.nullable(),
  /** The remote ticket (线上取号) this ticket was checked in from, if any. */
  remoteTicketId: z.string().regex(ID).nullable().optional(),
});
export type BoardTicket = z.infer<typeof boardTicketSchema>;

export const boardQueueSchema = z.object({
  queueId: z.string().regex(ID),
  name: z.string().max(200),
  names: localizedNames.optional(),
  waiting: z.number().int().min(0),
  estimate: waitEstimateSchema.nullable(),
});
export type BoardQueue = z.infer<typeof boardQueueSchema>;

export const MAX_BOARD_TICKETS = 5000;

/**
 * POST /v1/halls/{hallId}/board. `full` replaces the day's board; `delta` upserts the listed tickets
 * and applies only when central holds `baseVersion` (else 409 need_full: the hall sends a full board).
 * `version` grows with every push of the hall (its event seq at the time is a good choice).
 */
export const boardPushSchema = z
  .object({
    mode: z.enum(['full', 'delta']),
    version: z.number().int().min(0),
    baseVersion: z.number().int().min(0).optional(),
    generatedAt: z.number().int(),
    serviceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    hall: z.object({
      name: z.string().max(200),
      /** open / closed / self_service / booked_only, as the kiosk shows it. */
      mode: z.string().max(40),
      /** A visitor whose number passed (过号) may rejoin within this many minutes (0: not at all). */
      missedRejoinMinutes: z.number().int().min(0).max(24 * 60),
      languages: z.array(z.enum(['zh-CN', 'mn-Mong', 'en'])).min(1).optional(),
      /** The reason tags a 差评 may carry (the hall's badRatingCases.reasonTags or central's indicators), for the phone's rating. */
      reasonTags: z.array(z.object({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/), label: z.string().max(40) })).max(20).optional(),
    }),
    queues: z.array(boardQueueSchema).max(500),
    tickets: z.array(boardTicketSchema).max(MAX_BOARD_TICKETS),
  })
  .superRefine((b, ctx) => {
    if (b.mode === 'delta' && b.baseVersion === undefined) ctx.addIssue({ code: 'custom', path: ['baseVersion'], message: 'a delta names the version it applies to' });
  });
export type BoardPush = z.infer<typeof boardPushSchema>;

/** Central's answer to a board push. */
export const boardAnswerSchema = z.object({ version: z.number().int().min(0) });

/** One message from a phone to the hall, relayed by central (GET /v1/halls/{hallId}/inbox?after=&waitSeconds=). */
export const inboxMessageSchema = z.object({
  id: z.string().regex(ID),
  seq: z.number().int().positive(),
  kind: z.string().regex(/^[a-z_]{1,40}$/),
  at: z.number().int(),
  body: z.unknown(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

export const MAX_INBOX_MESSAGES = 200;
export const inboxPageSchema = z.object({ messages: z.array(inboxMessageSchema).max(MAX_INBOX_MESSAGES) });

/** What the hall made of one message (POST /v1/halls/{hallId}/inbox/results). Idempotent by id. */
export const inboxResultSchema = z.object({
  id: z.string().regex(ID),
  outcome: z.enum(['applied', 'refused', 'unsupported']),
  /** A stable reason code when refused (e.g. already_rated, rating_closed), shown translated on the phone. */
  reason: z.string().max(60).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type InboxResult = z.infer<typeof inboxResultSchema>;
export const inboxResultsSchema = z.object({ results: z.array(inboxResultSchema).min(1).max(MAX_INBOX_MESSAGES) });

// ---- What the phone pages read (GET /v1/public/…, no token) ----

/** How fresh central's copy is: the page says "最后更新于 …" when stale. */
export interface Freshness {
  /** When central last heard from the hall (any board push), ms; null if never. */
  hallSeenAt: number | null;
  /** True when the hall has not pushed for longer than central's staleness limit. */
  stale: boolean;
}

export interface PublicTicketView extends Freshness {
  hallId: string;
  hallName: string;
  version: number;
  ticket: Omit<BoardTicket, 'keyHash'>;
  missedRejoinMinutes: number;
  languages?: ('zh-CN' | 'mn-Mong' | 'en')[];
  /** The hall's 差评 reason tags (board hall.reasonTags), offered with a bad level. */
  reasonTags?: { code: string; label: string }[];
  /** The phone's own rating, if it sent one: pending until the hall answers. */
  phoneRating: { state: 'pending' | 'applied' | 'refused'; level: (typeof ratingLevels)[number]; reason?: string } | null;
}

export interface PublicHallView extends Freshness {
  hallId: string;
  hallName: string;
  version: number;
  mode: string;
  queues: BoardQueue[];
}
