// 好差评 upload status for the hall manager (renderer/admin/RatingUploadsPanel.tsx):
//   GET  /api/v1/admin/rating-uploads                    counts per state, rejected uploads
//                                                        with reasons, retrying ones, oldest pending age
//   POST /api/v1/admin/rating-uploads/:ratingId/requeue  re-queue a rejected upload (after a fix)
// Access: an admin terminal with a staff session (declared in hall/api/contract.ts,
// enforced by the Router); the staff member must be an admin or manager (checked here).
// Registered as ratingUploadRoutes(router, { ...deps, worker }) — `worker` is
// null when the hall has no ratingUpload section (the page then says "not set up").
// Personal data: none (ticket numbers and matters only).
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { StaffSession } from '../../auth/tokens.js';
import type { RatingUploadWorker } from '../../sync/ratings/worker.js';
import type { ApiDeps } from './deps.js';

export type { RatingUploadsDTO } from '../contract.js';

export interface RatingUploadRouteDeps extends Pick<ApiDeps, 'config' | 'now'> {
  worker: RatingUploadWorker | null;
}

export function ratingUploadRoutes(router: Router, deps: RatingUploadRouteDeps): void {
  const { worker } = deps;
  const manager = (session: StaffSession) => {
    const staff = deps.config.staff.find((s) => s.id === session.staffId);
    if (!staff?.roles.some((r) => r === 'admin' || r === 'manager')) throw new ApiError(403, 'forbidden', 'only a hall manager or admin may see the rating upload');
  };

  router.route('ratingUploads', (ctx) => {
    manager(ctx.staff);
    if (!worker) return { configured: false, now: deps.now() };
    return { configured: true, ...worker.status(100) };
  });

  router.route('requeueRatingUpload', (ctx) => {
    manager(ctx.staff);
    if (!worker) throw new ApiError(409, 'not_configured', 'rating upload is not set up in this hall (ratingUpload section)');
    if (!worker.outbox.requeue(ctx.params.ratingId, worker.destinationId, deps.now())) {
      throw new ApiError(409, 'not_rejected', `rating ${ctx.params.ratingId} has no rejected upload to re-queue`);
    }
    worker.poke();
    return { ok: true } as const;
  });
}
