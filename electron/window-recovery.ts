// Keeps a terminal's window showing its page: loads it, retries while the hall is
// unreachable, and recovers from crashes through the RecoveryPolicy (recovery.ts):
//   webContents "render-process-gone"  → reload after a backoff
//   webContents "unresponsive"         → wait the grace period; still hung → kill the
//                                        page process and reload it in a new one
//   app "child-process-gone" GPU/Utility → reload; repeated GPU crashes → relaunch
//                                        with hardware acceleration off
//   too many reloads in an hour        → the error page (error-page.ts), and one
//                                        more try when the hour has moved on
// A page that fails to load (hall not reachable yet, network down) is retried every
// retryDelayMs without counting as a crash: a hall that is down for two hours must
// not leave the kiosks on the error page when it comes back.
// Only one reload is ever pending. Nothing happens once the app is quitting.
import type { ShellApp, ShellWindow } from './electron-api.js';
import { errorPageUrl } from './error-page.js';
import type { RecoveryAction, RecoveryLimits, RecoveryPolicy, Failure } from './recovery.js';

export interface WindowRecoveryDeps {
  app: ShellApp;
  window: ShellWindow;
  pageUrl: string;
  policy: RecoveryPolicy;
  limits: RecoveryLimits;
  quitting: { readonly value: boolean };
  log: { info(message: string): void; error(message: string): void };
  schedule(run: () => void, delayMs: number): void;
  /** Delay before reloading a page that failed to load. */
  retryDelayMs: number;
  /** Persist "hardware acceleration off", then relaunch the app. */
  relaunchWithSoftwareRendering(why: string): void;
}

export interface WindowRecovery {
  /** Loads the terminal's page now (first load, or the page's own reload request). */
  load(): void;
  /** True while the error page is up. */
  readonly showingErrorPage: boolean;
}

export function superviseWindow(deps: WindowRecoveryDeps): WindowRecovery {
  const { window, log } = deps;
  const contents = window.webContents;
  let pending = false;
  let errorPage = false;
  /** Increments on every unresponsive/responsive change, so a stale grace timer does nothing. */
  let hangEpoch = 0;
  let hung = false;
  /** Set when we kill a hung page ourselves: its "render-process-gone" is not a second failure. */
  let killedByUs = false;

  const active = () => !deps.quitting.value && !window.isDestroyed();
  const load = () => {
    if (!active()) return;
    errorPage = false;
    // Failures surface through did-fail-load; the promise's rejection carries nothing more.
    window.loadURL(deps.pageUrl).catch(() => undefined);
  };
  /** Schedules the one pending load; a newer schedule (the error page's retry) voids older ones. */
  let loadEpoch = 0;
  const scheduleLoad = (delayMs: number) => {
    pending = true;
    const epoch = ++loadEpoch;
    deps.schedule(() => {
      if (epoch !== loadEpoch) return;
      pending = false;
      load();
    }, delayMs);
  };
  const reloadLater = (why: string, delayMs: number) => {
    if (pending) return;
    log.error(`ServiceHall terminal: ${why}; reloading in ${Math.round(delayMs / 100) / 10} s`);
    scheduleLoad(delayMs);
  };
  const act = (action: RecoveryAction) => {
    if (!active()) return;
    if (action.kind === 'ignore') {
      log.info(`ServiceHall terminal: ${action.why}; nothing to recover`);
    } else if (action.kind === 'reload') {
      if (action.killRenderer) {
        killedByUs = true;
        contents.forcefullyCrashRenderer();
      }
      reloadLater(action.why, action.delayMs);
    } else if (action.kind === 'relaunch-software-rendering') {
      log.error(`ServiceHall terminal: ${action.why}; relaunching with hardware acceleration off`);
      deps.relaunchWithSoftwareRendering(action.why);
    } else {
      log.error(`ServiceHall terminal: ${action.why}; showing the error page, next try in ${Math.ceil(action.retryAfterMs / 60_000)} min`);
      errorPage = true;
      window.loadURL(errorPageUrl(action.why, action.retryAfterMs)).catch(() => undefined);
      scheduleLoad(action.retryAfterMs);
    }
  };
  const fail = (failure: Failure) => act(deps.policy.onFailure(failure));

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // -3 (ERR_ABORTED) is a navigation replaced by another one, not a failure.
    if (isMainFrame && errorCode !== -3 && !errorPage && active()) reloadLater(`${validatedURL} failed to load (${errorDescription})`, deps.retryDelayMs);
  });
  contents.on('render-process-gone', (_event, details) => {
    hung = false;
    hangEpoch += 1;
    if (killedByUs) {
      killedByUs = false;
      return;
    }
    fail({ kind: 'page-gone', reason: details.reason });
  });
  contents.on('unresponsive', () => {
    if (hung) return;
    hung = true;
    const epoch = ++hangEpoch;
    log.error(`ServiceHall terminal: page unresponsive; waiting ${deps.limits.unresponsiveGraceMs / 1000} s before reloading it`);
    deps.schedule(() => {
      if (hung && epoch === hangEpoch) fail({ kind: 'page-hung' });
    }, deps.limits.unresponsiveGraceMs);
  });
  contents.on('responsive', () => {
    if (hung) log.info('ServiceHall terminal: page responsive again');
    hung = false;
    hangEpoch += 1;
  });
  deps.app.on('child-process-gone', (_event, details) => {
    fail({ kind: 'child-gone', type: details.type, reason: details.reason, ...(details.name !== undefined && { name: details.name }) });
  });

  return {
    load,
    get showingErrorPage() {
      return errorPage;
    },
  };
}
