// A short soak (bench/soak.ts, docs/soak.md) in the suite: five kill -9 cycles of the real
// hall process under load, one extra fault each (a damaged hall.lock, identity.key and
// terminals.json, the disk filled while it runs, its clock jumped), malformed requests all
// along; after every restart nothing acknowledged may be lost or duplicated.
// The long run (1,000+ cycles) is `npm run soak -- --cycles 1000`, not part of the suite.
// Mutation checked: making the hall drop its newest ticket row at every start
// (HallStore.loadState) makes this fail with lost > 0.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../../bench/soak/run.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('soak smoke', () => {
  it('loses and duplicates nothing acknowledged over five kill -9 cycles with faults', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const report = await runSoak({
      cycles: 5,
      port: await freePort(),
      seed: 42,
      faultRate: 0,
      faultPlan: ['lock', 'identity_key', 'terminals', 'disk_full_while_running', 'clock_jump'],
      mount: true,
      diskMiB: 256,
      clock: true,
      killAfterMs: [400, 900],
      skipMalformed: [],
      keep: false,
      log: (line) => lines.push(line),
      progressEvery: 0,
    });
    const summary = JSON.stringify({ ...report, load: undefined }, null, 1);
    expect(report.fatal, summary).toBeNull();
    expect(report.cycles).toBe(5);
    expect(report.acknowledged, summary).toBeGreaterThan(0);
    expect(report.callsAcknowledged, summary).toBeGreaterThan(0);
    expect({ lost: report.lost, lostCalls: report.lostCalls, duplicated: report.duplicated, calledTwice: report.calledTwice }).toEqual({ lost: 0, lostCalls: 0, duplicated: 0, calledTwice: 0 });
    expect({ numbers: report.storedDuplicateNumbers, calls: report.storedDoubleCalls }).toEqual({ numbers: 0, calls: 0 });
    // A damaged lock file never stops a start (the lock is the OS's, not the file's content).
    expect(report.faults.lock.applied).toBe(1);
    expect(report.faults.lock.refusedClear + report.faults.lock.refusedUnclear, summary).toBe(0);
    // A damaged identity.key may stop the hall, but only with a sentence saying what to do.
    expect(report.faults.identity_key.refusedUnclear, summary).toBe(0);
  });
});
