// Remote tickets (线上取号, docs/remote-tickets.md): the wire between the phone, central and the hall.
//
//   hall  ──POST /v1/halls/{hallId}/remote-tickets/settings──▶ central   what the hall offers, its window and limits
//   phone ──POST /v1/public/halls/{hallId}/remote-tickets────▶ central   issue one (matter + ID number)
//   central ──inbox kind `remote_ticket` (body: remoteTicketMessageSchema)──▶ hall   (protocol/central/phone.ts)
//   hall  ──POST /v1/halls/{hallId}/remote-tickets/outcomes──▶ central   checked in / expired / cancelled
//   phone ◀─GET  /v1/public/remote-tickets/{id}?key=…──────── central   the remote-ticket page (code, QR, window, state)
//
// Contract:
//   - The ID number is never stored nor relayed in clear. Central keeps identityHash (HMAC-SHA256 under its
//     own key) for the limits; the hall receives hallIdentityHash (HMAC-SHA256 under the key both derive from
//     the hall's token: hallIdentityKey) so a visitor can check in by ID card. A rotated hall token makes the
//     remote tickets relayed before it uncheckable by card (code and QR still work).
//   - The hall is the authority on check-in and expiry; central counts an `expired` outcome as a no-show.
//   - The phone's access key (in the page address) is stored by central only as sha256.
// Dangers: never log an ID number or a hash with it; the QR holds the code only.
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import type { BoardTicket, Freshness } from './phone.js';

const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The inbox kind central relays a new remote ticket with. */
export const REMOTE_TICKET_KIND = 'remote_ticket';

/** Remote-ticket codes: 8 characters without look-alikes (as appointment codes). */
export const REMOTE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REMOTE_CODE = /^[2-9A-HJKMNP-Z]{8}$/;
/** The text of the remote ticket's QR code; a kiosk's scanner types it into the check-in field. */
export const REMOTE_QR_PREFIX = 'servicehall:remote:';
export function remoteQrContent(code: string): string {
  return REMOTE_QR_PREFIX + code;
}

export const placements = ['check_in_time', 'issue_time'] as const;
export type RemotePlacement = (typeof placements)[number];

/** POST /v1/halls/{hallId}/remote-tickets/settings: what central needs to issue this hall's remote tickets. */
export const remoteTicketSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** The hall's day rule: central computes service days and the time-of-day window with it. */
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
    dayStartsAtHour: z.number().int().min(0).max(23),
    /** A remote ticket must be checked in within this many minutes of its issue … */
    checkInWithinMinutes: z.number().int().min(5).max(24 * 60),
    /** … and before this local time of day, if set. */
    checkInUntil: z.string().regex(HHMM).nullable(),
    /** Remote tickets are issued only from/until these local times (null: whenever the hall says enabled). */
    issueFrom: z.string().regex(HHMM).nullable(),
    issueUntil: z.string().regex(HHMM).nullable(),
    perIdentityPerDay: z.number().int().min(1).max(20),
    perHallPerDay: z.number().int().min(0).max(100_000),
    /** An identity with this many expired remote tickets within noShowWindowDays is refused (0: never). */
    noShowLimit: z.number().int().min(0).max(100),
    noShowWindowDays: z.number().int().min(1).max(366),
    queues: z.array(z.object({ queueId: z.string().regex(ID), name: z.string().max(200), dailyQuota: z.number().int().min(0) }).strict()).max(500),
    matters: z.array(z.object({ matterId: z.string().regex(ID), name: z.string().max(200), queueId: z.string().regex(ID) }).strict()).max(5000),
  })
  .strict();
export type RemoteTicketSettings = z.infer<typeof remoteTicketSettingsSchema>;

/** The body of inbox kind `remote_ticket`. */
export const remoteTicketMessageSchema = z
  .object({
    remoteTicketId: z.string().regex(ID),
    code: z.string().regex(REMOTE_CODE),
    matterId: z.string().regex(ID),
    serviceDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    issuedAt: z.number().int(),
    checkInUntil: z.number().int(),
    hallIdentityHash: z.string().regex(HEX64),
  })
  .strict();
export type RemoteTicketMessage = z.infer<typeof remoteTicketMessageSchema>;

export const remoteOutcomeStatuses = ['checked_in', 'expired', 'cancelled'] as const;
/** POST /v1/halls/{hallId}/remote-tickets/outcomes. Idempotent by (remoteTicketId, status). */
export const remoteOutcomesSchema = z
  .object({
    outcomes: z
      .array(
        z
          .object({
            remoteTicketId: z.string().regex(ID),
            status: z.enum(remoteOutcomeStatuses),
            at: z.number().int(),
            ticketId: z.string().regex(ID).nullable(),
            ticketNumber: z.string().max(20).nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
export type RemoteOutcome = z.infer<typeof remoteOutcomesSchema>['outcomes'][number];

/** POST /v1/public/halls/{hallId}/remote-tickets (the phone). */
export const remoteIssueRequestSchema = z.object({ matterId: z.string().regex(ID), idNumber: z.string().min(1).max(40) }).strict();

export type RemoteTicketState = 'issued' | 'checked_in' | 'expired' | 'refused';

/** GET /v1/public/remote-tickets/{id}?key=… — and the answer of the issue POST (with accessKey). */
export interface RemoteTicketView {
  remoteTicketId: string;
  hallId: string;
  hallName: string;
  code: string;
  qrContent: string;
  matterId: string;
  matterName: string;
  issuedAt: number;
  checkInUntil: number;
  state: RemoteTicketState;
  /** Once checked in: the real ticket (its progress is on the board, PublicTicketView). */
  ticketId: string | null;
  ticketNumber: string | null;
  /** Why the hall refused the relay (state refused). */
  reason: string | null;
}

/** The phone's page: the remote ticket and, once checked in, its ticket on the hall's board (number, people ahead, counter). */
export interface RemoteTicketPage extends RemoteTicketView, Freshness {
  ticket: Omit<BoardTicket, 'keyHash'> | null;
}

/** The issue POST's answer (201): the page, and the key of its address (/m/remote/?id=…&key=…), shown once. */
export interface RemoteIssueAnswer extends RemoteTicketPage {
  accessKey: string;
}

/** GET /v1/public/halls/{hallId}/remote-tickets/options: what the phone's 线上取号 screen offers. */
export interface RemoteOptionsView {
  hallId: string;
  hallName: string;
  enabled: boolean;
  checkInWithinMinutes: number;
  checkInUntil: string | null;
  matters: { matterId: string; name: string; queueId: string; available: boolean }[];
}

/** A refused issue: 409 with one of these codes (the phone shows each in plain words). */
export const remoteRefusals = ['not_enabled', 'outside_hours', 'unknown_matter', 'identity_limit', 'no_show_limit', 'hall_limit', 'queue_share_full', 'invalid_id_number'] as const;
export type RemoteRefusal = (typeof remoteRefusals)[number];

// ---- identity hashes (both sides compute them with this code) ----

/** An 18-character ID number (GB 11643 check digit), upper-cased; null when it is not one. */
export function normalizeIdNumber(input: string): string | null {
  const n = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return null;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === n[17] ? n : null;
}

/** The key a hall and central share for hallIdentityHash: derived from sha256 of the hall's token (what central stores). */
export function hallIdentityKey(tokenHash: Buffer): Buffer {
  return createHmac('sha256', tokenHash).update('servicehall remote-ticket identity v1').digest();
}

/** sha256 of a hall token, as central stores it. */
export function tokenHashOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** HMAC-SHA256 (hex) of a normalised ID number under `key`. */
export function identityHash(key: Buffer, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber, 'utf8').digest('hex');
}
