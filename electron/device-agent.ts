// The terminal's device agent inside the Electron main process: the same
// TerminalDeviceAgent that `npm run terminal` runs as a plain Node process
// (agent/device-agent.ts), for every role alike — the master terminal has no
// special path. Its devices come from terminal.json (protocol/terminal-devices.ts)
// over the hall configuration's defaults for this terminal.
//
// The page never touches a device. It sees only DeviceStatus values through the
// preload's onDeviceStatus; print/read/rate commands flow hall → agent over the
// hall's LAN link, not through the page.
import path from 'node:path';
import type { DeviceHealth } from '../drivers/contract.js';
import type { DeviceKind } from '../protocol/devices.js';
import { terminalDevicesSchema } from '../protocol/terminal-devices.js';
import { pinnedTlsOptions } from '../protocol/tls-pin.js';
import { TerminalDeviceAgent } from '../agent/device-agent.js';
import { startTechnicianPage, type TechnicianPage } from '../agent/technician/server.js';
import type { ResolvedTerminal } from './terminal.js';

export type { DeviceKind };

/** Plain, structured-cloneable data: it crosses IPC to the page as is. */
export interface DeviceStatus {
  kind: DeviceKind;
  /** Stable id within this terminal, e.g. "kiosk-1-printer". */
  deviceId: string;
  health: DeviceHealth;
}

export interface DeviceAgent {
  /**
   * Opens the local devices and connects to the hall as `terminal` (authenticated by
   * terminal.token). A missing or faulty device never rejects: it is reported as a
   * DeviceStatus with state "fault" and the rest keeps working.
   */
  start(terminal: ResolvedTerminal): Promise<void>;
  /** The latest status of every device, for a page that has just loaded. */
  statuses(): DeviceStatus[];
  /** Called on every change of a device's health; returns an unsubscribe function. */
  onStatus(listener: (status: DeviceStatus) => void): () => void;
  /** Closes devices and the hall connection. In-flight prints finish or are journaled as unknown. */
  stop(): Promise<void>;
}

export interface DeviceAgentPlace {
  /** The terminal.json the identity was read from (its device part is read here). */
  terminalFile: string;
  /** Electron's userData: the agent's print journal and cached defaults go in <userData>/device-agent. */
  userDataDir: string;
}

/** Builds the agent for a terminal, or null when the terminal cannot have one (no token). */
export type DeviceAgentFactory = (terminal: ResolvedTerminal, place: DeviceAgentPlace) => DeviceAgent | null;

/** The real factory main.ts hands to the shell. `readTextFile` returns null for a missing file. */
export function electronDeviceAgentFactory(readTextFile: (file: string) => string | null): DeviceAgentFactory {
  return (terminal, place) => {
    if (!terminal.token) return null;
    const text = readTextFile(place.terminalFile);
    // The identity reader already validated the whole file strictly; here only the device part is taken.
    const file = text === null ? {} : (JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>);
    const local = terminalDevicesSchema.parse({ devices: file.devices, hallDefaults: file.hallDefaults, printerProfiles: file.printerProfiles, technicianPort: file.technicianPort });
    const pem = typeof file.hallCertPem === 'string' ? file.hallCertPem : null;
    const agent = new TerminalDeviceAgent({
      hallUrl: terminal.hallOrigin,
      token: terminal.token,
      terminalId: terminal.terminalId,
      dataDir: path.join(place.userDataDir, 'device-agent'),
      local,
      ...(pem && { tls: pinnedTlsOptions({ certPem: pem, ...(typeof file.hallCertSha256 === 'string' && { sha256: file.hallCertSha256 }) }) }),
    });
    return adapt(agent, { terminalFile: place.terminalFile, port: local.technicianPort ?? 0 });
  };
}

/**
 * The agent with its technician's page on 127.0.0.1 (docs/technician-page.md), as `npm run terminal`
 * runs it. A page that cannot listen (its port taken) is logged and the terminal runs on without it.
 */
function adapt(agent: TerminalDeviceAgent, technician: { terminalFile: string; port: number }): DeviceAgent {
  let page: TechnicianPage | null = null;
  const statuses = (): DeviceStatus[] => agent.reports().map((r) => ({ kind: r.kind, deviceId: r.id, health: r.health }));
  return {
    start: async () => {
      await agent.start();
      try {
        page = await startTechnicianPage({ agent, terminalFile: technician.terminalFile, port: technician.port });
        console.log(`device agent: technician's page on this machine: ${page.url}`);
      } catch (err) {
        console.error(`device agent: the technician's page cannot listen on 127.0.0.1:${technician.port}: ${(err as Error).message}`);
      }
    },
    statuses,
    onStatus(listener) {
      let last = new Map(statuses().map((s) => [s.deviceId, JSON.stringify(s.health)]));
      return agent.onDevices(() => {
        const now = statuses();
        for (const s of now) if (last.get(s.deviceId) !== JSON.stringify(s.health)) listener(s);
        last = new Map(now.map((s) => [s.deviceId, JSON.stringify(s.health)]));
      });
    },
    stop: async () => {
      await page?.close();
      page = null;
      await agent.stop();
    },
  };
}
