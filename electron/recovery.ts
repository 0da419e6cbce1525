// Crash-recovery policy of a terminal: which failure restarts what, how soon, and
// when to stop trying. Pure: time comes from the caller, nothing is scheduled here;
// shell.ts turns the actions into reloads, an error page or a relaunch.
//
// Contract:
//   - a crashed or killed page process, a page hung past the grace period, and a
//     crashed GPU or utility process (network, audio service) each reload the
//     window, after a backoff that doubles with every reload in the last hour;
//   - at most `maxReloadsPerHour` reloads in any rolling hour: the next failure
//     gives up, and the shell shows the error page until the oldest reload leaves
//     the hour (retryAfterMs), so a crash loop never spins the CPU or the screen;
//   - `gpuCrashesForSoftwareRendering` GPU crashes in an hour ask for a relaunch
//     with hardware acceleration off (persisted, see recovery-state.ts);
//   - a page process that exited cleanly, or a child process other than GPU and
//     utility (zygote, sandbox helper…), is logged and ignored.
// Danger: every path that reloads must go through onFailure, or the cap is bypassed.

export interface RecoveryLimits {
  maxReloadsPerHour: number;
  /** Delay before the first reload; doubles with each reload in the last hour. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long a page may stay unresponsive (Electron's "unresponsive") before it is killed and reloaded. */
  unresponsiveGraceMs: number;
  gpuCrashesForSoftwareRendering: number;
  /** Main-process relaunches after an uncaught exception allowed in any rolling hour. */
  maxRelaunchesPerHour: number;
}

export const defaultRecoveryLimits: Readonly<RecoveryLimits> = {
  maxReloadsPerHour: 10,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  unresponsiveGraceMs: 15_000,
  gpuCrashesForSoftwareRendering: 3,
  maxRelaunchesPerHour: 5,
};

export const HOUR_MS = 3_600_000;

export type Failure =
  /** The window's render process is gone (webContents "render-process-gone"). */
  | { kind: 'page-gone'; reason: string }
  /** The page stayed unresponsive for the whole grace period. */
  | { kind: 'page-hung' }
  /** A child process is gone (app "child-process-gone"): type "GPU", "Utility", … */
  | { kind: 'child-gone'; type: string; reason: string; name?: string };

export type RecoveryAction =
  | { kind: 'ignore'; why: string }
  /** Reload the window after delayMs; killRenderer: end the (hung) page process first. */
  | { kind: 'reload'; why: string; delayMs: number; killRenderer: boolean }
  /** Persist "hardware acceleration off" and relaunch the app. */
  | { kind: 'relaunch-software-rendering'; why: string }
  /** Too many reloads: show the error page; try again after retryAfterMs. */
  | { kind: 'give-up'; why: string; retryAfterMs: number };

export function describeFailure(failure: Failure): string {
  if (failure.kind === 'page-gone') return `page process gone (${failure.reason})`;
  if (failure.kind === 'page-hung') return 'page unresponsive past the grace period';
  return `${failure.type}${failure.name ? ` (${failure.name})` : ''} process gone (${failure.reason})`;
}

/** Keeps only the instants within the hour before `now`. */
export function withinHour(instants: readonly number[], now: number): number[] {
  return instants.filter((t) => t > now - HOUR_MS && t <= now);
}

export class RecoveryPolicy {
  private reloads: number[] = [];
  private gpuCrashes: number[] = [];

  constructor(
    private readonly limits: RecoveryLimits,
    private readonly now: () => number,
    /** True when this run already has hardware acceleration off: GPU crashes then only reload. */
    private readonly softwareRendering = false,
  ) {}

  onFailure(failure: Failure): RecoveryAction {
    const why = describeFailure(failure);
    const now = this.now();
    this.reloads = withinHour(this.reloads, now);
    if (failure.kind === 'page-gone' && failure.reason === 'clean-exit') return { kind: 'ignore', why };
    if (failure.kind === 'child-gone') {
      if (failure.reason === 'clean-exit') return { kind: 'ignore', why };
      if (failure.type === 'GPU') {
        this.gpuCrashes = [...withinHour(this.gpuCrashes, now), now];
        if (!this.softwareRendering && this.gpuCrashes.length >= this.limits.gpuCrashesForSoftwareRendering) {
          return { kind: 'relaunch-software-rendering', why: `${why}: ${this.gpuCrashes.length} GPU crashes within an hour` };
        }
      } else if (failure.type !== 'Utility') {
        return { kind: 'ignore', why };
      }
    }
    if (this.reloads.length >= this.limits.maxReloadsPerHour) {
      const oldest = this.reloads[0] as number;
      return { kind: 'give-up', why: `${why}; ${this.reloads.length} reloads within an hour`, retryAfterMs: oldest + HOUR_MS - now };
    }
    const delayMs = Math.min(this.limits.maxDelayMs, this.limits.firstDelayMs * 2 ** this.reloads.length);
    this.reloads.push(now);
    return { kind: 'reload', why, delayMs, killRenderer: failure.kind === 'page-hung' };
  }

  /** Reloads counted in the current hour (for logs and tests). */
  reloadsInLastHour(): number {
    return withinHour(this.reloads, this.now()).length;
  }
}

export type MainCrashAction =
  /** Unsupervised: app.relaunch() and exit. */
  | { kind: 'relaunch'; exitCode: number }
  /** A supervisor (systemd unit, Windows task loop) restarts the app: just exit. */
  | { kind: 'exit-for-supervisor'; exitCode: number }
  /** Too many crashes within an hour: show the error and exit with GIVE_UP_EXIT_CODE. */
  | { kind: 'give-up'; exitCode: number; crashesInLastHour: number };

/** Exit code meaning "do not restart me": the systemd unit and the Windows task loop honour it. */
export const GIVE_UP_EXIT_CODE = 3;
export const CRASH_EXIT_CODE = 1;

/**
 * What to do after an uncaught exception in the main process, given the instants
 * of earlier main-process crashes (including this one).
 */
export function decideMainCrash(crashes: readonly number[], now: number, limits: RecoveryLimits, supervised: boolean): MainCrashAction {
  const recent = withinHour(crashes, now).length;
  if (recent > limits.maxRelaunchesPerHour) return { kind: 'give-up', exitCode: GIVE_UP_EXIT_CODE, crashesInLastHour: recent };
  return supervised ? { kind: 'exit-for-supervisor', exitCode: CRASH_EXIT_CODE } : { kind: 'relaunch', exitCode: CRASH_EXIT_CODE };
}
