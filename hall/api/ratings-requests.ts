// Request schemas of the rating channels beyond the counter (hall/api/routes/channel-ratings.ts);
// joined into requestBodies (hall/api/requests.ts), where the compiler checks each against the
// declared body.
import { z } from 'zod';
import { RATING_LEVELS, type RatingLevel } from '../domain/index.js';

const rateServiceSchema = z.object({ level: z.enum(RATING_LEVELS as [RatingLevel, ...RatingLevel[]]) }).strict();
const finishSelfServiceSchema = z.object({ matterId: z.string().min(1).max(40) }).strict();

export const ratingChannelBodies = {
  rateTicket: { schema: rateServiceSchema },
  finishSelfService: { schema: finishSelfServiceSchema },
  rateSelfService: { schema: rateServiceSchema },
} as const;
