// Kiosk and manager read models of issue 4: what a kiosk offers now (its mode
// from the hall calendar and its zone), whether each matter can get a walk-in
// ticket now (said before anything is printed), the queues past their wait
// target, and the kiosk device faults the hall saw.
// Contract: nothing here changes engine state; nothing returns personal data.
// Danger: availability is a snapshot — the engine checks admission again when
// the ticket is issued, so a race (the last number taken a second earlier)
// still gets a clear 409, never a ticket beyond the cap.
import { admissionProblem, openCountersFor, waitWarning, type HallSetup } from '../domain/index.js';
import { kioskModeAt, type KioskMode } from '../domain/calendar/index.js';
import type { HallConfig } from '../config/schema.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import { eventFromRow, isEventOf, type EventRow } from '../store/event-log.js';
import type { HallViews } from './views.js';
import type { DeviceDTO, KioskAvailabilityDTO, KioskFaultDTO, KioskFaultsDTO, KioskModeDTO, QueueWarningDTO } from './dto.js';
import { logger } from '../../drivers/log/logger.js';

const log = logger('kiosk');

export type Zone = 'hall' | '24h';

/** The calendar's kiosk mode, or null when the hall has no calendar (always open). */
export function kioskModeAtOrOpen(setup: HallSetup, now: number, zone: Zone): KioskMode | null {
  return setup.calendar ? kioskModeAt(setup.calendar, now, zone, setup.dayRule) : null;
}

/** The zone of a kiosk terminal in the hall configuration ('hall' for unknown ones). */
export function zoneOf(config: HallConfig, terminalId: string): Zone {
  return config.terminals.find((t) => t.id === terminalId)?.zone ?? 'hall';
}

export function kioskMode(runtime: HallRuntime, zone: Zone): KioskModeDTO {
  const mode = kioskModeAtOrOpen(runtime.setup, runtime.timers.now(), zone);
  if (mode === null) {
    return { zone, screen: 'service', walkInTickets: true, checkIns: true, selfServiceMatters: true, guides: true, opensAt: null, nextChangeAt: null, hours: null, dayName: null };
  }
  const h = mode.hall.hours;
  return {
    zone,
    screen: mode.screen,
    walkInTickets: mode.walkInTickets,
    checkIns: mode.checkIns,
    selfServiceMatters: mode.selfServiceMatters,
    // Guides come from the catalog the hall holds: readable without staff, whatever the hour.
    guides: true,
    opensAt: mode.opensAt ? { at: mode.opensAt.at, localDate: mode.opensAt.localDate, localTime: mode.opensAt.localTime } : null,
    nextChangeAt: mode.nextChangeAt,
    hours: h ? { open: h.open, close: h.close, flexFrom: h.flexFrom, flexUntil: h.flexUntil } : null,
    dayName: mode.hall.dayName,
  };
}

export function kioskAvailability(config: HallConfig, runtime: HallRuntime, views: HallViews, zone: Zone): KioskAvailabilityDTO {
  const { state, setup } = runtime;
  const now = runtime.timers.now();
  const queues = new Map(config.queues.map((q) => [q.id, views.queue(q.id)]));
  return {
    now,
    serviceDay: state.serviceDay,
    mode: kioskMode(runtime, zone),
    matters: config.matters.map((m) => {
      const problem = admissionProblem(state, setup, m.id, 'walk_in', zone, now);
      const q = queues.get(m.queueId)!;
      return {
        matterId: m.id,
        available: problem === null,
        reason: problem?.code ?? null,
        facts: problem?.details ?? {},
        selfService: m.selfService,
        waiting: q.waiting,
        estimate: q.estimate,
      };
    }),
  };
}

/** Queues whose longest wait, or a new visitor's expected wait, is past the target; worst first. */
export function queueWarnings(config: HallConfig, runtime: HallRuntime, views: HallViews): QueueWarningDTO[] {
  const { state, setup } = runtime;
  const now = runtime.timers.now();
  const out: QueueWarningDTO[] = [];
  for (const q of config.queues) {
    const warning = waitWarning(state, setup, q.id, now);
    if (!warning) continue;
    const dto = views.queue(q.id);
    out.push({
      queueId: q.id,
      prefix: q.prefix,
      name: q.name,
      warning,
      waiting: dto.waiting,
      longestWaitMinutes: dto.longestWaitMinutes,
      estimate: dto.estimate,
      waitTargetMinutes: dto.waitTargetMinutes,
      openCounters: openCountersFor(state, setup, q.id),
    });
  }
  const over = (w: QueueWarningDTO) => Math.max(w.longestWaitMinutes, (w.estimate.minMinutes + w.estimate.maxMinutes) / 2) / w.waitTargetMinutes;
  return out.sort((a, b) => over(b) - over(a));
}

/** How many faults the admin page lists, newest first, and over how many days. */
export const MAX_FAULTS = 200;
export const FAULT_DAYS = 7;

/**
 * Kiosk device faults, kept as events in the outbox (kiosk_device_fault /
 * kiosk_device_recovered): they survive a restart and reach the central
 * platform, so a 24-hour-zone kiosk reports its own faults with nobody around.
 * Contract: observe() records one fault event per new fault code and one
 * recovery event when the device is healthy again; list() rebuilds the log of
 * the last FAULT_DAYS days from the outbox.
 */
export class KioskFaultLog {
  private readonly open = new Map<string, string>();
  private readonly kiosks: Map<string, { name: string; zone: Zone }>;

  constructor(
    config: HallConfig,
    private readonly runtime: HallRuntime,
  ) {
    this.kiosks = new Map(config.terminals.filter((t) => t.role === 'kiosk').map((t) => [t.id, { name: t.name, zone: t.zone }]));
    // Faults still open when the hall stopped: a recovery is recorded if the device is healthy at the next observe().
    for (const f of this.list()) if (f.endedAt === null) this.open.set(f.deviceId, f.code);
  }

  /** Feed every device list (at start and on each health change). */
  observe(devices: readonly DeviceDTO[]): void {
    const now = this.runtime.timers.now();
    for (const d of devices) {
      const kiosk = this.kiosks.get(d.terminalId);
      if (!kiosk) continue;
      const current = this.open.get(d.id);
      // "stopped": the driver is not running — not started yet, or closed by its agent. "agent_never_connected":
      // the hall has just started and the terminal's agent has not connected yet. Neither is a device fault.
      if (d.health.state === 'fault' && (d.health.code === 'stopped' || d.health.code === 'agent_never_connected')) continue;
      if (d.health.state === 'fault') {
        if (current === d.health.code) continue;
        // The hall's clock, not the device's: "unattended" is judged by the hall calendar.
        const mode = kioskModeAtOrOpen(this.runtime.setup, now, kiosk.zone);
        const unattended = mode !== null && (mode.screen === 'self_service' || mode.screen === 'closed');
        this.open.set(d.id, d.health.code);
        this.runtime.recordDeviceEvent({
          type: 'kiosk_device_fault',
          deviceId: d.id,
          terminalId: d.terminalId,
          zone: kiosk.zone,
          kind: d.kind,
          code: d.health.code,
          message: d.health.message,
          unattended,
        });
        log.warn(`kiosk device fault: ${d.id} on ${d.terminalId} (${kiosk.zone} zone): ${d.health.code}`);
      } else if (current !== undefined) {
        this.open.delete(d.id);
        this.runtime.recordDeviceEvent({ type: 'kiosk_device_recovered', deviceId: d.id, terminalId: d.terminalId });
      }
    }
  }

  list(): KioskFaultDTO[] {
    const since = this.runtime.timers.now() - FAULT_DAYS * 86_400_000;
    const rows = this.runtime.db
      .prepare("SELECT seq, id, type, service_day, at, payload FROM events WHERE type IN ('kiosk_device_fault', 'kiosk_device_recovered') AND at >= ? ORDER BY seq DESC LIMIT ?")
      .all(since, MAX_FAULTS * 2) as EventRow[];
    const faults: KioskFaultDTO[] = [];
    const endedAt = new Map<string, number>();
    // Newest first: a fault ends at the next fault or recovery of the same device.
    for (const e of rows.map(eventFromRow)) {
      if (!isEventOf(e, ['kiosk_device_fault', 'kiosk_device_recovered'])) continue;
      const deviceId = e.payload.deviceId;
      if (e.type === 'kiosk_device_fault') {
        const p = e.payload;
        faults.push({
          deviceId,
          terminalId: p.terminalId,
          terminalName: this.kiosks.get(p.terminalId)?.name ?? p.terminalId,
          zone: p.zone,
          kind: p.kind,
          code: p.code,
          message: p.message ?? '', // tolerant of rows written before the field existed
          since: e.at,
          endedAt: endedAt.get(deviceId) ?? null,
          unattended: p.unattended,
        });
      }
      endedAt.set(deviceId, e.at);
    }
    return faults.slice(0, MAX_FAULTS);
  }
}

/** The fault log and today's failed prints (print_failed events) for the admin page. */
export function kioskFaults(runtime: HallRuntime, log: KioskFaultLog): KioskFaultsDTO {
  const rows = runtime.db
    .prepare("SELECT seq, id, type, service_day, at, payload FROM events WHERE type = 'print_failed' AND service_day = ? ORDER BY seq DESC LIMIT 100")
    .all(runtime.state.serviceDay) as EventRow[];
  return {
    faults: log.list(),
    failedPrints: rows
      .map(eventFromRow)
      .filter((e) => isEventOf(e, ['print_failed']))
      .map((e) => ({ at: e.at, kioskId: e.payload.kioskId, number: e.payload.number ?? '', code: e.payload.code ?? null })),
  };
}
