// Wrong-PIN limits by terminal AND by staff (hall/api/access.ts, hall/auth/tokens.ts
// PinLockout), against a real hall over HTTP.
// Mutations checked: the old lockout keyed by staff number alone fails "a flood from a
// kiosk …" (the manager's own sign-in at the admin terminal answered 429); dropping the
// "terminal:<id>" key fails "guesses spread across staff numbers …".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/hall-harness.js';
import type { ApiErrorBody } from '../../../hall/api/dto.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const rejoinFrom = (terminal: string, staffNo: string, pin: string) =>
  h.api<ApiErrorBody>('POST', '/api/v1/rejoin', { terminal, body: { number: 'A999', staffNo, pin } });

describe('wrong PINs from a kiosk', () => {
  it('a flood from a kiosk locks the kiosk\'s PIN checks, not the manager\'s sign-in at the admin terminal', async () => {
    // 10 wrong PINs for the manager (9001) through the kiosk's 过号重排 confirmation: five are
    // checked, then the number is locked at shared terminals, and tries against the lock still
    // count for the kiosk.
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await rejoinFrom('kiosk-1', '9001', '0000')).body.error.code);
    expect(codes).toEqual([...Array(5).fill('bad_credentials'), ...Array(5).fill('locked')]);
    // The kiosk is locked now, even for the right PIN of another staff member…
    const locked = await rejoinFrom('kiosk-1', '2001', '1234');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('locked');
    // …and the manager's number is locked at the other terminals that are not the manager's own
    // (a counter terminal: the manager does not work at counters)…
    expect((await h.api('POST', '/api/v1/counters/c02/session', { terminal: 'counter-2', body: { staffNo: '9001', pin: '1234' } })).status).toBe(429);
    // …but the manager still signs in at the admin terminal.
    const admin = await h.api<{ sessionToken: string }>('POST', '/api/v1/admin/session', { terminal: 'admin', body: { staffNo: '9001', pin: '1234' } });
    expect(admin.status).toBe(200);
    expect(admin.body.sessionToken).toBeTruthy();
  });

  it('guesses spread across staff numbers are stopped by the per-terminal limit', async () => {
    const numbers = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '2001', '7777'];
    for (const staffNo of numbers) expect((await rejoinFrom('kiosk-24h', staffNo, '9999')).body.error.code).toBe('bad_credentials');
    // No staff number had more than one failure, yet the kiosk refuses further guesses.
    expect((await rejoinFrom('kiosk-24h', '1008', '8888')).status).toBe(429);
    // Counter staff still sign in at their own counter terminals.
    expect((await h.signIn('c01', '1001')).sessionToken).toBeTruthy();
  });

  it('a counter terminal has its own count for the staff members who work at counters', async () => {
    for (let i = 0; i < 5; i++) expect((await h.api<ApiErrorBody>('POST', '/api/v1/counters/c05/session', { terminal: 'counter-5', body: { staffNo: '1005', pin: '0000' } })).body.error.code).toBe('bad_credentials');
    expect((await h.api('POST', '/api/v1/counters/c05/session', { terminal: 'counter-5', body: { staffNo: '1005', pin: '1234' } })).status).toBe(429);
    // Locked at counter 5 only: the same staff member signs in at counter 6.
    expect((await h.api('POST', '/api/v1/counters/c06/session', { terminal: 'counter-6', body: { staffNo: '1005', pin: '1234' } })).status).toBe(200);
  });
});
