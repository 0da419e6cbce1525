// The hall's TLS status for the manager: GET /api/v1/admin/tls → TlsStatusDTO
// (hall/api/dto.ts). Access (declared in hall/api/contract.ts, enforced by the
// Router): admin terminal + staff session. Read only; the fingerprint shown is
// the one terminals pin.
import type { Router } from '../router.js';
import type { TlsStatusDTO } from '../dto.js';

export function tlsRoutes(router: Router, deps: { status: TlsStatusDTO }): void {
  router.route('tlsStatus', () => deps.status);
}
