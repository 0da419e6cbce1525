// Sync status route for the hall manager: GET /api/v1/admin/sync → SyncStatusDTO
// (hall/sync/status.ts). Contract: admin terminal + staff session, like the
// other admin routes; read only; no event payload or token in the answer.
// Wiring (hall/service.ts, by the lead): syncRoutes(router, deps, { status: () => readSyncStatus(db, settings, timers.now()) }).
import type { Router } from '../http.js';
import { staffSessionOf, terminalOf, type AccessDeps } from '../access.js';
import type { SyncStatusDTO } from '../../sync/status.js';

export interface SyncRouteDeps {
  status(): SyncStatusDTO;
}

export function syncRoutes(router: Router, deps: AccessDeps, sync: SyncRouteDeps): void {
  router.add('GET', '/api/v1/admin/sync', (ctx): SyncStatusDTO => {
    staffSessionOf(deps, ctx, terminalOf(deps, ctx, 'admin'));
    return sync.status();
  });
}
