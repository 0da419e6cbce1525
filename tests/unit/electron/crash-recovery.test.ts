// Crash recovery as wired by shell.ts (window-recovery.ts) and main.ts (main-guard.ts),
// against the fake of Electron's own objects, with simulated time: scheduled work
// is collected and run by the test, the clock is a variable.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { handleMainCrash, installMainGuard, type MainGuardDeps } from '../../../electron/main-guard.js';
import { CRASH_EXIT_CODE, defaultRecoveryLimits, GIVE_UP_EXIT_CODE, HOUR_MS, type RecoveryLimits } from '../../../electron/recovery.js';
import { parseRecoveryState, type RecoveryState } from '../../../electron/recovery-state.js';
import { startShell, type ShellDeps } from '../../../electron/shell.js';
import { createFakeElectron } from './fake-electron.js';

const terminalJson = JSON.stringify({ role: 'hall_display', terminalId: 'display-1', hallUrl: 'http://192.168.10.5:8080', token: 'displaydisplay01' });
const pageUrl = 'http://192.168.10.5:8080/display/?terminal=display-1#token=displaydisplay01';
const limits: RecoveryLimits = { ...defaultRecoveryLimits, maxReloadsPerHour: 3, firstDelayMs: 1000, maxDelayMs: 8000, unresponsiveGraceMs: 15_000 };
const statePath = '/home/display/.config/ServiceHall/recovery-state.json';

async function startDisplay(options: { packaged?: boolean; state?: RecoveryState; env?: Record<string, string> } = {}) {
  const fake = createFakeElectron({ userDataDir: '/home/display/.config/ServiceHall', isPackaged: options.packaged ?? true });
  const clock = { now: 5 * HOUR_MS };
  const scheduled: { run: () => void; delayMs: number }[] = [];
  const files = new Map<string, string>([['/home/display/.config/ServiceHall/terminal.json', terminalJson]]);
  if (options.state) files.set(statePath, JSON.stringify(options.state));
  const logs: string[] = [];
  const deps: ShellDeps = {
    electron: fake.electron,
    argv: ['/opt/ServiceHall/servicehall'],
    env: options.env ?? {},
    cwd: '/',
    preloadPath: '/opt/ServiceHall/resources/app.asar/electron/dist/preload.cjs',
    readTextFile: (p) => files.get(p) ?? null,
    writeRecoveryState: (p, state) => void files.set(p, JSON.stringify(state)),
    loadHall: async () => {
      throw new Error('not the master');
    },
    log: { info: (m) => void logs.push(m), error: (m) => void logs.push(m) },
    schedule: (run, delayMs) => void scheduled.push({ run, delayMs }),
    now: () => clock.now,
    recoveryLimits: limits,
  };
  const shell = await startShell(deps);
  const window = fake.windows[0];
  if (!shell || !window) throw new Error('the display did not start');
  /** Runs everything scheduled so far, advancing the clock by each delay; returns the delays. */
  const runScheduled = () => {
    const due = scheduled.splice(0);
    for (const job of due) {
      clock.now += job.delayMs;
      job.run();
    }
    return due.map((j) => j.delayMs);
  };
  const state = () => parseRecoveryState(files.get(statePath) ?? null);
  return { fake, window, contents: window.webContents, clock, scheduled, runScheduled, logs, state };
}

describe('a crashed page', () => {
  it('is reloaded after a backoff that grows with each crash', async () => {
    const { contents, window, runScheduled } = await startDisplay();
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      contents.emit('render-process-gone', {}, { reason: 'crashed' });
      delays.push(...runScheduled());
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(window.loaded).toEqual([pageUrl, pageUrl, pageUrl, pageUrl]);
  });

  // Mutation checked: with the give-up branch of window-recovery.ts reloading instead, the
  // fourth crash loads the page again and the data: expectation fails.
  it('shows the error page once the hourly cap is reached, and tries again when the hour has moved on', async () => {
    const { contents, window, runScheduled, scheduled, clock } = await startDisplay();
    const start = clock.now;
    for (let i = 0; i < 3; i += 1) {
      contents.emit('render-process-gone', {}, { reason: 'oom' });
      runScheduled();
    }
    contents.emit('render-process-gone', {}, { reason: 'oom' });
    const errorPage = window.loaded.at(-1) ?? '';
    expect(errorPage).toMatch(/^data:text\/html;charset=utf-8,/);
    const html = decodeURIComponent(errorPage.slice(errorPage.indexOf(',') + 1));
    expect(html).toContain('本机暂停服务');
    expect(html).toContain('page process gone (oom); 3 reloads within an hour');
    expect(html).not.toContain('<script');
    // One retry, when the first reload of the hour leaves it.
    expect(scheduled).toHaveLength(1);
    expect(clock.now + (scheduled[0]?.delayMs ?? 0)).toBe(start + HOUR_MS);
    runScheduled();
    expect(window.loaded.at(-1)).toBe(pageUrl);
  });

  it('is not reloaded when it exited cleanly, nor while the app quits', async () => {
    const { fake, contents, scheduled } = await startDisplay();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(scheduled).toHaveLength(0);
    fake.app.quit();
    contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(scheduled).toHaveLength(0);
  });

  it('does not count a hall that cannot be reached as crashes', async () => {
    const { contents, window, runScheduled } = await startDisplay();
    for (let i = 0; i < 10; i += 1) {
      contents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', pageUrl, true);
      expect(runScheduled()).toEqual([5000]);
    }
    expect(window.loaded.every((url) => url === pageUrl)).toBe(true);
  });
});

describe('a hung page', () => {
  // Mutation checked: without forcefullyCrashRenderer the reload would reuse the hung process; rendererKills stays 0.
  it('gets the grace period, then its process is ended and the page reloaded in a new one', async () => {
    const { contents, window, scheduled, runScheduled } = await startDisplay();
    contents.emit('unresponsive');
    contents.emit('unresponsive'); // Electron repeats it; one timer only
    expect(scheduled.map((j) => j.delayMs)).toEqual([15_000]);
    expect(window.loaded).toHaveLength(1);
    runScheduled();
    expect(contents.rendererKills).toBe(1);
    // Our own kill is not counted as a second failure: exactly one reload, after the first backoff.
    expect(runScheduled()).toEqual([1000]);
    expect(window.loaded).toEqual([pageUrl, pageUrl]);
  });

  it('is left alone when it becomes responsive within the grace period', async () => {
    const { contents, window, runScheduled } = await startDisplay();
    contents.emit('unresponsive');
    contents.emit('responsive');
    runScheduled();
    expect(contents.rendererKills).toBe(0);
    expect(window.loaded).toHaveLength(1);
  });
});

describe('crashed GPU and utility processes', () => {
  it('reload the window after a utility or GPU crash, ignore other child processes', async () => {
    const { fake, window, runScheduled } = await startDisplay();
    fake.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed', exitCode: 11, name: 'Audio Service' });
    runScheduled();
    fake.app.emit('child-process-gone', {}, { type: 'Zygote', reason: 'crashed', exitCode: 11 });
    runScheduled();
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 11 });
    runScheduled();
    expect(window.loaded).toHaveLength(3);
  });

  // Mutation checked: without relaunchWithSoftwareRendering persisting the flag, the state check fails.
  it('after repeated GPU crashes, relaunch with hardware acceleration off, remembered across runs', async () => {
    const { fake, runScheduled, state } = await startDisplay();
    for (let i = 0; i < limits.gpuCrashesForSoftwareRendering; i += 1) {
      fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
      runScheduled();
    }
    expect(state().softwareRendering).toBe(true);
    expect(fake.relaunches).toBe(1);
    expect(fake.quitRequests).toBeGreaterThanOrEqual(1);

    const next = await startDisplay({ state: state() });
    expect(next.fake.hardwareAccelerationDisabled).toBe(true);
    const fresh = await startDisplay();
    expect(fresh.fake.hardwareAccelerationDisabled).toBe(false);
  });

  // Mutation checked: with an unconditional app.relaunch() in shell.ts, relaunches is 1 here.
  it('under a supervisor, quits for it to restart instead of relaunching itself', async () => {
    const { fake, runScheduled, state } = await startDisplay({ env: { SERVICEHALL_SUPERVISOR: 'systemd' } });
    for (let i = 0; i < limits.gpuCrashesForSoftwareRendering; i += 1) {
      fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
      runScheduled();
    }
    expect(state().softwareRendering).toBe(true);
    expect(fake.relaunches).toBe(0);
    expect(fake.quitRequests).toBeGreaterThanOrEqual(1);
  });
});

describe('DevTools in a packaged build', () => {
  it('swallows the DevTools shortcuts and closes DevTools if they open; a checkout keeps them', async () => {
    const packaged = await startDisplay({ packaged: true });
    expect(packaged.window.options.webPreferences?.devTools).toBe(false);
    expect(packaged.contents.press({ key: 'F12', code: 'F12' })).toBe(true);
    expect(packaged.contents.press({ key: 'I', code: 'KeyI', control: true, shift: true })).toBe(true);
    expect(packaged.contents.press({ key: 'a', code: 'KeyA' })).toBe(false);
    packaged.contents.emit('devtools-opened');
    expect(packaged.contents.devToolsClosed).toBe(1);

    const checkout = await startDisplay({ packaged: false });
    expect(checkout.window.options.webPreferences?.devTools).toBe(true);
    expect(checkout.contents.press({ key: 'F12', code: 'F12' })).toBe(false);
  });
});

describe('main-process crashes (main-guard.ts)', () => {
  function guard(env: Record<string, string> = {}, initial: RecoveryState | null = null) {
    let file: string | null = initial && JSON.stringify(initial);
    const calls: string[] = [];
    const clock = { now: 10 * HOUR_MS };
    const deps: MainGuardDeps = {
      app: { relaunch: () => void calls.push('relaunch'), exit: (code?: number) => void calls.push(`exit ${code}`) },
      dialog: { showErrorBox: (title) => void calls.push(`error box: ${title}`) },
      events: new EventEmitter(),
      env,
      statePath: '/u/recovery-state.json',
      readTextFile: () => file,
      writeState: (_p, state) => void (file = JSON.stringify(state)),
      now: () => clock.now,
      log: { error: () => undefined },
    };
    return { deps, calls, clock, state: () => parseRecoveryState(file) };
  }

  it('relaunches an unsupervised terminal after an uncaught exception', () => {
    const { deps, calls, state, clock } = guard();
    installMainGuard(deps);
    (deps.events as EventEmitter).emit('uncaughtException', new TypeError('Invalid URL'));
    expect(calls).toEqual(['relaunch', `exit ${CRASH_EXIT_CODE}`]);
    expect(state().mainCrashes).toEqual([clock.now]);
  });

  it('logs an unhandled rejection without ending the run (Electron\'s default)', () => {
    const { deps, calls, state } = guard();
    const logged: string[] = [];
    deps.log = { error: (m) => void logged.push(m) };
    installMainGuard(deps);
    (deps.events as EventEmitter).emit('unhandledRejection', new Error('late reply'));
    expect(calls).toEqual([]);
    expect(state().mainCrashes).toEqual([]);
    expect(logged[0]).toContain('unhandled promise rejection in the main process (not fatal): Error: late reply');
  });

  it('only exits when a supervisor restarts it, keeping the GPU flag', () => {
    const { deps, calls, state } = guard({ SERVICEHALL_SUPERVISOR: 'systemd' }, { softwareRendering: true, mainCrashes: [] });
    handleMainCrash(deps, new Error('boom'));
    expect(calls).toEqual([`exit ${CRASH_EXIT_CODE}`]);
    expect(state().softwareRendering).toBe(true);
  });

  // Mutation checked: with decideMainCrash always relaunching, the sixth crash relaunches and this fails.
  it('stops a crash loop: past the hourly cap it shows the error and exits with the do-not-restart code', () => {
    const { deps, calls, clock } = guard();
    for (let i = 0; i < defaultRecoveryLimits.maxRelaunchesPerHour; i += 1) {
      handleMainCrash(deps, new Error('boom'));
      clock.now += 60_000;
    }
    expect(calls.filter((c) => c === 'relaunch')).toHaveLength(defaultRecoveryLimits.maxRelaunchesPerHour);
    calls.length = 0;
    handleMainCrash(deps, new Error('boom'));
    expect(calls).toEqual(['error box: ServiceHall stopped: repeated crashes', `exit ${GIVE_UP_EXIT_CODE}`]);
  });

  it('still exits when the state file cannot be written', () => {
    const { deps, calls } = guard();
    deps.writeState = () => {
      throw new Error('EROFS');
    };
    handleMainCrash(deps, new Error('boom'));
    expect(calls).toEqual(['relaunch', `exit ${CRASH_EXIT_CODE}`]);
  });
});
