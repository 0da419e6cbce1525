// Request schemas of the 差评 case routes (hall/api/routes/bad-rating-cases.ts); shapes match
// hall/api/bad-rating-cases-dto.ts, checked by requests.ts's requestBodies.
import { z } from 'zod';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const phone = z.string().regex(/^[0-9 +-]{5,20}$/, 'a phone number is digits');

const spec = <S extends z.ZodType>(schema: S): { schema: S } => ({ schema });

/** Joined into requests.ts's requestBodies (one line there). */
export const badRatingCaseBodies = {
  tagBadRating: spec(z.object({ tags: z.array(z.string().min(1).max(60)).min(1, 'choose at least one reason').max(20), phone: phone.optional() }).strict()),
  assignBadRatingCase: spec(z.object({ staffId: z.string().min(1).max(40), phone: phone.optional() }).strict()),
  revisitBadRatingCase: spec(z.object({ method: z.enum(['phone', 'sms', 'in_person', 'visit']), visitorSaid: text(2, 1000) }).strict()),
  resolveBadRatingCase: spec(z.object({ kind: z.enum(['rectified', 'explained']), note: text(5, 1000) }).strict()),
  reviewBadRatingCase: spec(z.object({ approve: z.boolean(), note: text(2, 500) }).strict()),
  appealBadRatingCase: spec(z.object({ reason: text(5, 500) }).strict()),
  decideBadRatingAppeal: spec(z.object({ upheld: z.boolean(), note: text(2, 500) }).strict()),
} as const;
