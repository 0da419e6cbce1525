// 差评 follow-up (docs/bad-rating-cases.md): the cases, their routes, the listener opening a case
// for each bad rating and the deadline timer.
import type { Db } from '../store/db.js';
import type { IdentitySealer } from '../identity/sealer.js';
import type { DatasetReader } from '../sync/downlink/dataset-reader.js';
import { BadRatingCases } from '../cases/bad-rating-cases.js';
import { badRatingCaseRoutes } from '../api/routes/bad-rating-cases.js';
import { setPhoneRatingCases } from '../sync/phone/handlers/phone-rating.js';
import type { HallApi } from './api.js';

export function openBadRatingCases(api: HallApi, db: Db, sealer: IdentitySealer, datasets: Pick<DatasetReader, 'ratingIndicators'>): { cases: BadRatingCases; close(): void } {
  const { deps } = api;
  const cases = new BadRatingCases({ db, config: deps.config, runtime: deps.runtime, sealer, indicators: () => datasets.ratingIndicators() });
  badRatingCaseRoutes(api.router, { ...deps, cases });
  cases.start();
  setPhoneRatingCases(deps.runtime, cases);
  return {
    cases,
    close: () => {
      setPhoneRatingCases(deps.runtime, null);
      cases.stop();
    },
  };
}
