// The hall's TLS status for the manager: GET /api/v1/admin/tls → TlsStatusDTO
// (hall/api/dto.ts). Contract: admin terminal + staff session, like the other
// admin routes; read only; the fingerprint shown is the one terminals pin.
import type { Router } from '../http.js';
import { staffSessionOf, terminalOf, type AccessDeps } from '../access.js';
import type { TlsStatusDTO } from '../dto.js';

export function tlsRoutes(router: Router, deps: AccessDeps, status: TlsStatusDTO): void {
  router.add('GET', '/api/v1/admin/tls', (ctx): TlsStatusDTO => {
    staffSessionOf(deps, ctx, terminalOf(deps, ctx, 'admin'));
    return status;
  });
}
