// What the admin page shows about the hall's TLS (GET /api/v1/admin/tls): whether
// the LAN is encrypted and the fingerprint technicians compare when they enrol a
// terminal. Browser-safe: the renderer imports the DTO type from here.
// Contract: never the key, never the key's path.
import type { HallTls } from './hall-tls.js';

export interface TlsStatusDTO {
  enabled: boolean;
  /** SHA-256 of the certificate, "AB:CD:…" (32 pairs); null with TLS off. */
  sha256: string | null;
  /** Base64 SHA-256 of the public key (Chromium's --ignore-certificate-errors-spki-list); null with TLS off. */
  spkiSha256: string | null;
  source: HallTls['source'] | null;
  /** End of validity, ms since the epoch; null with TLS off. */
  notAfter: number | null;
}

export function tlsStatus(tls: HallTls | null): TlsStatusDTO {
  if (!tls) return { enabled: false, sha256: null, spkiSha256: null, source: null, notAfter: null };
  return { enabled: true, sha256: tls.sha256, spkiSha256: tls.spkiSha256, source: tls.source, notAfter: tls.notAfter };
}
