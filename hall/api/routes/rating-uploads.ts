// 好差评 upload status for the hall manager (renderer/admin/RatingUploadsPanel.tsx):
//   GET  /api/v1/admin/rating-uploads                    counts per state, rejected uploads
//                                                        with reasons, retrying ones, oldest pending age
//   POST /api/v1/admin/rating-uploads/:ratingId/requeue  re-queue a rejected upload (after a fix)
// Access: an admin terminal with a signed-in admin or manager (hall/api/access.ts).
// The lead registers it: ratingUploadRoutes(router, deps, worker) — `worker` is
// null when the hall has no ratingUpload section (the page then says "not set up").
// Personal data: none (ticket numbers and matters only).
import { ApiError, type Router, type RequestContext } from '../http.js';
import { staffSessionOf, terminalOf } from '../access.js';
import type { RatingUploadWorker } from '../../sync/ratings/worker.js';
import type { RatingUploadStatus } from '../../sync/ratings/status.js';
import type { ApiDeps } from './deps.js';

/** The answer of GET /api/v1/admin/rating-uploads (mirrored in the admin panel). */
export type RatingUploadsDTO = ({ configured: true } & RatingUploadStatus) | { configured: false; now: number };

export function ratingUploadRoutes(router: Router, deps: ApiDeps, worker: RatingUploadWorker | null): void {
  const manager = (ctx: RequestContext) => {
    const session = staffSessionOf(deps, ctx, terminalOf(deps, ctx, 'admin'));
    const staff = deps.config.staff.find((s) => s.id === session.staffId);
    if (!staff?.roles.some((r) => r === 'admin' || r === 'manager')) throw new ApiError(403, 'forbidden', 'only a hall manager or admin may see the rating upload');
  };

  router.add('GET', '/api/v1/admin/rating-uploads', (ctx): RatingUploadsDTO => {
    manager(ctx);
    if (!worker) return { configured: false, now: deps.now() };
    return { configured: true, ...worker.status(100) };
  });

  router.add('POST', '/api/v1/admin/rating-uploads/:ratingId/requeue', (ctx) => {
    manager(ctx);
    if (!worker) throw new ApiError(409, 'not_configured', 'rating upload is not set up in this hall (ratingUpload section)');
    if (!worker.outbox.requeue(ctx.params.ratingId!, worker.destinationId, deps.now())) {
      throw new ApiError(409, 'not_rejected', `rating ${ctx.params.ratingId} has no rejected upload to re-queue`);
    }
    worker.poke();
    return { ok: true };
  });
}
