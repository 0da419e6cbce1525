// Ratings in batches, hall → central (docs/sync-protocol.md "Ratings"):
//   POST /v1/ratings/batch  { ratings: [national-profile body, …] }  (1–100)
//   200 { results: [{ status: accepted | duplicate | rejected, reason? }, …] }
// Contract: results[i] answers ratings[i]; each rating is judged on its own
// (a rejected one does not hold back the others); an accepted or duplicate one
// is stored at central, once per ratingId. A hall that gets no readable answer
// does not know which were stored: each is checked (GET /v1/ratings/{id})
// before it is sent again.
import { z } from 'zod';

export const MAX_RATING_BATCH = 100;

export const ratingBatchRequestSchema = z.object({
  ratings: z.array(z.unknown()).min(1).max(MAX_RATING_BATCH, `a batch holds at most ${MAX_RATING_BATCH} ratings`),
});

export const ratingResultSchema = z.union([
  z.object({ status: z.enum(['accepted', 'duplicate']) }),
  z.object({ status: z.literal('rejected'), reason: z.string() }),
]);
export type RatingResult = z.infer<typeof ratingResultSchema>;

export const ratingBatchAnswerSchema = z.object({ results: z.array(ratingResultSchema) });
