// What the admin page shows about the hall's TLS (GET /api/v1/admin/tls): whether
// the LAN is encrypted and the fingerprint technicians compare when they enrol a
// terminal. The DTO is part of the API contract (hall/api/dto.ts).
// Contract: never the key, never the key's path.
import type { TlsStatusDTO } from '../api/dto.js';
import type { HallTls } from './hall-tls.js';

export function tlsStatus(tls: HallTls | null): TlsStatusDTO {
  if (!tls) return { enabled: false, sha256: null, spkiSha256: null, source: null, notAfter: null };
  return { enabled: true, sha256: tls.sha256, spkiSha256: tls.spkiSha256, source: tls.source, notAfter: tls.notAfter };
}
