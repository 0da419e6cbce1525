// 差评 case routes (docs/bad-rating-cases.md): the rating screen's reason tags after a bad
// rating; the manager's cases (assign the 回访, record it, 整改 or 解释说明, review and close,
// decide an appeal); the rated counter's appeal (申诉复核).
// Access: declared in hall/api/contract.ts and enforced by the Router. Assigning, reviewing and
// deciding appeals need a manager; the contact is given to the staff member named for the 回访 only.
import { ApiError, type RequestContext } from '../http.js';
import type { Router } from '../router.js';
import type { TerminalIdentity } from '../../auth/tokens.js';
import { ownCounter, staffSessionOf } from '../access.js';
import type { ApiDeps } from './deps.js';
import type { BadRatingCases } from '../../cases/bad-rating-cases.js';

export interface BadRatingCaseRouteDeps extends ApiDeps {
  cases: BadRatingCases;
}

export function badRatingCaseRoutes(router: Router, deps: BadRatingCaseRouteDeps): void {
  const { cases } = deps;
  const book = cases.book;
  const manager = (staffId: string) => {
    const staff = deps.config.staff.find((s) => s.id === staffId);
    if (!staff?.roles.includes('manager')) throw new ApiError(403, 'forbidden', 'only the hall manager may do this');
    return staff.id;
  };
  /** The rating must be this counter display's counter's. */
  const ownRating = (terminal: TerminalIdentity, ratingId: string) => {
    const counterId = deps.runtime.db.prepare('SELECT counter_id FROM ratings WHERE id = ?').pluck().get(ratingId) as string | undefined;
    if (!counterId) throw new ApiError(404, 'not_found', `no rating "${ratingId}"`);
    ownCounter(terminal, counterId);
  };
  const counterActor = (ctx: RequestContext, terminal: TerminalIdentity, counterId: string) => {
    ownCounter(terminal, counterId);
    const session = staffSessionOf(deps, ctx, terminal);
    if (session.counterId !== counterId) throw new ApiError(401, 'unauthenticated', 'sign in at this counter first');
    return { counterId, staffId: session.staffId };
  };

  // ---- the rating screen ----
  router.route('badRatingTags', (ctx) => {
    ownRating(ctx.terminal, ctx.params.ratingId);
    return cases.tagsFor(ctx.params.ratingId);
  });
  router.route('tagBadRating', async (ctx) => {
    ownRating(ctx.terminal, ctx.params.ratingId);
    const body = await ctx.body();
    return book.tag(ctx.params.ratingId, body.tags, body.phone);
  });

  // ---- the manager ----
  router.route('adminBadRatingCases', () => cases.listView());
  router.route('assignBadRatingCase', async (ctx) => {
    const body = await ctx.body();
    return book.assign(ctx.params.caseId, manager(ctx.staff.staffId), body.staffId, body.phone);
  });
  router.route('badRatingCaseContact', (ctx) => book.contact(ctx.params.caseId, ctx.staff.staffId));
  router.route('revisitBadRatingCase', async (ctx) => {
    const body = await ctx.body();
    return book.recordRevisit(ctx.params.caseId, ctx.staff.staffId, body.method, body.visitorSaid);
  });
  router.route('resolveBadRatingCase', async (ctx) => {
    const body = await ctx.body();
    return book.resolve(ctx.params.caseId, ctx.staff.staffId, body.kind, body.note);
  });
  router.route('reviewBadRatingCase', async (ctx) => {
    const body = await ctx.body();
    return book.review(ctx.params.caseId, manager(ctx.staff.staffId), body.approve, body.note);
  });
  router.route('decideBadRatingAppeal', async (ctx) => {
    const body = await ctx.body();
    return book.decideAppeal(ctx.params.caseId, manager(ctx.staff.staffId), body.upheld, body.note);
  });

  // ---- the rated counter ----
  router.route('counterBadRatingCases', (ctx) => {
    const actor = counterActor(ctx, ctx.terminal, ctx.params.counterId);
    return cases.listView(actor.counterId);
  });
  router.route('appealBadRatingCase', async (ctx) => {
    const actor = counterActor(ctx, ctx.terminal, ctx.params.counterId);
    const body = await ctx.body();
    return book.appeal(ctx.params.caseId, actor.counterId, actor.staffId, body.reason);
  });
}
