// Service records (docs/service-records.md): the books, their routes, and the timer that
// withdraws overdue 容缺受理 cases. The promised time limits come from the 办事指南 the hall
// serves (central's, else the hall's own: hall/guides/guide-source.ts).
import type { Db } from '../store/db.js';
import type { IdentitySealer } from '../identity/sealer.js';
import type { GuideSource } from '../guides/guide-source.js';
import { ServiceRecords } from '../records/service-records.js';
import { serviceRecordRoutes } from '../api/routes/service-records.js';
import type { HallApi } from './api.js';

export interface OpenServiceRecords {
  records: ServiceRecords;
  close(): void;
}

export function openServiceRecords(api: HallApi, db: Db, sealer: IdentitySealer, guides: Pick<GuideSource, 'guideOf'>): OpenServiceRecords {
  const { deps } = api;
  const records = new ServiceRecords({
    db,
    config: deps.config,
    runtime: deps.runtime,
    devices: deps.devices,
    sealer,
    promisedLimitOf: (code) => guides.guideOf(code)?.guide.timeLimits.promised ?? null,
  });
  serviceRecordRoutes(api.router, { ...deps, records });
  records.start();
  return { records, close: () => records.stop() };
}
