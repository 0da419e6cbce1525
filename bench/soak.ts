// Soak and fault suite: kill -9 the real hall process again and again while kiosks issue
// and counters call over HTTP, with damaged lock/key/terminal files, a full disk, a jumped
// clock and malformed requests mixed in; after every restart, checks that nothing the hall
// acknowledged was lost or duplicated. Prints the figures; exits 1 if anything was lost or
// duplicated (or the hall could not be started again). See docs/soak.md.
//
//   node --import tsx bench/soak.ts --cycles 1000
//   node --import tsx bench/soak.ts --minutes 10 [--port 18930] [--seed 7] [--fault-rate 0.35] [--no-mount] [--no-clock]
//     [--disk-mib 1024] [--faults lock,clock_jump,…] [--skip-malformed absolute-url-bad-port,…] [--json report.json] [--keep]
//
// Without --cycles or --minutes (as `npm run bench` runs it) it does 20 cycles.
import { parseArgs } from 'node:util';
import { failed, runSoak, type ExtraFault, type SoakReport } from './soak/run.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string' },
    minutes: { type: 'string' },
    port: { type: 'string', default: '18930' },
    seed: { type: 'string' },
    'fault-rate': { type: 'string', default: '0.35' },
    'disk-mib': { type: 'string', default: '1024' },
    'no-mount': { type: 'boolean', default: false },
    'no-clock': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'skip-malformed': { type: 'string', default: '' },
    faults: { type: 'string' },
    'progress-every': { type: 'string', default: '25' },
    json: { type: 'string' },
  },
});

const number = (name: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, not "${v}"`);
    process.exit(2);
  }
  return n;
};

let cycles = number('cycles', values.cycles);
const minutes = number('minutes', values.minutes);
if (cycles === undefined && minutes === undefined) cycles = 20;
const seed = number('seed', values.seed) ?? Math.floor(Math.random() * 2 ** 31);

export function printReport(r: SoakReport, log: (line: string) => void = console.log): void {
  log('');
  log(`soak: ${r.cycles} kill -9 cycles (${r.killsUnderLoad} while tickets or calls were being acknowledged), ${r.starts} hall starts, ${r.seconds} s`);
  log(`  acknowledged: ${r.acknowledged} tickets, ${r.callsAcknowledged} calls`);
  log(`  lost: ${r.lost} tickets, ${r.lostCalls} calls`);
  log(`  duplicated: ${r.duplicated} numbers acknowledged twice in a day, ${r.storedDuplicateNumbers} stored twice`);
  log(`  called twice: ${r.calledTwice} acknowledged, ${r.storedDoubleCalls} stored`);
  log(`  hall start p50 ${r.startMs.p50} ms, max ${r.startMs.max} ms; exited on its own ${r.exitedOnItsOwn} times`);
  log(`  disk: ${r.disk}; clock: ${r.clock}${r.unavailable.length ? `; not available here: ${r.unavailable.join(', ')}` : ''}`);
  log('  faults (besides kill -9 every cycle):');
  for (const [name, t] of Object.entries(r.faults)) {
    const notes = Object.entries(t.notes)
      .map(([k, v]) => `${k} ×${v}`)
      .join('; ');
    log(`    ${name.padEnd(24)} ${String(t.applied).padStart(5)} applied, refused to start: ${t.refusedClear} with a clear message, ${t.refusedUnclear} without${notes ? ` — ${notes}` : ''}`);
  }
  const m5 = Object.entries(r.load.malformed5xx).map(([k, v]) => `${k} ×${v}`);
  log(`    ${'malformed requests'.padEnd(24)} ${String(r.load.malformedSent).padStart(5)} sent, answered 5xx: ${m5.length ? m5.join(', ') : 'none'}`);
  log(`  real requests answered 5xx: ${r.load.serverErrors}; issue refusals: ${JSON.stringify(r.load.issueRefused)}`);
  for (const [why, n] of Object.entries(r.exitReasons)) log(`  exited on its own ×${n}: ${why}`);
  for (const m of r.exitMessages.slice(0, 5)) log(`  e.g. ${m}`);
  for (const e of r.examples) log(`  ${e}`);
  if (r.fatal) log(`  FATAL: ${r.fatal}`);
  log(failed(r) ? 'soak: FAILED' : 'soak: nothing acknowledged was lost or duplicated');
}

// Ctrl+C (or SIGTERM) ends the run after the current cycle, with the final check and the figures; a second one ends it at once.
let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    console.log(`\n${signal}: finishing this cycle, then the final check (again to quit at once; then umount the soak's tmpfs by hand)`);
  });
}

const report = await runSoak({
  cycles,
  minutes,
  port: number('port', values.port)!,
  seed,
  faultRate: number('fault-rate', values['fault-rate'])!,
  mount: !values['no-mount'],
  diskMiB: number('disk-mib', values['disk-mib'])!,
  clock: !values['no-clock'],
  killAfterMs: [200, 1_500],
  skipMalformed: values['skip-malformed'].split(',').filter(Boolean),
  only: values.faults === undefined ? undefined : (values.faults.split(',').filter(Boolean) as ExtraFault[]),
  keep: values.keep,
  log: (line) => console.log(line),
  progressEvery: number('progress-every', values['progress-every'])!,
  stopRequested: () => stopRequested,
});
printReport(report);
if (values.json) (await import('node:fs')).writeFileSync(values.json, JSON.stringify(report, null, 2));
process.exit(failed(report) ? 1 : 0);
