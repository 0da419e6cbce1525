// The demo hall service syncing with the real central platform (central/server.ts on a real
// PostgreSQL): for tests that follow what the hall sends up. No calendar (any hour is open),
// a small uplink backoff so an outage heals within a test; `patch` adjusts the hall's
// configuration further. Waits poll for a state (`until`), never for a time.
import demoHall from '../../config/demo-hall.json' with { type: 'json' };
import { adminSignIn, demoConfigWith, startHarness, type Harness } from './hall-harness.js';
import { startCentralHarness, type CentralHarness, type CentralHarnessOptions } from './central-harness.js';

export interface HallWithCentral {
  central: CentralHarness;
  h: Harness;
  /** An admin (manager) session token. */
  manager: string;
  close(): Promise<void>;
}

export async function startHallWithCentral(patch: (config: Record<string, unknown>) => void = () => {}, centralOptions: Partial<CentralHarnessOptions> = {}): Promise<HallWithCentral> {
  const central = await startCentralHarness({ hallId: demoHall.hall.id, hallName: demoHall.hall.name, areaCode: demoHall.hall.areaCode, ...centralOptions });
  const configPath = demoConfigWith((c) => {
    c.calendar = null;
    c.sync = central.syncSection({ backoff: { baseMs: 20, capMs: 300 }, idlePollSeconds: 1, requestTimeoutSeconds: 5 });
    patch(c);
  });
  const h = await startHarness({ configPath, dataDir: central.hallDataDir() });
  const manager = await adminSignIn(h);
  return {
    central,
    h,
    manager,
    async close() {
      await h.close();
      await central.close();
    },
  };
}

/** Polls `cond` every 50 ms for up to 20 s; throws naming `what` when it never holds. */
export async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
