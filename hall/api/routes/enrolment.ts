// Enrolment: a terminal exchanges a one-time code for its long-lived token
// (POST /api/v1/enrol, no token needed), and the manager makes codes on the
// admin page (docs/api.md "Enrolment", docs/security.md).
// Contract: a code is shown once — in this route's answer to the manager —
// and never logged. Wrong codes are limited per client address: after
// ENROL_MAX_FAILURES within the window the address is refused (429) for a while,
// so 40-bit codes cannot be guessed within their lifetime.
import type { EnrolmentCodes } from '../../auth/enrolment.js';
import { PinLockout } from '../../auth/tokens.js';
import { pagePath } from '../page-address.js';
import { ApiError } from '../http.js';
import type { Router } from '../router.js';
import type { ApiDeps } from './deps.js';

export type { EnrolResponse, EnrolmentCodeResponse } from '../contract.js';

const ENROL_MAX_FAILURES = 10;

export interface EnrolmentRouteDeps extends Pick<ApiDeps, 'config' | 'now'> {
  codes: EnrolmentCodes;
}

export function enrolmentRoutes(router: Router, deps: EnrolmentRouteDeps): void {
  const { codes } = deps;
  const failures = new PinLockout({ staffMaxFailures: ENROL_MAX_FAILURES, windowMs: 15 * 60_000, lockMs: 15 * 60_000 });
  const terminalConfig = (id: string) => deps.config.terminals.find((t) => t.id === id);

  router.route('enrol', async (ctx) => {
    const key = [`enrol:${ctx.req.socket.remoteAddress ?? '?'}`];
    const now = deps.now();
    if (failures.lockedUntil(key, now) > now) throw new ApiError(429, 'locked', 'too many wrong enrolment codes from this address: try again in 15 minutes');
    const body = await ctx.body();
    const result = codes.redeem(body.terminalId, body.code);
    if (!result.ok) {
      failures.fail(key, now);
      if (result.reason === 'used') throw new ApiError(410, 'enrolment_code_used', 'this enrolment code was already used; ask the manager for a new one');
      if (result.reason === 'expired') throw new ApiError(410, 'enrolment_code_expired', 'this enrolment code has expired; ask the manager for a new one');
      throw new ApiError(401, 'bad_enrolment_code', 'no such enrolment code for this terminal');
    }
    const t = result.terminal;
    return { terminalId: t.id, role: t.role, counterId: t.counterId, token: result.token, page: pagePath(terminalConfig(t.id) ?? { id: t.id, role: t.role, counterId: t.counterId ?? undefined }) };
  });

  router.route('terminals', () => {
    return deps.config.terminals.map((t) => ({ id: t.id, role: t.role, counterId: t.counterId ?? null, name: t.name, page: pagePath(t) }));
  });

  router.route('enrolmentCode', (ctx) => {
    const t = terminalConfig(ctx.params.terminalId);
    if (!t) throw new ApiError(404, 'not_found', `no terminal "${ctx.params.terminalId}"`);
    const c = codes.create(t.id);
    return { terminalId: t.id, code: c.code, expiresAt: c.expiresAt, page: `${pagePath(t)}#enrol=${c.code}` };
  });
}
