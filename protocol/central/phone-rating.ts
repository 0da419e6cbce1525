// Rating a service by the ticket's QR code through central (docs/phone.md "Rating by QR"):
//
//   phone ──POST /v1/public/halls/{hallId}/tickets/{ticketId}/rating {key, level, tags}──▶ central
//   central ──inbox message kind `phone_rating` {ticketId, level, tags, sentAt}──▶ hall
//   hall ──result applied | refused(reason)──▶ central ──PublicTicketView.phoneRating──▶ phone
//
// Contract: central checks the key against the board's keyHash (a wrong key is the same 404 as an
// unknown ticket), that the board shows the service's rating open and that this ticket has no
// phone rating pending or applied; it never decides the rating. The hall applies the message through
// the one-rating-per-service path (hall/ratings/service-rating.ts): whichever channel answers
// first wins; a later phone rating is refused with a reason the phone shows translated.
// The key never enters the inbox (the hall has its own; central stores only hashes).
// Personal data: none — a level and reason-tag codes.
import { z } from 'zod';
import { ratingLevels } from './phone.js';

/** Levels that count as 差评 and may carry reason tags (same as the hall's BAD_LEVELS). */
export const BAD_RATING_LEVELS: readonly (typeof ratingLevels)[number][] = ['dissatisfied', 'very_dissatisfied'];

const tagCode = z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'a tag code is letters, digits, _ . -');

/** What the phone page posts. */
export const phoneRatingRequestSchema = z
  .object({
    /** The key from the ticket's QR address. */
    key: z.string().min(1).max(100),
    level: z.enum(ratingLevels),
    /** Reason tags (codes from the board's hall.reasonTags), only with a bad level. */
    tags: z.array(tagCode).max(20).default([]),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.tags.length > 0 && !BAD_RATING_LEVELS.includes(r.level)) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'reason tags go with a bad rating (不满意 or 非常不满意) only' });
    if (new Set(r.tags).size !== r.tags.length) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'a reason tag is listed twice' });
  });
export type PhoneRatingRequest = z.infer<typeof phoneRatingRequestSchema>;

export const PHONE_RATING_KIND = 'phone_rating';

/** The inbox body of kind `phone_rating`. */
export const phoneRatingBodySchema = z
  .object({
    ticketId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/),
    level: z.enum(ratingLevels),
    tags: z.array(tagCode).max(20),
    /** When central accepted it (ms): the hall records its own time, this is for the log. */
    sentAt: z.number().int(),
  })
  .strict();
export type PhoneRatingBody = z.infer<typeof phoneRatingBodySchema>;

/**
 * Why the hall refused a phone rating (InboxResult.reason):
 * - already_rated: another channel (pad, counter screen, LAN QR, kiosk) rated it first; detail.source says which
 * - rating_closed: the rating time ran out (not rated)
 * - not_rateable: the service has not ended (nothing to rate yet)
 * - unknown_ticket: the hall has no such ticket
 * - unknown_tag: a tag the hall does not offer
 */
export const phoneRatingRefusals = ['already_rated', 'rating_closed', 'not_rateable', 'unknown_ticket', 'unknown_tag'] as const;
export type PhoneRatingRefusal = (typeof phoneRatingRefusals)[number];
