// A small fake of the Electron main-process objects shell.ts uses (electron/electron-api.ts),
// recording what the shell does so tests can read it back. It fakes Electron only:
// the shell's own modules run for real. Behaviour copied from Electron where it matters:
// creating a window emits app "web-contents-created" before the constructor returns, and
// app.quit() emits "before-quit", which a listener may cancel.
import type {
  PreventableEvent,
  ShellElectron,
  ShellFrame,
  ShellIpcEvent,
  ShellSession,
  ShellWebContents,
  ShellWindow,
} from '../../../electron/electron-api.js';
import type { BrowserWindowConstructorOptions } from 'electron';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export function preventable(extra: Record<string, unknown> = {}): PreventableEvent & { prevented: boolean } {
  const event = {
    ...extra,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends Emitter implements ShellWebContents {
  url = '';
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  zoomLimits: [number, number] | null = null;
  /** Times the shell ended this page's process (forcefullyCrashRenderer). */
  rendererKills = 0;
  devToolsClosed = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  async setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.zoomLimits = [min, max];
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  /** Like Electron: the page process ends and "render-process-gone" follows with reason "killed". */
  forcefullyCrashRenderer(): void {
    this.rendererKills += 1;
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
  /** A key press as before-input-event sees it; true if the shell swallowed it. */
  press(input: { key: string; code?: string; control?: boolean; shift?: boolean; alt?: boolean; meta?: boolean }): boolean {
    const event = preventable();
    this.emit('before-input-event', event, { type: 'keyDown', control: false, shift: false, alt: false, meta: false, ...input });
    return event.prevented;
  }
  /** Emits a navigation-type event and tells whether the shell cancelled it. */
  navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const details = preventable({ url });
    this.emit(event, details);
    return details.prevented;
  }
}

export function createFakeElectron(options: { userDataDir?: string; appPath?: string; isPackaged?: boolean; singleInstance?: boolean } = {}) {
  const windows: FakeWindow[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  const exits: number[] = [];
  let quitRequests = 0;
  let quitDone = false;
  let relaunches = 0;
  let hardwareAccelerationDisabled = false;

  class FakeApp extends Emitter {
    readonly isPackaged = options.isPackaged ?? false;
    whenReady = async (): Promise<void> => undefined;
    getPath = (_name: 'userData'): string => options.userDataDir ?? '/home/kiosk/.config/servicehall';
    getAppPath = (): string => options.appPath ?? '/opt/servicehall';
    requestSingleInstanceLock = (): boolean => options.singleInstance ?? true;
    exit = (code = 0): void => void exits.push(code);
    relaunch = (): void => void (relaunches += 1);
    disableHardwareAcceleration = (): void => void (hardwareAccelerationDisabled = true);
    quit = (): void => {
      quitRequests += 1;
      const event = preventable();
      this.emit('before-quit', event);
      if (event.prevented) return;
      for (const w of windows) {
        const close = preventable();
        w.emit('close', close);
        if (!close.prevented) w.destroyed = true;
      }
      quitDone = windows.every((w) => w.destroyed);
    };
  }
  const app = new FakeApp();

  class FakeWindow extends Emitter implements ShellWindow {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    menuRemoved = false;
    destroyed = false;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      this.webContents.url = url;
    }
    removeMenu(): void {
      this.menuRemoved = true;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
    /** A close request from the window manager (Alt+F4, the × button); true if it went through. */
    requestClose(): boolean {
      const event = preventable();
      this.emit('close', event);
      return !event.prevented;
    }
  }

  const handlers = new Map<string, (event: ShellIpcEvent, ...args: unknown[]) => unknown>();
  const ipcListeners = new Emitter();
  const ipcMain = {
    handle(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => unknown): void {
      handlers.set(channel, listener);
    },
    on(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => void) {
      return ipcListeners.on(channel, listener);
    },
  };

  const session = {
    headersListener: null as Parameters<ShellSession['webRequest']['onHeadersReceived']>[0] | null,
    requestHandler: null as Parameters<ShellSession['setPermissionRequestHandler']>[0] | null,
    checkHandler: null as Parameters<ShellSession['setPermissionCheckHandler']>[0] | null,
    deviceHandler: null as (() => boolean) | null,
    certificateVerifyProc: null as Parameters<ShellSession['setCertificateVerifyProc']>[0] | null,
  };
  const defaultSession: ShellSession = {
    webRequest: { onHeadersReceived: (listener) => void (session.headersListener = listener) },
    setPermissionRequestHandler: (handler) => void (session.requestHandler = handler),
    setPermissionCheckHandler: (handler) => void (session.checkHandler = handler),
    setDevicePermissionHandler: (handler) => void (session.deviceHandler = handler),
    setCertificateVerifyProc: (proc) => void (session.certificateVerifyProc = proc),
  };

  const electron: ShellElectron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain,
    session: { defaultSession },
    dialog: { showErrorBox: (title, content) => void errorBoxes.push({ title, content }) },
  };

  return {
    electron,
    app,
    windows,
    errorBoxes,
    exits,
    session,
    get quitRequests() {
      return quitRequests;
    },
    get quitDone() {
      return quitDone;
    },
    get relaunches() {
      return relaunches;
    },
    get hardwareAccelerationDisabled() {
      return hardwareAccelerationDisabled;
    },
    /** ipcRenderer.invoke from a frame; resolves with the handler's answer or rejects like Electron does. */
    async invoke(channel: string, frame: ShellFrame | null, sender: unknown): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: frame, sender });
    },
    /** ipcRenderer.send from a frame. */
    send(channel: string, frame: ShellFrame | null, sender: unknown): void {
      ipcListeners.emit(channel, { senderFrame: frame, sender });
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeWindowType = FakeElectron['windows'][number];
