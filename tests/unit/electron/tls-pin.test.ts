// Electron's certificate decision for the hall (electron/tls-pin.ts), the terminal.json
// field that carries the pin (terminal-identity.ts) and the shell's hook (shell.ts, against
// the fake Electron). Real certificates, made by the hall's own generator.
// Mutations tried: certificateVerdict answering -3 (Chromium's verdict) for a wrong
// certificate on the hall's host → "refuses an impostor" fails; not stripping IPv6
// brackets from the host → the "[::1]" case fails; the shell pinning null for the master
// terminal → "master terminal" fails.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_ACCEPT,
  CERTIFICATE_REFUSE,
  CERTIFICATE_USE_CHROMIUM,
  certificateVerdict,
} from '../../../electron/tls-pin.js';
import { readTerminalIdentity, type TerminalIdentityError } from '../../../electron/terminal-identity.js';
import { startShell, type ShellDeps } from '../../../electron/shell.js';
import type { RunningHall } from '../../../electron/hall-contract.js';
import { generateSelfSignedCertificate, type GeneratedCertificate } from '../../../hall/tls/self-signed.js';
import { certificateSha256 } from '../../../protocol/tls-pin.js';
import { createFakeElectron } from './fake-electron.js';

const NOW = Date.UTC(2026, 11, 7);
let hallCert: GeneratedCertificate;
let impostor: GeneratedCertificate;
let pin: string;

beforeAll(async () => {
  const names = { dns: ['localhost'], ips: ['127.0.0.1'] };
  hallCert = await generateSelfSignedCertificate({ commonName: 'hall', now: NOW, names });
  impostor = await generateSelfSignedCertificate({ commonName: 'hall', now: NOW, names });
  pin = certificateSha256(hallCert.certPem);
});

const request = (hostname: string, cert: GeneratedCertificate | string) => ({ hostname, certificate: { data: typeof cert === 'string' ? cert : cert.certPem } });

describe('certificateVerdict', () => {
  const hallOrigin = 'https://192.168.1.20:8443';

  it('accepts the pinned certificate on the hall host, whatever the fingerprint\'s spelling', () => {
    expect(certificateVerdict(request('192.168.1.20', hallCert), { hallOrigin, sha256: pin })).toBe(CERTIFICATE_ACCEPT);
    expect(certificateVerdict(request('192.168.1.20', hallCert), { hallOrigin, sha256: pin.replace(/:/g, '').toLowerCase() })).toBe(CERTIFICATE_ACCEPT);
  });

  it('refuses an impostor on the hall host (same names, other key) and never defers to Chromium there', () => {
    expect(certificateVerdict(request('192.168.1.20', impostor), { hallOrigin, sha256: pin })).toBe(CERTIFICATE_REFUSE);
  });

  it('refuses what is not a certificate, and a pin that is not a fingerprint', () => {
    expect(certificateVerdict(request('192.168.1.20', 'not a certificate'), { hallOrigin, sha256: pin })).toBe(CERTIFICATE_REFUSE);
    expect(certificateVerdict(request('192.168.1.20', hallCert), { hallOrigin, sha256: 'AB:CD' })).toBe(CERTIFICATE_REFUSE);
    expect(certificateVerdict(request('192.168.1.20', hallCert), { hallOrigin: 'not a url', sha256: pin })).toBe(CERTIFICATE_REFUSE);
  });

  it('leaves other hosts to Chromium, and everything to Chromium without a pin', () => {
    expect(certificateVerdict(request('example.org', impostor), { hallOrigin, sha256: pin })).toBe(CERTIFICATE_USE_CHROMIUM);
    expect(certificateVerdict(request('192.168.1.20', impostor), { hallOrigin, sha256: null })).toBe(CERTIFICATE_USE_CHROMIUM);
  });

  it('matches the host in any letter case and IPv6 with or without brackets', () => {
    expect(certificateVerdict(request('HALL.lan', hallCert), { hallOrigin: 'https://hall.LAN:8443', sha256: pin })).toBe(CERTIFICATE_ACCEPT);
    expect(certificateVerdict(request('::1', impostor), { hallOrigin: 'https://[::1]:8443', sha256: pin })).toBe(CERTIFICATE_REFUSE);
    expect(certificateVerdict(request('[::1]', hallCert), { hallOrigin: 'https://[::1]:8443', sha256: pin })).toBe(CERTIFICATE_ACCEPT);
  });
});

describe('hallCertSha256 in terminal.json', () => {
  const read = (file: Record<string, unknown>, env: Record<string, string> = {}) =>
    readTerminalIdentity({ argv: [], env, cwd: '/srv', userDataDir: '/home/kiosk/.config/servicehall', readTextFile: () => JSON.stringify(file) }).identity;
  const remote = { role: 'kiosk', terminalId: 'kiosk-2', hallUrl: 'https://192.168.1.20:8443', token: 'kioskkioskkiosk02' };

  it('is read and normalised to the admin page\'s spelling', () => {
    expect(read({ ...remote, hallCertSha256: pin.replace(/:/g, '').toLowerCase() })).toMatchObject({ hallOrigin: 'https://192.168.1.20:8443', hallCertSha256: pin });
    expect(read(remote, { SERVICEHALL_HALL_CERT_SHA256: pin })).toMatchObject({ hallCertSha256: pin });
  });

  it('refuses what is not a fingerprint, a pin for an http:// hall, and a pin on the master terminal', () => {
    expect(() => read({ ...remote, hallCertSha256: '12:34' })).toThrow(/hallCertSha256: must be the SHA-256 fingerprint/);
    expect(() => read({ ...remote, hallUrl: 'http://192.168.1.20:8080', hallCertSha256: pin })).toThrow(/is not https:\/\//);
    const error = (() => {
      try {
        read({ role: 'kiosk', startHall: true, hallCertSha256: pin });
      } catch (e) {
        return e as TerminalIdentityError;
      }
      return null;
    })();
    expect(error?.code).toBe('identity_conflict');
  });
});

describe('the shell trusts the hall by its pin', () => {
  const base = (fake: ReturnType<typeof createFakeElectron>, overrides: Partial<ShellDeps>): ShellDeps => ({
    electron: fake.electron,
    argv: [],
    env: {},
    cwd: '/srv',
    preloadPath: '/opt/servicehall/electron/dist/preload.cjs',
    readTextFile: () => null,
    loadHall: async () => {
      throw new Error('no hall here');
    },
    log: { info: () => undefined, error: () => undefined },
    schedule: () => undefined,
    ...overrides,
  });
  const verdictOf = (fake: ReturnType<typeof createFakeElectron>, hostname: string, cert: GeneratedCertificate) => {
    let answer: number | null = null;
    fake.session.certificateVerifyProc!(request(hostname, cert), (v) => (answer = v));
    return answer;
  };

  it('a remote terminal: the fingerprint from terminal.json decides for the hall host', async () => {
    const fake = createFakeElectron();
    const file = JSON.stringify({ role: 'kiosk', terminalId: 'kiosk-2', hallUrl: 'https://192.168.1.20:8443', token: 'kioskkioskkiosk02', hallCertSha256: pin });
    await startShell(base(fake, { readTextFile: () => file }));
    expect(verdictOf(fake, '192.168.1.20', hallCert)).toBe(CERTIFICATE_ACCEPT);
    expect(verdictOf(fake, '192.168.1.20', impostor)).toBe(CERTIFICATE_REFUSE);
  });

  it('the master terminal: the certificate of the hall it started', async () => {
    const fake = createFakeElectron();
    const hall: RunningHall = {
      url: 'https://127.0.0.1:8443',
      pages: [{ terminalId: 'kiosk-1', role: 'kiosk', url: 'https://127.0.0.1:8443/kiosk/#token=kioskkioskkiosk01' }],
      certSha256: pin,
      close: async () => undefined,
    };
    await startShell(base(fake, { argv: ['--role=kiosk', '--start-hall'], loadHall: async () => async () => hall }));
    expect(verdictOf(fake, '127.0.0.1', hallCert)).toBe(CERTIFICATE_ACCEPT);
    expect(verdictOf(fake, '127.0.0.1', impostor)).toBe(CERTIFICATE_REFUSE);
  });
});
