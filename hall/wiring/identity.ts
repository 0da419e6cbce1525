// Identity: the sealer of ID numbers at rest (<data>/identity.key) and the real-name
// tickets it seals. A damaged key with sealed rows stops the start here (IdentityKeyError).
import type { HallConfig } from '../config/schema.js';
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { Timers } from '../runtime/timers.js';
import { IdentitySealer, sealedRows } from '../identity/sealer.js';
import { RealNameTickets } from '../identity/real-name.js';
import { KioskCards } from '../identity/kiosk-cards.js';

export interface HallIdentity {
  sealer: IdentitySealer;
  realName: RealNameTickets;
  /** Card reads waiting at each kiosk (kept for the kiosk's idle time). */
  cards: KioskCards;
  close(): void;
}

/** Opens the sealer, purges identities past retention now and at each day close. */
export function openIdentity(dataDir: string, db: Db, runtime: HallRuntime, config: HallConfig, timers: Timers): HallIdentity {
  const sealer = IdentitySealer.fromDataDir(dataDir, () => sealedRows(db));
  const realName = new RealNameTickets(db, sealer, { dayRule: runtime.setup.dayRule, retentionDays: config.realName.retentionDays });
  const purge = () => realName.purge(timers.now());
  purge();
  const unsubscribe = runtime.onEvents((events) => {
    if (events.some((e) => e.type === 'service_day_closed')) purge();
  });
  return { sealer, realName, cards: new KioskCards(config.timeouts.kioskIdleSeconds * 1000), close: unsubscribe };
}
