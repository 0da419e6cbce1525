// The hall's TLS identity: the certificate terminals pin and its private key.
//
// Where it comes from (lan.tls in the hall configuration, docs/security-tls.md):
//   certFile + keyFile   the hall's own certificate, read as given ("configured")
//   neither              <data>/tls/hall-cert.pem + hall-key.pem, made at the first
//                        start ("generated") and kept for every later one ("kept")
// Contracts:
// - The key file is mode 0600 and the tls folder 0700; both files are written
//   durably (drivers/durable-file.ts), the key first, the certificate last. So a
//   certificate on disk always has its key beside it, and a power cut during the
//   first start leaves at most a key without a certificate, which is replaced:
//   no terminal can have pinned a certificate that was never written.
// - A certificate that is kept is never replaced silently: terminals have pinned
//   its fingerprint. A damaged certificate, a missing key or a key that does not
//   belong to the certificate stops the start with a message that says what to do.
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import type { LanTlsConfig } from '../config/lan-schema.js';
import { writeFileDurably } from '../../drivers/durable-file.js';
import { generateSelfSignedCertificate } from './self-signed.js';
import { certificateSha256, spkiSha256Base64 } from '../../protocol/tls-pin.js';

export const TLS_FOLDER = 'tls';
export const CERT_FILE = 'hall-cert.pem';
export const KEY_FILE = 'hall-key.pem';

export class HallTlsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HallTlsError';
  }
}

export interface HallTls {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the certificate (AB:CD:…): what terminals pin and the admin page shows. */
  sha256: string;
  /** Base64 SHA-256 of the public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
  source: 'configured' | 'generated' | 'kept';
  certFile: string;
  /** End of validity, ms since the epoch. */
  notAfter: number;
}

export async function loadHallTls(config: LanTlsConfig, dataDir: string, context: { now: number; commonName: string }): Promise<HallTls> {
  if (config.certFile !== undefined && config.keyFile !== undefined) {
    const certFile = path.resolve(dataDir, config.certFile);
    const keyFile = path.resolve(dataDir, config.keyFile);
    return describe(readPem(certFile, 'lan.tls.certFile'), readPem(keyFile, 'lan.tls.keyFile'), certFile, keyFile, 'configured');
  }
  const dir = path.join(dataDir, TLS_FOLDER);
  const certFile = path.join(dir, CERT_FILE);
  const keyFile = path.join(dir, KEY_FILE);
  if (fs.existsSync(certFile)) {
    if (!fs.existsSync(keyFile)) {
      throw new HallTlsError(`the hall certificate ${certFile} has no key beside it (${keyFile}). Restore the key from a backup, or delete ${certFile} to make a new certificate and enrol every terminal again`);
    }
    fs.chmodSync(keyFile, 0o600);
    return describe(readPem(certFile, 'the kept certificate'), readPem(keyFile, 'the kept key'), certFile, keyFile, 'kept');
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const made = await generateSelfSignedCertificate({ commonName: context.commonName, now: context.now });
  writeFileDurably(keyFile, made.keyPem, 0o600);
  writeFileDurably(certFile, made.certPem, 0o644);
  return describe(made.certPem, made.keyPem, certFile, keyFile, 'generated');
}

function readPem(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new HallTlsError(`cannot read ${what} ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

function describe(certPem: string, keyPem: string, certFile: string, keyFile: string, source: HallTls['source']): HallTls {
  let cert: X509Certificate;
  let key: KeyObject;
  try {
    cert = new X509Certificate(certPem);
  } catch (err) {
    throw new HallTlsError(`${certFile} is not a PEM certificate (${(err as Error).message})${source === 'kept' ? '. Restore it from a backup, or delete it and its key to make a new one and enrol every terminal again' : ''}`);
  }
  try {
    key = createPrivateKey(keyPem);
  } catch (err) {
    throw new HallTlsError(`${keyFile} is not a PEM private key (${(err as Error).message})`);
  }
  if (!cert.checkPrivateKey(key)) throw new HallTlsError(`${keyFile} is not the private key of ${certFile}`);
  return {
    certPem,
    keyPem,
    sha256: certificateSha256(certPem),
    spkiSha256: spkiSha256Base64(certPem),
    source,
    certFile,
    notAfter: Date.parse(cert.validTo),
  };
}
