// The hall's side of a 好差评 sent from the visitor's phone through central (inbox kind
// `phone_rating`, protocol/central/phone-rating.ts, docs/phone.md "Rating by QR code").
// Contract: applied through the one-rating-per-service path every channel uses
// (hall/ratings/service-rating.ts → the engine's record_rating, source `qr` like the LAN QR page):
// whichever of pad, counter screen, LAN page or phone answers first is the rating, the others are
// refused — `already_rated` with the channel that won in detail.source, `rating_closed` when the
// time ran out. A bad rating's reason tags are recorded on its 差评 case in the same transaction
// (BadRatingCaseBook.tag); a tag the hall does not offer refuses the whole message before the
// rating is recorded, so a phone never gets half of what it sent. Once recorded, the rating closes:
// the pad and the counter screen stop asking (they follow the engine's rating events).
// The case book reaches this handler through setPhoneRatingCases() (hall/wiring/bad-rating-cases.ts);
// without it (a hall wired without cases) a rating with tags is refused `tags_unavailable`.
// Personal data: none.
import { phoneRatingBodySchema, type PhoneRatingBody } from '../../../../protocol/central/phone-rating.js';
import { ratingOfService, rateService } from '../../../ratings/service-rating.js';
import type { BadRatingCases } from '../../../cases/bad-rating-cases.js';
import { BAD_LEVELS } from '../../../cases/case-book.js';
import type { HallRuntime } from '../../../runtime/hall-runtime.js';
import type { HallConfig } from '../../../config/schema.js';
import { registerInboxHandler, type InboxHandlerContext, type InboxOutcome } from '../inbox-handlers.js';

type Cases = Pick<BadRatingCases, 'reasonTags' | 'book'>;
/** Per hall runtime (a test process may run several halls). */
const casesOf = new WeakMap<HallRuntime, Cases>();

/** The hall's 差评 cases, for reason tags (null when they close). */
export function setPhoneRatingCases(runtime: HallRuntime, c: Cases | null): void {
  if (c) casesOf.set(runtime, c);
  else casesOf.delete(runtime);
}

/** The 差评 reason tags the hall accepts now (central's indicators, else its own list): the board offers these. */
export function phoneReasonTags(runtime: HallRuntime, config: Pick<HallConfig, 'badRatingCases'>): { code: string; label: string }[] {
  return casesOf.get(runtime)?.reasonTags() ?? config.badRatingCases.reasonTags;
}

export function applyPhoneRating(body: PhoneRatingBody, ctx: InboxHandlerContext): InboxOutcome {
  const { runtime } = ctx;
  const cases = casesOf.get(runtime);
  const known = runtime.state.tickets.has(body.ticketId) || ctx.db.prepare('SELECT 1 FROM ratings WHERE ticket_id = ?').get(body.ticketId) !== undefined;
  if (!known) return { outcome: 'refused', reason: 'unknown_ticket' };
  if (body.tags.length > 0) {
    if (!BAD_LEVELS.has(body.level)) return { outcome: 'refused', reason: 'unknown_tag', detail: { message: 'reason tags go with a bad rating only' } };
    if (!cases) return { outcome: 'refused', reason: 'tags_unavailable' };
    const offered = new Set(cases.reasonTags().map((t) => t.code));
    const unknown = body.tags.find((t) => !offered.has(t));
    if (unknown !== undefined) return { outcome: 'refused', reason: 'unknown_tag', detail: { tag: unknown } };
  }
  const r = ratingOfService(runtime, body.ticketId);
  if (!r) return { outcome: 'refused', reason: 'not_rateable' };
  if (r.outcome !== null) {
    const timedOut = r.outcome === 'not_rated' || r.source === 'timeout' || r.source === null;
    return timedOut ? { outcome: 'refused', reason: 'rating_closed' } : { outcome: 'refused', reason: 'already_rated', detail: { source: r.source } };
  }
  const recorded = rateService(runtime, body.ticketId, body.level, 'qr');
  if (body.tags.length > 0) cases!.book.tag(recorded.id, body.tags, undefined);
  ctx.log(`phone rating of ticket ${body.ticketId}: ${body.level}${body.tags.length ? ` (${body.tags.join(', ')})` : ''}`);
  return { outcome: 'applied', detail: { ratingId: recorded.id } };
}

registerInboxHandler('phone_rating', phoneRatingBodySchema, applyPhoneRating);
