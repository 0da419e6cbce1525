// Whether Chromium may accept a server certificate: the answer the shell gives to
// session.setCertificateVerifyProc (docs/security-tls.md). Pure: the shell wires it,
// tests/unit/electron/tls-pin.test.ts feeds it real and hostile certificates.
//
// Rules, for a terminal that has a pin (terminal.json "hallCertSha256", or the
// master terminal's own hall):
// - the hall's host: accepted exactly when the presented certificate's SHA-256
//   is the pinned one; anything else, including a certificate a public or
//   corporate CA vouches for, is refused. Never handed back to Chromium: that
//   would let a LAN impostor with any trusted certificate take the hall's place.
// - any other host: Chromium's own verification (the shell lets pages reach
//   nothing but the hall anyway).
// Without a pin every certificate gets Chromium's own verification, which
// refuses the hall's self-signed certificate: an https hall needs the pin.
// The host is compared, not the port: Chromium's request names the host only.
import { certificateSha256, normalizeSha256 } from '../protocol/tls-pin.js';

/** Electron's verification results: accept, refuse, or use Chromium's own verdict. */
export const CERTIFICATE_ACCEPT = 0;
export const CERTIFICATE_REFUSE = -2;
export const CERTIFICATE_USE_CHROMIUM = -3;
export type CertificateVerdict = typeof CERTIFICATE_ACCEPT | typeof CERTIFICATE_REFUSE | typeof CERTIFICATE_USE_CHROMIUM;

/** The parts of Electron's CertificateVerifyProc request this decision reads. */
export interface CertificateVerifyRequest {
  hostname: string;
  /** Electron's Certificate: `data` is the PEM of the server's certificate. */
  certificate: { data: string };
}

export interface HallCertificatePin {
  hallOrigin: string;
  /** SHA-256 fingerprint of the hall's certificate (any case, with or without colons); null: no pin. */
  sha256: string | null;
}

/** "[::1]" and "::1", "Hall.LAN" and "hall.lan" name the same host. */
function hostKey(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

export function certificateVerdict(request: CertificateVerifyRequest, pin: HallCertificatePin): CertificateVerdict {
  if (pin.sha256 === null) return CERTIFICATE_USE_CHROMIUM;
  let hallHost: string;
  try {
    hallHost = hostKey(new URL(pin.hallOrigin).hostname);
  } catch {
    return CERTIFICATE_REFUSE; // a pin with an unusable origin trusts nothing
  }
  if (hostKey(request.hostname) !== hallHost) return CERTIFICATE_USE_CHROMIUM;
  const wanted = normalizeSha256(pin.sha256);
  if (wanted === null) return CERTIFICATE_REFUSE;
  let presented: string;
  try {
    presented = certificateSha256(request.certificate.data);
  } catch {
    return CERTIFICATE_REFUSE;
  }
  return presented === wanted ? CERTIFICATE_ACCEPT : CERTIFICATE_REFUSE;
}
