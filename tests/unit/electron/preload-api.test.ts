import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../electron/device-agent.js';
import { ipcChannels } from '../../../electron/ipc-channels.js';
import { createServiceHallBridge, type PreloadIpc } from '../../../electron/preload-api.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for Electron's ipcRenderer that records what the bridge does with it. */
function fakeIpcRenderer(answers: Record<string, unknown> = {}) {
  const listeners = new Map<string, Set<Listener>>();
  const sent: string[] = [];
  const invoked: string[] = [];
  const ipc: PreloadIpc = {
    invoke: async (channel) => {
      invoked.push(channel);
      return answers[channel];
    },
    send: (channel) => void sent.push(channel),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  /** What the main process's webContents.send would deliver: an event object that carries ipcRenderer. */
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: ipc, ports: [] }, payload);
  };
  return { ipc, emit, sent, invoked, listenerCount: (c: string) => listeners.get(c)?.size ?? 0 };
}

const paperLow: DeviceStatus = {
  kind: 'printer',
  deviceId: 'printer-1',
  health: { state: 'warning', code: 'paper_near_end', message: 'Paper is nearly out.', since: 1 },
};

describe('window.serviceHall', () => {
  it('exposes exactly terminal, reload and onDeviceStatus', () => {
    expect(Object.keys(createServiceHallBridge(fakeIpcRenderer().ipc)).sort()).toEqual(['onDeviceStatus', 'reload', 'terminal']);
  });

  it('terminal() asks the main process over the terminal channel', async () => {
    const identity = { role: 'kiosk', terminalId: 'kiosk-1', counterId: null, hallOrigin: 'http://127.0.0.1:8080' };
    const fake = fakeIpcRenderer({ [ipcChannels.terminal]: identity });
    await expect(createServiceHallBridge(fake.ipc).terminal()).resolves.toEqual(identity);
  });

  it('reload() sends one message and nothing else', () => {
    const fake = fakeIpcRenderer();
    createServiceHallBridge(fake.ipc).reload();
    expect(fake.sent).toEqual([ipcChannels.reload]);
  });

  it('onDeviceStatus passes the current statuses, then changes, never the IPC event', async () => {
    const fake = fakeIpcRenderer({ [ipcChannels.deviceStatuses]: [paperLow] });
    const seen: unknown[][] = [];
    const stop = createServiceHallBridge(fake.ipc).onDeviceStatus((...args: unknown[]) => seen.push(args));
    await Promise.resolve();
    fake.emit(ipcChannels.deviceStatus, { ...paperLow, health: { ...paperLow.health, state: 'fault', code: 'paper_out' } });
    expect(seen).toHaveLength(2);
    for (const args of seen) {
      expect(args).toHaveLength(1); // the status only: no event, no sender, no ipcRenderer
      expect(args[0]).toMatchObject({ kind: 'printer', deviceId: 'printer-1' });
    }

    stop();
    fake.emit(ipcChannels.deviceStatus, paperLow);
    expect(seen).toHaveLength(2);
    expect(fake.listenerCount(ipcChannels.deviceStatus)).toBe(0);
  });

  it('onDeviceStatus refuses a non-function', () => {
    const bridge = createServiceHallBridge(fakeIpcRenderer().ipc);
    expect(() => bridge.onDeviceStatus('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });
});
