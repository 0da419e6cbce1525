// The device part of a terminal's terminal.json, read by the device agent in
// Electron and in the plain Node agent alike (docs/device-agent.md):
//   "devices":        what is plugged into THIS machine (ports differ per PC);
//                     an entry replaces the hall's default of the same id, others add to them
//   "hallDefaults":   false → use only this file's devices, ignore the hall's defaults
//   "printerProfiles": custom printer models for this machine's printers
//   "technicianPort": where the technician's page listens on this machine (127.0.0.1 only)
import { z } from 'zod';
import { localDeviceSchema, type LocalDeviceConfig } from './devices.js';

export const terminalDevicesShape = {
  devices: z.array(localDeviceSchema).max(32).optional(),
  hallDefaults: z.boolean().optional(),
  printerProfiles: z.array(z.record(z.string(), z.unknown())).optional(),
  technicianPort: z.number().int().min(0).max(65535).optional(),
};

export const terminalDevicesSchema = z.object(terminalDevicesShape);
export type TerminalDevices = z.infer<typeof terminalDevicesSchema>;

/** The devices an agent runs: the hall's defaults for this terminal, overridden and extended by terminal.json. */
export function effectiveDevices(local: TerminalDevices, hallDefaults: readonly LocalDeviceConfig[]): LocalDeviceConfig[] {
  const own = local.devices ?? [];
  const base = local.hallDefaults === false ? [] : hallDefaults.filter((d) => !own.some((o) => o.id === d.id));
  return [...base, ...own];
}
