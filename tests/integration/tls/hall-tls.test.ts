// TLS on the LAN, end to end: lan.tls.enabled set through the configuration file a
// technician writes, the real hall started, real TLS clients and headless Chromium.
// Nothing is mocked. What each part would catch:
// - pinned client succeeds / wss opens: the hall really serves TLS with the kept certificate
//   (mutation tried: createLanServer always plain http → every request here fails);
// - wrong pin: the recorder below saw zero bytes while the hall's own pin reached it with the
//   Authorization header (mutation tried: pinnedTlsOptions with rejectUnauthorized false → the
//   recorder receives "authorization: Bearer …" and the test fails);
// - the host name is ignored (certificate names "elsewhere.example" only, reached at 127.0.0.1):
//   mutation tried: no checkServerIdentity → ERR_TLS_CERT_ALTNAME_INVALID;
// - Chromium loads the kiosk page over https only with the hall's SPKI hash allowed, and the
//   admin page shows the fingerprint the terminals pin.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHallService, type RunningHall } from '../../../hall/service.js';
import { generateSelfSignedCertificate } from '../../../hall/tls/self-signed.js';
import { CERT_FILE, KEY_FILE, TLS_FOLDER } from '../../../hall/tls/hall-tls.js';
import type { TlsStatusDTO } from '../../../hall/api/dto.js';
import { fetchHallCertificate, pinnedTlsOptions, pinnedTlsOptionsFor, pinnedWebSocketOptions, spkiSha256Base64, type PinnedTlsOptions } from '../../../protocol/tls-pin.js';
import { demoConfigWith, startHarness, tempDataDir, type Harness } from '../../helpers/hall-harness.js';
import { CHROMIUM_PATH, artifactPath } from '../../helpers/browser.js';
import { chromium } from 'playwright-core';

/** One HTTPS request with the given TLS options; resolves status and body, rejects with the TLS error. */
function request(url: string, options: PinnedTlsOptions | tls.ConnectionOptions, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ...options, method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A TLS server presenting `cert` that records every decrypted byte a client sends it (a hostile hall look-alike). */
async function recordingTlsServer(cert: { certPem: string; keyPem: string }) {
  const received: Buffer[] = [];
  const server = tls.createServer({ cert: cert.certPem, key: cert.keyPem }, (socket) => {
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
    });
    socket.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => Buffer.concat(received).toString('latin1'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('hall over TLS (lan.tls.enabled in the configuration file)', () => {
  let h: Harness;
  let hall: RunningHall;
  let dataDir: string;
  let hallPin: PinnedTlsOptions;

  beforeAll(async () => {
    const configPath = demoConfigWith((c) => void (c.lan = { tls: { enabled: true } }));
    h = await startHarness({ configPath });
    hall = h.hall;
    dataDir = h.dataDir;
    const presented = await fetchHallCertificate(hall.url);
    hallPin = pinnedTlsOptions({ certPem: presented.pem, sha256: hall.certSha256! });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reports an https URL and pages, and keeps its certificate and key in the data folder (key 0600, folder 0700)', () => {
    expect(hall.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(hall.pages.every((p) => p.url.startsWith(`${hall.url}/`))).toBe(true);
    const dir = path.join(dataDir, TLS_FOLDER);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, CERT_FILE), 'utf8')).toContain('BEGIN CERTIFICATE');
    expect(hall.certSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('answers a client pinned to its certificate, and shows the fingerprint on the admin API', async () => {
    const health = await request(`${hall.url}/api/v1/health`, hallPin);
    expect(health.status).toBe(200);
    const admin = h.token('admin');
    const signIn = await request(`${hall.url}/api/v1/admin/session`, hallPin, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ staffNo: '9001', pin: '1234' }),
    });
    expect(signIn.status).toBe(200);
    const { sessionToken } = JSON.parse(signIn.text) as { sessionToken: string };
    const status = await request(`${hall.url}/api/v1/admin/tls`, hallPin, { headers: { authorization: `Bearer ${admin}`, 'x-staff-session': sessionToken } });
    expect(status.status).toBe(200);
    const dto = JSON.parse(status.text) as TlsStatusDTO;
    expect(dto).toMatchObject({ enabled: true, sha256: hall.certSha256, source: 'generated' });
    expect(dto.spkiSha256).toBe(spkiSha256Base64(fs.readFileSync(path.join(dataDir, TLS_FOLDER, CERT_FILE))));
    // Without a staff session the fingerprint route is closed like every admin route.
    expect((await request(`${hall.url}/api/v1/admin/tls`, hallPin, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(401);
  });

  it('carries the live feed over wss:// with the pinned options (auth message in, hello out)', async () => {
    const ws = new WebSocket(`${hall.url.replace(/^https/, 'wss')}/api/v1/live`, pinnedWebSocketOptions(hallPin));
    try {
      const hello = await new Promise<{ type: string }>((resolve, reject) => {
        ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: h.token('hall-display') })));
        ws.once('message', (data) => resolve(JSON.parse(String(data)) as { type: string }));
        ws.once('error', reject);
      });
      expect(hello.type).toBe('hello');
    } finally {
      ws.close();
    }
  });

  it('refuses plain http on the TLS port: nothing is served in clear', async () => {
    const plainUrl = hall.url.replace(/^https/, 'http');
    const outcome = await fetch(`${plainUrl}/api/v1/health`).then(
      (r) => `status ${r.status}`,
      (e: Error) => `error ${e.message}`,
    );
    expect(outcome).toMatch(/^error/);
  });

  it('with another certificate pinned, the handshake fails before any request byte (Authorization header included) is sent', async () => {
    const impostor = await generateSelfSignedCertificate({ commonName: 'impostor', now: Date.now() });
    const recorder = await recordingTlsServer(impostor);
    try {
      const headers = { authorization: `Bearer ${h.token('admin')}` };
      // Control: a client pinned to the recorder's own certificate does deliver its request there.
      const control = await request(`${recorder.url}/api/v1/health`, pinnedTlsOptions({ certPem: impostor.certPem }), { headers });
      expect(control.status).toBe(200);
      expect(recorder.received()).toContain('authorization: Bearer');
      const before = recorder.received().length;

      // The terminal pinned to the hall reaches the impostor (an address taken over on the LAN).
      const refused = await request(`${recorder.url}/api/v1/health`, hallPin, { headers }).then(
        () => null,
        (e: NodeJS.ErrnoException) => e,
      );
      expect(refused).not.toBeNull();
      expect(refused!.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
      expect(recorder.received().length).toBe(before);

      // The same over wss://: no upgrade request reaches the impostor.
      const ws = new WebSocket(`${recorder.url.replace(/^https/, 'wss')}/api/v1/live`, pinnedWebSocketOptions(hallPin, { headers }));
      const wsError = await new Promise<Error>((resolve) => ws.once('error', resolve));
      expect(wsError.message).toMatch(/self-signed|unable to verify|certificate/i);
      expect(recorder.received().length).toBe(before);

      // And the other way round: a client pinned to the impostor's certificate refuses the real hall.
      const wrongPin = await request(`${hall.url}/api/v1/health`, pinnedTlsOptions({ certPem: impostor.certPem }), { headers }).then(
        () => null,
        (e: NodeJS.ErrnoException) => e,
      );
      expect(wrongPin?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);

      // Trust on first use with the fingerprint shown on the admin page refuses the impostor too.
      await expect(pinnedTlsOptionsFor(recorder.url, hall.certSha256!)).rejects.toMatchObject({ code: 'pin_mismatch' });
      expect(recorder.received().length).toBe(before);
    } finally {
      await recorder.close();
    }
  });

  it('loads the kiosk page over https in Chromium that trusts only the hall key (--ignore-certificate-errors-spki-list)', async () => {
    const kiosk = hall.pages.find((p) => p.role === 'kiosk')!.url;
    const spki = spkiSha256Base64(fs.readFileSync(path.join(dataDir, TLS_FOLDER, CERT_FILE)));
    const launch = (extra: string[]) =>
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extra],
      });
    const trusting = await launch([`--ignore-certificate-errors-spki-list=${spki}`]);
    try {
      const page = await trusting.newPage();
      // The page's live feed: it must be wss:// and the hall must answer on it.
      const liveFrames: string[] = [];
      const liveUrls: string[] = [];
      page.on('websocket', (ws) => {
        liveUrls.push(ws.url());
        ws.on('framereceived', (frame) => liveFrames.push(String(frame.payload)));
      });
      const response = await page.goto(kiosk);
      expect(response?.status()).toBe(200);
      expect(new URL(page.url()).protocol).toBe('https:');
      // The page's own API calls and live feed work over the same TLS: the department grid comes from the API.
      await expect.poll(() => page.locator('button').count()).toBeGreaterThan(3);
      await expect.poll(() => liveFrames.some((f) => f.includes('"hello"'))).toBe(true);
      expect(liveUrls.length).toBeGreaterThan(0);
      expect(liveUrls.every((u) => u.startsWith('wss://'))).toBe(true);

      // The admin page shows the fingerprint a technician compares at enrolment.
      const admin = await trusting.newPage();
      await admin.goto(hall.pages.find((p) => p.role === 'admin')!.url);
      await admin.getByTestId('sign-in-staff-no').fill('9001');
      await admin.getByTestId('sign-in-pin').fill('1234');
      await admin.getByTestId('sign-in-submit').click();
      const shown = admin.getByTestId('admin-tls-fingerprint');
      await shown.waitFor();
      expect((await shown.innerText()).replace(/\s+/g, ':')).toBe(hall.certSha256);
      await admin.getByTestId('admin-tls').screenshot({ path: artifactPath('tls', 'admin-tls.png') });
    } finally {
      await trusting.close();
    }
    // Control: the same browser without the hall's key hash refuses the page.
    const plain = await launch([]);
    try {
      const page = await plain.newPage();
      const outcome = await page.goto(kiosk).then(
        () => 'loaded',
        (e: Error) => e.message,
      );
      expect(outcome).toMatch(/ERR_CERT/);
    } finally {
      await plain.close();
    }
  });

  it('keeps the same certificate over a restart (terminals stay pinned)', async () => {
    const before = hall.certSha256;
    await h.restart();
    hall = h.hall;
    expect(hall.certSha256).toBe(before);
    expect((await request(`${hall.url}/api/v1/health`, hallPin)).status).toBe(200);
  });
});

describe('hall with its own certificate (lan.tls.certFile / keyFile)', () => {
  it('serves that certificate, and a pinned client ignores the host name (the certificate names another host)', async () => {
    const dataDir = tempDataDir();
    const own = await generateSelfSignedCertificate({ commonName: 'hall.example', now: Date.now(), names: { dns: ['elsewhere.example'], ips: [] } });
    fs.mkdirSync(path.join(dataDir, 'certs'));
    fs.writeFileSync(path.join(dataDir, 'certs', 'hall.crt'), own.certPem);
    fs.writeFileSync(path.join(dataDir, 'certs', 'hall.key'), own.keyPem, { mode: 0o600 });
    const configPath = demoConfigWith((c) => void (c.lan = { tls: { enabled: true, certFile: 'certs/hall.crt', keyFile: 'certs/hall.key' } }));
    const hall = await startHallService({ configPath, dataDir, port: 0 });
    try {
      const pin = pinnedTlsOptions({ certPem: own.certPem });
      expect(hall.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
      expect((await request(`${hall.url}/api/v1/health`, pin)).status).toBe(200);
      // No self-signed certificate was made beside it.
      expect(fs.existsSync(path.join(dataDir, TLS_FOLDER))).toBe(false);
      // Node's own host-name check would refuse 127.0.0.1 for this certificate: the pin is what is checked.
      const byName = await request(`${hall.url}/api/v1/health`, { ca: own.certPem }).then(
        () => 'accepted',
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect(byName).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      await hall.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('TLS off (the default)', () => {
  it('serves plain http on loopback, reports no fingerprint and makes no certificate', async () => {
    const dataDir = tempDataDir();
    const hall = await startHallService({ dataDir, port: 0 });
    try {
      expect(hall.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(hall.certSha256).toBeNull();
      expect(fs.existsSync(path.join(dataDir, TLS_FOLDER))).toBe(false);
      expect((await fetch(`${hall.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await hall.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
