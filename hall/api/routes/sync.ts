// Sync status route for the hall manager: GET /api/v1/admin/sync → SyncStatusDTO
// (hall/sync/status.ts). Access (hall/api/contract.ts, enforced by the Router):
// admin terminal + staff session. Read only; no event payload or token in the answer.
import type { Router } from '../router.js';
import type { SyncStatusDTO } from '../../sync/status.js';

export interface SyncRouteDeps {
  status(): SyncStatusDTO;
}

export function syncRoutes(router: Router, deps: SyncRouteDeps): void {
  router.route('syncStatus', () => deps.status());
}
