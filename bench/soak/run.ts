// The soak and fault run: kill -9 cycles against the real hall process under load, with one
// more fault in some cycles, verifying after every restart that nothing acknowledged was
// lost or duplicated (ledger.ts). bench/soak.ts is its command line; docs/soak.md explains it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadHallConfig } from '../../hall/config/load.js';
import { clearRefusal, HallProcess, type SpawnOptions } from './hall-process.js';
import { request, sleep } from './http.js';
import { Ledger } from './ledger.js';
import { emptyLoadStats, MALFORMED, Sessions, startLoad, type LoadStats, type Terminals } from './load.js';
import { Clock, damage, ensureFaketime, prepareDisk, type FileFault } from './faults.js';
import { learnTerminals } from './tokens.js';

const root = path.resolve(import.meta.dirname, '../..');

export type ExtraFault = 'lock' | 'identity_key' | 'terminals' | 'disk_full_at_start' | 'disk_full_while_running' | 'clock_jump';

export interface SoakOptions {
  /** Stop after this many kill cycles… */
  cycles?: number;
  /** …or after this many minutes (whichever comes first; at least one must be given). */
  minutes?: number;
  port: number;
  seed: number;
  /** Probability that a cycle gets one extra fault besides kill -9 and malformed requests. */
  faultRate: number;
  /** Instead of random faults: cycle i gets faultPlan[i] (null: none; a fault this machine cannot make: none). */
  faultPlan?: (ExtraFault | null)[];
  /** Put the data folder on a size-limited tmpfs to fill it (root only). */
  mount: boolean;
  diskMiB: number;
  /** Jump the hall's clock with libfaketime (installed when missing, as root). */
  clock: boolean;
  killAfterMs: [number, number];
  /** Malformed request kinds left out (e.g. one known to end the hall, while it is being fixed). */
  skipMalformed: string[];
  keep: boolean;
  log: (line: string) => void;
  progressEvery: number;
  /** Only these extra faults (default: every one this machine can make). */
  only?: ExtraFault[];
  /** Asked before each cycle: true ends the run early (with the final check and the report). */
  stopRequested?: () => boolean;
}

export interface FaultTally {
  applied: number;
  /** The hall would not start and said why in a sentence (the file was restored and it started). */
  refusedClear: number;
  /** The hall would not start with a stack trace, a signal or silence. */
  refusedUnclear: number;
  notes: Record<string, number>;
}

export interface SoakReport {
  commitDir: string;
  cycles: number;
  /** Cycles whose kill -9 came while tickets or calls were being acknowledged. */
  killsUnderLoad: number;
  starts: number;
  acknowledged: number;
  callsAcknowledged: number;
  lost: number;
  lostCalls: number;
  duplicated: number;
  calledTwice: number;
  storedDuplicateNumbers: number;
  storedDoubleCalls: number;
  /** The hall process ended without being killed (a crash under load or faults). */
  exitedOnItsOwn: number;
  exitMessages: string[];
  /** Why the hall process ended by itself, and how often. */
  exitReasons: Record<string, number>;
  faults: Record<ExtraFault, FaultTally>;
  /** Faults this machine could not make (not root, no mount, no libfaketime). */
  unavailable: ExtraFault[];
  load: LoadStats;
  startMs: { p50: number; max: number };
  seconds: number;
  disk: string;
  clock: string;
  fatal: string | null;
  examples: string[];
}

export function failed(r: SoakReport): boolean {
  return r.lost + r.lostCalls + r.duplicated + r.calledTwice + r.storedDuplicateNumbers + r.storedDoubleCalls > 0 || r.fatal !== null;
}

/** mulberry32: a seeded generator, so a run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lastLines = (text: string, n = 3) => text.trim().split('\n').slice(-n).join(' | ').slice(0, 400);
/** The line that says why a process died (an error's first line), else its last lines. */
const whyItDied = (text: string) => text.split('\n').find((l) => /^(\w*Error|Uncaught|.*could not start)/.test(l.trim()))?.trim().slice(0, 300) ?? lastLines(text);

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  if (o.cycles === undefined && o.minutes === undefined) throw new Error('give --cycles or --minutes');
  const random = seeded(o.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const started = performance.now();
  const deadline = o.minutes === undefined ? Infinity : started + o.minutes * 60_000;

  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-soak-'));
  const disk = prepareDisk(baseDir, o.diskMiB, o.mount);
  const dataDir = disk.dataDir;
  fs.mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'hall.sqlite');
  // The demo hall without daily caps: a long soak issues tens of thousands of tickets a day.
  const config = loadHallConfig(path.join(root, 'config/demo-hall.json'));
  for (const q of config.queues) q.dailyCap = null;
  const configFile = path.join(baseDir, 'hall.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const matters = config.queues.map((q) => config.matters.find((m) => m.queueId === q.id)?.id).filter((m): m is string => !!m);
  const counterStaff = config.staff.filter((s) => s.roles.includes('counter')).sort((a, b) => a.staffNo.localeCompare(b.staffNo));
  const callers = config.counters.slice(0, 4).map((c, i) => ({ counterId: c.id, staffNo: counterStaff[i]!.staffNo }));

  const faultNames: ExtraFault[] = ['lock', 'identity_key', 'terminals', 'disk_full_at_start', 'disk_full_while_running', 'clock_jump'];
  const badFaults = (o.only ?? []).filter((f) => !faultNames.includes(f));
  if (badFaults.length) throw new Error(`no fault named ${badFaults.join(', ')}; known: ${faultNames.join(', ')}`);
  const unknown = o.skipMalformed.filter((n) => !MALFORMED.some((m) => m.name === n));
  if (unknown.length) throw new Error(`no malformed request named ${unknown.join(', ')}; known: ${MALFORMED.map((m) => m.name).join(', ')}`);
  const malformed = MALFORMED.filter((m) => !o.skipMalformed.includes(m.name));
  const lib = o.clock ? ensureFaketime(o.log) : null;
  const clock = new Clock(lib, path.join(baseDir, 'faketime.rc'));
  const available: ExtraFault[] = ['lock', 'identity_key', 'terminals'];
  if (disk.kind !== 'none') available.push('disk_full_at_start');
  if (disk.kind === 'tmpfs') available.push('disk_full_while_running');
  if (clock.available) available.push('clock_jump');
  if (o.only) available.splice(0, available.length, ...available.filter((f) => o.only!.includes(f)));

  const tally = () => ({ applied: 0, refusedClear: 0, refusedUnclear: 0, notes: {} });
  const report: SoakReport = {
    commitDir: root,
    cycles: 0,
    killsUnderLoad: 0,
    starts: 0,
    acknowledged: 0,
    callsAcknowledged: 0,
    lost: 0,
    lostCalls: 0,
    duplicated: 0,
    calledTwice: 0,
    storedDuplicateNumbers: 0,
    storedDoubleCalls: 0,
    exitedOnItsOwn: 0,
    exitMessages: [],
    exitReasons: {},
    faults: { lock: tally(), identity_key: tally(), terminals: tally(), disk_full_at_start: tally(), disk_full_while_running: tally(), clock_jump: tally() },
    unavailable: [],
    load: emptyLoadStats(),
    startMs: { p50: 0, max: 0 },
    seconds: 0,
    disk: disk.kind === 'tmpfs' ? `tmpfs of ${o.diskMiB} MiB, shrunk to fill it` : disk.kind === 'fsize' ? 'RLIMIT_FSIZE (prlimit) at start only' : 'off (not root and no prlimit)',
    clock: clock.available ? `libfaketime (${lib})` : 'off',
    fatal: null,
    examples: [],
  };
  report.unavailable = (['disk_full_at_start', 'disk_full_while_running', 'clock_jump'] as ExtraFault[]).filter((f) => !available.includes(f) && !(o.only && !o.only.includes(f)));
  const note = (f: ExtraFault, what: string) => (report.faults[f].notes[what] = (report.faults[f].notes[what] ?? 0) + 1);
  const startTimes: number[] = [];
  const ledger = new Ledger();

  o.log(`soak: data folder ${dataDir} (disk: ${report.disk}; clock: ${report.clock}); seed ${o.seed}`);
  let terminals: Terminals = await learnTerminals(dataDir, configFile);
  const sessions = new Sessions(() => terminals);
  const keyFile = path.join(dataDir, 'identity.key');
  let keyBackup = fs.readFileSync(keyFile);
  const spawnOptions = (wrapper: string[] = []): SpawnOptions => ({ dataDir, configFile, port: o.port, env: clock.env(), wrapper });

  /** Starts the hall; on a refusal, restores what the fault damaged (as a technician would) and starts again. */
  const startHall = async (fault: ExtraFault | null, wrapper: string[] = []): Promise<HallProcess | null> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      report.starts++;
      const outcome = await HallProcess.start(spawnOptions(attempt === 0 ? wrapper : []));
      if (outcome.ok) {
        startTimes.push(outcome.ms);
        return outcome.hall;
      }
      const clear = clearRefusal(outcome);
      if (fault && attempt === 0) {
        if (clear) report.faults[fault].refusedClear++;
        else report.faults[fault].refusedUnclear++;
        note(fault, `refused: ${whyItDied(outcome.output).replace(dataDir, '<data>')}`.slice(0, 110));
      } else if (report.exitMessages.length < 10) report.exitMessages.push(`refused to start without a fault: ${lastLines(outcome.output)}`);
      fs.writeFileSync(keyFile, keyBackup);
      disk.release();
      if (attempt === 1) {
        // A technician's last resort for a refusing lock: remove the lock files.
        fs.rmSync(path.join(dataDir, 'hall.lock'), { force: true });
        fs.rmSync(path.join(dataDir, 'hall.pid'), { force: true });
      }
    }
    return null;
  };

  /** Whether the kiosk token still opens the hall (terminals.json damage may re-issue tokens). */
  const tokensWork = async (hall: HallProcess) => {
    try {
      return (await request(hall.base, 'GET', '/api/v1/hall', { token: terminals.kiosks[0] })).status !== 401;
    } catch {
      return true; // no answer: the hall died just after starting; the cycle's exit check counts that
    }
  };

  const wanted = o.cycles ?? Infinity;
  let hall: HallProcess | null = null;
  try {
    while (report.cycles < wanted && performance.now() < deadline && !o.stopRequested?.()) {
      const planned = o.faultPlan ? (o.faultPlan[report.cycles] ?? null) : undefined;
      const randomFault = random() < o.faultRate ? available[Math.floor(random() * available.length)]! : null;
      const fault = planned === undefined ? randomFault : planned && available.includes(planned) ? planned : null;
      let wrapper: string[] = [];
      if (fault) report.faults[fault].applied++;
      if (fault === 'lock' || fault === 'identity_key' || fault === 'terminals') note(fault, damage(dataDir, fault as FileFault, random));
      if (fault === 'disk_full_at_start') {
        if (disk.kind === 'tmpfs') note(fault, disk.fill() ? 'filled' : 'could not fill');
        else wrapper = disk.wrapperForFullStart();
      }

      hall = await startHall(fault, wrapper);
      if (!hall) {
        report.fatal = `the hall did not start again after cycle ${report.cycles}${fault ? ` (fault ${fault})` : ''}: ${report.exitMessages.at(-1) ?? ''}`;
        break;
      }
      if (!(await tokensWork(hall))) {
        note(fault ?? 'terminals', 'terminal tokens re-issued');
        await hall.kill();
        terminals = await learnTerminals(dataDir, configFile);
        hall = await startHall(null);
        if (!hall) {
          report.fatal = 'the hall did not start again after re-learning terminal tokens';
          break;
        }
      }
      if (fault === 'identity_key' && !fs.readFileSync(keyFile).equals(keyBackup)) {
        // The hall replaces a damaged key when nothing is sealed with it (the soak issues no
        // real-name tickets); the new key is the one to restore from now on.
        note(fault, 'started with a damaged or replaced identity.key');
        keyBackup = fs.readFileSync(keyFile);
      }

      // After every restart: everything acknowledged so far is there.
      ledger.verify(dbFile);

      const before = ledger.counts.acknowledged + ledger.counts.callsAcknowledged;
      const load = startLoad({ base: hall.base, terminals: () => terminals, matters, counters: callers, sessions, ledger, stats: report.load, issuersPerKiosk: 2, random, malformed });
      let killAt = between(o.killAfterMs[0], o.killAfterMs[1]);
      if (fault === 'clock_jump') {
        await sleep(between(50, 400));
        const forward = random() < 0.6 || clock.offsetSeconds < -86_400;
        const seconds = forward ? between(3_600, 36 * 3_600) : -between(3_600, 10 * 3_600);
        clock.jump(seconds);
        note(fault, forward ? 'forward' : 'back');
        killAt = Math.max(killAt, 1_500); // let the jump land (libfaketime re-reads within a second)
      }
      if (fault === 'disk_full_while_running') {
        await sleep(between(50, 400));
        if (disk.fill()) {
          note(fault, 'filled');
          // Full for a while under load, then space again: the running hall must take tickets
          // again by itself, without a restart.
          await sleep(between(300, 700));
          disk.release();
          const acknowledged = ledger.counts.acknowledged;
          const until = performance.now() + 3_000;
          while (ledger.counts.acknowledged === acknowledged && performance.now() < until && !hall.exitedAlready) await sleep(50);
          note(fault, ledger.counts.acknowledged > acknowledged ? 'took tickets again once space returned' : 'no ticket within 3 s of space returning');
        } else note(fault, 'could not fill');
        killAt = 0; // the kill comes now, under load again
      }
      const loadStarted = performance.now();
      await Promise.race([sleep(Math.max(0, killAt - (performance.now() - loadStarted))), hall.exited]);
      if (hall.exitedAlready) {
        report.exitedOnItsOwn++;
        const why = whyItDied(hall.output).slice(0, 120);
        report.exitReasons[why] = (report.exitReasons[why] ?? 0) + 1;
        if (report.exitMessages.length < 10) report.exitMessages.push(`cycle ${report.cycles}${fault ? ` (${fault})` : ''}: ${whyItDied(hall.output)}`);
      }
      await hall.kill();
      hall = null;
      await load.stop();
      disk.release();
      if (ledger.counts.acknowledged + ledger.counts.callsAcknowledged > before) report.killsUnderLoad++;
      report.cycles++;
      if (o.progressEvery > 0 && report.cycles % o.progressEvery === 0) {
        const c = ledger.counts;
        o.log(`cycle ${report.cycles}: acknowledged ${c.acknowledged} tickets, ${c.callsAcknowledged} calls; lost ${c.lost + c.lostCalls}, duplicated ${c.duplicated}, called twice ${c.calledTwice}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }
    // The last restart: everything acknowledged during the whole run, checked once more.
    if (!report.fatal) {
      hall = await startHall(null);
      if (!hall) report.fatal = 'the hall did not start for the final check';
      else {
        ledger.verify(dbFile, true);
        const stored = Ledger.storedDuplicates(dbFile);
        report.storedDuplicateNumbers = stored.numbers;
        report.storedDoubleCalls = stored.calls;
        await hall.stop();
        hall = null;
      }
    }
  } finally {
    if (hall) await hall.kill();
    disk.teardown();
    if (!o.keep) fs.rmSync(baseDir, { recursive: true, force: true });
  }
  Object.assign(report, ledger.counts);
  report.examples = ledger.examples;
  const sorted = [...startTimes].sort((a, b) => a - b);
  report.startMs = { p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted.at(-1) ?? 0) };
  report.seconds = Math.round((performance.now() - started) / 1000);
  return report;
}
