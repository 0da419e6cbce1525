// protocol/tls-pin.ts on its own: fingerprints, pins that contradict their certificate,
// and trust on first use against a real TLS listener and a plain one.
// Mutations tried: normalizeSha256 accepting 63 hex digits (→ "refuses" fails);
// pinnedTlsOptions without the PEM/pin cross-check (→ "contradicts" fails);
// fetchHallCertificate without the protocol check (→ "http://" case fails with a TLS error
// instead of not_tls).
import http from 'node:http';
import tls from 'node:tls';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSelfSignedCertificate, type GeneratedCertificate } from '../../../hall/tls/self-signed.js';
import { certificateSha256, derToPem, fetchHallCertificate, normalizeSha256, pinnedTlsOptions, spkiSha256Base64 } from '../../../protocol/tls-pin.js';

let cert: GeneratedCertificate;
let other: GeneratedCertificate;
beforeAll(async () => {
  cert = await generateSelfSignedCertificate({ commonName: 'hall', now: Date.UTC(2026, 11, 7), names: { dns: ['localhost'], ips: ['127.0.0.1'] } });
  other = await generateSelfSignedCertificate({ commonName: 'hall', now: Date.UTC(2026, 11, 7), names: { dns: ['localhost'], ips: ['127.0.0.1'] } });
});

describe('fingerprints', () => {
  it('normalizes colons and letter case, and refuses what is not 32 bytes of hex', () => {
    const hex = 'ab'.repeat(32);
    expect(normalizeSha256(hex)).toBe(Array(32).fill('AB').join(':'));
    expect(normalizeSha256(` ${Array(32).fill('ab').join(':')} `)).toBe(Array(32).fill('AB').join(':'));
    expect(normalizeSha256('ab'.repeat(31) + 'a')).toBeNull();
    expect(normalizeSha256('zz'.repeat(32))).toBeNull();
  });

  it('is the SHA-256 of the DER bytes, the same from PEM and DER', () => {
    const der = new X509Certificate(cert.certPem).raw;
    expect(certificateSha256(der)).toBe(certificateSha256(cert.certPem));
    expect(certificateSha256(derToPem(der))).toBe(new X509Certificate(cert.certPem).fingerprint256);
    expect(spkiSha256Base64(der)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});

describe('pinnedTlsOptions', () => {
  it('refuses a fingerprint that contradicts the PEM it comes with, or that is not one', () => {
    expect(() => pinnedTlsOptions({ certPem: cert.certPem, sha256: certificateSha256(other.certPem) })).toThrow(/fingerprint is .* not /);
    expect(() => pinnedTlsOptions({ certPem: cert.certPem, sha256: 'AB:CD' })).toThrow(/not a SHA-256 fingerprint/);
    expect(pinnedTlsOptions({ certPem: cert.certPem, sha256: certificateSha256(cert.certPem).toLowerCase() }).rejectUnauthorized).toBe(true);
  });
});

describe('fetchHallCertificate (trust on first use)', () => {
  it('reads the certificate a TLS listener presents and sends it nothing', async () => {
    const received: Buffer[] = [];
    const server = tls.createServer({ cert: cert.certPem, key: cert.keyPem }, (s) => s.on('data', (c: Buffer) => received.push(c)).on('error', () => undefined));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const presented = await fetchHallCertificate(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(presented.sha256).toBe(certificateSha256(cert.certPem));
      expect(presented.spkiSha256).toBe(spkiSha256Base64(cert.certPem));
      expect(certificateSha256(presented.pem)).toBe(presented.sha256);
      await new Promise((resolve) => setImmediate(resolve));
      expect(Buffer.concat(received).length).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses an http:// address or no address at all, and reports a listener that does not speak TLS', async () => {
    await expect(fetchHallCertificate('http://127.0.0.1:1')).rejects.toMatchObject({ code: 'not_tls' });
    await expect(fetchHallCertificate('hall pc 3')).rejects.toMatchObject({ code: 'not_tls' });
    const plain = http.createServer((_req, res) => res.end('hello'));
    plain.listen(0, '127.0.0.1');
    await once(plain, 'listening');
    try {
      await expect(fetchHallCertificate(`https://127.0.0.1:${(plain.address() as AddressInfo).port}`, { timeoutMs: 5000 })).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      plain.closeAllConnections();
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});
