// The hall's certificate and key on disk (hall/tls/hall-tls.ts) and the lan.tls
// configuration, with real files. A kept certificate is what terminals pinned: it must
// never be replaced or rewritten behind the manager's back, and a damaged one must stop
// the start with a message that says what to do, leaving the files as they were.
// Mutations tried: regenerating when the key is missing (→ "stops … key missing" fails:
// the certificate changes); skipping checkPrivateKey (→ "another key" fails); no chmod of a
// kept key (→ "tightens" fails); lan-schema without strictObject (→ the typo test fails).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CERT_FILE, HallTlsError, KEY_FILE, TLS_FOLDER, loadHallTls } from '../../../hall/tls/hall-tls.js';
import { generateSelfSignedCertificate } from '../../../hall/tls/self-signed.js';
import { parseHallConfig } from '../../../hall/config/load.js';
import { startHallService } from '../../../hall/service.js';
import { certificateSha256 } from '../../../protocol/tls-pin.js';
import { demoConfigWith } from '../../helpers/hall-harness.js';

const NOW = Date.UTC(2026, 11, 7, 2, 0);
const context = { now: NOW, commonName: 'ServiceHall test' };
const selfSigned = { enabled: true };
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicehall-tls-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const files = (dataDir: string) => ({ cert: path.join(dataDir, TLS_FOLDER, CERT_FILE), key: path.join(dataDir, TLS_FOLDER, KEY_FILE) });

describe('the self-signed certificate in the data folder', () => {
  it('is made once, then kept byte for byte; only the certificate and key are left in the folder', async () => {
    const dataDir = tempDir();
    const first = await loadHallTls(selfSigned, dataDir, context);
    expect(first.source).toBe('generated');
    const { cert, key } = files(dataDir);
    const bytes = [fs.readFileSync(cert), fs.readFileSync(key)];
    expect(fs.readdirSync(path.dirname(cert)).sort()).toEqual([CERT_FILE, KEY_FILE]);
    expect(first.sha256).toBe(certificateSha256(bytes[0]!));
    // Valid from a day before `now` for 20 years (pinned terminals must not see it expire).
    expect(first.notAfter).toBeGreaterThan(NOW + 19 * 365 * 86_400_000);

    const second = await loadHallTls(selfSigned, dataDir, { ...context, now: NOW + 86_400_000 });
    expect(second).toMatchObject({ source: 'kept', sha256: first.sha256 });
    expect([fs.readFileSync(cert), fs.readFileSync(key)]).toEqual(bytes);
  });

  it('tightens a kept key that someone made readable to others back to 0600', async () => {
    const dataDir = tempDir();
    await loadHallTls(selfSigned, dataDir, context);
    fs.chmodSync(files(dataDir).key, 0o644);
    await loadHallTls(selfSigned, dataDir, context);
    expect(fs.statSync(files(dataDir).key).mode & 0o777).toBe(0o600);
  });

  it('replaces a key left without its certificate (a power cut during the very first start)', async () => {
    const dataDir = tempDir();
    await loadHallTls(selfSigned, dataDir, context);
    fs.rmSync(files(dataDir).cert);
    const made = await loadHallTls(selfSigned, dataDir, context);
    expect(made.source).toBe('generated');
    expect(fs.existsSync(files(dataDir).cert)).toBe(true);
  });

  it('stops with a clear message when the key of a kept certificate is missing, and leaves the certificate alone', async () => {
    const dataDir = tempDir();
    await loadHallTls(selfSigned, dataDir, context);
    const { cert, key } = files(dataDir);
    const before = fs.readFileSync(cert);
    fs.rmSync(key);
    await expect(loadHallTls(selfSigned, dataDir, context)).rejects.toThrow(/has no key beside it.*enrol every terminal again/);
    expect(fs.readFileSync(cert)).toEqual(before);
    expect(fs.existsSync(key)).toBe(false);
  });

  it('stops when the kept certificate is damaged (truncated), leaving it for a restore', async () => {
    const dataDir = tempDir();
    await loadHallTls(selfSigned, dataDir, context);
    const { cert } = files(dataDir);
    const torn = fs.readFileSync(cert, 'utf8').slice(0, 120);
    fs.writeFileSync(cert, torn);
    await expect(loadHallTls(selfSigned, dataDir, context)).rejects.toThrow(/is not a PEM certificate.*Restore it from a backup/);
    expect(fs.readFileSync(cert, 'utf8')).toBe(torn);
  });

  it('stops when the key beside the certificate belongs to another certificate', async () => {
    const dataDir = tempDir();
    await loadHallTls(selfSigned, dataDir, context);
    const other = await generateSelfSignedCertificate({ commonName: 'other', now: NOW, names: { dns: ['localhost'], ips: [] } });
    fs.writeFileSync(files(dataDir).key, other.keyPem);
    await expect(loadHallTls(selfSigned, dataDir, context)).rejects.toThrow(HallTlsError);
    await expect(loadHallTls(selfSigned, dataDir, context)).rejects.toThrow(/is not the private key of/);
  });
});

describe("the hall's own certificate (certFile/keyFile)", () => {
  it('is read from paths relative to the data folder and reported as configured', async () => {
    const dataDir = tempDir();
    const own = await generateSelfSignedCertificate({ commonName: 'own', now: NOW, names: { dns: ['hall.example'], ips: [] } });
    fs.writeFileSync(path.join(dataDir, 'own.crt'), own.certPem);
    fs.writeFileSync(path.join(dataDir, 'own.key'), own.keyPem);
    const tls = await loadHallTls({ enabled: true, certFile: 'own.crt', keyFile: 'own.key' }, dataDir, context);
    expect(tls).toMatchObject({ source: 'configured', sha256: certificateSha256(own.certPem), certFile: path.join(dataDir, 'own.crt') });
  });

  it('names the setting and the file when it cannot be read', async () => {
    const dataDir = tempDir();
    await expect(loadHallTls({ enabled: true, certFile: 'missing.crt', keyFile: 'missing.key' }, dataDir, context)).rejects.toThrow(
      `cannot read lan.tls.certFile ${path.join(dataDir, 'missing.crt')} (ENOENT)`,
    );
  });
});

describe('lan.tls in the configuration file', () => {
  const configText = (lan: unknown) => fs.readFileSync(demoConfigWith((c) => void (c.lan = lan)), 'utf8');

  it('is off when absent', () => {
    const config = parseHallConfig(fs.readFileSync(demoConfigWith(() => undefined), 'utf8'), 'hall.json');
    expect(config.lan.tls.enabled).toBe(false);
  });

  it('refuses a misspelt key instead of silently staying in clear', () => {
    expect(() => parseHallConfig(configText({ tls: { enable: true } }), 'hall.json')).toThrow(/hall\.json: lan\.tls: .*enable/);
  });

  it('wants certFile and keyFile together', () => {
    expect(() => parseHallConfig(configText({ tls: { enabled: true, certFile: 'a.crt' } }), 'hall.json')).toThrow(/lan\.tls\.keyFile: certFile and keyFile go together/);
  });

  it('a hall whose certificate is damaged does not start, says why, and starts again once it is restored', async () => {
    const dataDir = tempDir();
    const configPath = demoConfigWith((c) => void (c.lan = { tls: { enabled: true } }));
    const hall = await startHallService({ configPath, dataDir, port: 0 });
    const pinned = hall.certSha256;
    await hall.close();
    const { cert } = files(dataDir);
    const good = fs.readFileSync(cert);
    fs.writeFileSync(cert, '');
    await expect(startHallService({ configPath, dataDir, port: 0 })).rejects.toThrow(/is not a PEM certificate/);
    fs.writeFileSync(cert, good);
    const again = await startHallService({ configPath, dataDir, port: 0 });
    expect(again.certSha256).toBe(pinned);
    await again.close();
  });
});
