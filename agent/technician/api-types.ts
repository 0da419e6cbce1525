// The technician page's JSON contract (agent/technician/server.ts ⇄ renderer/technician/).
// Types only: the browser page imports this file for its shapes, never code.
import type { LocalDeviceConfig } from '../../protocol/devices.js';
import type { AgentDeviceReport, PrintResult } from '../../protocol/agent.js';
import type { MachinePorts } from './machine-ports.js';

export type { LocalDeviceConfig, AgentDeviceReport, PrintResult, MachinePorts };

/** GET /local/api/status. The token in terminal.json is never part of it. */
export interface TechnicianStatus {
  terminalId: string | null;
  hallUrl: string | null;
  link: { connected: true; since: number } | { connected: false; since: number; reason: string };
  /** Every device the agent runs now, with its health. */
  devices: AgentDeviceReport[];
  /** terminal.json's own devices (what this page writes). */
  localDevices: LocalDeviceConfig[];
  /** The hall's defaults for this terminal (last received or cached). */
  hallDefaults: LocalDeviceConfig[];
  /** false when terminal.json says `hallDefaults: false`. */
  usesHallDefaults: boolean;
}

/** PUT /local/api/devices body. */
export interface DevicesUpdate {
  devices: LocalDeviceConfig[];
  hallDefaults?: boolean;
}

/** POST /local/api/devices/:id/test-print answer. */
export interface TestPrintAnswer {
  print: PrintResult;
  /** The test ticket as an SVG image (exactly the bytes sent, decoded). */
  previewSvg: string;
}

/** POST /local/api/devices/:id/test-read answer (200). 408 when no card came. */
export interface TestReadAnswer {
  card: { maskedName: string; maskedIdNumber: string; cardType: string };
}

export interface TechnicianErrorBody {
  error: { code: string; message: string };
}
