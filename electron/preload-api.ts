// The API a terminal page gets as window.serviceHall: a handful of purpose-built
// functions, never ipcRenderer itself. Built from an injected ipcRenderer so it
// can be tested under Node; preload.ts hands it the real one.
// Danger: a listener must never receive the IpcRendererEvent (it carries `sender`,
// i.e. ipcRenderer); callbacks get plain data only.
import type { DeviceStatus } from './device-agent.js';
import { ipcChannels } from './ipc-channels.js';
import type { PublicTerminal } from './terminal.js';

/** The subset of Electron's ipcRenderer the preload uses. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ServiceHallBridge {
  /** This terminal's identity (role, terminal id, counter, hall origin); never the token. */
  terminal(): Promise<PublicTerminal>;
  /** Reloads this terminal's page from its start URL (e.g. the kiosk's "restart" gesture). */
  reload(): void;
  /**
   * Calls `callback` with the current status of each local device, then on every
   * change. Returns a function that stops the calls.
   */
  onDeviceStatus(callback: (status: DeviceStatus) => void): () => void;
}

export function createServiceHallBridge(ipc: PreloadIpc): ServiceHallBridge {
  return {
    terminal: async () => (await ipc.invoke(ipcChannels.terminal)) as PublicTerminal,
    reload: () => ipc.send(ipcChannels.reload),
    onDeviceStatus(callback) {
      if (typeof callback !== 'function') throw new TypeError('onDeviceStatus needs a function');
      let active = true;
      const listener = (_event: unknown, status: unknown) => {
        if (active) callback(status as DeviceStatus);
      };
      ipc.on(ipcChannels.deviceStatus, listener);
      void ipc.invoke(ipcChannels.deviceStatuses).then(
        (current) => {
          if (active && Array.isArray(current)) for (const status of current) callback(status as DeviceStatus);
        },
        () => undefined,
      );
      return () => {
        active = false;
        ipc.removeListener(ipcChannels.deviceStatus, listener);
      };
    },
  };
}
