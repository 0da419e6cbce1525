// The `remoteTickets` settings (docs/remote-tickets.md), each set through a hall configuration file
// and checked for its effect: what the hall tells central (quotas from maxSharePercent and
// typicalDailyTickets/dailyCap, window, limits, matters) and where a check-in goes (placement).
// Mutations tried: remoteSettingsOf ignoring dailyCap (queue A's quota becomes 40: fails);
// ignoring matterIds (every matter offered: fails); the placement from the file not reaching the
// engine (always check_in_time: the issue_time case fails); the matterIds reference check removed
// (the bad file loads: fails).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadHallConfig } from '../../../hall/config/load.js';
import { hallSetupFrom } from '../../../hall/config/setup.js';
import { remoteSettingsOf } from '../../../hall/remote-tickets/central-link.js';
import { emptyState } from '../../../hall/domain/index.js';
import { EngineDriver } from '../../helpers/engine-driver.js';
import { demoConfigWith } from '../../helpers/hall-harness.js';

const MONDAY_10AM = Date.UTC(2026, 10, 23, 2, 0);

function configWith(remoteTickets: Record<string, unknown>, patch: (c: Record<string, unknown>) => void = () => {}) {
  const file = demoConfigWith((c) => {
    c.calendar = null;
    c.remoteTickets = remoteTickets;
    patch(c);
  });
  try {
    return loadHallConfig(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('remoteTickets settings through the configuration file', () => {
  it('is off with its defaults when the section is absent', () => {
    const config = configWith({}, (c) => delete c.remoteTickets);
    expect(config.remoteTickets).toMatchObject({ enabled: false, placement: 'check_in_time', maxSharePercent: 20, checkInWithinMinutes: 60, perIdentityPerDay: 1 });
    expect(remoteSettingsOf(config).enabled).toBe(false);
  });

  it('tells central the window, the limits, the matters offered and each queue’s share of its daily numbers', () => {
    const config = configWith(
      { enabled: true, maxSharePercent: 25, typicalDailyTickets: 80, checkInWithinMinutes: 30, checkInUntil: '16:30', issueFrom: '08:00', issueUntil: '15:00', perIdentityPerDay: 2, perHallPerDay: 50, noShowLimit: 2, noShowWindowDays: 14, matterIds: ['bdc-01'] },
      (c) => {
        const queues = c.queues as { id: string; dailyCap?: number | null }[];
        queues.find((q) => q.id === 'A')!.dailyCap = 120;
      },
    );
    const s = remoteSettingsOf(config);
    expect(s).toMatchObject({ enabled: true, checkInWithinMinutes: 30, checkInUntil: '16:30', issueFrom: '08:00', issueUntil: '15:00', perIdentityPerDay: 2, perHallPerDay: 50, noShowLimit: 2, noShowWindowDays: 14, utcOffsetMinutes: 480, dayStartsAtHour: 3 });
    expect(s.matters).toEqual([{ matterId: 'bdc-01', name: '不动产转移登记（二手房买卖）', queueId: 'A' }]);
    // 25 % of queue A's dailyCap 120.
    expect(s.queues).toEqual([{ queueId: 'A', name: expect.any(String), dailyQuota: 30 }]);
    // Without matterIds: every matter that is not self-service; a queue without a cap uses typicalDailyTickets.
    const all = remoteSettingsOf(configWith({ enabled: true, maxSharePercent: 25, typicalDailyTickets: 80 }));
    expect(all.matters.length).toBe(config.matters.filter((m) => !m.selfService).length);
    expect(all.queues.find((q) => q.queueId === 'B')?.dailyQuota).toBe(20);
  });

  it('refuses a file naming a matter that does not exist, or a share over 90 %, with the path', () => {
    expect(() => configWith({ enabled: true, matterIds: ['no-such'] })).toThrow(/remoteTickets\.matterIds\[0\]: no matter "no-such"/);
    expect(() => configWith({ enabled: true, maxSharePercent: 95 })).toThrow(/remoteTickets\.maxSharePercent/);
    expect(() => configWith({ enabled: true, placement: 'front' })).toThrow(/remoteTickets\.placement/);
  });

  for (const placement of ['check_in_time', 'issue_time'] as const) {
    it(`placement ${placement} from the file decides where a check-in goes`, () => {
      const config = configWith({ enabled: true, placement, maxSharePercent: 50 });
      const setup = hallSetupFrom(config);
      const d = new EngineDriver(setup, emptyState(setup, '2026-11-23'), MONDAY_10AM);
      for (let i = 0; i < 6; i++) d.issue('bdc-01');
      const { placement: p, maxSharePercent } = config.remoteTickets;
      d.run({ type: 'check_in_remote', ticketId: 'r1', kioskId: 'kiosk-1', remote: { id: 'rt1', matterId: 'bdc-01', issuedAt: MONDAY_10AM - 3600_000, checkInUntil: MONDAY_10AM + 60_000, status: 'pending' }, greenCategory: null, placement: p, maxSharePercent });
      const line = d.state.lines.get('A')!.walk_in.ids();
      if (placement === 'check_in_time') expect(line.at(-1)).toBe('r1');
      else expect(line.indexOf('r1')).toBeLessThan(line.length - 1);
    });
  }
});
