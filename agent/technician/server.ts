// The technician's page on a terminal (docs/device-agent.md): what this machine
// offers (serial ports, USB printers, HID devices), which devices the agent
// runs with their health, assigning a device to a port (written to
// terminal.json), a test print and a test card read — without the hall.
// Served by the device agent on 127.0.0.1 only.
// Dangers and contracts:
// - Loopback only, and the Host header must name loopback (a web page elsewhere
//   cannot reach it through DNS rebinding); writes need a JSON body and, when a
//   browser sends an Origin, this page's own origin.
// - A test read shows the card masked; the full number never leaves the agent here.
// - terminal.json is rewritten atomically; the token in it is kept and never shown.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { localDeviceSchema } from '../../protocol/devices.js';
import type { TerminalDeviceAgent } from '../device-agent.js';
import { readTerminalFile, TerminalFileError, writeTerminalFile } from '../terminal-file.js';
import type { TechnicianStatus, TestPrintAnswer, TestReadAnswer } from './api-types.js';
import { listMachinePorts, type MachinePorts } from './machine-ports.js';
import { decodeEscPos, renderPreviewSvg, renderTicket } from '../../drivers/printer/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const devicesBody = z
  .object({ devices: z.array(localDeviceSchema).max(32), hallDefaults: z.boolean().optional() })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.devices.forEach((d, i) => {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: ['devices', i, 'id'], message: `device id "${d.id}" is listed twice` });
      seen.add(d.id);
    });
  });
const TEST_READ_MS = 20_000;
const MAX_BODY = 256 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TechnicianPage {
  url: string;
  close(): Promise<void>;
}

export async function startTechnicianPage(options: {
  agent: TerminalDeviceAgent;
  terminalFile: string;
  port: number;
  pageDir?: string;
  /** How long a test read waits for a card (default 20 s). */
  testReadMs?: number;
  /** What the machine offers (default: listMachinePorts()). */
  listPorts?: () => Promise<MachinePorts>;
}): Promise<TechnicianPage> {
  const { agent, terminalFile } = options;
  const pageDir = options.pageDir ?? path.join(root, 'dist', 'renderer', 'technician');
  const testReadMs = options.testReadMs ?? TEST_READ_MS;
  // terminal.json is read, changed and rewritten by one PUT at a time (two tabs must not lose each other's device).
  let writing: Promise<unknown> = Promise.resolve();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) return send(res, err.status, { error: { code: err.code, message: err.message } });
      if (err instanceof TerminalFileError) return send(res, 500, { error: { code: 'terminal_file', message: err.message } });
      send(res, 500, { error: { code: 'internal', message: err.message } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return send(res, 403, { error: { code: 'forbidden', message: 'the technician page answers on this machine only' } });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // A browser names the page that sends a write: only this page's own origin may. "null"
      // (sandboxed frames, file://) and anything unparsable are refused too.
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, req.headers.host ?? '')) return send(res, 403, { error: { code: 'forbidden', message: 'cross-site request refused' } });
      if (req.headers['sec-fetch-site'] === 'cross-site') return send(res, 403, { error: { code: 'forbidden', message: 'cross-site request refused' } });
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, { error: { code: 'json_only', message: 'send JSON' } });
    }
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /local/api/status') {
      const file = readTerminalFile(terminalFile);
      const status: TechnicianStatus = {
        terminalId: file.terminalId ?? null,
        hallUrl: file.hallUrl ?? null,
        link: agent.linkState(),
        devices: agent.reports(),
        localDevices: file.devices ?? [],
        hallDefaults: [...agent.hallDefaults()],
        usesHallDefaults: file.hallDefaults !== false,
      };
      return send(res, 200, status);
    }
    if (route === 'GET /local/api/ports') return send(res, 200, await (options.listPorts ?? listMachinePorts)());
    if (route === 'PUT /local/api/devices') {
      const parsed = devicesBody.safeParse(await readJson(req));
      if (!parsed.success) return send(res, 400, { error: { code: 'invalid_request', message: z.prettifyError(parsed.error) } });
      const update = parsed.data;
      const run = writing.then(async () => {
        // Everything else in the file (token, hall address, pinned certificate, Electron's own fields) is kept.
        const file = readTerminalFile(terminalFile);
        const next = { ...file, devices: update.devices, ...(update.hallDefaults !== undefined && { hallDefaults: update.hallDefaults }) };
        writeTerminalFile(terminalFile, next);
        await agent.reconfigure(next);
      });
      writing = run.catch(() => undefined);
      await run;
      return send(res, 200, { devices: agent.reports() });
    }
    const test = /^\/local\/api\/devices\/([A-Za-z0-9_-]{1,40})\/(test-print|test-read)$/.exec(url.pathname);
    if (req.method === 'POST' && test) {
      const [, id, what] = test;
      const device = agent.devices.get(id!);
      if (!device) return send(res, 404, { error: { code: 'not_found', message: `no device "${id}" on this terminal` } });
      if (what === 'test-print') {
        if (device.kind !== 'printer') return send(res, 409, { error: { code: 'not_a_printer', message: `${id} is not a printer` } });
        const { bytes } = renderTicket(
          { hallName: '设备测试', number: 'T001', matterName: '打印测试 · 中文与二维码', queueName: '测试', peopleAhead: 0, waitMinutes: { min: 0, max: 5 }, issuedAtText: localMinute(new Date()), qrContent: `servicehall:test-print:${id}`, notice: ['这是一张测试票，请勿使用'] },
          { profile: device.profile },
        );
        const print = await agent.testPrint(id!, bytes);
        const answer: TestPrintAnswer = { print, previewSvg: renderPreviewSvg(decodeEscPos(bytes), { paperWidthDots: device.profile.paperWidthDots }) };
        return send(res, 200, answer);
      }
      if (device.kind !== 'id_reader') return send(res, 409, { error: { code: 'not_a_reader', message: `${id} is not an ID card reader` } });
      const card = await new Promise<TestReadAnswer['card'] | null>((resolve) => {
        const done = (value: TestReadAnswer['card'] | null) => {
          clearTimeout(timer);
          off();
          res.off('close', gone);
          resolve(value);
        };
        const timer = setTimeout(() => done(null), testReadMs);
        // The technician closed the page or pressed again: stop listening now, not after the wait.
        const gone = () => done(null);
        res.once('close', gone);
        const off = device.reader.onCard((record) => done({ maskedName: maskName(record.name), maskedIdNumber: record.maskedIdNumber, cardType: record.cardType }));
      });
      if (res.destroyed) return;
      return card ? send(res, 200, { card } satisfies TestReadAnswer) : send(res, 408, { error: { code: 'no_card', message: `no card was read within ${Math.round(testReadMs / 1000)} s: put a card on the reader` } });
    }
    if (req.method === 'GET' && !url.pathname.startsWith('/local/api/')) return servePage(pageDir, url.pathname, res);
    return send(res, 404, { error: { code: 'not_found', message: `no ${route}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A test read may be waiting for a card: do not wait for it.
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The Origin a browser sent names this server (http, the same host and port as the Host header). */
function sameOrigin(origin: string, host: string): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && u.host === host;
  } catch {
    return false;
  }
}

/** "2026-12-07 09:21" in this machine's own time zone (the technician compares it with the clock on the wall). */
function localMinute(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The surname stays, the rest is starred (张** / J***): enough to see the right card was read. */
function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? chars[0]! + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3))) : '';
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) throw new HttpError(413, 'too_large', `the request body is larger than ${MAX_BODY / 1024} KiB`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/**
 * The built page (dist/renderer/technician/index.html and its assets under dist/renderer/assets):
 * "/" and "/assets/…" only — the hall's other pages are not served here.
 */
function servePage(pageDir: string, pathname: string, res: http.ServerResponse): void {
  const base = path.dirname(pageDir);
  const assets = path.join(base, 'assets');
  const file = pathname === '/' || pathname === '/index.html' ? path.join(pageDir, 'index.html') : path.join(base, path.normalize(pathname));
  const allowed = file === path.join(pageDir, 'index.html') || file.startsWith(assets + path.sep);
  if (!allowed || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, { error: { code: 'not_found', message: fs.existsSync(pageDir) ? 'no such file' : 'the technician page is not built: npm run build:renderer' } });
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  fs.createReadStream(file).pipe(res);
}
