// The shell's wiring, against a fake of Electron's own objects (fake-electron.ts).
// The hall service is injected as a starter; these tests never load hall/service.ts.
import { describe, expect, it, vi } from 'vitest';
import type { RunningHall, StartHallOptions } from '../../../electron/hall-contract.js';
import { ipcChannels } from '../../../electron/ipc-channels.js';
import { HALL_CONTENT_SECURITY_POLICY } from '../../../hall/api/content-security-policy.js';
import { startShell, type ShellDeps } from '../../../electron/shell.js';
import { createFakeElectron, preventable, type FakeElectron } from './fake-electron.js';

const hallUrl = 'http://127.0.0.1:8080';
const kioskPage = `${hallUrl}/kiosk/#token=kioskkioskkiosk01`;
const silentLog = { info: () => undefined, error: () => undefined };

function fakeHall(): RunningHall & { closed: number; options: StartHallOptions | undefined } {
  const hall = {
    url: `${hallUrl}/`,
    pages: [
      { terminalId: 'kiosk-1', role: 'kiosk' as const, url: kioskPage },
      { terminalId: 'display-1', role: 'hall_display' as const, url: `${hallUrl}/display/#token=displaydisplay01` },
    ],
    closed: 0,
    options: undefined as StartHallOptions | undefined,
    close: async () => {
      hall.closed += 1;
    },
  };
  return hall;
}

function deps(fake: FakeElectron, overrides: Partial<ShellDeps> = {}): ShellDeps {
  return {
    electron: fake.electron,
    argv: ['/usr/bin/electron', '.', '--role=kiosk', '--start-hall', '--port=8080'],
    env: {},
    cwd: '/srv/servicehall',
    preloadPath: '/opt/servicehall/electron/dist/preload.cjs',
    readTextFile: () => null,
    loadHall: async () => {
      throw new Error('this test does not start a hall');
    },
    log: silentLog,
    schedule: () => undefined,
    ...overrides,
  };
}

async function startMasterKiosk() {
  const fake = createFakeElectron({ appPath: '/opt/servicehall' });
  const hall = fakeHall();
  const shell = await startShell(
    deps(fake, {
      loadHall: async () => async (options) => {
        hall.options = options;
        return hall;
      },
    }),
  );
  const window = fake.windows[0];
  if (!shell || !window) throw new Error('the shell did not start');
  const topFrame = { url: kioskPage, parent: null };
  return { fake, hall, shell, window, topFrame };
}

describe('the master kiosk (npm start on a machine with Electron)', () => {
  it('starts the hall in-process with the built pages and opens its kiosk page', async () => {
    const { hall, shell, window } = await startMasterKiosk();
    // Paths are explicit: a bundled hall cannot find the repository by itself.
    expect(hall.options).toEqual({
      port: 8080,
      configPath: '/opt/servicehall/config/demo-hall.json',
      dataDir: '/opt/servicehall/data',
      rendererDir: '/opt/servicehall/dist/renderer',
    });
    expect(shell.terminal).toMatchObject({ role: 'kiosk', terminalId: 'kiosk-1', hallOrigin: hallUrl });
    expect(window.loaded).toEqual([kioskPage]);
  });

  it('keeps the hall\'s configuration and data in userData when packaged', async () => {
    const fake = createFakeElectron({ appPath: '/opt/ServiceHall/resources/app.asar', userDataDir: '/home/kiosk/.config/ServiceHall', isPackaged: true });
    const hall = fakeHall();
    await startShell(deps(fake, { loadHall: async () => async (options) => ((hall.options = options), hall) }));
    expect(hall.options).toMatchObject({
      configPath: '/home/kiosk/.config/ServiceHall/hall.json',
      dataDir: '/home/kiosk/.config/ServiceHall/hall-data',
      rendererDir: '/opt/ServiceHall/resources/app.asar/dist/renderer',
    });
  });

  it('opens one locked-down kiosk window', async () => {
    const { fake, window } = await startMasterKiosk();
    expect(fake.windows).toHaveLength(1);
    expect(window.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/opt/servicehall/electron/dist/preload.cjs' },
    });
    expect(window.menuRemoved).toBe(true);
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
  });

  it('keeps every web contents on the hall origin', async () => {
    const { window } = await startMasterKiosk();
    const contents = window.webContents;
    expect(contents.navigate('will-navigate', `${hallUrl}/kiosk/done`)).toBe(false);
    expect(contents.navigate('will-navigate', 'https://www.example.com/')).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://127.0.0.1:8080@evil.example/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: `${hallUrl}/kiosk/` })).toEqual({ action: 'deny' });
    const webview = preventable();
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('enforces the hall CSP on every document, next to any the server sent, and leaves other responses alone', async () => {
    const { fake } = await startMasterKiosk();
    const respond = (resourceType: string, responseHeaders: Record<string, string[]>) => {
      let answer: unknown;
      fake.session.headersListener?.({ url: kioskPage, resourceType, responseHeaders }, (r) => (answer = r));
      return answer as { responseHeaders?: Record<string, string[]> };
    };
    expect(respond('mainFrame', {}).responseHeaders?.['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
    expect(respond('script', {})).toEqual({});
    expect(respond('mainFrame', { 'content-security-policy': ['connect-src *'] }).responseHeaders).toEqual({
      'content-security-policy': ['connect-src *', HALL_CONTENT_SECURITY_POLICY],
    });
  });

  it('denies permission requests and device access', async () => {
    const { fake } = await startMasterKiosk();
    const granted: boolean[] = [];
    fake.session.requestHandler?.(null, 'media', (g) => granted.push(g), { requestingUrl: kioskPage });
    fake.session.requestHandler?.(null, 'geolocation', (g) => granted.push(g), { requestingUrl: kioskPage });
    expect(granted).toEqual([false, false]);
    expect(fake.session.checkHandler?.(null, 'hid', hallUrl)).toBe(false);
    expect(fake.session.deviceHandler?.()).toBe(false);
  });

  it('tells its page who it is, without the token', async () => {
    const { fake, window, topFrame } = await startMasterKiosk();
    const answer = await fake.invoke(ipcChannels.terminal, topFrame, window.webContents);
    expect(answer).toEqual({ role: 'kiosk', terminalId: 'kiosk-1', counterId: null, hallOrigin: hallUrl });
    expect(JSON.stringify(answer)).not.toContain('kioskkiosk');
    await expect(fake.invoke(ipcChannels.deviceStatuses, topFrame, window.webContents)).resolves.toEqual([]);
  });

  it('answers no IPC from iframes, other origins or other web contents', async () => {
    const { fake, window } = await startMasterKiosk();
    const iframe = { url: kioskPage, parent: { url: kioskPage } };
    const foreign = { url: 'http://evil.example/', parent: null };
    await expect(fake.invoke(ipcChannels.terminal, iframe, window.webContents)).rejects.toThrow('not allowed');
    await expect(fake.invoke(ipcChannels.terminal, foreign, window.webContents)).rejects.toThrow('not allowed');
    await expect(fake.invoke(ipcChannels.terminal, null, window.webContents)).rejects.toThrow('not allowed');
    await expect(fake.invoke(ipcChannels.terminal, { url: kioskPage, parent: null }, {})).rejects.toThrow('not allowed');
    fake.send(ipcChannels.reload, foreign, window.webContents);
    expect(window.loaded).toHaveLength(1);
  });

  it('reloads its start page when the page asks', async () => {
    const { fake, window, topFrame } = await startMasterKiosk();
    window.webContents.url = `${hallUrl}/kiosk/#/matters/42`;
    fake.send(ipcChannels.reload, topFrame, window.webContents);
    expect(window.loaded).toEqual([kioskPage, kioskPage]);
  });

  it('ignores close requests from a visitor, but closes the hall and the window on quit', async () => {
    const { fake, hall, window } = await startMasterKiosk();
    expect(window.requestClose()).toBe(false);

    fake.app.quit();
    await vi.waitFor(() => expect(fake.quitDone).toBe(true));
    expect(hall.closed).toBe(1);
    expect(fake.quitRequests).toBe(2); // once cancelled to close the hall, once for real
  });
});

describe('a remote counter terminal', () => {
  const terminalJson = JSON.stringify({
    role: 'counter',
    terminalId: 'counter-3',
    counterId: 'c3',
    hallUrl: 'http://192.168.10.5:8080',
    token: 'countercounter03',
  });

  it('opens its page on the hall named in terminal.json, in an ordinary window, without loading the hall', async () => {
    const fake = createFakeElectron({ userDataDir: '/home/staff/.config/ServiceHall' });
    const loadHall = vi.fn();
    const read: string[] = [];
    const shell = await startShell(
      deps(fake, {
        argv: ['/opt/ServiceHall/servicehall'],
        loadHall,
        readTextFile: (p) => (read.push(p), terminalJson),
      }),
    );
    expect(read).toEqual(['/home/staff/.config/ServiceHall/recovery-state.json', '/home/staff/.config/ServiceHall/terminal.json']);
    expect(loadHall).not.toHaveBeenCalled();
    expect(shell?.hall).toBeNull();
    expect(fake.windows[0]?.loaded).toEqual(['http://192.168.10.5:8080/counter/?counter=c3&terminal=counter-3#token=countercounter03']);
    expect(fake.windows[0]?.options.kiosk).toBeUndefined();
    expect(fake.windows[0]?.requestClose()).toBe(true);
  });

  it('retries when the hall is not reachable yet, but not for aborted or sub-frame loads', async () => {
    const fake = createFakeElectron();
    const scheduled: (() => void)[] = [];
    await startShell(
      deps(fake, { argv: ['x'], readTextFile: () => terminalJson, schedule: (run) => void scheduled.push(run) }),
    );
    const window = fake.windows[0];
    if (!window) throw new Error('no window');
    window.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', window.loaded[0], true);
    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://192.168.10.5:8080/x', false);
    expect(scheduled).toHaveLength(0);

    window.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', window.loaded[0], true);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' }); // one retry at a time
    expect(scheduled).toHaveLength(1);
    scheduled[0]?.();
    expect(window.loaded).toHaveLength(2);
  });
});

describe('when the terminal cannot start', () => {
  it('shows the identity problem to the technician and exits with 1', async () => {
    const fake = createFakeElectron();
    const shell = await startShell(deps(fake, { argv: ['x'], readTextFile: () => '{"role": "kiosk",' }));
    expect(shell).toBeNull();
    expect(fake.windows).toHaveLength(0);
    expect(fake.exits).toEqual([1]);
    expect(fake.errorBoxes[0]?.title).toBe('ServiceHall cannot start: terminal identity');
    expect(fake.errorBoxes[0]?.content).toContain('terminal.json is not valid JSON');
  });

  it('reports a hall that fails to start, and opens no window', async () => {
    const fake = createFakeElectron();
    const shell = await startShell(
      deps(fake, {
        loadHall: async () => async () => {
          throw new Error('config/hall.json: counters.0.number: must be positive');
        },
      }),
    );
    expect(shell).toBeNull();
    expect(fake.windows).toHaveLength(0);
    expect(fake.errorBoxes[0]).toEqual({ title: 'ServiceHall cannot start: hall service', content: 'config/hall.json: counters.0.number: must be positive' });
    expect(fake.exits).toEqual([1]);
  });

  it('closes the hall again when its configuration has no page for this terminal', async () => {
    const fake = createFakeElectron();
    const hall = fakeHall();
    const shell = await startShell(deps(fake, { argv: ['x', '--role=admin', '--start-hall'], loadHall: async () => async () => hall }));
    expect(shell).toBeNull();
    expect(hall.closed).toBe(1);
    expect(fake.errorBoxes[0]?.content).toContain('no admin terminal');
  });

  it('quits quietly when another instance already runs on this machine', async () => {
    const fake = createFakeElectron({ singleInstance: false });
    const readTextFile = vi.fn(() => null);
    expect(await startShell(deps(fake, { readTextFile }))).toBeNull();
    expect(readTextFile).not.toHaveBeenCalled();
    expect(fake.quitRequests).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });
});
