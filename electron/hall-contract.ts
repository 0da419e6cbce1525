// The part of hall/service.ts the shell relies on, restated as types so the shell
// and its tests compile and run without the hall (main.ts hands in the real
// startHallService, and tsc checks there that it still fits this shape).
import type { TerminalRole } from './roles.js';

export interface StartHallOptions {
  configPath?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  /** The built pages (dist/renderer) the hall serves at its origin. */
  rendererDir?: string;
}

export interface PageAddress {
  terminalId: string;
  role: TerminalRole;
  counterId?: string;
  /** Loadable URL of this terminal's page, including "#token=…". */
  url: string;
}

export interface RunningHall {
  /** Base URL a browser on this machine can load (not 0.0.0.0). */
  url: string;
  pages: PageAddress[];
  /** SHA-256 of the hall's TLS certificate; null or absent with TLS off. The master terminal pins it. */
  certSha256?: string | null;
  close(): Promise<void>;
}

export type StartHall = (options?: StartHallOptions) => Promise<RunningHall>;
