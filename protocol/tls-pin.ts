// What a LAN client (device agent, enrolment tool, tests) needs to trust exactly
// one hall certificate: the hall's own, pinned by its SHA-256 fingerprint when
// the terminal was enrolled (docs/security-tls.md).
//
// Contracts:
// - A fingerprint is the SHA-256 of the certificate's DER bytes, written as 32
//   upper-case hex pairs joined by ":" (what Node's X509Certificate.fingerprint256,
//   `openssl x509 -fingerprint -sha256` and the admin page show). Inputs are
//   accepted with or without colons, in any letter case (normalizeSha256).
// - pinnedTlsOptions() trusts the pinned certificate as the only CA and then
//   compares the presented certificate's fingerprint instead of the host name:
//   LAN addresses change, the certificate does not. The TLS handshake fails
//   before the client writes a single byte of its request (no Authorization
//   header, no token) when the hall presents any other certificate.
// - fetchHallCertificate() is trust on first use: it reads the certificate the
//   address presents WITHOUT trusting it and sends no application data. Its
//   answer is worth nothing until a person has compared the fingerprint with the
//   one on the hall's admin page (管理页 → 安全连接).
// Danger: never spread these options together with `rejectUnauthorized: false`:
// Node then skips the pin check and sends the request to whoever answers.
// Node only, no hall imports: the device agent and the Electron main process use it.
import { X509Certificate, createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { ClientOptions } from 'ws';

export class TlsPinError extends Error {
  constructor(
    readonly code: 'bad_fingerprint' | 'pin_mismatch' | 'not_tls' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'TlsPinError';
  }
}

/** "ab:CD…" or "abcd…" (64 hex digits) → "AB:CD:…"; null when it is not a SHA-256 fingerprint. */
export function normalizeSha256(fingerprint: string): string | null {
  const hex = fingerprint.trim().replace(/:/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** The fingerprint of a certificate given as PEM text or DER bytes. Throws on anything that is not one certificate. */
export function certificateSha256(certificate: string | Buffer): string {
  return new X509Certificate(certificate).fingerprint256;
}

/**
 * Base64 SHA-256 of the certificate's SubjectPublicKeyInfo: the form Chromium's
 * `--ignore-certificate-errors-spki-list` and HPKP-style pins use.
 */
export function spkiSha256Base64(certificate: string | Buffer): string {
  const spki = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** DER bytes → PEM text. */
export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The subset of tls.ConnectionOptions pinning needs; spread into https.request, tls.connect or new WebSocket(url, {...}). */
export interface PinnedTlsOptions {
  ca: string;
  rejectUnauthorized: true;
  checkServerIdentity: (hostname: string, cert: tls.PeerCertificate) => Error | undefined;
}

/**
 * Options trusting exactly `certPem`. `sha256`, when given, must be the PEM's own
 * fingerprint (a PEM and a pin that disagree are a configuration error, thrown now).
 */
export function pinnedTlsOptions(pin: { certPem: string; sha256?: string }): PinnedTlsOptions {
  const actual = certificateSha256(pin.certPem);
  if (pin.sha256 !== undefined) {
    const wanted = normalizeSha256(pin.sha256);
    if (wanted === null) throw new TlsPinError('bad_fingerprint', `"${pin.sha256}" is not a SHA-256 fingerprint (64 hex digits)`);
    if (wanted !== actual) throw new TlsPinError('pin_mismatch', `the pinned certificate's fingerprint is ${actual}, not ${wanted}`);
  }
  return {
    ca: pin.certPem,
    rejectUnauthorized: true,
    // Called by Node only after the chain verified against `ca`; the host name is deliberately ignored.
    checkServerIdentity: (_hostname, cert) => {
      const presented = cert.fingerprint256;
      return presented === actual ? undefined : new TlsPinError('pin_mismatch', `the hall presented certificate ${presented ?? '(none)'}, pinned is ${actual}`);
    },
  };
}

/**
 * The pin as options for `new WebSocket(url, …)` from the `ws` package, with any
 * other client options (headers, maxPayload…). ws hands them to tls.connect; its
 * typings declare checkServerIdentity as returning a boolean, which tls.connect
 * does not use (it needs Error | undefined): hence the one cast, here.
 */
export function pinnedWebSocketOptions(pin: PinnedTlsOptions, options: Omit<ClientOptions, 'ca' | 'checkServerIdentity' | 'rejectUnauthorized'> = {}): ClientOptions {
  return { ...options, ...pin } as unknown as ClientOptions;
}

export interface PresentedCertificate {
  pem: string;
  sha256: string;
  /** For Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
}

/**
 * Opens a TLS connection to `url` (https: or wss:), reads the certificate it
 * presents, and closes without sending any application data. Untrusted by
 * design: see the file header. Rejects with TlsPinError('unreachable') on
 * connection errors or after `timeoutMs`.
 */
export function fetchHallCertificate(url: string | URL, options: { timeoutMs?: number } = {}): Promise<PresentedCertificate> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new TlsPinError('not_tls', `"${String(url)}" is not an address`));
  }
  if (target.protocol !== 'https:' && target.protocol !== 'wss:') {
    return Promise.reject(new TlsPinError('not_tls', `${target.origin} is not an https:// or wss:// address`));
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 443);
  return new Promise((resolve, reject) => {
    // SNI only for names: sending an IP address as SNI is not allowed (RFC 6066).
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(net.isIP(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${options.timeoutMs ?? 10_000} ms`)), options.timeoutMs ?? 10_000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      if (!raw) return reject(new TlsPinError('unreachable', `${target.host} presented no certificate`));
      resolve({ pem: derToPem(raw), sha256: certificateSha256(raw), spkiSha256: spkiSha256Base64(raw) });
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(new TlsPinError('unreachable', `cannot read the certificate of ${target.host}: ${err.message}`));
    });
  });
}

/**
 * For a client that stored only the fingerprint (terminal.json's hallCertSha256):
 * fetches the certificate the hall presents now, refuses it unless it is the
 * pinned one, and returns options pinned to it. Every later connection made with
 * these options is checked again by the handshake itself.
 */
export async function pinnedTlsOptionsFor(url: string | URL, sha256: string, options: { timeoutMs?: number } = {}): Promise<PinnedTlsOptions> {
  const wanted = normalizeSha256(sha256);
  if (wanted === null) throw new TlsPinError('bad_fingerprint', `"${sha256}" is not a SHA-256 fingerprint (64 hex digits)`);
  const presented = await fetchHallCertificate(url, options);
  if (presented.sha256 !== wanted) {
    throw new TlsPinError('pin_mismatch', `${new URL(url).host} presented certificate ${presented.sha256}, pinned is ${wanted}: not connecting`);
  }
  return pinnedTlsOptions({ certPem: presented.pem, sha256: wanted });
}
