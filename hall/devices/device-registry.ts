// Every device in the hall as the hall knows it: what each terminal's agent
// last reported (with health), or — for a terminal whose agent is not
// connected — its devices marked as unreachable. Devices the hall
// configuration declares for a terminal whose agent never connected are
// listed too, so the technician sees what is missing.
// Contract: the list is what admin pages, kiosks (printer banner) and the
// fault log read; it changes only through report()/online()/offline().
import type { DeviceDTO } from '../api/dto.js';
import type { HallConfig } from '../config/schema.js';
import type { AgentDeviceReport, AgentProcess } from '../../protocol/agent.js';
import { parsePrinterProfile, type PrinterProfile } from '../../drivers/printer/index.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('devices');

interface TerminalDevices {
  online: boolean;
  since: number;
  reports: AgentDeviceReport[];
  /** The agent process that sent the reports (null: an agent that does not say). */
  agent: AgentProcess | null;
  /** Parsed once per report: the profile the hall lays this terminal's tickets out for. */
  printers: Map<string, PrinterProfile>;
}

export class DeviceRegistry {
  private readonly terminals = new Map<string, TerminalDevices>();
  private readonly listeners = new Set<(devices: DeviceDTO[]) => void>();
  private readonly counterOf: Map<string, string | null>;

  constructor(
    private readonly config: HallConfig,
    private readonly now: () => number,
  ) {
    this.counterOf = new Map(config.terminals.map((t) => [t.id, t.counterId ?? null]));
  }

  online(terminalId: string): void {
    const t = this.entry(terminalId);
    t.online = true;
    t.since = this.now();
    this.changed();
  }

  offline(terminalId: string): void {
    const t = this.entry(terminalId);
    t.online = false;
    t.since = this.now();
    this.changed();
  }

  /** The agent's latest list. A printer whose profile does not parse is kept, marked, and never printed to. */
  report(terminalId: string, reports: AgentDeviceReport[], agent: AgentProcess | null = null): void {
    const t = this.entry(terminalId);
    t.reports = reports;
    t.agent = agent;
    t.printers = new Map();
    for (const r of reports) {
      if (r.kind !== 'printer' || !r.printerProfile) continue;
      try {
        t.printers.set(r.id, parsePrinterProfile(r.printerProfile));
      } catch (err) {
        log.warn(`device agent ${terminalId}: printer ${r.id} reported an unusable profile: ${(err as Error).message}`);
      }
    }
    this.changed();
  }

  isOnline(terminalId: string): boolean {
    return this.terminals.get(terminalId)?.online ?? false;
  }

  /** A device this terminal's agent reported; undefined for another terminal's device. */
  device(terminalId: string, deviceId: string): AgentDeviceReport | undefined {
    return this.terminals.get(terminalId)?.reports.find((r) => r.id === deviceId);
  }

  /** The terminal's devices of a kind, as last reported (also while its agent is away). */
  devicesOf(terminalId: string, kind: AgentDeviceReport['kind']): AgentDeviceReport[] {
    return this.terminals.get(terminalId)?.reports.filter((r) => r.kind === kind) ?? [];
  }

  /** The printer a kiosk prints on: its first reported printer with a usable profile (or the one named). */
  printerOf(terminalId: string, deviceId?: string): { deviceId: string; profile: PrinterProfile; health: AgentDeviceReport['health'] } | null {
    const t = this.terminals.get(terminalId);
    if (!t) return null;
    for (const r of t.reports) {
      if (deviceId !== undefined && r.id !== deviceId) continue;
      const profile = t.printers.get(r.id);
      if (profile) return { deviceId: r.id, profile, health: r.health };
    }
    return null;
  }

  list(): DeviceDTO[] {
    const out: DeviceDTO[] = [];
    const seen = new Set<string>();
    for (const [terminalId, t] of this.terminals) {
      for (const r of t.reports) {
        seen.add(`${terminalId}/${r.id}`);
        out.push({
          id: r.id,
          terminalId,
          counterId: this.counterOf.get(terminalId) ?? null,
          kind: r.kind,
          model: r.model,
          transport: r.transport,
          emulated: r.emulated,
          agentConnected: t.online,
          agent: t.agent,
          health: t.online ? r.health : { state: 'fault', code: 'agent_offline', message: `The device agent of terminal ${terminalId} is not connected; last known: ${r.health.message}`, since: t.since },
        });
      }
    }
    // Declared in the hall configuration but never reported by a connected agent.
    for (const d of this.config.devices) {
      if (seen.has(`${d.terminalId}/${d.id}`) || (this.terminals.get(d.terminalId)?.online ?? false)) continue;
      out.push({
        id: d.id,
        terminalId: d.terminalId,
        counterId: this.counterOf.get(d.terminalId) ?? null,
        kind: d.kind,
        model: d.model,
        transport: d.transport.type,
        emulated: d.transport.type === 'emulated',
        agentConnected: false,
        agent: null,
        health: { state: 'fault', code: 'agent_never_connected', message: `No device agent of terminal ${d.terminalId} has connected since the hall started.`, since: this.now() },
      });
    }
    return out;
  }

  /** For the hall overview and kiosks: whether a kiosk (or any kiosk) can print now. */
  printingStatus(kioskId?: string): { available: boolean; reason: string | null } {
    const printers = this.list().filter((d) => d.kind === 'printer' && (!kioskId || d.terminalId === kioskId));
    if (printers.length === 0) return { available: false, reason: 'no_printer' };
    const usable = printers.find((p) => p.health.state !== 'fault');
    return usable ? { available: true, reason: null } : { available: false, reason: printers[0]!.health.code };
  }

  onChange(listener: (devices: DeviceDTO[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entry(terminalId: string): TerminalDevices {
    let t = this.terminals.get(terminalId);
    if (!t) {
      t = { online: false, since: this.now(), reports: [], agent: null, printers: new Map() };
      this.terminals.set(terminalId, t);
    }
    return t;
  }

  private changed(): void {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }
}
