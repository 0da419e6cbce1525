// Enrolment of a terminal's device agent: a one-time code from the manager's
// admin page is exchanged at POST /api/v1/enrol for the terminal's long-lived
// token, which is written to terminal.json (0600) and never printed.
// For an https hall the certificate is pinned first: the agent reads the
// certificate the hall presents and accepts it only if its SHA-256 matches the
// fingerprint the manager read off the admin page (--cert-sha256); the PEM is
// kept so later starts verify without asking anyone (protocol/tls-pin.ts).
import https from 'node:https';
import http from 'node:http';
import { fetchHallCertificate, normalizeSha256, pinnedTlsOptions, TlsPinError, type PinnedTlsOptions } from '../protocol/tls-pin.js';
import type { TerminalFile } from './terminal-file.js';

export class EnrolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolError';
  }
}

export interface EnrolRequest {
  hallUrl: string;
  terminalId: string;
  code: string;
  /** Required for an https hall: the fingerprint shown on the hall's admin page. */
  certSha256?: string;
}

/** Returns the identity fields to merge into terminal.json. */
export async function enrol(request: EnrolRequest): Promise<Pick<TerminalFile, 'hallUrl' | 'terminalId' | 'token' | 'hallCertSha256' | 'hallCertPem'>> {
  const origin = new URL(request.hallUrl).origin;
  let tls: PinnedTlsOptions | null = null;
  let pin: { hallCertSha256: string; hallCertPem: string } | null = null;
  if (origin.startsWith('https:')) {
    const wanted = request.certSha256 ? normalizeSha256(request.certSha256) : null;
    const presented = await fetchHallCertificate(origin).catch((err: Error) => {
      throw new EnrolError('unreachable', err.message);
    });
    if (!wanted) throw new EnrolError('fingerprint_needed', `the hall presents certificate ${presented.sha256}; compare it with the admin page and pass it as --cert-sha256`);
    if (presented.sha256 !== wanted) throw new EnrolError('pin_mismatch', `the hall presented certificate ${presented.sha256}, not ${wanted}: not enrolling (wrong address, or someone in between)`);
    try {
      tls = pinnedTlsOptions({ certPem: presented.pem, sha256: wanted });
    } catch (err) {
      throw new EnrolError(err instanceof TlsPinError ? err.code : 'pin_failed', (err as Error).message);
    }
    pin = { hallCertSha256: wanted, hallCertPem: presented.pem };
  }
  const body = JSON.stringify({ terminalId: request.terminalId, code: request.code.trim() });
  const answer = await post(new URL('/api/v1/enrol', origin), body, tls);
  if (answer.status !== 200) {
    const error = (answer.json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new EnrolError(error?.code ?? `http_${answer.status}`, error?.message ?? `the hall answered ${answer.status}`);
  }
  const token = (answer.json as { token?: unknown }).token;
  if (typeof token !== 'string') throw new EnrolError('bad_answer', 'the hall answered without a token');
  return { hallUrl: origin, terminalId: request.terminalId, token, ...(pin ?? {}) };
}

function post(url: URL, body: string, tls: PinnedTlsOptions | null): Promise<{ status: number; json: unknown }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, timeout: 10_000, ...(tls ?? {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* not JSON: reported by status */
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (err) => reject(new EnrolError('unreachable', `cannot reach ${url.origin}: ${err.message}`)));
    req.end(body);
  });
}
