// Every setting of the `security` section (hall/config/security-schema.ts, docs/security.md),
// set through a configuration file a technician writes, with its effect checked.
// Mutations checked: ignoring the section (pinLockoutOf/pinVerifierOf returning the defaults,
// the enrolment lifetime fixed at 30 minutes, hash-pin without --config) fails the matching case.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfigWith, startHarness, type Harness } from '../../helpers/hall-harness.js';
import { MONDAY_9AM } from '../../helpers/hall-setup.js';
import { ManualTimers } from '../../../hall/runtime/timers.js';
import type { ApiErrorBody } from '../../../hall/api/dto.js';

const run = promisify(execFile);
const mainTs = path.resolve(import.meta.dirname, '../../../hall/main.ts');
const hashPinCli = async (configPath: string, pin: string) => {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', mainTs, 'hash-pin', '--config', configPath, pin]);
    return { code: 0, out: stdout.trim() };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, out: e.stderr.trim() };
  }
};

type Security = Record<string, Record<string, number>>;
const withSecurity = (security: Security, patch: (c: Record<string, unknown>) => void = () => {}) =>
  demoConfigWith((c) => {
    c.security = { pin: { minLength: 4 }, ...security }; // the demo's 4-digit PINs unless the case sets its own
    patch(c);
  });

let h: Harness | null = null;
let timers: ManualTimers;
afterEach(async () => {
  await h?.close();
  h = null;
});
const start = async (configPath: string) => {
  timers = new ManualTimers(MONDAY_9AM);
  h = await startHarness({ configPath, timers });
  return h;
};
const signIn = (hh: Harness, counter: string, staffNo: string, pin: string) =>
  hh.api<ApiErrorBody>('POST', `/api/v1/counters/c0${counter}/session`, { terminal: `counter-${counter}`, body: { staffNo, pin } });
const rejoin = (hh: Harness, staffNo: string, pin: string) => hh.api<ApiErrorBody>('POST', '/api/v1/rejoin', { terminal: 'kiosk-1', body: { number: 'A999', staffNo, pin } });

describe('security section of the hall configuration', () => {
  it('pin.minLength and pinHashing.cost: hash-pin follows them, sign-in refuses shorter PINs and accepts the costlier hash', async () => {
    const policy = withSecurity({ pin: { minLength: 6 }, pinHashing: { cost: 15 } });
    expect((await hashPinCli(policy, '1234')).code).toBe(2);
    const made = await hashPinCli(policy, '246810');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^scrypt\$15\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    // The demo's own policy (minLength 4, cost 14) makes the old three-part hash.
    expect((await hashPinCli(demoConfigWith(() => {}), '1234')).out).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);

    const hall = await start(
      withSecurity({ pin: { minLength: 6 }, pinHashing: { cost: 15 } }, (c) => {
        (c.staff as { staffNo: string; pinHash: string }[]).find((s) => s.staffNo === '1001')!.pinHash = made.out;
      }),
    );
    const short = await signIn(hall, '2', '1002', '1234');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('pin_policy');
    expect((await signIn(hall, '1', '1001', '246810')).status).toBe(200);
  }, 30_000);

  it('pinLockout.staffMaxFailures and lockMinutes', async () => {
    const hall = await start(withSecurity({ pinLockout: { staffMaxFailures: 3, lockMinutes: 2 } }));
    for (let i = 0; i < 3; i++) expect((await signIn(hall, '3', '1003', '0000')).body.error.code).toBe('bad_credentials');
    expect((await signIn(hall, '3', '1003', '1234')).status).toBe(429);
    timers.advance(60_000);
    expect((await signIn(hall, '3', '1003', '1234')).status).toBe(429);
    timers.advance(61_000);
    expect((await signIn(hall, '3', '1003', '1234')).status).toBe(200);
  });

  it('pinLockout.terminalMaxFailures', async () => {
    const hall = await start(withSecurity({ pinLockout: { terminalMaxFailures: 4 } }));
    for (const staffNo of ['1001', '1002', '1003', '1004']) expect((await rejoin(hall, staffNo, '0000')).body.error.code).toBe('bad_credentials');
    expect((await rejoin(hall, '2001', '1234')).status).toBe(429);
  });

  it('pinLockout.windowMinutes: failures older than the window are forgotten', async () => {
    const hall = await start(withSecurity({ pinLockout: { staffMaxFailures: 3, windowMinutes: 1 } }));
    for (let i = 0; i < 2; i++) await signIn(hall, '4', '1004', '0000');
    timers.advance(2 * 60_000);
    for (let i = 0; i < 2; i++) expect((await signIn(hall, '4', '1004', '0000')).body.error.code).toBe('bad_credentials');
    expect((await signIn(hall, '4', '1004', '1234')).status).toBe(200);
  });

  it('enrolment.codeMinutes: a code expires after that long', async () => {
    const hall = await start(withSecurity({ enrolment: { codeMinutes: 5 } }));
    const early = hall.hall.enrolmentCode('kiosk-1');
    const late = hall.hall.enrolmentCode('kiosk-1');
    expect(early.expiresAt - MONDAY_9AM).toBe(5 * 60_000);
    timers.advance(4 * 60_000);
    expect((await hall.api('POST', '/api/v1/enrol', { body: { terminalId: 'kiosk-1', code: early.code } })).status).toBe(200);
    timers.advance(61_000);
    const expired = await hall.api<ApiErrorBody>('POST', '/api/v1/enrol', { body: { terminalId: 'kiosk-1', code: late.code } });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('enrolment_code_expired');
  });
});
