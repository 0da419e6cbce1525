// 上门服务 requests filed on central (000 第二十九条(二)): they arrive as the `home_visits`
// downlink dataset; each is recorded in the home-visit book under central's id
// (external_id), so a dataset delivered again — a repeated delta, a snapshot after a
// must_refetch, a restart — never makes a second request; one that left the dataset (withdrawn on
// central) is cancelled while still open. Runs at start and after every
// downlink round that changed the dataset; the manager then sees it like a kiosk one.
// Contract: a request for a matter this hall does not offer is skipped and logged by key
// (central checks the code against the hall's catalog, but the hall's own matters decide).
// Dangers: items as read hold the contact in clear (stored sealed, opened by the reader);
// the book seals it again; never log it here.
import type { HallConfig } from '../config/schema.js';
import type { DatasetReader } from '../sync/downlink/dataset-reader.js';
import type { SyncAgent } from '../sync/sync-agent.js';
import type { HomeVisitBook } from './home-visit-book.js';

/** Records every request the hall holds from central (once each: the book keys them by central's id). */
export function receiveCentralHomeVisits(book: HomeVisitBook, reader: DatasetReader, matters: HallConfig['matters'], log: (line: string) => void): void {
  const byCode = new Map(matters.map((m) => [m.code, m.id]));
  const items = reader.homeVisitRequests();
  for (const item of items) {
    const matterId = byCode.get(item.matterCode);
    if (!matterId) {
      log(`home visit request ${item.id} from central names matter code ${item.matterCode}, which this hall does not offer: skipped`);
      continue;
    }
    // One request that cannot be recorded must not hold back the others (retried next round).
    try {
      book.request('central', { matterId, reason: item.reason, contact: item.contact }, item.id, item.filedAt);
    } catch (err) {
      log(`home visit request ${item.id} from central not recorded (next round retries): ${(err as Error).message}`);
    }
  }
  // Withdrawn on central: its request left the dataset. Cancelled here while still open.
  for (const code of book.withdrawCentral(new Set(items.map((i) => i.id)))) log(`home visit ${code} withdrawn on central: cancelled`);
}

/** At start and after each downlink round that changed `home_visits`; returns the unsubscribe. */
export function wireCentralHomeVisits(sync: SyncAgent, book: HomeVisitBook, matters: HallConfig['matters'], log: (line: string) => void): () => void {
  const receive = (reader: DatasetReader) => receiveCentralHomeVisits(book, reader, matters, log);
  receive(sync.datasets);
  return sync.onDatasetChanged('home_visits', receive);
}
