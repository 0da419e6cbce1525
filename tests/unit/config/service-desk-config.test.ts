// The `serviceDesk` section through the configuration file a user writes (docs/service-desk.md):
// its defaults, its references checked with a clear path, and the loader's warning for a hall
// without a 办不成事反映窗口 (004 第三十三条) or a leader on duty.
// Mutations tried: serviceDeskReferenceProblems returning [] fails the unknown-leader and capped-offer
// refusals; configWarnings ignoring counter kinds fails the logged warning.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfigWith } from '../../helpers/hall-harness.js';
import { ConfigError, loadHallConfig } from '../../../hall/config/load.js';
import { configureLogging } from '../../../drivers/log/logger.js';

const files: string[] = [];
const config = (patch: (c: Record<string, unknown>) => void) => {
  const file = demoConfigWith(patch);
  files.push(file);
  return file;
};
afterEach(() => {
  configureLogging({ level: 'silent' });
  for (const f of files.splice(0)) fs.rmSync(path.dirname(f), { recursive: true, force: true });
});

describe('serviceDesk in the hall configuration', () => {
  it('has defaults: every offer, the default pause reasons, no contact, no leader', () => {
    const loaded = loadHallConfig(config((c) => delete c.serviceDesk));
    expect(loaded.serviceDesk.capOffers).toEqual({ offers: ['unresolved_counter', 'next_day_booking', 'guide_help'], bookingSlotMinutes: 30 });
    expect(loaded.serviceDesk.pauseReasons.map((r) => r.id)).toEqual(['training', 'meeting', 'system', 'rest', 'other']);
    expect(loaded.serviceDesk.contact).toBeNull();
    expect(loaded.serviceDesk.leadersOnDuty).toEqual([]);
  });

  it('refuses an unknown leader, an empty offer list and an offer matter whose queue has a cap, each with its path', () => {
    const file = config((c) => {
      c.serviceDesk = { leadersOnDuty: [{ staffId: 'nobody' }], capOffers: { offers: [], unresolvedMatterId: 'bdc-01' } };
    });
    let error: unknown;
    try {
      loadHallConfig(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('serviceDesk.capOffers.offers: offer at least one thing');
    const withOffers = config((c) => {
      c.serviceDesk = { leadersOnDuty: [{ staffId: 'nobody' }], capOffers: { unresolvedMatterId: 'bdc-01' } };
    });
    expect(() => loadHallConfig(withOffers)).toThrow(/serviceDesk\.leadersOnDuty\[0\]\.staffId: no staff "nobody"/);
    expect(() => loadHallConfig(withOffers)).toThrow(/serviceDesk\.capOffers\.unresolvedMatterId: its queue "A" has a daily cap/);
  });

  it('logs a warning at load for a hall without a 办不成事 counter and without a leader on duty', () => {
    const lines: string[] = [];
    configureLogging({ level: 'warn', destination: { write: (s: string) => void lines.push(s) } });
    loadHallConfig(
      config((c) => {
        (c.counters as { id: string; kind: string }[]).find((k) => k.id === 'c08')!.kind = 'enquiry';
        c.serviceDesk = {};
      }),
    );
    const text = lines.join('');
    expect(text).toContain('no unresolved-issue counter (办不成事反映窗口)');
    expect(text).toContain('no leader on duty on site is named');
    lines.length = 0;
    loadHallConfig(config(() => {}));
    expect(lines.join('')).not.toContain('办不成事');
  });
});
