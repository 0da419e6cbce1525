// Makes the hall's self-signed certificate: ECDSA P-256 key from Node's crypto,
// the X.509 structure from @peculiar/x509 (docs/decisions/0005-tls.md says why).
// Contract: the certificate is valid from one day before `now` (clocks on a LAN
// drift) for 20 years: terminals pin it by fingerprint, and Node clients also
// check its dates, so it must not expire in the hall's lifetime. Its names
// (localhost, the machine name, its addresses at generation time) are for people
// and browsers; pinning ignores them because LAN addresses change.
// The library is imported on first use only: a hall without TLS never loads it.
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';

const DAY_MS = 86_400_000;
export const SELF_SIGNED_VALID_YEARS = 20;

export interface GeneratedCertificate {
  certPem: string;
  keyPem: string;
}

/** localhost, the machine name and its non-internal addresses, as certificate names. */
export function localHostNames(): { dns: string[]; ips: string[] } {
  const dns = new Set(['localhost']);
  const host = os.hostname();
  if (/^[A-Za-z0-9.-]{1,253}$/.test(host)) dns.add(host);
  const ips = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && net.isIP(a.address.split('%')[0]!)) ips.add(a.address.split('%')[0]!);
  }
  return { dns: [...dns], ips: [...ips] };
}

export async function generateSelfSignedCertificate(options: { commonName: string; now: number; names?: { dns: string[]; ips: string[] } }): Promise<GeneratedCertificate> {
  await import('reflect-metadata'); // @peculiar/x509 2.x needs a Reflect polyfill loaded before it
  const loaded = await import('@peculiar/x509');
  // Under Node the CommonJS build's names are detected; in the Electron bundle (esbuild, node mode)
  // a dynamic import of CommonJS yields only `default`. Take whichever carries the API.
  const x509 = 'cryptoProvider' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const names = options.names ?? localHostNames();
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // a positive serial number (RFC 5280 4.1.2.2)
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: [{ CN: [options.commonName] }, { O: ['ServiceHall'] }],
    notBefore: new Date(options.now - DAY_MS),
    notAfter: new Date(options.now + SELF_SIGNED_VALID_YEARS * 365 * DAY_MS),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names.dns.map((value) => ({ type: 'dns' as const, value })), ...names.ips.map((value) => ({ type: 'ip' as const, value }))]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }) as string;
  return { certPem: cert.toString('pem') + '\n', keyPem };
}
