// The technician's page of a terminal (agent/technician/server.ts, docs/technician-page.md),
// over real HTTP: a real hall, kiosk-1's real device agent (the demo's emulated printer and
// ID reader), a terminal.json written the way enrolment leaves it, and a TCP printer emulator
// the technician assigns the kiosk's printer to. Requests go through node:http so the test
// can send the Host and Origin headers a browser elsewhere would.
// Mutations tried: the Host check removed (the evil.example case fails); the Origin check
// removed (the cross-origin case fails and the emulator gets a job); `new URL(origin)` unguarded
// as before (Origin: null answered 500, not 403); PUT writing only `{devices}` (the token check
// fails); the duplicate-id refinement removed (the duplicate case answers 200); the test read's
// masking replaced by the full number (the masked check fails); the usb_lp listing's try/catch
// removed (the ports case answers 500); agent/main.ts ignoring technicianPort (the npm run terminal
// case waits in vain for the address); the Electron agent not closing the page on stop, or not
// given technicianPort (the Electron case fails).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, loadPrinterProfile, splitAtCuts, startPrinterEmulator, type PrinterEmulator } from '../../../drivers/printer/index.js';
import type { EmulatedCard } from '../../../drivers/idcard/text-block.js';
import { startAgents, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { startTechnicianPage, type TechnicianPage } from '../../../agent/technician/server.js';
import { listMachinePorts } from '../../../agent/technician/machine-ports.js';
import type { TerminalDeviceAgent } from '../../../agent/device-agent.js';
import type { MachinePorts, TechnicianStatus, TestPrintAnswer, TestReadAnswer } from '../../../agent/technician/api-types.js';
import { freePort, startAgentProcess } from './processes.js';
import { electronDeviceAgentFactory } from '../../../electron/device-agent.js';

let h: Harness;
let agent: TerminalDeviceAgent;
let page: TechnicianPage;
let emulator: PrinterEmulator;
let dir: string;
let terminalFile: string;
let token: string;
const pages: TechnicianPage[] = [];

const card = (fixture: string) => (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../config/demo-cards/${fixture}.json`), 'utf8')) as { card: EmulatedCard }).card;

/** One request to the page, with the headers a test chooses (Host defaults to the page's own). */
function call<T = unknown>(method: string, route: string, opts: { body?: unknown; headers?: Record<string, string>; on?: TechnicianPage } = {}): Promise<{ status: number; body: T; text: string }> {
  const target = new URL(route, (opts.on ?? page).url);
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...(body !== undefined && { 'content-type': 'application/json' }), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, body: (text.startsWith('{') ? JSON.parse(text) : null) as T }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  h = await startHarness();
  const agents = await startAgents(h.hall, ['kiosk-1'], h.dataDir);
  agent = agents.get('kiosk-1')!;
  h.agents.set('kiosk-1', agent);
  token = h.token('kiosk-1');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-technician-'));
  terminalFile = path.join(dir, 'terminal.json');
  // As enrolment and an Electron terminal leave it: token, hall address, a field of Electron's own.
  fs.writeFileSync(terminalFile, JSON.stringify({ hallUrl: h.url, terminalId: 'kiosk-1', token, role: 'kiosk', devices: [] }, null, 2), { mode: 0o600 });
  page = await startTechnicianPage({ agent, terminalFile, port: 0, testReadMs: 8000 });
  pages.push(page);
  emulator = await startPrinterEmulator({ transport: 'tcp', profile: loadPrinterProfile('generic-epson') });
}, 60_000);

afterAll(async () => {
  await Promise.all(pages.map((p) => p.close()));
  await h?.close();
  await emulator?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a terminal's technician page", () => {
  it('status: this terminal, its hall, the link up, each device with its health; never the token', async () => {
    // On a loaded machine the emulated devices may still be making their first connection: wait for them.
    const healthy = async () => {
      const { body } = await call<TechnicianStatus>('GET', '/local/api/status');
      return { connected: body.link.connected, devices: body.devices.map((d) => [d.id, d.kind, d.health.state]).sort() };
    };
    await expect
      .poll(healthy, { timeout: 15_000 })
      .toEqual({
        connected: true,
        devices: [
          ['kiosk-1-id-reader', 'id_reader', 'ok'],
          ['kiosk-1-printer', 'printer', 'ok'],
        ],
      });
    const { status, body, text } = await call<TechnicianStatus>('GET', '/local/api/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ terminalId: 'kiosk-1', hallUrl: h.url, usesHallDefaults: true, localDevices: [] });
    expect(body.hallDefaults.map((d) => d.id).sort()).toEqual(['kiosk-1-id-reader', 'kiosk-1-printer']);
    expect(text).not.toContain(token);
  });

  it('ports: serial ports, USB printers and HID devices in their shapes; a source that cannot be read is reported, not thrown', async () => {
    const { status, body } = await call<MachinePorts>('GET', '/local/api/ports');
    expect(status).toBe(200);
    expect(Array.isArray(body.serial) && Array.isArray(body.usbPrinters) && Array.isArray(body.hid) && Array.isArray(body.errors)).toBe(true);
    for (const p of body.serial) expect(p).toEqual({ path: expect.any(String), manufacturer: p.manufacturer, vendorId: p.vendorId, productId: p.productId });
    for (const e of body.errors) expect(['serial', 'usb_lp', 'hid']).toContain(e.source);

    // A USB printer folder that lists lp devices, and one that cannot be read at all (a file, not a folder).
    const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-usb-'));
    for (const n of ['lp10', 'lp0', 'hiddev0']) fs.writeFileSync(path.join(usb, n), '');
    const listed = await startTechnicianPage({ agent, terminalFile, port: 0, listPorts: () => listMachinePorts({ usbDir: usb }) });
    pages.push(listed);
    const good = await call<MachinePorts>('GET', '/local/api/ports', { on: listed });
    expect(good.body.usbPrinters).toEqual([{ path: `${usb}/lp0` }, { path: `${usb}/lp10` }]);
    const broken = await startTechnicianPage({ agent, terminalFile, port: 0, listPorts: () => listMachinePorts({ usbDir: path.join(usb, 'lp0') }) });
    pages.push(broken);
    const bad = await call<MachinePorts>('GET', '/local/api/ports', { on: broken });
    expect(bad.status).toBe(200);
    expect(bad.body.usbPrinters).toEqual([]);
    expect(bad.body.errors).toContainEqual({ source: 'usb_lp', message: expect.stringContaining('ENOTDIR') });
    // The other sources are still listed beside the broken one.
    expect(Array.isArray(bad.body.serial)).toBe(true);
    fs.rmSync(usb, { recursive: true, force: true });
  });

  it('assigning the printer to a network printer: terminal.json rewritten whole (token kept), the printer reopened there and healthy', async () => {
    const declaration = { id: 'kiosk-1-printer', kind: 'printer', model: 'generic-epson', transport: { type: 'tcp', host: '127.0.0.1', port: emulator.port! }, printer: { readsStatus: 'auto', confirm: true, confirmTimeoutMs: 2000 } };
    const res = await call<{ devices: TechnicianStatus['devices'] }>('PUT', '/local/api/devices', { body: { devices: [declaration] } });
    expect(res.status).toBe(200);
    const printer = res.body.devices.find((d) => d.id === 'kiosk-1-printer')!;
    expect(printer).toMatchObject({ model: 'generic-epson', emulated: false, health: { state: 'ok' } });
    expect(printer.transport).toContain(String(emulator.port));

    const saved = JSON.parse(fs.readFileSync(terminalFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ token, hallUrl: h.url, terminalId: 'kiosk-1', role: 'kiosk', devices: [declaration] });
    expect(fs.statSync(terminalFile).mode & 0o777).toBe(0o600);
    // Atomic: written beside and renamed over; no temporary file left behind.
    expect(fs.readdirSync(dir)).toEqual(['terminal.json']);

    const status = (await call<TechnicianStatus>('GET', '/local/api/status')).body;
    expect(status.localDevices).toEqual([declaration]);
    // The hall sees the printer where it now is.
    await expect.poll(() => h.hall.devices.list().find((d) => d.id === 'kiosk-1-printer')?.transport).toContain(String(emulator.port));
  });

  it('a test print comes out on that printer as a ticket the emulator decodes, with its preview', async () => {
    const res = await call<TestPrintAnswer>('POST', '/local/api/devices/kiosk-1-printer/test-print', { body: {} });
    expect(res.status).toBe(200);
    expect(['printed', 'unconfirmed']).toContain(res.body.print.status);
    expect(res.body.previewSvg.startsWith('<svg')).toBe(true);
    const [job] = await emulator.waitForJobs(1);
    const qr = splitAtCuts(decodeEscPos(job!))[0]!.find((el) => el.kind === 'qr') as { content: string } | undefined;
    expect(qr?.content).toBe('servicehall:test-print:kiosk-1-printer');
    expect(emulator.jobs()).toHaveLength(1);
  });

  it('a test read on the ID reader shows the card masked', async () => {
    const reader = agent.devices.get('kiosk-1-id-reader');
    if (reader?.kind !== 'id_reader' || !reader.emulator) throw new Error('kiosk-1 has no emulated ID reader');
    const fixture = card('resident-adult');
    const answer = call<TestReadAnswer>('POST', '/local/api/devices/kiosk-1-id-reader/test-read', { body: {} });
    let settled = false;
    void answer.finally(() => (settled = true));
    // The page starts waiting when the request arrives; a card already read before that is not
    // its card, so put it on (again) until the page answers.
    while (!settled) {
      reader.emulator.insertCard(fixture);
      await Promise.race([answer, new Promise((r) => setTimeout(r, 1000))]);
      reader.emulator.removeCard();
    }
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.body.card.cardType).toBe('resident');
    expect(res.body.card.maskedIdNumber).toMatch(/\*/);
    expect(res.body.card.maskedIdNumber.slice(-4)).toBe(fixture.fields.idNumber!.slice(-4));
    expect(res.text).not.toContain(fixture.fields.idNumber!);
    expect(res.text).not.toContain(fixture.fields.name!);
    expect(res.body.card.maskedName.startsWith([...fixture.fields.name!][0]!)).toBe(true);
  });

  it('a test read with no card answers 408 in plain words; a test on the wrong kind of device is refused', async () => {
    const quick = await startTechnicianPage({ agent, terminalFile, port: 0, testReadMs: 300 });
    pages.push(quick);
    const res = await call('POST', '/local/api/devices/kiosk-1-id-reader/test-read', { body: {}, on: quick });
    expect(res).toMatchObject({ status: 408, body: { error: { code: 'no_card' } } });
    expect((await call('POST', '/local/api/devices/kiosk-1-printer/test-read', { body: {} })).status).toBe(409);
    expect((await call('POST', '/local/api/devices/kiosk-1-id-reader/test-print', { body: {} })).status).toBe(409);
    expect((await call('POST', '/local/api/devices/nope/test-print', { body: {} })).status).toBe(404);
  });

  it('bad declarations are refused with the reason, and terminal.json stays as it was', async () => {
    const before = fs.readFileSync(terminalFile, 'utf8');
    const dup = { id: 'x', kind: 'printer', model: 'generic-epson', transport: { type: 'emulated' } };
    const twice = await call<{ error: { code: string; message: string } }>('PUT', '/local/api/devices', { body: { devices: [dup, dup] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('listed twice');
    const wrong = await call<{ error: { code: string; message: string } }>('PUT', '/local/api/devices', { body: { devices: [{ ...dup, kind: 'id_reader', printer: { confirm: true } }] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('printer settings on a id_reader');
    expect((await call('PUT', '/local/api/devices', { body: { devices: [], token: 'x'.repeat(20) } })).status).toBe(400);
    const many = Array.from({ length: 33 }, (_, i) => ({ ...dup, id: `p${i}` }));
    expect((await call('PUT', '/local/api/devices', { body: { devices: many } })).status).toBe(400);
    expect((await call('PUT', '/local/api/devices', { body: 'not json' })).status).toBe(400);
    expect(fs.readFileSync(terminalFile, 'utf8')).toBe(before);
  });

  it('answers only as this machine: another Host is refused (DNS rebinding), and writes only from its own origin', async () => {
    expect((await call('GET', '/local/api/status', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await call('GET', '/', { headers: { host: `evil.example:${new URL(page.url).port}` } })).status).toBe(403);
    expect((await call('GET', '/local/api/status', { headers: { host: `localhost:${new URL(page.url).port}` } })).status).toBe(200);

    const jobs = emulator.jobs().length;
    const cross = await call('POST', '/local/api/devices/kiosk-1-printer/test-print', { body: {}, headers: { origin: 'http://evil.example' } });
    expect(cross.status).toBe(403);
    const opaque = await call('POST', '/local/api/devices/kiosk-1-printer/test-print', { body: {}, headers: { origin: 'null' } });
    expect(opaque.status).toBe(403);
    const rebound = await call('PUT', '/local/api/devices', { body: { devices: [] }, headers: { origin: `http://evil.example:${new URL(page.url).port}` } });
    expect(rebound.status).toBe(403);
    const fetchMeta = await call('POST', '/local/api/devices/kiosk-1-printer/test-print', { body: {}, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchMeta.status).toBe(403);
    // A form post (no preflight) cannot send JSON.
    expect((await call('POST', '/local/api/devices/kiosk-1-printer/test-print', { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(emulator.jobs().length).toBe(jobs);
    expect((JSON.parse(fs.readFileSync(terminalFile, 'utf8')) as { devices: unknown[] }).devices).toHaveLength(1);
    // The page's own origin may.
    const own = await call('POST', '/local/api/devices/kiosk-1-printer/test-print', { body: {}, headers: { origin: new URL(page.url).origin } });
    expect(own.status).toBe(200);
  });

  it('removing the override brings the hall default back; hallDefaults: false runs only this machine\'s devices', async () => {
    const back = await call<{ devices: TechnicianStatus['devices'] }>('PUT', '/local/api/devices', { body: { devices: [] } });
    expect(back.status).toBe(200);
    expect(back.body.devices.find((d) => d.id === 'kiosk-1-printer')).toMatchObject({ emulated: true, model: 'snbc-bk-t080' });
    const own = { id: 'kiosk-1-printer', kind: 'printer', model: 'generic-epson', transport: { type: 'tcp', host: '127.0.0.1', port: emulator.port! } };
    const only = await call<{ devices: TechnicianStatus['devices'] }>('PUT', '/local/api/devices', { body: { devices: [own], hallDefaults: false } });
    expect(only.body.devices.map((d) => d.id)).toEqual(['kiosk-1-printer']);
    const saved = JSON.parse(fs.readFileSync(terminalFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({ hallDefaults: false, token, role: 'kiosk' });
    expect((await call<TechnicianStatus>('GET', '/local/api/status')).body.usesHallDefaults).toBe(false);
  });

  it('says the page is not built when it is not', async () => {
    const unbuilt = await startTechnicianPage({ agent, terminalFile, port: 0, pageDir: path.join(dir, 'nothing', 'technician') });
    pages.push(unbuilt);
    const res = await call<{ error: { message: string } }>('GET', '/', { on: unbuilt });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('npm run build:renderer');
  });

  it('npm run terminal: terminal.json technicianPort fixes the page\'s port, and the agent prints the address', async () => {
    const port = await freePort();
    const agentDir = path.join(dir, 'kiosk-24h');
    const child = await startAgentProcess({ hallUrl: h.url, terminalId: 'kiosk-24h', dir: agentDir, token: h.token('kiosk-24h'), terminalFile: { hallUrl: h.url, terminalId: 'kiosk-24h', technicianPort: port } });
    try {
      await child.waitFor(`technician's page on this machine: http://127.0.0.1:${port}/`);
      const res = await call<TechnicianStatus>('GET', `http://127.0.0.1:${port}/local/api/status`);
      expect(res.status).toBe(200);
      expect(res.body.terminalId).toBe('kiosk-24h');
    } finally {
      await child.stop();
    }
  }, 60_000);

  it("an Electron terminal's agent serves the page too, on terminal.json's technicianPort, and closes it when it stops", async () => {
    const port = await freePort();
    const userData = path.join(dir, 'electron-user-data');
    fs.mkdirSync(userData);
    const file = path.join(userData, 'terminal.json');
    // An Electron terminal's own file: its role and start fields stay untouched by the page.
    fs.writeFileSync(file, JSON.stringify({ role: 'kiosk', terminalId: 'kiosk-24h', technicianPort: port, devices: [] }));
    const terminal = { role: 'kiosk' as const, terminalId: 'kiosk-24h', hallOrigin: h.url, pageUrl: `${h.url}/kiosk/`, token: h.token('kiosk-24h') };
    const electronAgent = electronDeviceAgentFactory((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null))(terminal, { terminalFile: file, userDataDir: userData })!;
    await electronAgent.start(terminal);
    try {
      const res = await call<TechnicianStatus>('GET', `http://127.0.0.1:${port}/local/api/status`);
      expect(res.status).toBe(200);
      expect(res.body.terminalId).toBe('kiosk-24h');
      const put = await call('PUT', `http://127.0.0.1:${port}/local/api/devices`, { body: { devices: [], hallDefaults: false } });
      expect(put.status).toBe(200);
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ role: 'kiosk', hallDefaults: false, technicianPort: port });
      expect(electronAgent.statuses()).toEqual([]);
    } finally {
      await electronAgent.stop();
    }
    await expect(call('GET', `http://127.0.0.1:${port}/local/api/status`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('serves the page and its assets only, not the hall\'s other pages or files outside', async () => {
    expect((await call('GET', '/admin/index.html')).status).toBe(404);
    expect((await call('GET', '/%2e%2e/package.json')).status).toBe(404);
    expect((await call('GET', '/local/api/nothing')).status).toBe(404);
  });
});
