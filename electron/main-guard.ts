// Main-process crash recovery: an uncaught exception ends the run, and the terminal
// comes back:
//   - unsupervised (started by hand or by a desktop autostart entry): app.relaunch()
//     then exit, so Electron starts a fresh instance;
//   - supervised (SERVICEHALL_SUPERVISOR set by the systemd unit or the Windows
//     task, see packaging/): just exit with CRASH_EXIT_CODE, the supervisor
//     restarts it. Relaunching as well would race the supervisor, and systemd
//     would kill the relaunched child with the unit's cgroup anyway;
//   - more than maxRelaunchesPerHour crashes within an hour (counted across runs
//     in recovery-state.json): show the error and exit with GIVE_UP_EXIT_CODE,
//     which both supervisors treat as "do not restart", so a crash loop stops.
// Crashes the process cannot catch (a native crash, the OOM killer) are the
// supervisor's to restart; its own limits cap them (packaging/README.md).
// An unhandled promise rejection is logged and does not end the run: Electron's
// main process defaults to --unhandled-rejections=warn, unlike Node's headless hall.
// Danger: runs in a process in an unknown state. It does the minimum,
// synchronously, and never throws.
import type { ShellApp } from './electron-api.js';
import { decideMainCrash, defaultRecoveryLimits, type MainCrashAction, type RecoveryLimits } from './recovery.js';
import { parseRecoveryState, withMainCrash, type RecoveryState } from './recovery-state.js';

export interface MainGuardDeps {
  app: Pick<ShellApp, 'relaunch' | 'exit'>;
  dialog: { showErrorBox(title: string, content: string): void };
  /** The process to watch: `process` in main.ts. */
  events: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown };
  env: Readonly<Record<string, string | undefined>>;
  statePath: string;
  readTextFile(filePath: string): string | null;
  writeState(filePath: string, state: RecoveryState): void;
  now: () => number;
  log: { error(message: string): void };
  limits?: RecoveryLimits;
}

/** True when an external supervisor restarts the terminal (the packaged unit and task set it). */
export function isSupervised(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.SERVICEHALL_SUPERVISOR ?? '') !== '';
}

export function installMainGuard(deps: MainGuardDeps): void {
  let handling = false;
  deps.events.on('uncaughtException', (error) => {
    // A second exception while handling the first: leave at once.
    if (handling) return deps.app.exit(1);
    handling = true;
    handleMainCrash(deps, error);
  });
  deps.events.on('unhandledRejection', (reason) => {
    deps.log.error(`ServiceHall terminal: unhandled promise rejection in the main process (not fatal): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
}

export function handleMainCrash(deps: MainGuardDeps, error: unknown): MainCrashAction {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const now = deps.now();
  let state: RecoveryState;
  try {
    state = withMainCrash(parseRecoveryState(deps.readTextFile(deps.statePath)), now);
    deps.writeState(deps.statePath, state);
  } catch (stateError) {
    // Without the history the cap cannot be kept: count this crash alone and say so.
    deps.log.error(`ServiceHall terminal: cannot record the crash in ${deps.statePath}: ${String(stateError)}`);
    state = withMainCrash(parseRecoveryState(null), now);
  }
  const action = decideMainCrash(state.mainCrashes, now, deps.limits ?? defaultRecoveryLimits, isSupervised(deps.env));
  deps.log.error(`ServiceHall terminal: main process crashed (${action.kind}): ${message}`);
  try {
    if (action.kind === 'relaunch') deps.app.relaunch();
    if (action.kind === 'give-up') {
      deps.dialog.showErrorBox(
        'ServiceHall stopped: repeated crashes',
        `The terminal crashed ${action.crashesInLastHour} times within an hour and will not restart by itself.\n` +
          `Last error: ${message}\nFix the cause, then restart the terminal (or delete ${deps.statePath}).`,
      );
    }
  } finally {
    deps.app.exit(action.exitCode);
  }
  return action;
}
