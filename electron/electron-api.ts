// The slice of Electron's main-process API the shell uses, as narrow structural
// types. main.ts passes the real modules (tsc checks they fit); the unit test of
// the wiring passes a small fake of the same objects. Keep this to what shell.ts
// calls: every member added here must be faked too.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { KeyInput } from './security.js';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface ShellFrame {
  readonly url: string;
  readonly parent: unknown;
}

export interface ShellWebContents {
  on(event: 'will-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (details: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(
    event: 'did-fail-load',
    listener: (event: unknown, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => void,
  ): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  on(event: 'unresponsive' | 'responsive' | 'devtools-opened', listener: () => void): unknown;
  on(event: 'before-input-event', listener: (event: PreventableEvent, input: KeyInput) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
  /** Ends the page's process; a following load starts a new one (recovery from a hung page). */
  forcefullyCrashRenderer(): void;
  closeDevTools(): void;
}

export interface ShellWindow {
  readonly webContents: ShellWebContents;
  loadURL(url: string): Promise<void>;
  removeMenu(): void;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
}

export interface ShellIpcEvent {
  readonly senderFrame: ShellFrame | null;
  readonly sender: unknown;
}

export interface ShellIpcMain {
  handle(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => void): unknown;
}

export interface ShellSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  /** 0 accepts, -2 refuses, -3 keeps Chromium's own verdict (electron/tls-pin.ts). */
  setCertificateVerifyProc(proc: (request: { hostname: string; certificate: { data: string } }, callback: (verificationResult: number) => void) => void): void;
}

export interface ShellApp {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(exitCode?: number): void;
  on(event: 'web-contents-created', listener: (event: unknown, contents: ShellWebContents) => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'child-process-gone', listener: (event: unknown, details: ChildProcessGoneDetails) => void): unknown;
  /** Start a new instance when this one exits (main-process crash recovery). */
  relaunch(): void;
  /** Only before "ready": the run after repeated GPU crashes renders in software. */
  disableHardwareAcceleration(): void;
}

/** Electron's child-process-gone details: type "GPU", "Utility", "Zygote", … */
export interface ChildProcessGoneDetails {
  type: string;
  reason: string;
  exitCode: number;
  name?: string;
  serviceName?: string;
}

export interface ShellElectron {
  app: ShellApp;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ShellWindow;
  ipcMain: ShellIpcMain;
  session: { defaultSession: ShellSession };
  dialog: { showErrorBox(title: string, content: string): void };
}
