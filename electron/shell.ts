// The terminal shell's wiring: read the identity, start the hall when this is the
// master terminal, lock the session down, open the role's window, answer the
// preload's IPC, and shut the hall down cleanly on quit. Every decision is made
// by the pure modules (terminal-identity, terminal, security, roles); this file
// connects them to Electron objects that it receives, never imports.
import path from 'node:path';
import type { DeviceAgent, DeviceAgentFactory } from './device-agent.js';
import type { ShellElectron, ShellIpcEvent, ShellSession, ShellWebContents, ShellWindow } from './electron-api.js';
import type { RunningHall, StartHall, StartHallOptions } from './hall-contract.js';
import { ipcChannels } from './ipc-channels.js';
import { isSupervised } from './main-guard.js';
import { defaultRecoveryLimits, RecoveryPolicy, type RecoveryLimits } from './recovery.js';
import { parseRecoveryState, recoveryStatePath, writeRecoveryState, type RecoveryState } from './recovery-state.js';
import {
  contentSecurityPolicy,
  isAllowedUrl,
  isDevToolsShortcut,
  isDocumentResource,
  isPermissionAllowed,
  isTrustedSender,
  windowOptionsFor,
  withHallCsp,
} from './security.js';
import { masterTerminal, publicTerminal, remoteTerminal, type ResolvedTerminal } from './terminal.js';
import { certificateVerdict } from './tls-pin.js';
import { readTerminalIdentity, type MasterIdentity, type TerminalIdentity } from './terminal-identity.js';
import { superviseWindow, type WindowRecovery } from './window-recovery.js';

export interface ShellLog {
  info(message: string): void;
  error(message: string): void;
}

export interface ShellDeps {
  electron: ShellElectron;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Absolute path of the bundled preload (electron/dist/preload.cjs). */
  preloadPath: string;
  readTextFile(filePath: string): string | null;
  /** Loads the hall service only when this is the master terminal (it brings SQLite with it). */
  loadHall(): Promise<StartHall>;
  createDeviceAgent?: DeviceAgentFactory;
  log?: ShellLog;
  /** Delay before reloading a page that failed to load (hall not reachable yet). */
  retryDelayMs?: number;
  schedule?: (run: () => void, delayMs: number) => void;
  /** Clock of the crash-recovery policy (ms). */
  now?: () => number;
  recoveryLimits?: RecoveryLimits;
  /** Writes <userData>/recovery-state.json (default: atomic, durable file write). */
  writeRecoveryState?: (filePath: string, state: RecoveryState) => void;
}

export interface RunningShell {
  terminal: ResolvedTerminal;
  window: ShellWindow;
  hall: RunningHall | null;
}

/** Starts the terminal. Resolves null when it cannot (reported and exit(1) called) or when another instance runs. */
export async function startShell(deps: ShellDeps): Promise<RunningShell | null> {
  const { app, dialog } = deps.electron;
  const log = deps.log ?? { info: (m) => console.log(m), error: (m) => console.error(m) };
  const fail = (what: string, error: unknown): null => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`ServiceHall cannot start (${what}): ${message}`);
    dialog.showErrorBox(`ServiceHall cannot start: ${what}`, message);
    app.exit(1);
    return null;
  };

  // Two instances on one machine would start two halls on one database.
  if (!app.requestSingleInstanceLock()) {
    log.error('ServiceHall terminal: another instance is already running on this machine; quitting.');
    app.quit();
    return null;
  }
  // Before "ready", the only time it can be done: after repeated GPU crashes, render in software.
  const statePath = recoveryStatePath(app.getPath('userData'));
  const recoveryState = readRecoveryState(deps, statePath, log);
  if (recoveryState.softwareRendering) {
    log.info(`ServiceHall terminal: hardware acceleration off after repeated GPU crashes (delete ${statePath} to try the GPU again)`);
    app.disableHardwareAcceleration();
  }
  // Ready first, so that an error box is a real window on the kiosk screen, not a line on stderr.
  await app.whenReady();

  let identity: TerminalIdentity;
  let terminalFile: string;
  try {
    const sources = { argv: deps.argv, env: deps.env, cwd: deps.cwd, userDataDir: app.getPath('userData'), readTextFile: deps.readTextFile };
    ({ identity, terminalFile } = readTerminalIdentity(sources));
  } catch (error) {
    return fail('terminal identity', error);
  }

  let hall: RunningHall | null = null;
  let terminal: ResolvedTerminal;
  try {
    if (identity.startHall) {
      const startHall = await deps.loadHall();
      hall = await startHall(hallOptions(identity, deps.electron.app));
      terminal = masterTerminal(identity, hall);
      log.info(`ServiceHall terminal: hall service running at ${hall.url}`);
    } else {
      terminal = remoteTerminal(identity);
    }
  } catch (error) {
    await hall?.close().catch(() => undefined);
    return fail(identity.startHall ? 'hall service' : 'terminal page', error);
  }
  log.info(`ServiceHall terminal: ${terminal.role} terminal "${terminal.terminalId}" opening ${terminal.hallOrigin}`);

  hardenSession(deps.electron.session.defaultSession, terminal);
  // TLS: the hall's host is trusted by its pinned fingerprint only (terminal.json, or the master's own hall).
  const pin = { hallOrigin: terminal.hallOrigin, sha256: identity.startHall ? (hall?.certSha256 ?? null) : (identity.hallCertSha256 ?? null) };
  deps.electron.session.defaultSession.setCertificateVerifyProc((request, callback) => callback(certificateVerdict(request, pin)));
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, terminal.hallOrigin);
    if (app.isPackaged) lockDevTools(contents);
  });

  // Set once the app is quitting: unattended windows ignore close requests until then.
  const quitting = { value: false };
  const agent = deps.createDeviceAgent?.(terminal, { terminalFile, userDataDir: app.getPath('userData') }) ?? null;
  const relaunchWithSoftwareRendering = () => {
    try {
      (deps.writeRecoveryState ?? writeRecoveryState)(statePath, { ...readRecoveryState(deps, statePath, log), softwareRendering: true });
    } catch (error) {
      log.error(`ServiceHall terminal: cannot write ${statePath}: ${String(error)}`);
    }
    // A supervisor restarts the app after any exit; a relaunched child would race it
    // (and systemd would kill it with the unit's cgroup).
    if (!isSupervised(deps.env)) app.relaunch();
    app.quit();
  };
  const { window, recovery } = openWindow(deps, terminal, quitting, log, recoveryState.softwareRendering, relaunchWithSoftwareRendering);
  registerIpc(deps.electron, window, recovery, agent, terminal, log);
  agent?.onStatus((status) => {
    if (!window.isDestroyed() && isAllowedUrl(window.webContents.getURL(), terminal.hallOrigin)) {
      window.webContents.send(ipcChannels.deviceStatus, status);
    }
  });
  // Degrade, don't crash: the page works without devices and shows their status.
  agent?.start(terminal).catch((error: unknown) => log.error(`ServiceHall terminal: device agent failed to start: ${String(error)}`));

  let stopped = false;
  let stopping: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    quitting.value = true;
    if (stopped) return;
    event.preventDefault();
    stopping ??= (async () => {
      await agent?.stop().catch((e: unknown) => log.error(`ServiceHall terminal: device agent stop failed: ${String(e)}`));
      await hall?.close().catch((e: unknown) => log.error(`ServiceHall terminal: hall service close failed: ${String(e)}`));
      stopped = true;
      app.quit();
    })();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return { terminal, window, hall };
}

/**
 * Every path is passed explicitly: bundled into electron/dist, the hall service
 * cannot find the repository from its own module location.
 */
function hallOptions(identity: MasterIdentity, app: ShellElectron['app']): StartHallOptions {
  const appPath = app.getAppPath();
  // A packaged app's working directory is arbitrary and its files read-only: the hall's files live in userData.
  const home = app.isPackaged ? app.getPath('userData') : appPath;
  return {
    ...identity.hall,
    configPath: identity.hall.configPath ?? path.join(home, app.isPackaged ? 'hall.json' : 'config/demo-hall.json'),
    dataDir: identity.hall.dataDir ?? path.join(home, app.isPackaged ? 'hall-data' : 'data'),
    rendererDir: path.join(appPath, 'dist', 'renderer'),
  };
}

function readRecoveryState(deps: ShellDeps, statePath: string, log: ShellLog): RecoveryState {
  try {
    return parseRecoveryState(deps.readTextFile(statePath));
  } catch (error) {
    log.error(`ServiceHall terminal: cannot read ${statePath}: ${String(error)}`);
    return parseRecoveryState(null);
  }
}

function hardenSession(session: ShellSession, terminal: ResolvedTerminal): void {
  // The hall's one policy, enforced whatever the server sends (see withHallCsp).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback(isDocumentResource(details.resourceType) ? { responseHeaders: withHallCsp(details.responseHeaders, contentSecurityPolicy) } : {});
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, terminal.role, details.requestingUrl, terminal.hallOrigin)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, terminal.role, requestingOrigin, terminal.hallOrigin),
  );
  // WebHID, WebUSB, Web Serial: devices belong to the device agent, never to a page.
  session.setDevicePermissionHandler(() => false);
}

/** Applied to every WebContents the app creates, including any the page manages to open. */
function lockNavigation(contents: ShellWebContents, hallOrigin: string): void {
  const guard = (details: { url: string; preventDefault(): void }) => {
    if (!isAllowedUrl(details.url, hallOrigin)) details.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Packaged builds: webPreferences.devTools is false for every role; this also
 * swallows the DevTools and view-source shortcuts, and closes DevTools should
 * anything open them anyway.
 */
function lockDevTools(contents: ShellWebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}

function openWindow(
  deps: ShellDeps,
  terminal: ResolvedTerminal,
  quitting: { value: boolean },
  log: ShellLog,
  softwareRendering: boolean,
  relaunchWithSoftwareRendering: () => void,
): { window: ShellWindow; recovery: WindowRecovery } {
  const plan = windowOptionsFor(terminal.role, { preloadPath: deps.preloadPath, packaged: deps.electron.app.isPackaged });
  const window = new deps.electron.BrowserWindow(plan.options);
  if (plan.removeMenu) window.removeMenu();
  if (plan.lockZoom) void window.webContents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  if (plan.preventClose) {
    window.on('close', (event) => {
      if (!quitting.value) event.preventDefault();
    });
  }
  const limits = deps.recoveryLimits ?? defaultRecoveryLimits;
  const recovery = superviseWindow({
    app: deps.electron.app,
    window,
    pageUrl: terminal.pageUrl,
    policy: new RecoveryPolicy(limits, deps.now ?? Date.now, softwareRendering),
    limits,
    quitting,
    log,
    schedule: deps.schedule ?? ((run, ms) => void setTimeout(run, ms)),
    retryDelayMs: deps.retryDelayMs ?? 5000,
    relaunchWithSoftwareRendering,
  });
  recovery.load();
  return { window, recovery };
}

function registerIpc(
  electron: ShellElectron,
  window: ShellWindow,
  recovery: WindowRecovery,
  agent: DeviceAgent | null,
  terminal: ResolvedTerminal,
  log: ShellLog,
): void {
  const trusted = (event: ShellIpcEvent, channel: string): boolean => {
    const frame = event.senderFrame;
    const ok = event.sender === window.webContents && isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent == null }, terminal.hallOrigin);
    if (!ok) log.error(`ServiceHall terminal: refused ${channel} from ${frame?.url ?? 'an unknown frame'}`);
    return ok;
  };
  const handle = (channel: string, answer: () => unknown) =>
    electron.ipcMain.handle(channel, (event) => {
      if (!trusted(event, channel)) throw new Error('not allowed');
      return answer();
    });
  handle(ipcChannels.terminal, () => publicTerminal(terminal));
  handle(ipcChannels.deviceStatuses, () => agent?.statuses() ?? []);
  electron.ipcMain.on(ipcChannels.reload, (event) => {
    if (trusted(event, ipcChannels.reload)) recovery.load();
  });
}
