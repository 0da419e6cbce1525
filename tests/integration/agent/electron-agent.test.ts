// The device agent as the Electron main process runs it (electron/device-agent.ts):
// the same TerminalDeviceAgent, its devices from terminal.json over the hall's
// defaults, statuses for the page through the preload contract. Only Electron's
// own objects are absent; the hall, the link and the emulated devices are real.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronDeviceAgentFactory, type DeviceAgent, type DeviceStatus } from '../../../electron/device-agent.js';
import { startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import type { ResolvedTerminal } from '../../../electron/terminal.js';

let h: Harness;
let agent: DeviceAgent | null = null;
const userData = tempDataDir();

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await agent?.stop();
  await h.close();
  fs.rmSync(userData, { recursive: true, force: true });
});

const kiosk = (token: string | null): ResolvedTerminal => ({ role: 'kiosk', terminalId: 'kiosk-1', hallOrigin: h.url, pageUrl: `${h.url}/kiosk/`, token });

describe('the Electron terminal device agent', () => {
  it('has no agent without a token (a page-only terminal)', () => {
    const factory = electronDeviceAgentFactory(() => null);
    expect(factory(kiosk(null), { terminalFile: path.join(userData, 'terminal.json'), userDataDir: userData })).toBeNull();
  });

  it("runs terminal.json's devices over the hall's defaults and reports their health to the page", async () => {
    const terminalFile = path.join(userData, 'terminal.json');
    // This machine says: no defaults from the hall, just one emulated printer with a name of our own.
    fs.writeFileSync(terminalFile, JSON.stringify({ role: 'kiosk', hallDefaults: false, devices: [{ id: 'local-printer', kind: 'printer', model: 'generic-epson', transport: { type: 'emulated' } }] }));
    agent = electronDeviceAgentFactory((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null))(kiosk(h.token('kiosk-1')), { terminalFile, userDataDir: userData });
    const seen: DeviceStatus[] = [];
    await agent!.start(kiosk(h.token('kiosk-1')));
    agent!.onStatus((s) => seen.push(s));
    expect(agent!.statuses()).toEqual([{ kind: 'printer', deviceId: 'local-printer', health: expect.objectContaining({ state: 'ok' }) }]);
    // The hall lists exactly this machine's device for kiosk-1 (the hall's default printer and reader are not run).
    await expect.poll(() => h.hall.devices.list().filter((d) => d.terminalId === 'kiosk-1' && d.agentConnected).map((d) => d.id)).toEqual(['local-printer']);
    // A change of health reaches the page: the technician unplugs the (emulated) printer from the admin page.
    const session = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    const res = await h.api('POST', '/api/v1/admin/devices/local-printer/emulator', { terminal: 'admin', session: session.body.sessionToken, body: { action: 'unplug' } });
    expect(res.status).toBe(200);
    await expect.poll(() => seen.at(-1)?.health.state).toBe('fault');
    expect(seen.at(-1)).toMatchObject({ deviceId: 'local-printer', kind: 'printer' });
  });
});
