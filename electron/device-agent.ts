// Contract of a terminal's device agent: the drivers of the devices plugged into
// this machine (kiosk: ticket printer, ID card reader; counter: rating pad, caller
// keypad), run in the Electron main process and connected to the hall service as
// this terminal. Nothing implements it yet; shell.ts accepts a factory and runs
// without devices when there is none. Real, emulated and test agents all
// implement this interface; no fake devices live in electron/.
//
// The page never touches a device. It sees only DeviceStatus values through the
// preload's onDeviceStatus, and print/read/rate commands flow hall → agent over
// the hall's LAN API, not through the page.
import type { DeviceHealth } from '../drivers/contract.js';
import type { ResolvedTerminal } from './terminal.js';

export type DeviceKind = 'printer' | 'idcard' | 'rating' | 'keypad';

/** Plain, structured-cloneable data: it crosses IPC to the page as is. */
export interface DeviceStatus {
  kind: DeviceKind;
  /** Stable id within this terminal, e.g. "printer-1". */
  deviceId: string;
  health: DeviceHealth;
}

export interface DeviceAgent {
  /**
   * Opens the local devices and connects to the hall as `terminal` (authenticated
   * by terminal.token). Resolves once started. A missing or faulty device never
   * rejects: it is reported as a DeviceStatus with state "fault" and the rest keeps
   * working (degrade, don't crash). Rejects only for a broken agent configuration.
   */
  start(terminal: ResolvedTerminal): Promise<void>;
  /** The latest status of every device, for a page that has just loaded. */
  statuses(): DeviceStatus[];
  /** Called on every change of a device's health; returns an unsubscribe function. */
  onStatus(listener: (status: DeviceStatus) => void): () => void;
  /** Closes devices and the hall connection. In-flight commands must fail, not hang. */
  stop(): Promise<void>;
}

/** Builds the agent for a terminal, or null when the terminal hosts no devices. */
export type DeviceAgentFactory = (terminal: ResolvedTerminal) => DeviceAgent | null;
