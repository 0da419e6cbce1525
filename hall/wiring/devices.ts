// Devices: the agents' hub, the registry of what they report, the print jobs, and (once the
// live feed exists) the wiring of agents' inputs to commands. The hall opens no device itself.
import type { HallConfig } from '../config/schema.js';
import type { Db } from '../store/db.js';
import type { HallRuntime } from '../runtime/hall-runtime.js';
import type { Timers } from '../runtime/timers.js';
import type { TerminalRegistry } from '../auth/tokens.js';
import type { KioskCards } from '../identity/kiosk-cards.js';
import type { LiveHub } from '../api/live.js';
import { HallDevices } from '../devices/hall-devices.js';
import { AgentHub } from '../devices/agent-hub.js';
import { DeviceRegistry } from '../devices/device-registry.js';
import { PrintJobs } from '../devices/print-jobs.js';
import { wireDevices } from '../devices/device-wiring.js';

export interface HallDeviceParts {
  hub: AgentHub;
  registry: DeviceRegistry;
  printJobs: PrintJobs;
  devices: HallDevices;
  /** Closes the agents' connections. */
  close(): Promise<void>;
}

export function openDevices(db: Db, runtime: HallRuntime, terminals: TerminalRegistry, config: HallConfig, timers: Timers): HallDeviceParts {
  const hub = new AgentHub(terminals, () => timers.now());
  const registry = new DeviceRegistry(config, () => timers.now());
  const printJobs = new PrintJobs(db, runtime, hub, registry, config.deviceAgents.printFreshSeconds * 1000);
  const unsubscribe = runtime.onEvents((events) => {
    if (events.some((e) => e.type === 'service_day_closed')) printJobs.closeDay(timers.now());
  });
  return {
    hub,
    registry,
    printJobs,
    devices: new HallDevices(config, registry, printJobs, hub),
    async close() {
      unsubscribe();
      await hub.close();
    },
  };
}

/** Routes agents' inputs (card reads, keys, print outcomes) to commands and the live feed. */
export function wireDeviceAgents(parts: HallDeviceParts, config: HallConfig, runtime: HallRuntime, cards: KioskCards, live: LiveHub): { close(): void } {
  return { close: wireDevices({ config, runtime, hub: parts.hub, registry: parts.registry, printJobs: parts.printJobs, cards, live }) };
}
