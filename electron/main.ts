// Electron main-process entry, bundled to electron/dist/main.js (ESM) by
// scripts/build-electron.mjs. It only hands the real Electron objects to
// shell.ts; every decision is made in modules that unit tests load under Node.
// This is the one electron/ file that needs the Electron binary to run.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { installMainGuard } from './main-guard.js';
import { recoveryStatePath, writeRecoveryState } from './recovery-state.js';
import { startShell } from './shell.js';
import { electronDeviceAgentFactory } from './device-agent.js';
import { readTextFileIfExists } from './terminal-identity.js';

// First, so that a crash anywhere later brings the terminal back (see main-guard.ts).
installMainGuard({
  app,
  dialog,
  events: process,
  env: process.env,
  statePath: recoveryStatePath(app.getPath('userData')),
  readTextFile: readTextFileIfExists,
  writeState: writeRecoveryState,
  now: Date.now,
  log: console,
});

// Electron's own switches end up in argv too; the identity reader ignores them.
const shell = startShell({
  electron: { app, BrowserWindow, dialog, ipcMain, session },
  argv: process.argv.slice(1),
  env: process.env,
  cwd: process.cwd(),
  preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  readTextFile: readTextFileIfExists,
  // Dynamic: terminals other than the master never load the hall or its native SQLite module.
  loadHall: async () => (await import('../hall/service.js')).startHallService,
  // Every terminal, the master included, drives the devices plugged into it (device-agent.ts).
  createDeviceAgent: electronDeviceAgentFactory(readTextFileIfExists),
});

// `npm start` and service managers stop the terminal with a signal: quit through
// before-quit so the hall service closes its database cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

shell.catch((error: unknown) => {
  console.error('ServiceHall terminal failed:', error);
  app.exit(1);
});
