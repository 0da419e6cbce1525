// The device agent of one terminal: runs the drivers of the devices plugged
// into this machine and connects them to the hall as this terminal
// (protocol/agent.ts). The same class runs in the Electron main process of
// every terminal and in the plain Node process `npm run terminal`.
//
//   hall → agent   print job (idempotent by job id, print-journal.ts), rating request
//                  and cancel for the pad, number for the keypad, technician commands
//   agent → hall   device list with health, print results, inputs with ids
//                  (card reads, rating presses, keypad keys; acked by the hall)
//
// Contracts: a device fault never stops the agent; while the hall is away the
// devices stay open (opened from the last defaults the hall sent, cached in the
// data folder) and the link retries. Card reads and keys are not queued for
// long: the hall drops stale ones by their age. Full ID numbers are held only
// to send them (never logged, never written).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { LocalDeviceConfig } from '../protocol/devices.js';
import { localDeviceSchema } from '../protocol/devices.js';
import { effectiveDevices, type TerminalDevices } from '../protocol/terminal-devices.js';
import type { AgentDeviceReport, AgentEmulatorAction, HallToAgent, PrintResult } from '../protocol/agent.js';
import type { PrintOutcome } from '../drivers/printer/index.js';
import type { EmulatedCard } from '../drivers/idcard/text-block.js';
import { DeviceSet } from './devices/device-set.js';
import type { DeviceHandle } from './devices/open-device.js';
import { HallLink, type HallLinkOptions, type HallLinkState } from './hall-link.js';
import { PrintJournal } from './print-journal.js';
import { writeFileDurably } from '../drivers/durable-file.js';
import { logger } from '../drivers/log/logger.js';

const log = logger('agent');

/** This process, told to the hall with every device list (the admin page's technical fold). */
const AGENT_PROCESS = { pid: process.pid, version: packageVersion() };

function packageVersion(): string {
  try {
    return String((createRequire(import.meta.url)('../package.json') as { version?: unknown }).version ?? 'unknown').slice(0, 40);
  } catch {
    return 'unknown';
  }
}

export interface TerminalDeviceAgentOptions {
  hallUrl: string;
  token: string;
  terminalId: string;
  /** This agent's own folder: print journal, cached hall defaults. */
  dataDir: string;
  /** The device part of terminal.json. */
  local?: TerminalDevices;
  tls?: HallLinkOptions['tls'];
  log?: (line: string) => void;
  /** Link tuning for tests (backoff, ping). */
  link?: Pick<HallLinkOptions, 'backoffInitialMs' | 'backoffMaxMs' | 'pingMs'>;
}

interface HallDefaults {
  devices: LocalDeviceConfig[];
  printerProfiles: Record<string, unknown>[];
}

export class TerminalDeviceAgent {
  readonly devices: DeviceSet;
  private readonly link: HallLink;
  private readonly journal: PrintJournal;
  private readonly inflight = new Map<string, Promise<PrintResult>>();
  private readonly listeners = new Set<(devices: AgentDeviceReport[]) => void>();
  private readonly log: (line: string) => void;
  private defaults: HallDefaults;
  private local: TerminalDevices;

  constructor(private readonly options: TerminalDeviceAgentOptions) {
    this.log = options.log ?? ((line) => log.info(line));
    this.local = options.local ?? {};
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.journal = PrintJournal.open(path.join(options.dataDir, 'print-journal.jsonl'));
    this.defaults = readCachedDefaults(path.join(options.dataDir, 'hall-defaults.json'), this.log);
    this.devices = new DeviceSet((h) => this.wire(h));
    this.devices.onChange((reports) => {
      this.link.send({ type: 'devices', devices: reports, agent: AGENT_PROCESS });
      for (const l of this.listeners) l(reports);
    });
    this.link = new HallLink({
      hallUrl: options.hallUrl,
      token: options.token,
      ...(options.tls && { tls: options.tls }),
      ...options.link,
      log: this.log,
      onOpen: () => this.link.send({ type: 'devices', devices: this.devices.reports(), agent: AGENT_PROCESS }),
      onMessage: (m) => this.onMessage(m),
      onState: (s) => {
        this.log(s.connected ? `device agent ${options.terminalId}: connected to the hall` : `device agent ${options.terminalId}: not connected (${s.reason})`);
      },
    });
  }

  /** Opens the devices (from the cached hall defaults and terminal.json), then connects. Never rejects for a device. */
  async start(): Promise<void> {
    await this.devices.apply(effectiveDevices(this.local, this.defaults.devices), this.printerProfiles());
    this.link.start();
  }

  /** The technician changed terminal.json's devices on this machine: reopen what changed. */
  async reconfigure(local: TerminalDevices): Promise<void> {
    this.local = local;
    await this.devices.apply(effectiveDevices(this.local, this.defaults.devices), this.printerProfiles());
  }

  /** The devices this agent runs now, as the hall would see them. */
  reports(): AgentDeviceReport[] {
    return this.devices.reports();
  }

  linkState(): HallLinkState {
    return this.link.status();
  }

  hallDefaults(): readonly LocalDeviceConfig[] {
    return this.defaults.devices;
  }

  onDevices(listener: (devices: AgentDeviceReport[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Prints bytes on one of this machine's printers now (technician's test print); not journaled. */
  async testPrint(deviceId: string, bytes: Uint8Array): Promise<PrintResult> {
    const h = this.devices.get(deviceId);
    if (h?.kind !== 'printer') return { status: 'failed', code: 'no_printer', message: `this terminal has no printer "${deviceId}"` };
    return resultOf(await h.printer.printRaw(bytes));
  }

  async stop(): Promise<void> {
    await this.link.stop();
    await Promise.allSettled(this.inflight.values());
    await this.devices.close();
    this.journal.close();
  }

  // ---- hall → agent ----

  private onMessage(m: HallToAgent): void {
    switch (m.type) {
      case 'welcome':
        return void this.welcome({ devices: m.defaultDevices, printerProfiles: m.printerProfiles });
      case 'print': {
        // A job held up in a stalled link must not come out of the printer after the visitor left.
        const hallNow = this.link.hallTime();
        const late = hallNow !== null && hallNow - m.sentAt > m.freshMs;
        return void this.print(m.jobId, m.deviceId, m.bytes, m.printIfNew && !late);
      }
      case 'rating_start': {
        const pad = this.devices.get(m.deviceId);
        if (pad?.kind !== 'rating_pad') return this.log(`device agent: rating request for "${m.deviceId}", which is not a rating pad here`);
        const { ratingId, counterNumber, staffName, ticketNumber, timeoutMs } = m;
        return void pad.pad.startRating({ ratingId, counterNumber, staffName, ticketNumber, timeoutMs }).catch((err: { code?: string }) => this.log(`device agent: rating pad ${m.deviceId} could not ask: ${err.code ?? String(err)}`));
      }
      case 'rating_cancel': {
        const pad = this.devices.get(m.deviceId);
        if (pad?.kind === 'rating_pad') void pad.pad.cancel(m.ratingId).catch(() => undefined);
        return;
      }
      case 'keypad_show': {
        const keypad = this.devices.get(m.deviceId);
        if (keypad?.kind === 'keypad') void keypad.keypad.showNumber(m.counterNumber, m.text).catch(() => undefined);
        return;
      }
      case 'command':
        return void this.command(m.requestId, m.deviceId, m.command);
      case 'refused':
        return this.log(`device agent: the hall refused ${m.id ?? 'a message'}: ${m.code} — ${m.message}`);
      case 'ack':
      case 'clock':
        return;
    }
  }

  private async welcome(defaults: HallDefaults): Promise<void> {
    const valid = defaults.devices.filter((d) => localDeviceSchema.safeParse(d).success);
    const next = { devices: valid, printerProfiles: defaults.printerProfiles };
    if (JSON.stringify(next) !== JSON.stringify(this.defaults)) {
      this.defaults = next;
      try {
        writeFileDurably(path.join(this.options.dataDir, 'hall-defaults.json'), JSON.stringify(next, null, 2));
      } catch (err) {
        this.log(`device agent: cannot cache the hall's device defaults: ${(err as Error).message}`);
      }
      await this.devices.apply(effectiveDevices(this.local, this.defaults.devices), this.printerProfiles());
    }
  }

  /** Prints a job at most once, ever (print-journal.ts); answers every repeat with what is known. */
  private async print(jobId: string, deviceId: string, base64: string, printIfNew: boolean): Promise<void> {
    const result = await this.printOnce(jobId, deviceId, base64, printIfNew);
    this.link.send({ type: 'print_result', jobId, result });
  }

  private printOnce(jobId: string, deviceId: string, base64: string, printIfNew: boolean): Promise<PrintResult> {
    const running = this.inflight.get(jobId);
    if (running) return running;
    const known = this.journal.lookup(jobId);
    if (known?.state === 'done') return Promise.resolve(known.result);
    if (known?.state === 'started') {
      return Promise.resolve({ status: 'unknown', code: 'agent_restarted', message: 'the terminal stopped while this job was printing: the ticket may or may not have come out' });
    }
    if (!printIfNew) return Promise.resolve({ status: 'not_printed', code: 'not_delivered', message: 'this terminal never received the job; it is too old to print now' });
    const printer = this.devices.get(deviceId);
    if (printer?.kind !== 'printer') return Promise.resolve({ status: 'failed', code: 'no_printer', message: `this terminal has no printer "${deviceId}"` });
    const run = (async (): Promise<PrintResult> => {
      this.journal.begin(jobId);
      let result: PrintResult;
      try {
        result = resultOf(await printer.printer.printRaw(Buffer.from(base64, 'base64')));
      } catch (err) {
        result = { status: 'unknown', code: 'driver_error', message: (err as Error).message };
      }
      this.journal.finish(jobId, result);
      return result;
    })();
    this.inflight.set(jobId, run);
    void run.finally(() => this.inflight.delete(jobId));
    return run;
  }

  private async command(requestId: string, deviceId: string, command: Extract<HallToAgent, { type: 'command' }>['command']): Promise<void> {
    const answer = (ok: boolean, code: string | null, message: string | null, print: PrintResult | null = null) =>
      this.link.send({ type: 'command_result', requestId, ok, code, message, print });
    try {
      if (command.kind === 'test_print') {
        const print = await this.testPrint(deviceId, Buffer.from(command.bytes, 'base64'));
        return void answer(true, null, null, print);
      }
      const h = this.devices.get(deviceId);
      if (!h) return void answer(false, 'not_found', `this terminal has no device "${deviceId}"`);
      const problem = await emulate(h, command.emulator);
      return void (problem ? answer(false, problem.code, problem.message) : answer(true, null, null));
    } catch (err) {
      answer(false, 'command_failed', (err as Error).message);
    }
  }

  // ---- device → hall ----

  private wire(h: DeviceHandle): () => void {
    const id = h.config.id;
    const send = (input: Parameters<HallLink['sendInput']>[2]) => this.link.sendInput(randomUUID(), id, input);
    switch (h.kind) {
      case 'id_reader': {
        const offCard = h.reader.onCard((record) => send({ kind: 'card', card: { idNumber: record.idNumber, cardType: record.cardType, name: record.name, birthDate: record.birthDate } }));
        const offFail = h.reader.onReadFailed((err) => send({ kind: 'card_error', code: err.code, message: err.message }));
        return () => {
          offCard();
          offFail();
        };
      }
      case 'rating_pad':
        return h.pad.onRating(({ ratingId, level }) => send({ kind: 'rating', ratingId, level }));
      case 'keypad':
        return h.keypad.onAction(({ counterNumber, action }) => send({ kind: 'keypad', counterNumber, action }));
      default:
        return () => {};
    }
  }

  private printerProfiles(): unknown[] {
    return [...(this.local.printerProfiles ?? []), ...this.defaults.printerProfiles];
  }
}

/** The driver's outcome in the link's words. */
export function resultOf(outcome: PrintOutcome): PrintResult {
  if (outcome.ok) {
    return !outcome.confirmed
      ? { status: 'unconfirmed', code: 'print_unconfirmed', message: 'sent to the printer with no fault reported; the printer cannot confirm it printed' }
      : { status: 'printed', code: null, message: null };
  }
  return { status: outcome.printed === 'unknown' ? 'unknown' : 'failed', code: outcome.code, message: outcome.message };
}

/** Demo and test controls of an emulated device; returns a problem, or null when done. */
async function emulate(h: DeviceHandle, action: AgentEmulatorAction): Promise<{ code: string; message: string } | null> {
  if (!h.emulated) return { code: 'not_emulated', message: `${h.config.id} is real hardware: use the device itself` };
  const wrong = (what: string) => ({ code: 'wrong_device', message: `${h.config.id} is not ${what}` });
  switch (action.action) {
    case 'unplug':
    case 'replug':
      await h[action.action]?.();
      return null;
    case 'swipe_card': {
      if (h.kind !== 'id_reader' || !h.emulator) return wrong('an ID card reader');
      const emulator = h.emulator;
      emulator.insertCard(action.card as unknown as EmulatedCard);
      // A swipe: the card rests on the reader long enough for a read, then is taken away.
      setTimeout(() => emulator.removeCard(), 4000).unref();
      return null;
    }
    case 'press':
      if (h.kind !== 'rating_pad' || !h.emulator) return wrong('a rating pad');
      await h.emulator.press(action.level);
      return null;
    case 'printer_state':
      if (h.kind !== 'printer' || !h.emulator) return wrong('a printer');
      h.emulator.setState(action.state);
      return null;
  }
}

function readCachedDefaults(file: string, log: (line: string) => void): HallDefaults {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as HallDefaults;
    return { devices: (data.devices ?? []).filter((d) => localDeviceSchema.safeParse(d).success), printerProfiles: data.printerProfiles ?? [] };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`device agent: ignoring unreadable ${file}: ${(err as Error).message}`);
    return { devices: [], printerProfiles: [] };
  }
}
